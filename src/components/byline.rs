use leptos::prelude::*;

use crate::app::use_site;

/// "Clinically Reviewed by Dr. …" and the reading time, for a post and its index card.
#[component]
pub fn Byline(reviewer: String, reading_minutes: usize) -> impl IntoView {
    let text = use_site().text.clone();
    view! {
        <p class="byline">
            <span class="reviewed">
                {text.reviewed_by} " " <span class="reviewer">{reviewer}</span>
            </span>
            <span class="reading-time">{reading_minutes} " " {text.reading_time}</span>
        </p>
    }
}

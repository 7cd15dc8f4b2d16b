use leptos::prelude::*;

use crate::context::use_site;
use crate::model::DateLabel;

/// "Clinically Reviewed by Dr. …", when given "Last reviewed …", and the reading time,
/// for a post and its index card.
#[component]
pub fn Byline(
    reviewer: String,
    reading_minutes: usize,
    #[prop(default = None)] reviewed: Option<DateLabel>,
) -> impl IntoView {
    let text = use_site().text.clone();
    let reviewed = reviewed.map(|date| {
        view! {
            <span class="last-reviewed">
                {text.last_reviewed} " " <time datetime=date.iso>{date.text}</time>
            </span>
        }
    });
    view! {
        <p class="byline">
            <span class="reviewed">
                {text.reviewed_by} " " <span class="reviewer">{reviewer}</span>
            </span>
            {reviewed}
            <span class="reading-time">{reading_minutes} " " {text.reading_time}</span>
        </p>
    }
}

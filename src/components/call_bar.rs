use leptos::prelude::*;

use crate::components::phone_link::PhoneLink;
use crate::context::use_site;

/// The phone number, always at hand on phones (CSS shows it below 768 px only).
#[component]
pub fn CallBar() -> impl IntoView {
    let text = use_site().text.clone();
    view! {
        <aside class="call-bar" aria-label=text.call_bar_label>
            <PhoneLink text=text.call_bar class="call-bar-link" />
        </aside>
    }
}

use leptos::prelude::*;

use crate::{browser, page_ids};

/// A link to an element on this page that, like native fragment navigation, also
/// moves keyboard focus there (the router scrolls but does not move focus). The
/// target needs `tabindex="-1"` unless it is focusable already.
#[component]
pub fn InPageLink(
    target: String,
    #[prop(optional)] class: &'static str,
    label: String,
) -> impl IntoView {
    let href = format!("#{target}");
    let on_click = move |_| {
        let target = target.clone();
        _ = request_animation_frame(move || browser::focus(&target));
    };
    view! {
        <a class=class href=href on:click=on_click>
            {label}
        </a>
    }
}

/// The first Tab stop: straight to the page's main content.
#[component]
pub fn SkipLink(label: String) -> impl IntoView {
    view! {
        <InPageLink target=page_ids::MAIN.to_string() class="skip-link" label />
    }
}

use leptos::prelude::*;

use crate::context::use_site;

/// The site's phone number as a `tel:` link; `text` defaults to the number itself.
#[component]
pub fn PhoneLink(
    #[prop(optional, into)] text: Option<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let site = use_site();
    let text = text.unwrap_or_else(|| site.phone.display.clone());
    view! {
        <a class=class href=site.phone.href()>
            {text}
        </a>
    }
}

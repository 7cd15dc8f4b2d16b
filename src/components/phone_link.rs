use leptos::either::EitherOf4;
use leptos::prelude::*;

use crate::app::use_site;
use crate::markup::{self, Inline};
use crate::route;

/// Content text with its inline markup rendered: links, emphasis and `tel:` links.
#[component]
pub fn RichText(#[prop(into)] text: String) -> impl IntoView {
    let site = use_site();
    markup::parse(&text, &site.phone.display)
        .iter()
        .map(inline_view)
        .collect_view()
}

// A plain fn, not a closure: view types built inside it must not borrow `text`.
fn inline_view(part: &Inline<'_>) -> impl IntoView + use<> {
    let text = part.text().to_string();
    match *part {
        Inline::Text(_) => EitherOf4::A(text),
        Inline::Strong(_) => EitherOf4::B(view! { <strong>{text}</strong> }),
        Inline::Link { href, .. } => EitherOf4::C(view! {
            <ContentLink href=href.to_string() label=text />
        }),
        Inline::Phone(_) => EitherOf4::D(view! { <PhoneLink text /> }),
    }
}

/// A link from content. Links that leave the site never send a referrer; site paths
/// (`/…`) are placed below the site's base path.
#[component]
pub fn ContentLink(href: String, label: String) -> impl IntoView {
    let external = href.starts_with("http://") || href.starts_with("https://");
    let href = match href.strip_prefix('/') {
        Some(path) => route::href(path),
        None => href,
    };
    view! {
        <a href=href rel=external.then_some("noopener noreferrer")>
            {label}
        </a>
    }
}

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

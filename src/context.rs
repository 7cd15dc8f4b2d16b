//! What every view shares, provided once by [`crate::app`]: the site data, where the
//! site is mounted, and whether the app has hydrated.

use std::sync::Arc;

use leptos::prelude::*;

use crate::model::Site;
use crate::route::{Base, Page, PageKind};

/// The site data every view reads.
pub fn use_site() -> Arc<Site> {
    expect_context::<Arc<Site>>()
}

/// Where the site is mounted, for the links views write.
pub fn use_base() -> Base {
    expect_context::<Base>()
}

/// The URL of a page in the site's language: `page_href(PageKind::Index(1))` is the
/// language's home page.
pub fn page_href(kind: PageKind) -> String {
    let edition = use_site().edition.clone();
    use_base().href(&Page::new(edition, kind).path())
}

/// `false` in the prerendered HTML and the first client render, `true` once the app
/// has hydrated: state read from the browser (the URL's query) waits until then.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}

/// Keeps `document.title` in step after client-side navigation. The prerendered
/// `<title>` is written by the prerenderer from the same [`Site::document_title`].
pub fn use_document_title(heading: Option<String>) {
    let title = use_site().document_title(heading.as_deref());
    Effect::new(move |_| document().set_title(&title));
}

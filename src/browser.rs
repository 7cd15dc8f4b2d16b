//! Small browser-only helpers for event handlers and effects (never called while
//! rendering, so the first client render matches the prerendered HTML).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

use crate::takeover;

/// Whether the reader asked the system for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}

/// Loads the page at `url` from the server in place of the current history entry (the
/// router's, for the same address), as a link does without the app.
pub fn load_page(url: &str) {
    _ = window().location().replace(url);
}

/// Moves keyboard focus to the element with `id` (which needs `tabindex="-1"` unless
/// it is focusable already).
pub fn focus(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        _ = element.focus();
    }
}

/// Scrolls the element with `id` into view on the next frame (after pending DOM
/// updates), smoothly unless the reader prefers reduced motion.
pub fn reveal(id: String) {
    // Fails only without a window: then there is nothing to scroll.
    _ = request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id) {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Start);
            options.set_behavior(if prefers_reduced_motion() {
                ScrollBehavior::Instant
            } else {
                ScrollBehavior::Smooth
            });
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
}

/// Takes away the notices outside the app about the page as it was served (the saved
/// copy's, [`takeover::PAGE_NOTICE`]): the reader has moved on to another page.
pub fn remove_page_notices() {
    let selector = format!("[{}]", takeover::PAGE_NOTICE);
    while let Ok(Some(notice)) = document().query_selector(&selector) {
        notice.remove();
    }
}

/// Runs `work` in a task of its own after the next frame is painted: what a reader's
/// press changes on screen is shown first, the rest follows.
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    // A frame callback runs before that frame's paint; a timeout queued from it runs
    // after. Both fail only without a window: then there is nothing to paint.
    _ = request_animation_frame(move || {
        _ = set_timeout(work, std::time::Duration::ZERO);
    });
}

/// The current page's URL with `#fragment`, or without any fragment.
pub fn url_with_fragment(fragment: Option<&str>, absolute: bool) -> String {
    let location = window().location();
    let mut url = String::new();
    if absolute {
        url.push_str(&location.origin().unwrap_or_default());
    }
    url.push_str(&location.pathname().unwrap_or_default());
    url.push_str(&location.search().unwrap_or_default());
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

/// The current `#fragment` without `#`.
pub fn current_fragment() -> String {
    window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// Points the address bar at `#fragment` (or none) without scrolling or adding history.
pub fn replace_fragment(fragment: Option<&str>) {
    if let Ok(history) = window().history() {
        let url = url_with_fragment(fragment, false);
        _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Puts `url` (same origin) in the address bar as a new history entry, without the router
/// (which must be told afterwards).
pub fn push_url(url: &str) {
    if let Ok(history) = window().history() {
        _ = history.push_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Puts `url` (same origin) in the address bar in place of the current entry, without the
/// router (which must be told afterwards).
pub fn replace_url(url: &str) {
    if let Ok(history) = window().history() {
        _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Writes `text` to the clipboard; `false` when the browser refuses or has no
/// clipboard API (`navigator.clipboard` is undefined outside secure contexts).
pub async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    let available = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|clipboard| !clipboard.is_undefined());
    if !available {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// The current page's address: origin and path, without query or fragment.
pub fn page_address() -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    format!("{origin}{}", location.pathname().unwrap_or_default())
}

/// How a request for the system's share sheet ended.
pub enum Shared {
    Done,
    /// The reader closed the sheet.
    Cancelled,
    /// No Web Share API here (most desktop browsers), or the browser refused.
    Unavailable,
}

/// Offers `url` to the system's share sheet (the Web Share API, found at run time).
pub async fn share(title: &str, url: &str) -> Shared {
    let navigator = window().navigator();
    let Ok(share) = js_sys::Reflect::get(&navigator, &"share".into())
        .and_then(|share| share.dyn_into::<js_sys::Function>())
    else {
        return Shared::Unavailable;
    };
    let data = js_sys::Object::new();
    _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    let Ok(promise) = share.call1(&navigator, &data) else {
        return Shared::Unavailable;
    };
    match JsFuture::from(js_sys::Promise::from(promise)).await {
        Ok(_) => Shared::Done,
        Err(error)
            if js_sys::Reflect::get(&error, &"name".into())
                .is_ok_and(|name| name.as_string().as_deref() == Some("AbortError")) =>
        {
            Shared::Cancelled
        }
        Err(_) => Shared::Unavailable,
    }
}

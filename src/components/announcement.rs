use leptos::html::Span;
use leptos::prelude::*;

/// The message inside a live region (`role="status"`), announced every time it is set,
/// even when it repeats ("Keep at least two programs selected", "Link copied"). Screen
/// readers announce nodes added to a live region, not text that stays the same, so each
/// update replaces the message with a new node. Empty in the prerendered page: a
/// message only ever answers something the reader did once the app runs.
#[component]
pub fn Announcement(#[prop(into)] message: Signal<String>) -> impl IntoView {
    let region = NodeRef::<Span>::new();
    Effect::new(move |_| {
        let text = message.get();
        let Some(region) = region.get() else { return };
        region.set_text_content(None);
        if !text.is_empty() {
            let node = document()
                .create_element("span")
                .expect("a document creates elements");
            node.set_text_content(Some(&text));
            _ = region.append_child(&node);
        }
    });
    view! { <span node_ref=region></span> }
}

use leptos::prelude::*;

/// The message inside a live region (`role="status"`), announced every time it is set,
/// even when it repeats ("Keep at least two programs selected", "Link copied"). Screen
/// readers announce nodes added to a live region, not text that stays the same, so each
/// update renders the message as a new node (keyed by a count of updates).
#[component]
pub fn Announcement(#[prop(into)] message: Signal<String>) -> impl IntoView {
    let updates = StoredValue::new(0_usize);
    view! {
        <For
            each=move || {
                let text = message.get();
                updates.update_value(|n| *n += 1);
                (!text.is_empty()).then(|| (updates.get_value(), text))
            }
            key=|(update, _)| *update
            children=|(_, text)| view! { <span>{text}</span> }
        />
    }
}

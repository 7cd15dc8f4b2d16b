use leptos::prelude::*;

use crate::components::announcement::Announcement;
use crate::takeover;

/// The status line beside a control that copies an address: says it was copied, or,
/// when the browser refused, where the address is instead. Empty until `copied` is set.
#[component]
pub fn CopyStatus(
    class: &'static str,
    copied: RwSignal<Option<bool>>,
    done: String,
    failed: String,
) -> impl IntoView {
    view! {
        <span class=class role="status" {..takeover::status_line()}>
            <Announcement message=Signal::derive(move || match copied.get() {
                Some(true) => done.clone(),
                Some(false) => failed.clone(),
                None => String::new(),
            }) />
        </span>
    }
}

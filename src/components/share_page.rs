//! A post's "Share" control, for sending the article to someone: the system's share
//! sheet where the browser has one (phones), otherwise the page's address copied, and
//! the reader told so. The address is the page's own, with no query or tracking added.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{self, Shared};
use crate::components::copy_status::CopyStatus;
use crate::context::use_site;
use crate::takeover;

#[component]
pub fn SharePage(title: String) -> impl IntoView {
    let text = use_site().text.share.clone();
    let label = text.label.clone();
    // `Some(copied)` once the address had to be copied instead of shared.
    let copied = RwSignal::new(None::<bool>);
    let share = move |_| {
        let title = title.clone();
        spawn_local(async move {
            let address = browser::page_address();
            copied.set(match browser::share(&title, &address).await {
                Shared::Done | Shared::Cancelled => None,
                Shared::Unavailable => Some(browser::copy_text(&address).await),
            });
        });
    };
    view! {
        <p class="share-page" {..takeover::needs_app()}>
            <button type="button" class="link-button" on:click=share>
                {label}
            </button>
            " "
            <CopyStatus
                class="share-page-status"
                copied
                done=text.copied
                failed=text.copy_failed
            />
        </p>
    }
}

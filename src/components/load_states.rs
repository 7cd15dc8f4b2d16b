use leptos::prelude::*;

use crate::components::phone_link::PhoneLink;
use crate::context::use_site;

/// Shown while a page's content is on its way (client-side navigation only).
#[component]
pub fn Loading() -> impl IntoView {
    let site = use_site();
    view! {
        <p class="loading" role="status">
            {site.text.loading.clone()}
        </p>
    }
}

/// A failed load of a page's content: says so politely, offers the phone and a retry.
#[component]
pub fn LoadFailed(retry: Callback<()>) -> impl IntoView {
    let site = use_site();
    view! {
        <section class="load-error">
            <h1>{site.text.load_error_title.clone()}</h1>
            <p role="status">
                {site.text.load_error_body.clone()} " " <PhoneLink />
            </p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {site.text.retry.clone()}
            </button>
        </section>
    }
}

use leptos::prelude::*;

use crate::app::use_site;
use crate::components::rich_text::PhoneLink;

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

/// A failed content load: says so politely, offers the phone and a retry.
#[component]
pub fn LoadFailed(retry: Callback<()>) -> impl IntoView {
    let site = use_site();
    view! {
        <section class="load-error" role="status">
            <h1>{site.text.load_error_title.clone()}</h1>
            <p>
                {site.text.load_error_body.clone()} " " <PhoneLink />
            </p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {site.text.retry.clone()}
            </button>
        </section>
    }
}

use leptos::either::Either;
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

/// A failed content load: says so politely, offers the phone and a retry. `nested`:
/// inside a page that has its own `<h1>` (the index), so the title is an `<h2>`.
#[component]
pub fn LoadFailed(retry: Callback<()>, #[prop(optional)] nested: bool) -> impl IntoView {
    let site = use_site();
    let title = site.text.load_error_title.clone();
    let heading = if nested {
        Either::Left(view! { <h2>{title}</h2> })
    } else {
        Either::Right(view! { <h1>{title}</h1> })
    };
    view! {
        <section class="load-error">
            {heading}
            <p role="status">
                {site.text.load_error_body.clone()} " " <PhoneLink />
            </p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {site.text.retry.clone()}
            </button>
        </section>
    }
}

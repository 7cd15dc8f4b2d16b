use leptos::prelude::*;

use crate::components::phone_link::PhoneLink;
use crate::context::{page_href, use_document_title, use_site};
use crate::page_ids;
use crate::route::PageKind;

/// Every path that is not a page: a way home and a way to reach a person.
#[component]
pub fn NotFound() -> impl IntoView {
    let site = use_site();
    let home = page_href(PageKind::Index(1));
    use_document_title(Some(site.text.not_found_title.clone()));
    view! {
        <section class="not-found">
            <h1 id=page_ids::TITLE>{site.text.not_found_title.clone()}</h1>
            <p>{site.text.not_found_body.clone()}</p>
            <p>
                <a class="button" href=home>
                    {site.text.not_found_home.clone()}
                </a>
            </p>
            <p>
                {site.text.call_us.clone()} " " <PhoneLink />
            </p>
        </section>
    }
}

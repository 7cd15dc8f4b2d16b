use leptos::prelude::*;

use crate::components::phone_link::PhoneLink;
use crate::context::{page_href, use_site};
use crate::route::PageKind;

/// Brand link home and the always-visible phone number.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = use_site();
    let home = page_href(PageKind::Index(1));
    view! {
        <header class="site-header">
            <nav class="site-nav" aria-label=site.text.site_nav.clone()>
                <a class="brand" href=home>
                    {site.name.clone()}
                </a>
            </nav>
            <p class="header-call">
                <span class="header-call-label">{site.text.call_us.clone()}</span>
                " "
                <PhoneLink class="header-call-link" />
            </p>
        </header>
    }
}

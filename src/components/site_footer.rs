use leptos::prelude::*;

use crate::components::crisis_notice::CrisisNotice;
use crate::context::use_site;

/// The crisis numbers again, and the site's closing lines (Live Sober / Live
/// Connected / organisation / blog).
#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = use_site();
    view! {
        <footer class="site-footer">
            <CrisisNotice />
            {site
                .footer_lines
                .iter()
                .map(|line| view! { <p class="footer-line">{line.clone()}</p> })
                .collect_view()}
        </footer>
    }
}

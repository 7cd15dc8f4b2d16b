use leptos::prelude::*;

use crate::app::use_site;
use crate::components::crisis_notice::CrisisNotice;

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

//! The application root: loads the site data, provides it, and shows the page for the URL.

use std::sync::Arc;

use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_router::WildcardSegment;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;

use crate::components::call_bar::CallBar;
use crate::components::crisis_notice::CrisisNotice;
use crate::components::in_page_link::SkipLink;
use crate::components::load_states::{LoadFailed, Loading};
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::content::use_content;
use crate::context::use_base;
use crate::model::{PageData, Site};
use crate::pages::{index::IndexPage, not_found::NotFound, post::PostPage};
use crate::route::{Base, Page};
use crate::{browser, page_ids};

/// The whole app, mounted at `base`.
#[component]
pub fn App(base: Base) -> impl IntoView {
    let router_base = base.for_router();
    provide_context(base);
    let content = use_content();
    let site = Resource::new_serde_wb(|| (), move |_| content.clone().site());
    view! {
        <Router base=router_base>
            <Suspense>
                {move || Suspend::new(async move {
                    match site.await {
                        Ok(site) => Either::Left(view! { <SiteLayout site=Arc::new(site) /> }),
                        // Unreachable after a successful build: the prerendered page carries the
                        // site data. Kept so a broken deploy still says something.
                        Err(_) => Either::Right(view! { <p role="alert">"Rehab Blog could not load."</p> }),
                    }
                })}
            </Suspense>
        </Router>
    }
}

/// What every page has around it: skip link, header, crisis notice, `<main>` with the
/// current page, footer and call bar. Provides the site data to all of them.
#[component]
fn SiteLayout(site: Arc<Site>) -> impl IntoView {
    let skip = site.text.skip_link.clone();
    provide_context(site);
    view! {
        <SkipLink label=skip />
        <SiteHeader />
        <CrisisNotice top=true />
        <main id=page_ids::MAIN tabindex="-1">
            // One catch-all route: `Page::resolve` decides, so a path served `404.html`
            // (say `/blog/unknown`) renders exactly the not-found page it was prerendered as.
            <Routes fallback=|| ()>
                <Route path=WildcardSegment("any") view=CurrentPage />
            </Routes>
        </main>
        <SiteFooter />
        <CallBar />
    }
}

/// The page for the current URL: the path names a page, and its data (the page's own
/// hydration data, or its JSON after client-side navigation) says what it shows, so a
/// path that does not exist renders the not-found page.
#[component]
fn CurrentPage() -> impl IntoView {
    let base = use_base();
    let location = use_location();
    let page = Memo::new(move |_| location.pathname.with(|path| Page::resolve(path, &base)));
    // After client-side navigation the clicked link is gone: move focus to the new
    // content, as a full page load would start there.
    Effect::new(move |previous: Option<Page>| {
        let current = page.get();
        if previous.is_some_and(|p| p != current) {
            browser::focus(page_ids::MAIN);
        }
        current
    });
    let content = use_content();
    let data = Resource::new_serde_wb(move || page.get(), move |page| content.clone().page(page));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(PageData::Index(listing)) => EitherOf4::A(view! { <IndexPage listing /> }),
                    Ok(PageData::Post(post)) => EitherOf4::B(view! { <PostPage post /> }),
                    Ok(PageData::NotFound) => EitherOf4::C(view! { <NotFound /> }),
                    Err(_) => EitherOf4::D(view! { <LoadFailed retry=Callback::new(move |_| data.refetch()) /> }),
                }
            })}
        </Suspense>
    }
}

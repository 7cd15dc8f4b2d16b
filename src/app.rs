//! The application root: provides the site data and shows the page for the URL.

use std::sync::Arc;

use leptos::either::EitherOf5;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::WildcardSegment;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::hooks::use_location;

use crate::components::call_bar::CallBar;
use crate::components::crisis_notice::CrisisNotice;
use crate::components::hydrate_later::DeferredHydration;
use crate::components::in_page_link::SkipLink;
use crate::components::load_states::{LoadFailed, Loading};
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::content::use_content;
use crate::context::{use_base, use_site};
use crate::model::{PageData, Site};
use crate::pages::{index::IndexPage, not_found::NotFound, post::PostPage};
use crate::route::{Base, Page};
use crate::{browser, page_ids};

/// What `<main>` shows: a page's data, or where its load stands after client-side
/// navigation.
#[derive(Clone, Debug)]
enum Shown {
    Ready(Box<PageData>),
    Loading,
    Failed,
}

/// The whole app, mounted at `base`, showing `page` first, with `site` in its language:
/// the data the page was prerendered from, so the first render is synchronous and
/// matches the HTML. While hydrating, `deferred` collects the regions to hydrate
/// afterwards.
#[component]
pub fn App(
    base: Base,
    site: Arc<Site>,
    page: PageData,
    deferred: DeferredHydration,
) -> impl IntoView {
    let router_base = base.for_router();
    provide_context(base);
    provide_context(deferred);
    let shown = RwSignal::new(Shown::Ready(Box::new(page)));
    view! {
        <Router base=router_base>
            <SiteLayout site shown />
        </Router>
    }
}

/// What every page has around it: skip link, header, crisis notice, `<main>` with the
/// current page, footer and call bar, in the site's language. Provides the site data to
/// all of them.
#[component]
fn SiteLayout(site: Arc<Site>, shown: RwSignal<Shown>) -> impl IntoView {
    let skip = site.text.skip_link.clone();
    provide_context(site);
    view! {
        <SkipLink label=skip />
        <SiteHeader />
        <CrisisNotice top=true />
        <main id=page_ids::MAIN tabindex="-1">
            // One catch-all route: `Page::resolve` decides, so a path served `404.html`
            // (say `/blog/unknown`) renders exactly the not-found page it was prerendered as.
            <FlatRoutes fallback=|| ()>
                <Route path=WildcardSegment("any") view=move || view! { <CurrentPage shown /> } />
            </FlatRoutes>
        </main>
        <SiteFooter />
        <CallBar />
    }
}

/// The page for the current URL. When the path names another page of the same language,
/// its data is fetched (a 404 says it does not exist: the not-found page) and shown when
/// it arrives, unless the reader has moved on by then. A page in another language is
/// loaded whole, as without the app: its whole frame (header, crisis help, footer)
/// speaks that language, and re-rendering the frame in the app would cost every reader
/// 3.6 KB more of wasm (docs/decisions.md) for a move readers rarely make.
#[component]
fn CurrentPage(shown: RwSignal<Shown>) -> impl IntoView {
    let base = use_base();
    let edition = use_site().edition.clone();
    let location = use_location();
    let page = Memo::new(move |_| location.pathname.with(|path| Page::resolve(path, &base)));
    let content = use_content();
    let deferred = expect_context::<DeferredHydration>();
    let load = Callback::new(move |wanted: Page| {
        shown.set(Shown::Loading);
        let content = content.clone();
        spawn_local(async move {
            let loaded = content.page(wanted.clone()).await;
            if page.get_untracked() == wanted {
                shown.set(loaded.map_or(Shown::Failed, |data| Shown::Ready(Box::new(data))));
            }
        });
    });
    Effect::new(move |previous: Option<Page>| {
        let current = page.get();
        if previous.is_some_and(|p| p != current) {
            if current.edition != edition {
                // The router's search has no `?`; its hash keeps its `#`.
                let search = location.search.get_untracked();
                let query = if search.is_empty() {
                    search
                } else {
                    format!("?{search}")
                };
                let url =
                    location.pathname.get_untracked() + &query + &location.hash.get_untracked();
                browser::load_page(&url);
                return current;
            }
            // The page still hydrating (if it was) is gone, and the next renders whole.
            deferred.close();
            // What was said about the page left (that it is a saved copy) is not true of
            // the next.
            browser::remove_page_notices();
            // The clicked link is gone: move focus to the new content, as a full page
            // load would start there.
            browser::focus(page_ids::MAIN);
            load.run(current.clone());
        }
        current
    });
    move || match shown.get() {
        Shown::Ready(data) => match *data {
            PageData::Index(listing) => EitherOf5::A(view! { <IndexPage listing /> }),
            PageData::Post(post) => EitherOf5::B(view! { <PostPage post /> }),
            PageData::NotFound => EitherOf5::C(view! { <NotFound /> }),
        },
        Shown::Loading => EitherOf5::D(view! { <Loading /> }),
        Shown::Failed => EitherOf5::E(view! {
            <LoadFailed retry=Callback::new(move |_| load.run(page.get_untracked())) />
        }),
    }
}

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
use crate::content::{Loaded, use_content};
use crate::context::use_base;
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

/// What the app shows: the page, and the site in the page's language.
#[derive(Clone, Copy)]
struct Showing {
    shown: RwSignal<Shown>,
    site: RwSignal<Arc<Site>>,
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
    let showing = Showing {
        shown: RwSignal::new(Shown::Ready(Box::new(page))),
        site: RwSignal::new(site),
    };
    view! {
        <Router base=router_base>
            <SiteLayout showing />
        </Router>
    }
}

/// What every page has around it: skip link, header, crisis notice, `<main>` with the
/// current page, footer and call bar, all in the site's language. Provides the site
/// data to all of them; a page in another language renders them anew.
#[component]
fn SiteLayout(showing: Showing) -> impl IntoView {
    Effect::new(move |first: Option<()>| {
        let lang = showing.site.with(|site| site.lang.clone());
        if first.is_some() {
            browser::set_document_language(&lang);
            // The element that had focus went with the layout in the other language.
            _ = request_animation_frame(|| browser::focus(page_ids::MAIN));
        }
    });
    move || {
        let site = showing.site.get();
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
                    <Route
                        path=WildcardSegment("any")
                        view=move || view! { <CurrentPage showing /> }
                    />
                </FlatRoutes>
            </main>
            <SiteFooter />
            <CallBar />
        }
    }
}

/// The page for the current URL. When the path names another page, its data (and its
/// language's site, if another) is fetched (a 404 says it does not exist: the not-found
/// page) and shown when it arrives, unless the reader has moved on by then.
#[component]
fn CurrentPage(showing: Showing) -> impl IntoView {
    let Showing { shown, site } = showing;
    let base = use_base();
    let location = use_location();
    let page = Memo::new(move |_| location.pathname.with(|path| Page::resolve(path, &base)));
    let content = use_content();
    let deferred = expect_context::<DeferredHydration>();
    let load = Callback::new(move |wanted: Page| {
        shown.set(Shown::Loading);
        let content = content.clone();
        spawn_local(async move {
            let shown_edition = site.with_untracked(|s| s.edition.clone());
            let loaded = content.page(wanted.clone(), shown_edition).await;
            if page.get_untracked() != wanted {
                return;
            }
            match loaded {
                Ok(Loaded {
                    site: new_site,
                    page: data,
                }) => {
                    shown.set(Shown::Ready(Box::new(data)));
                    if let Some(new_site) = new_site {
                        site.set(Arc::new(new_site));
                    }
                }
                Err(_) => shown.set(Shown::Failed),
            }
        });
    });
    Effect::new(move |previous: Option<Page>| {
        let current = page.get();
        match previous {
            None => {
                // The first render shows the page's own data, in the language of the URL
                // unless a host served the default language's `404.html` for a path in
                // another: then the not-found page is fetched in the URL's language.
                if site.with_untracked(|s| s.edition != current.edition) {
                    load.run(current.clone());
                }
            }
            Some(previous) if previous != current => {
                // The page still hydrating (if it was) is gone, and the next renders whole.
                deferred.close();
                // What was said about the page left (that it is a saved copy) is not true
                // of the next.
                browser::remove_page_notices();
                // The clicked link is gone: move focus to the new content, as a full page
                // load would start there.
                browser::focus(page_ids::MAIN);
                load.run(current.clone());
            }
            Some(_) => {}
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

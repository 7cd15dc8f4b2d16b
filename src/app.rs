//! The application root: loads the site data, provides it, and shows the page for the URL.

use std::sync::Arc;

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::WildcardSegment;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;

use crate::components::call_bar::CallBar;
use crate::components::crisis_notice::CrisisNotice;
use crate::components::in_page_link::SkipLink;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::content::use_content;
use crate::model::Site;
use crate::pages::{index::IndexPage, not_found::NotFound, post::PostPage};
use crate::route::{self, Page};

#[component]
pub fn App() -> impl IntoView {
    let content = use_content();
    let site = Resource::new_serde_wb(|| (), move |_| content.clone().site());
    view! {
        <Router base=route::router_base()>
            <Suspense>
                {move || Suspend::new(async move {
                    match site.await {
                        Ok(site) => Either::Left(view! { <Shell site=Arc::new(site) /> }),
                        // Unreachable after a successful build: the prerendered page carries the
                        // site data. Kept so a broken deploy still says something.
                        Err(_) => Either::Right(view! { <p role="alert">"Rehab Blog could not load."</p> }),
                    }
                })}
            </Suspense>
        </Router>
    }
}

/// Header, the current page and footer.
#[component]
fn Shell(site: Arc<Site>) -> impl IntoView {
    let skip = site.text.skip_link.clone();
    provide_context(site);
    view! {
        <SkipLink label=skip />
        <SiteHeader />
        <CrisisNotice top=true />
        <main id="main" tabindex="-1">
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

/// The page for the current URL.
#[component]
fn CurrentPage() -> impl IntoView {
    let posts = use_site().posts.clone();
    let location = use_location();
    let page = Memo::new(move |_| location.pathname.with(|path| Page::resolve(path, &posts)));
    // After client-side navigation the clicked link is gone: move focus to the new
    // content, as a full page load would start there.
    Effect::new(move |previous: Option<Page>| {
        let current = page.get();
        if previous.is_some_and(|p| p != current) {
            focus_main();
        }
        current
    });
    move || match page.get() {
        Page::Index => EitherOf3::A(view! { <IndexPage /> }),
        Page::Post(slug) => EitherOf3::B(view! { <PostPage slug /> }),
        Page::NotFound => EitherOf3::C(view! { <NotFound /> }),
    }
}

fn focus_main() {
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        _ = main.focus();
    }
}

/// `false` in the prerendered HTML and the first client render, `true` once the app
/// has hydrated: state read from the browser (the URL's query) waits until then.
pub fn use_interactive() -> ReadSignal<bool> {
    let (interactive, set_interactive) = signal(false);
    Effect::new(move |_| set_interactive.set(true));
    interactive
}

/// The site data every view reads (provided by [`Shell`]).
pub fn use_site() -> Arc<Site> {
    expect_context::<Arc<Site>>()
}

/// Keeps `document.title` in step after client-side navigation. The prerendered
/// `<title>` is written by the prerenderer from the same [`Site::document_title`].
pub fn use_document_title(heading: Option<String>) {
    let title = use_site().document_title(heading.as_deref());
    Effect::new(move |_| document().set_title(&title));
}

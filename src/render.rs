//! Server-side rendering to HTML with the app's components, for the prerenderer and
//! native tests: a route as the browser will hydrate it ([`render`]), and what is never
//! hydrated ([`render_static`]: a page's head, the offline page, a post in the feed).

use std::sync::{Arc, Once};

use any_spawner::Executor;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;

use crate::app::{App, AppProps};
use crate::components::hydrate_later::DeferredHydration;
use crate::content::ContentSource;
use crate::model::{HydrationData, Site};
use crate::route::{Base, Page};
use crate::takeover;

/// The HTML for `<body>` and what hydration needs to render it again.
pub struct RenderedPage {
    /// The app in its root element ([`takeover::ROOT`]), which hydration starts from.
    pub body: String,
    /// [`HydrationData`] as JSON: the site and the page's own data.
    pub data_json: String,
}

/// Renders [`App`] mounted at `base` as the browser will hydrate it at `pathname` (base
/// included), from `content` (what the prerenderer compiled and checked). The view is
/// synchronous: it renders from the page's data, as hydration will.
pub fn render(pathname: &str, base: &Base, content: &ContentSource) -> RenderedPage {
    init_executor();
    let owner = Owner::new_root(Some(
        Arc::new(SsrSharedContext::new()) as Arc<dyn SharedContext + Send + Sync>
    ));
    let page = Page::resolve(pathname, base);
    let data = HydrationData {
        site: content.site(&page).clone(),
        page: content.page_data(&page),
    };
    // What hydration will read, written before the view takes the data.
    let data_json = serde_json::to_string(&data).expect("page data serialises");
    let body = owner.with(|| {
        provide_context(RequestUrl::new(pathname));
        provide_context(content.clone());
        let app = App(AppProps {
            base: base.clone(),
            site: Arc::new(data.site),
            page: data.page,
            // Closed: the server renders every region whole.
            deferred: DeferredHydration::default(),
        });
        app.to_html()
    });
    owner.unset();
    RenderedPage {
        body: format!(
            "<div id=\"{}\">{}</div>",
            takeover::ROOT,
            empty_comments(&body, Markers::WellFormed)
        ),
        data_json,
    }
}

/// `view` as HTML that is never hydrated: escaped as the app's is, without the markers
/// hydration needs, and rendered in the contexts the app provides (the site, `base`, the
/// router at `pathname`), so the app's components render as they do in the app.
pub fn render_static<V>(
    pathname: &str,
    base: &Base,
    site: Arc<Site>,
    view: impl FnOnce() -> V + Send + 'static,
) -> String
where
    V: IntoView + 'static,
{
    init_executor();
    let owner = Owner::new_root(None);
    let html = owner.with(|| {
        provide_context(RequestUrl::new(pathname));
        provide_context(base.clone());
        provide_context(site);
        view! { <Router base=base.for_router()>{view()}</Router> }.to_html()
    });
    owner.unset();
    empty_comments(&html, Markers::Removed)
}

/// Leptos spawns its tasks on a global executor, set once per process.
fn init_executor() {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        Executor::init_futures_executor().expect("no other executor was set");
    });
}

/// What becomes of the empty comments, written `<!>`, with which Leptos marks the places
/// hydration must find. HTML parses `<!>` as an empty comment but calls it a parse error
/// ("bogus comment").
#[derive(Clone, Copy)]
enum Markers {
    /// `<!---->`: the same node, written validly, so the DOM hydration walks is the same.
    WellFormed,
    /// Gone, from HTML that is never hydrated.
    Removed,
}

fn empty_comments(html: &str, markers: Markers) -> String {
    let settings = lol_html::RewriteStrSettings {
        document_content_handlers: vec![lol_html::doc_comments!(|comment| {
            if comment.text().is_empty() {
                match markers {
                    Markers::WellFormed => {
                        comment.replace("<!---->", lol_html::html_content::ContentType::Html)
                    }
                    Markers::Removed => comment.remove(),
                }
            }
            Ok(())
        })],
        ..lol_html::RewriteStrSettings::new()
    };
    lol_html::rewrite_str(html, settings).expect("the renderer writes HTML lol_html can read")
}

#[cfg(test)]
mod tests {
    use super::{Markers, empty_comments};

    #[test]
    fn empty_markers_are_written_as_valid_comments_or_removed() {
        let html = "<p>a<!> b<!----><!--kept--></p><!>";
        assert_eq!(
            empty_comments(html, Markers::WellFormed),
            "<p>a<!----> b<!----><!--kept--></p><!---->"
        );
        assert_eq!(
            empty_comments(html, Markers::Removed),
            "<p>a b<!--kept--></p>"
        );
    }
}

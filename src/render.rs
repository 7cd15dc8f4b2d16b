//! Server-side rendering of one route to HTML, for the prerenderer and native tests.

use std::sync::{Arc, Once};

use any_spawner::Executor;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use crate::app::{App, AppProps};
use crate::components::hydrate_later::DeferredHydration;
use crate::content::ContentSource;
use crate::model::HydrationData;
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
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        Executor::init_futures_executor().expect("no other executor was set");
    });

    let owner = Owner::new_root(Some(
        Arc::new(SsrSharedContext::new()) as Arc<dyn SharedContext + Send + Sync>
    ));
    let data = HydrationData {
        site: content.site().clone(),
        page: content.page_data(&Page::resolve(pathname, base)),
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
            well_formed_comments(&body)
        ),
        data_json,
    }
}

/// Leptos marks the places hydration must find with empty comments written `<!>`, which
/// HTML parses as an empty comment but calls a parse error ("bogus comment"). `<!---->`
/// is the same node, written validly: the DOM hydration walks does not change.
fn well_formed_comments(html: &str) -> String {
    let settings = lol_html::RewriteStrSettings {
        document_content_handlers: vec![lol_html::doc_comments!(|comment| {
            if comment.text().is_empty() {
                comment.replace("<!---->", lol_html::html_content::ContentType::Html);
            }
            Ok(())
        })],
        ..lol_html::RewriteStrSettings::new()
    };
    lol_html::rewrite_str(html, settings).expect("the renderer writes HTML lol_html can read")
}

#[cfg(test)]
mod tests {
    use super::well_formed_comments;

    #[test]
    fn empty_markers_are_written_as_valid_comments() {
        assert_eq!(
            well_formed_comments("<p>a<!> b<!----><!--kept--></p><!>"),
            "<p>a<!----> b<!----><!--kept--></p><!---->"
        );
    }
}

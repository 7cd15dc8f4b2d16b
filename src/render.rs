//! Server-side rendering of one route to HTML, for the prerenderer and native tests.

use std::sync::{Arc, Once};

use any_spawner::Executor;
use futures::StreamExt;
use futures::executor::block_on;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use crate::app::{App, AppProps};
use crate::content::ContentSource;
use crate::route::Base;

/// The HTML for `<body>` and the script that hands resolved resources to hydration.
pub struct RenderedPage {
    pub body: String,
    /// JavaScript defining `__RESOLVED_RESOURCES` and friends; must run before the wasm.
    pub resources_js: String,
}

/// Renders [`App`] mounted at `base` as the browser will hydrate it at `pathname` (base
/// included), from `content` (what the prerenderer compiled and checked).
pub fn render(pathname: &str, base: &Base, content: &ContentSource) -> RenderedPage {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        Executor::init_futures_executor().expect("no other executor was set");
    });

    let context = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(
        Arc::clone(&context) as Arc<dyn SharedContext + Send + Sync>
    ));
    // In-order streaming waits for every resource, so the HTML is complete.
    let body = owner.with(|| {
        provide_context(RequestUrl::new(pathname));
        provide_context(content.clone());
        let app = App(AppProps { base: base.clone() });
        block_on(app.to_html_stream_in_order().collect::<String>())
    });
    let body = well_formed_comments(&body);
    let resources_js = context
        .pending_data()
        .map(|data| block_on(data.collect::<String>()))
        .unwrap_or_default();
    owner.unset();
    RenderedPage { body, resources_js }
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

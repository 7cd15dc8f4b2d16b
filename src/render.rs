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
    let resources_js = context
        .pending_data()
        .map(|data| block_on(data.collect::<String>()))
        .unwrap_or_default();
    owner.unset();
    RenderedPage { body, resources_js }
}

//! Rehab Blog: one set of Leptos components, prerendered to static HTML at build
//! time (feature `ssr`) and hydrated in the browser (feature `hydrate`).

// Leptos view types nest deeply; the default limit is too low for the hydrate build.
#![recursion_limit = "256"]

pub mod app;
pub mod browser;
pub mod comparison_state;
pub mod components;
pub mod content;
pub mod context;
pub mod model;
pub mod page_ids;
pub mod pages;
pub mod route;

#[cfg(feature = "ssr")]
pub mod compile;
#[cfg(feature = "ssr")]
pub mod prerender;
#[cfg(feature = "ssr")]
pub mod render;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn log_error(message: &str);
}

/// Takes over the prerendered page, mounted at `base` (`/` or e.g. `/rehab-blog/`), from
/// `data`, the page's [`model::HydrationData`] (its `_data/*.json`, parsed). Called by the
/// page's loader (src/prerender/loader.js) once the wasm is instantiated, in a task of
/// its own.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(base: &str, data: wasm_bindgen::JsValue) {
    // One readable line on panic (message and location) without a stack-trace helper.
    std::panic::set_hook(Box::new(|info| log_error(&info.to_string())));
    let base = route::Base::new(base).unwrap_or_else(|| panic!("unusable base path {base}"));
    let data: model::HydrationData = serde_wasm_bindgen::from_value(data)
        .unwrap_or_else(|error| panic!("unusable page data: {error}"));
    leptos::mount::hydrate_body(move || {
        app::App(app::AppProps {
            base,
            site: std::sync::Arc::new(data.site),
            page: data.page,
        })
    });
}

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
pub mod search;
pub mod takeover;

#[cfg(feature = "ssr")]
pub mod compile;
#[cfg(feature = "ssr")]
pub mod content_hash;
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

/// Reads `data`, the page's [`model::HydrationData`] (its `_data/*.json`, parsed), for
/// the app mounted at `base` (`/` or e.g. `/rehab-blog/`). Called by the page's loader
/// (src/prerender/loader.js) once the wasm is instantiated: the first step of the
/// [`takeover`]. Nothing is taken over yet: decoding the data is a task of its own, and so
/// is each step of the returned [`takeover::Takeover`].
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn prepare(base: &str, data: wasm_bindgen::JsValue) -> takeover::Takeover {
    // One readable line on panic (message and location) without a stack-trace helper.
    std::panic::set_hook(Box::new(|info| log_error(&info.to_string())));
    let base = route::Base::new(base).unwrap_or_else(|| panic!("unusable base path {base}"));
    let data: model::HydrationData = serde_wasm_bindgen::from_value(data)
        .unwrap_or_else(|error| panic!("unusable page data: {error}"));
    takeover::Takeover::new(base, data)
}

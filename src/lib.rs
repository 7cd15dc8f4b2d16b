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
/// its own. The comparison and the FAQ are left for the returned [`PageHydration`],
/// which the loader steps through one task each.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(base: &str, data: wasm_bindgen::JsValue) -> PageHydration {
    // One readable line on panic (message and location) without a stack-trace helper.
    std::panic::set_hook(Box::new(|info| log_error(&info.to_string())));
    let base = route::Base::new(base).unwrap_or_else(|| panic!("unusable base path {base}"));
    let data: model::HydrationData = serde_wasm_bindgen::from_value(data)
        .unwrap_or_else(|error| panic!("unusable page data: {error}"));
    let deferred = components::hydrate_later::DeferredHydration::open();
    let queue = deferred.clone();
    leptos::mount::hydrate_body(move || {
        app::App(app::AppProps {
            base,
            site: std::sync::Arc::new(data.site),
            page: data.page,
            deferred,
        })
    });
    PageHydration {
        regions: queue.take().into_iter(),
    }
}

/// The regions of the page left to hydrate, in page order.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub struct PageHydration {
    regions: std::vec::IntoIter<components::hydrate_later::Region>,
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
impl PageHydration {
    /// Hydrates the next region; `false` once every region is. `next()` in JavaScript.
    #[wasm_bindgen(js_name = next)]
    pub fn hydrate_next(&mut self) -> bool {
        self.regions.next().map(|region| region()).is_some()
    }
}

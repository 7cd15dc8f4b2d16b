//! The contract between the app and the page's loader (`src/prerender/loader.js`): how a
//! prerendered page is taken over, and the attributes that mark what needs the app.
//!
//! **The markup.** The app is rendered into, and hydrated from, the element [`ROOT`]; what
//! sits outside it (the service worker's notice on a saved copy, see [`PAGE_NOTICE`]) is
//! never walked by hydration. Inside it, the views mark what the loader must find before
//! the app runs, with the attributes below and nothing else: no class name is shared.
//! Adding an interactive region is one edit in Rust: render it with
//! [`interactive_region`](crate::components::hydrate_later::interactive_region) and put its
//! buttons in an element with [`needs_app`] (and a [`status_line`] in it for the loader to
//! speak in); the loader and the stylesheet need no change.
//!
//! **The steps.** [`Takeover`] (browser only) takes the page over in steps, one
//! main-thread task each, so that none is long on a slow phone: most of a step's time is
//! the engine compiling the wasm functions it runs for the first time. The loader calls
//! them by name, in this order, each in a task of its own:
//! 1. `prepare(base, data)` (in `lib.rs`): the page's data is read;
//! 2. [`render`](Takeover::render): the app's components run and build the view (no node
//!    is touched; the router listens for link clicks from here on);
//! 3. [`hydrate_page`](Takeover::hydrate_page): the view takes the page over, except the
//!    regions left for later;
//! 4. [`hydrate_region`](Takeover::hydrate_region), until it returns `false`: one region
//!    each (a post's body, then the comparison and the FAQ in it); the last call
//!    completes the hydration.
//!
//! A step called out of turn panics, naming both: a step added here and not to the loader
//! (or the reverse) fails every end-to-end test rather than shifting the others.

use leptos::tachys::html::attribute::custom::{CustomAttr, custom_attribute};

/// The id of the element the app is rendered into and hydrated from.
pub const ROOT: &str = "app";
/// On a region the reader interacts with, hydrated in a task of its own
/// ([`interactive_region`](crate::components::hydrate_later::interactive_region)): the
/// loader fetches the app as soon as one comes near the screen.
pub const REGION: &str = "data-app-region";
/// On a group of controls that only work with the app (hidden without it): a press on one
/// of its buttons before the app is ready is kept by the loader and replayed.
pub const NEEDS_APP: &str = "data-needs-app";
/// On the status line (a live region) of a [`NEEDS_APP`] group: where the loader says
/// that a kept press will take effect once the app is ready.
pub const STATUS: &str = "data-app-status";
/// On a notice outside [`ROOT`] about the page as it was served (the service worker's
/// "saved copy"): gone once the reader navigates to another page in the app.
pub const PAGE_NOTICE: &str = "data-page-notice";

/// [`NEEDS_APP`], spread onto a group of controls: `<p {..needs_app()}>`.
pub fn needs_app() -> CustomAttr<&'static str, bool> {
    custom_attribute(NEEDS_APP, true)
}

/// [`STATUS`], spread onto the status line of a group of controls.
pub fn status_line() -> CustomAttr<&'static str, bool> {
    custom_attribute(STATUS, true)
}

/// [`PAGE_NOTICE`], spread onto a notice about the page as it was served.
pub fn page_notice() -> CustomAttr<&'static str, bool> {
    custom_attribute(PAGE_NOTICE, true)
}

#[cfg(feature = "hydrate")]
pub use steps::Takeover;

/// The steps, in the browser.
///
/// Framework internals they rely on, to recheck on every Leptos upgrade (they are what
/// `leptos::mount::hydrate_from` does in one go, cut in two):
/// - `hydration_context::HydrateSharedContext::new()` as the root owner's shared context,
///   and `SharedContext::hydration_complete()` once the last region is hydrated;
/// - `tachys::hydration::Cursor::new(element)` and `PositionState::default()` to hydrate a
///   view (`RenderHtml::hydrate::<true>`) from an element's first child, here and in
///   `components/hydrate_later.rs`;
/// - a hydrated view's state and its owner are kept alive by forgetting them (the page
///   lives as long as the tab), as `UnmountHandle::forget` does.
#[cfg(feature = "hydrate")]
mod steps {
    use std::sync::Arc;

    use any_spawner::Executor;
    use hydration_context::{HydrateSharedContext, SharedContext};
    use leptos::prelude::*;
    use leptos::tachys::hydration::Cursor;
    use leptos::tachys::view::{PositionState, RenderHtml};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::wasm_bindgen;

    use crate::app::{App, AppProps};
    use crate::components::hydrate_later::DeferredHydration;
    use crate::model::HydrationData;
    use crate::route::Base;

    /// Where the takeover stands.
    enum Stage {
        Prepared(Base, Box<HydrationData>),
        /// The app's view, built and not yet in the page.
        Rendered(Box<dyn FnOnce() -> DeferredHydration>),
        /// The page is the app's but for the regions left.
        PageHydrated(DeferredHydration),
        Complete,
    }

    impl Stage {
        fn name(&self) -> &'static str {
            match self {
                Stage::Prepared(..) => "prepare",
                Stage::Rendered(_) => "render",
                Stage::PageHydrated(_) => "hydratePage",
                Stage::Complete => "the last hydrateRegion",
            }
        }
    }

    /// A prerendered page being taken over by the app (see the module's documentation).
    #[wasm_bindgen]
    pub struct Takeover {
        stage: Stage,
        context: Arc<HydrateSharedContext>,
    }

    impl Takeover {
        pub fn new(base: Base, data: HydrationData) -> Self {
            Takeover {
                stage: Stage::Prepared(base, Box::new(data)),
                context: Arc::new(HydrateSharedContext::new()),
            }
        }

        /// Moves the takeover on from the stage `step` needs.
        fn advance(&mut self, step: &str, next: impl FnOnce(Stage) -> Option<Stage>) {
            let stage = std::mem::replace(&mut self.stage, Stage::Complete);
            let name = stage.name();
            match next(stage) {
                Some(stage) => self.stage = stage,
                None => panic!("takeover: {step}() called after {name}"),
            }
        }
    }

    #[wasm_bindgen]
    impl Takeover {
        /// Runs the app's components on the page's data in a new reactive root, building
        /// the view that [`hydrate_page`](Self::hydrate_page) puts in the page.
        pub fn render(&mut self) {
            let context = Arc::clone(&self.context);
            self.advance("render", |stage| match stage {
                Stage::Prepared(base, data) => Some(Stage::Rendered(render(base, *data, context))),
                _ => None,
            });
        }

        /// Hydrates the view into the app's root element, leaving the regions rendered with
        /// `hydrate_later` for [`hydrate_region`](Self::hydrate_region).
        #[wasm_bindgen(js_name = hydratePage)]
        pub fn hydrate_page(&mut self) {
            self.advance("hydratePage", |stage| match stage {
                Stage::Rendered(hydrate) => Some(Stage::PageHydrated(hydrate())),
                _ => None,
            });
        }

        /// Hydrates the next region left; `false` once none is (the reader may also have
        /// navigated away, which drops them): the hydration is then complete.
        #[wasm_bindgen(js_name = hydrateRegion)]
        pub fn hydrate_region(&mut self) -> bool {
            let mut hydrated = false;
            let context = Arc::clone(&self.context);
            self.advance("hydrateRegion", |stage| match stage {
                Stage::PageHydrated(regions) => Some(match regions.next() {
                    Some(region) => {
                        region();
                        hydrated = true;
                        Stage::PageHydrated(regions)
                    }
                    None => {
                        context.hydration_complete();
                        Stage::Complete
                    }
                }),
                _ => None,
            });
            hydrated
        }
    }

    /// Runs the app's components in a new reactive root (as `hydrate_from` does) and
    /// returns what hydrates the resulting view into the root element.
    fn render(
        base: Base,
        data: HydrationData,
        context: Arc<HydrateSharedContext>,
    ) -> Box<dyn FnOnce() -> DeferredHydration> {
        // Effects and tasks run on wasm-bindgen-futures; an Err only says it already does.
        _ = Executor::init_wasm_bindgen();
        let owner = Owner::new_root(Some(context));
        let deferred = DeferredHydration::open();
        let HydrationData { site, page } = data;
        let view = owner.with(|| {
            App(AppProps {
                base,
                site: Arc::new(site),
                page,
                deferred: deferred.clone(),
            })
            .into_view()
        });
        Box::new(move || {
            let root = document()
                .get_element_by_id(super::ROOT)
                .expect("the page has the app's root element");
            let state = owner.with(|| {
                view.hydrate::<true>(
                    &Cursor::new(root.unchecked_into()),
                    &PositionState::default(),
                )
            });
            // The page lives as long as the tab: its root and nodes are never unmounted.
            std::mem::forget(state);
            std::mem::forget(owner);
            deferred
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{NEEDS_APP, REGION, STATUS};

    /// The loader and the stylesheet query the attributes by name: a renamed attribute
    /// must be renamed there too.
    #[test]
    fn the_loader_and_the_stylesheet_use_the_contract() {
        let loader = include_str!("prerender/loader.js");
        for attribute in [REGION, NEEDS_APP, STATUS] {
            assert!(
                loader.contains(&format!("[{attribute}]")),
                "loader.js queries [{attribute}]"
            );
        }
        let style = include_str!("../style/main.css");
        assert!(
            style.contains(&format!("[{NEEDS_APP}]")),
            "main.css hides [{NEEDS_APP}] without the app"
        );
    }
}

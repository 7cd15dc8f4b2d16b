//! Taking the prerendered page over in steps, one main-thread task each, so that none is
//! long on a slow phone: most of a step's time is the engine compiling the wasm
//! functions it runs for the first time. The steps, in order: render the app (its
//! components run and build the view), hydrate that view into the page except the
//! regions rendered with [`hydrate_later`](crate::components::hydrate_later) (a post's
//! body, then the comparison and the FAQ in it), then each of those regions. This is
//! Leptos's `hydrate_body` cut in two, with the same root. The router listens for link
//! clicks from the first step: the loader keeps them from it until the second is done.

use std::sync::Arc;

use any_spawner::Executor;
use hydration_context::HydrateSharedContext;
use leptos::prelude::*;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::{PositionState, RenderHtml};
use wasm_bindgen::JsCast;

use crate::app::{App, AppProps};
use crate::components::hydrate_later::DeferredHydration;
use crate::model::HydrationData;
use crate::route::Base;

/// Where the takeover stands; each step leaves the next.
enum Step {
    Render(Base, Box<HydrationData>),
    /// The rendered view: hydrating it returns the regions left.
    Hydrate(Box<dyn FnOnce() -> DeferredHydration>),
    Regions(DeferredHydration),
}

/// The page left to take over. The loader calls `next()` once per task until it
/// returns `false`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub struct PageHydration {
    step: Step,
}

impl PageHydration {
    pub fn new(base: Base, data: HydrationData) -> Self {
        PageHydration {
            step: Step::Render(base, Box::new(data)),
        }
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
impl PageHydration {
    /// Runs the next step; `false` once there is none left. `next()` in JavaScript.
    #[wasm_bindgen(js_name = next)]
    pub fn run_next(&mut self) -> bool {
        let done = Step::Regions(DeferredHydration::default());
        self.step = match std::mem::replace(&mut self.step, done) {
            Step::Render(base, data) => Step::Hydrate(render(base, data)),
            Step::Hydrate(hydrate) => Step::Regions(hydrate()),
            Step::Regions(regions) => {
                let Some(region) = regions.next() else {
                    return false;
                };
                region();
                Step::Regions(regions)
            }
        };
        true
    }
}

/// Runs the app's components in a new reactive root (as `hydrate_body` does) and
/// returns what hydrates the resulting view into `<body>`.
fn render(base: Base, data: Box<HydrationData>) -> Box<dyn FnOnce() -> DeferredHydration> {
    // Effects and tasks run on wasm-bindgen-futures; an Err only says it already does.
    _ = Executor::init_wasm_bindgen();
    let owner = Owner::new_root(Some(Arc::new(HydrateSharedContext::new())));
    let deferred = DeferredHydration::open();
    let HydrationData { site, page } = *data;
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
        let state = owner.with(|| {
            view.hydrate::<true>(
                &Cursor::new(document().body().expect("a body").unchecked_into()),
                &PositionState::default(),
            )
        });
        // The page lives as long as the tab: its root and nodes are never unmounted.
        std::mem::forget(state);
        std::mem::forget(owner);
        deferred
    })
}

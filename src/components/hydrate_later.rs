//! Hydration in several tasks. Most of a hydration's time is the engine compiling each
//! wasm function the first time it runs, so one task that takes over the whole page is
//! long on a slow phone. The page is taken over in one task except the regions rendered
//! with [`hydrate_later`] or [`interactive_region`] (a post's body, and within it the
//! comparison and the FAQ),
//! each of which is hydrated afterwards in a task of its own; a press on one of their
//! controls in the meantime is kept by the loader until every region is hydrated.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::{PositionState, RenderHtml};

use crate::takeover;

/// Hydrates one region.
pub type Region = Box<dyn FnOnce() + Send>;

/// The regions waiting to be hydrated, in the order they were rendered (a region found
/// while hydrating another comes after those already waiting). Open while the app
/// takes the page over; closed once every region is hydrated or the reader navigates
/// away, and always on the server: a region rendered then is rendered whole, at once.
#[derive(Clone, Default)]
pub struct DeferredHydration(Arc<Mutex<Option<VecDeque<Region>>>>);

impl DeferredHydration {
    pub fn open() -> Self {
        DeferredHydration(Arc::new(Mutex::new(Some(VecDeque::new()))))
    }

    /// The next region to hydrate; `None`, closing the queue, once there is none.
    pub fn next(&self) -> Option<Region> {
        let mut queue = self.0.lock().ok()?;
        let region = queue.as_mut()?.pop_front();
        if region.is_none() {
            *queue = None;
        }
        region
    }

    /// Drops the regions still waiting (their page is gone) and renders any later
    /// region whole.
    pub fn close(&self) {
        if let Ok(mut queue) = self.0.lock() {
            *queue = None;
        }
    }

    fn is_open(&self) -> bool {
        self.0.lock().is_ok_and(|queue| queue.is_some())
    }

    fn push(&self, region: Region) {
        if let Ok(Some(queue)) = self.0.lock().as_deref_mut() {
            queue.push_back(region);
        }
    }
}

/// `view` in a `<div>` of its own. While the page is being hydrated, that `<div>` is
/// taken over empty (its prerendered content stays as it is) and `view` is hydrated
/// into it later, in the owner it was rendered in, so it reads the same contexts and is
/// cleaned up with the page.
pub fn hydrate_later<V, F>(view: F) -> impl IntoView
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    deferred_region(false, view)
}

/// [`hydrate_later`] for a region the reader interacts with (its controls marked
/// [`takeover::NEEDS_APP`]): marked [`takeover::REGION`], so the loader fetches the app
/// as soon as it comes near the screen.
pub fn interactive_region<V, F>(view: F) -> impl IntoView
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    deferred_region(true, view)
}

fn deferred_region<V, F>(interactive: bool, view: F) -> impl IntoView
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    let mark = custom_attribute(takeover::REGION, interactive);
    let deferred = use_context::<DeferredHydration>().unwrap_or_default();
    if !deferred.is_open() {
        return Either::Right(view! { <div {..mark}>{view()}</div> });
    }
    let region = NodeRef::<Div>::new();
    let owner = Owner::current().expect("rendered inside the app");
    deferred.push(Box::new(move || {
        // Gone if the reader has already left the page.
        let Some(element) = region.get_untracked() else {
            return;
        };
        owner.with(|| {
            let cursor = Cursor::new(element.into());
            let state = view()
                .into_view()
                .hydrate::<true>(&cursor, &PositionState::default());
            // Lives as long as the owner: dropped, with its effects, when the page goes.
            StoredValue::new_local(state);
        });
    }));
    Either::Left(view! { <div {..mark} node_ref=region></div> })
}

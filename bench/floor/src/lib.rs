//! The floor: the least a hydrated Leptos 0.9 app with our crates ships. A router with
//! two routes (`FlatRoutes`, as ours), content fetched with the browser's fetch and
//! decoded by its JSON parser and serde-wasm-bindgen into a signal (as ours is after client-side navigation), one
//! toggle. Measured by `make bench`, never deployed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Site {
    name: String,
}

async fn fetch_site() -> Result<Site, u16> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let window = web_sys::window().ok_or(0u16)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str("/content/site.json"))
        .await
        .map_err(|_| 0u16)?
        .unchecked_into();
    if !response.ok() {
        return Err(response.status());
    }
    let json = response.json().map_err(|_| 1u16)?;
    let value = JsFuture::from(json).await.map_err(|_| 1u16)?;
    serde_wasm_bindgen::from_value(value).map_err(|_| 1u16)
}

#[component]
fn App() -> impl IntoView {
    let name = RwSignal::new(String::new());
    spawn_local(async move {
        if let Ok(site) = fetch_site().await {
            name.set(site.name);
        }
    });
    view! {
        <Router>
            <header>
                {move || name.get()}
                <nav>
                    <a href="/">"Home"</a>
                    <a href="/post/">"Post"</a>
                </nav>
            </header>
            <main>
                <FlatRoutes fallback=|| "Not found">
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/post/") view=Post />
                </FlatRoutes>
            </main>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    view! { <h1>"Home"</h1> }
}

#[component]
fn Post() -> impl IntoView {
    let (shown, set_shown) = signal(true);
    view! {
        <h1>"Post"</h1>
        <button
            aria-pressed=move || shown.get().to_string()
            on:click=move |_| set_shown.update(|s| *s = !*s)
        >
            "Toggle"
        </button>
        <Show when=move || shown.get()>
            <p>"Shown"</p>
        </Show>
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn log_error(message: &str);
}

// As ours: one console line on panic, no stack-trace helper.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn hydrate() {
    std::panic::set_hook(Box::new(|info| log_error(&info.to_string())));
    leptos::mount::hydrate_body(App);
}

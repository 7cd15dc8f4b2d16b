use leptos::prelude::*;

/// A two-state button (`aria-pressed` as "true"/"false"). It needs the app: pressed
/// before the app is ready, the press is kept and replayed (src/prerender/loader.js).
#[component]
pub fn ToggleButton(
    #[prop(into)] pressed: Signal<bool>,
    #[prop(into)] label: Signal<String>,
    on_toggle: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="toggle"
            aria-pressed=move || if pressed.get() { "true" } else { "false" }
            on:click=move |_| on_toggle.run(())
        >
            {move || label.get()}
        </button>
    }
}

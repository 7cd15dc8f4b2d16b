use leptos::prelude::*;

/// A two-state button (`aria-pressed` as "true"/"false"). Prerendered disabled: it
/// needs the app, so it is inert until `interactive` turns true after hydration.
#[component]
pub fn ToggleButton(
    #[prop(into)] pressed: Signal<bool>,
    #[prop(into)] label: Signal<String>,
    interactive: ReadSignal<bool>,
    on_toggle: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="toggle"
            aria-pressed=move || if pressed.get() { "true" } else { "false" }
            disabled=move || !interactive.get()
            on:click=move |_| on_toggle.run(())
        >
            {move || label.get()}
        </button>
    }
}

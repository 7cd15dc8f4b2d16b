use std::sync::Arc;

use leptos::ev;
use leptos::html::Details;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlDetailsElement;

use crate::browser;
use crate::components::copy_status::CopyStatus;
use crate::components::phone_link::PhoneLink;
use crate::context::use_site;
use crate::model::FaqItem;
use crate::takeover;

/// Questions and answers as native disclosures (`<details>`): they open before
/// hydration and without JavaScript. Once interactive: deep links (`#faq-…`) open
/// their question, opening one puts its link in the address bar, each answer has a
/// copy-link button, and one control expands or collapses them all.
#[component]
pub fn Faq(items: Vec<FaqItem>) -> impl IntoView {
    let text = use_site().text.faq.clone();

    let open: Arc<Vec<RwSignal<bool>>> =
        Arc::new(items.iter().map(|_| RwSignal::new(false)).collect());
    let ids: Arc<Vec<String>> = Arc::new(items.iter().map(|item| item.id.clone()).collect());

    open_deep_links(Arc::clone(&open), ids);

    let all_open = Memo::new({
        let open = Arc::clone(&open);
        move |_| open.iter().all(|o| o.get())
    });
    let toggle_all = {
        let open = Arc::clone(&open);
        move |_| {
            let target = !all_open.get_untracked();
            open.iter().for_each(|o| o.set(target));
        }
    };

    view! {
        <div class="faq">
            // A plain button whose label says what it will do: a toggle's label must not
            // change with its state.
            <p class="faq-controls" {..takeover::needs_app()}>
                <button
                    type="button"
                    class="toggle-all"
                    on:click=toggle_all
                >
                    {move || {
                        if all_open.get() { text.collapse_all.clone() } else { text.expand_all.clone() }
                    }}
                </button>
            </p>
            {items
                .into_iter()
                .zip(open.iter().copied())
                .map(|(item, open)| view! { <FaqEntry item open /> })
                .collect_view()}
        </div>
    }
}

/// Deep links: the address bar's fragment names a question, on load and whenever
/// only the fragment changes (typed, or Back/Forward between fragments): it opens, and
/// on a change scrolls into view. On load the browser has already scrolled to it, and
/// the reader may have scrolled on while the app was loading: scrolling back then would
/// pull them away from what they are reading. Read from the browser, not the router,
/// which does not see `replace_fragment`. A history step that also changes the query
/// (a comparison change) is not a deep link.
fn open_deep_links(open: Arc<Vec<RwSignal<bool>>>, ids: Arc<Vec<String>>) {
    let question_named = move |fragment: &str| {
        ids.iter()
            .position(|id| id == fragment)
            .map(|i| (open[i], ids[i].clone()))
    };
    // In an effect: browser only, after hydration.
    Effect::new(move |_| {
        if let Some((open, _)) = question_named(&browser::current_fragment()) {
            open.set(true);
        }
        let question_named = question_named.clone();
        let listener = window_event_listener(ev::hashchange, move |ev| {
            let page = |url: String| url.split('#').next().unwrap_or_default().to_string();
            if page(ev.old_url()) != page(ev.new_url()) {
                return;
            }
            if let Some((open, id)) = question_named(&browser::current_fragment()) {
                open.set(true);
                browser::reveal(id);
            }
        });
        on_cleanup(move || listener.remove());
    });
}

/// One question and its answer.
#[component]
fn FaqEntry(item: FaqItem, open: RwSignal<bool>) -> impl IntoView {
    let id = item.id;
    let question_id = format!("{id}-question");
    // A click (or Enter/Space) on the question, before the details element toggles.
    let on_summary_click = {
        let id = id.clone();
        move |_| {
            if !open.get_untracked() {
                browser::replace_fragment(Some(&id));
            } else if browser::current_fragment() == id {
                browser::replace_fragment(None);
            }
        }
    };
    let call = item.call.map(|text| {
        view! {
            <p class="faq-call">
                <PhoneLink text class="button" />
            </p>
        }
    });
    let copy = view! { <CopyLink id=id.clone() question_id=question_id.clone() /> };
    // A reader may open answers natively before the app takes over: start from the DOM.
    let details = NodeRef::<Details>::new();
    Effect::new(move |_| {
        if details.get().is_some_and(|d| d.open()) {
            open.set(true);
        }
    });
    view! {
        <details
            node_ref=details
            class="faq-item"
            id=id
            open=move || open.get()
            on:toggle=move |ev| open.set(event_target::<HtmlDetailsElement>(&ev).open())
        >
            <summary on:click=on_summary_click>
                <h3 class="faq-question" id=question_id>
                    {item.question}
                </h3>
            </summary>
            <div class="faq-answer">
                <div class="prose" inner_html=item.answer.0></div>
                {call}
                {copy}
            </div>
        </details>
    }
}

/// Copies the link to one answer and says whether it worked.
#[component]
fn CopyLink(id: String, question_id: String) -> impl IntoView {
    let text = use_site().text.faq.clone();
    let result = RwSignal::new(None::<bool>);
    let copy = move |_| {
        let id = id.clone();
        spawn_local(async move {
            let copied = browser::copy_text(&browser::url_with_fragment(Some(&id), true)).await;
            if !copied {
                browser::replace_fragment(Some(&id));
            }
            result.set(Some(copied));
        });
    };
    view! {
        <p class="faq-copy" {..takeover::needs_app()}>
            <button
                type="button"
                class="link-button"
                aria-describedby=question_id
                on:click=copy
            >
                {text.copy_link.clone()}
            </button>
            " "
            <CopyStatus
                class="faq-copy-status"
                copied=result
                done=text.copied
                failed=text.copy_failed
            />
        </p>
    }
}

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

use crate::browser;
use crate::comparison_state::{COMPARE_KEY, ComparisonState, DIFF_KEY};
use crate::components::announcement::Announcement;
use crate::components::toggle_button::ToggleButton;
use crate::context::{use_hydrated, use_site};
use crate::model::{Comparison, ComparisonRow};
use crate::page_ids;

/// The levels-of-care comparison: a real table (caption, column and row headers) plus
/// controls to choose programs and hide identical rows. The state lives in the URL.
///
/// The prerendered HTML is the article's own table; the URL's state is applied only
/// after hydration, so the first client render matches the server's.
#[component]
pub fn ComparisonTable(table: Comparison) -> impl IntoView {
    let table = Arc::new(table);
    let hydrated = use_hydrated();

    // The router's location, not the route's URL: FlatRoutes (0.9.0-rc1) leaves a route's
    // URL as it was when the path changes within the same route, as every page here does.
    let query = use_location().query;
    let state = Memo::new({
        let table = Arc::clone(&table);
        move |_| {
            if !hydrated.get() {
                return ComparisonState::default_for(&table);
            }
            query.with(|q| {
                ComparisonState::from_query(&table, q.get_str(COMPARE_KEY), q.get_str(DIFF_KEY))
            })
        }
    });
    // The reader's own changes: only then does the status name the programs, so
    // loading a shared link only says how many rows it hides. `notice` is the
    // two-program minimum warning.
    let touched = RwSignal::new(false);
    let notice = RwSignal::new(false);
    let status = status_line(Arc::clone(&table), state, touched, notice);
    let apply = apply_to_url(Arc::clone(&table), touched, notice);

    view! {
        <div class="comparison">
            <ComparisonControls table=Arc::clone(&table) state apply status />
            <table>
                <caption>{table.caption.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{table.feature_heading.clone()}</th>
                        {
                            let table = Arc::clone(&table);
                            move || {
                                state
                                    .get()
                                    .selected
                                    .iter()
                                    .map(|id| view! { <th scope="col">{program_name(&table, id).to_string()}</th> })
                                    .collect_view()
                            }
                        }
                    </tr>
                </thead>
                <tbody>
                    {table
                        .rows
                        .iter()
                        .map(|row| view! { <Row table=Arc::clone(&table) row=row.clone() state /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// What the status line says: the minimum warning, the programs compared (once the
/// reader changed something) and how many rows are hidden.
fn status_line(
    table: Arc<Comparison>,
    state: Memo<ComparisonState>,
    touched: RwSignal<bool>,
    notice: RwSignal<bool>,
) -> Signal<String> {
    let text = use_site().text.comparison.clone();
    Signal::derive(move || {
        let state = state.get();
        let names: Vec<&str> = state
            .selected
            .iter()
            .map(|id| program_name(&table, id))
            .collect();
        let parts = [
            notice.get().then(|| text.minimum.clone()),
            touched.get().then(|| text.comparing_sentence(&names)),
            text.hidden_sentence(state.hidden_rows(&table)),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
    })
}

/// Applies the reader's change: the next state goes to the URL (the table follows the
/// URL), or, when the change would leave fewer than two programs (`None`), the
/// minimum warning is shown.
fn apply_to_url(
    table: Arc<Comparison>,
    touched: RwSignal<bool>,
    notice: RwSignal<bool>,
) -> Callback<Option<ComparisonState>> {
    let navigate = use_navigate();
    let pathname = use_location().pathname;
    Callback::new(move |next: Option<ComparisonState>| {
        notice.set(next.is_none());
        let Some(next) = next else { return };
        touched.set(true);
        let query: Vec<String> = next
            .to_query(&table)
            .into_iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        let mut url = pathname.get_untracked();
        if !query.is_empty() {
            url = format!("{url}?{}", query.join("&"));
        }
        // The reader is at the table now: an FAQ link left in the address bar would make
        // Back to this entry jump down to that answer (Chromium and WebKit scroll to the
        // fragment of the entry they return to).
        if !browser::current_fragment().is_empty() {
            browser::replace_fragment(None);
        }
        navigate(
            &url,
            // The pathname already carries the base: do not resolve it against it again.
            NavigateOptions {
                resolve: false,
                scroll: false,
                ..Default::default()
            },
        );
    })
}

/// Program toggles, the only-differences switch and the status line.
#[component]
fn ComparisonControls(
    table: Arc<Comparison>,
    state: Memo<ComparisonState>,
    apply: Callback<Option<ComparisonState>>,
    status: Signal<String>,
) -> impl IntoView {
    let text = use_site().text.comparison.clone();
    let toggles = table
        .programs
        .iter()
        .map(|program| {
            let id = program.id.clone();
            let pressed = Signal::derive({
                let id = id.clone();
                move || state.with(|s| s.is_selected(&id))
            });
            let table = Arc::clone(&table);
            let on_toggle = Callback::new(move |_| {
                apply.run(state.with_untracked(|s| s.toggle(&table, &id)).ok())
            });
            view! { <ToggleButton pressed label=program.name.clone() on_toggle /> }
        })
        .collect_view();
    let on_diff = Callback::new(move |_| {
        let mut next = state.get_untracked();
        next.only_differences = !next.only_differences;
        apply.run(Some(next));
    });
    view! {
        <div class="comparison-controls needs-js">
            <div class="toggle-group" role="group" aria-labelledby=page_ids::COMPARISON_PROGRAMS>
                <span class="toggle-group-label" id=page_ids::COMPARISON_PROGRAMS>
                    {text.programs_label.clone()}
                </span>
                {toggles}
            </div>
            <ToggleButton
                pressed=Signal::derive(move || state.with(|s| s.only_differences))
                label=text.only_differences.clone()
                on_toggle=on_diff
            />
            <p class="comparison-status" role="status">
                <Announcement message=status />
            </p>
        </div>
    }
}

/// One feature row: hidden by "only differences" when every value is the same,
/// and then also labelled in text (not by colour alone).
#[component]
fn Row(table: Arc<Comparison>, row: ComparisonRow, state: Memo<ComparisonState>) -> impl IntoView {
    let same_label = use_site().text.comparison.same.clone();
    let row = Arc::new(row);
    let same = {
        let row = Arc::clone(&row);
        Memo::new(move |_| !state.with(|s| s.row_differs(&row)))
    };
    let hidden = {
        let row = Arc::clone(&row);
        move || state.with(|s| s.hides(&row))
    };
    let cells = {
        let row = Arc::clone(&row);
        move || {
            state
                .get()
                .selected
                .iter()
                .map(|id| {
                    let cell = row.cell(id).cloned().unwrap_or_default();
                    view! { <td data-label=program_name(&table, id).to_string() inner_html=cell.0></td> }
                })
                .collect_view()
        }
    };
    view! {
        <tr class:same=same hidden=hidden>
            <th scope="row">
                {row.feature.clone()}
                {move || same.get().then(|| view! { <span class="same-tag">{same_label.clone()}</span> })}
            </th>
            {cells}
        </tr>
    }
}

fn program_name<'a>(table: &'a Comparison, id: &str) -> &'a str {
    table
        .programs
        .iter()
        .find(|p| p.id == id)
        .map_or("", |p| p.name.as_str())
}

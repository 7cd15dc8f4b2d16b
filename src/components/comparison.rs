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
use crate::{page_ids, takeover};

/// The levels-of-care comparison: a real table (caption, column and row headers) plus
/// controls to choose programs and hide identical rows. The state lives in the URL.
///
/// Every program has its column, hidden while it is not selected: a change only sets
/// `hidden` on cells, never builds or rewrites them. The prerendered HTML shows the
/// article's own table; the URL's state is applied only after hydration, so the first
/// client render matches the server's.
#[component]
pub fn ComparisonTable(table: Comparison) -> impl IntoView {
    let table = Arc::new(table);
    let hydrated = use_hydrated();

    // The router's location, not the route's URL: FlatRoutes (0.9.0-rc1) leaves a route's
    // URL as it was when the path changes within the same route, as every page here does.
    let query = use_location().query;
    // The reader's change until the URL carries it (see `apply_change`).
    let pending = RwSignal::new(None::<ComparisonState>);
    let state = Memo::new({
        let table = Arc::clone(&table);
        move |_| {
            if !hydrated.get() {
                return ComparisonState::default_for(&table);
            }
            if let Some(pending) = pending.get() {
                return pending;
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
    let apply = apply_change(Arc::clone(&table), pending, touched, notice);

    view! {
        <div class="comparison">
            <ComparisonControls table=Arc::clone(&table) state apply status />
            <table>
                <caption>{table.caption.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{table.feature_heading.clone()}</th>
                        {table
                            .programs
                            .iter()
                            .map(|program| {
                                let hidden = unselected(state, program.id.clone());
                                view! { <th scope="col" hidden=hidden>{program.name.clone()}</th> }
                            })
                            .collect_view()}
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

/// Applies the reader's change: the table shows the next state at once, and the address
/// bar carries it at once too (a reload right after the press keeps it): a new history
/// entry for the first press of a frame, the same entry for the others. The router is told
/// after that frame is painted (its navigation is work the reader does not see). When the
/// change would leave fewer than two programs (`None`), the minimum warning is shown.
fn apply_change(
    table: Arc<Comparison>,
    pending: RwSignal<Option<ComparisonState>>,
    touched: RwSignal<bool>,
    notice: RwSignal<bool>,
) -> Callback<Option<ComparisonState>> {
    let navigate = use_navigate();
    let pathname = use_location().pathname;
    Callback::new(move |next: Option<ComparisonState>| {
        notice.set(next.is_none());
        let Some(next) = next else { return };
        touched.set(true);
        let page = pathname.get_untracked();
        let first_of_frame = pending.get_untracked().is_none();
        let url = state_url(&table, &next, &page);
        if first_of_frame {
            // The reader is at the table now: an FAQ link left in the address bar would
            // make Back to this entry jump down to that answer (Chromium and WebKit scroll
            // to the fragment of the entry they return to).
            if !browser::current_fragment().is_empty() {
                browser::replace_fragment(None);
            }
            browser::push_url(&url);
        } else {
            browser::replace_url(&url);
        }
        pending.set(Some(next));
        if !first_of_frame {
            return;
        }
        let navigate = navigate.clone();
        let table = Arc::clone(&table);
        browser::after_next_paint(move || {
            // Gone with its page, or the reader left for another page since.
            let Some(latest) = pending.try_get_untracked().flatten() else {
                return;
            };
            pending.set(None);
            if pathname.get_untracked() != page {
                return;
            }
            // The entry is the address bar's already: the router takes it over.
            navigate(
                &state_url(&table, &latest, &page),
                // The pathname already carries the base: do not resolve it against it
                // again.
                NavigateOptions {
                    resolve: false,
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        });
    })
}

/// The address of `page` showing `state`: the table follows the URL.
fn state_url(table: &Comparison, state: &ComparisonState, page: &str) -> String {
    let query: Vec<String> = state
        .to_query(table)
        .into_iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    if query.is_empty() {
        page.to_string()
    } else {
        format!("{page}?{}", query.join("&"))
    }
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
        <div class="comparison-controls" {..takeover::needs_app()}>
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
            <p class="comparison-status" role="status" {..takeover::status_line()}>
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
    let cells = table
        .programs
        .iter()
        .map(|program| {
            let cell = row.cell(&program.id).cloned().unwrap_or_default();
            let column_hidden = unselected(state, program.id.clone());
            view! { <td data-label=program.name.clone() hidden=column_hidden inner_html=cell.0></td> }
        })
        .collect_view();
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

/// Whether the program's column is hidden: while it is not selected.
fn unselected(
    state: Memo<ComparisonState>,
    id: String,
) -> impl Fn() -> bool + Send + Sync + 'static {
    move || state.with(|s| !s.is_selected(&id))
}

fn program_name<'a>(table: &'a Comparison, id: &str) -> &'a str {
    table
        .programs
        .iter()
        .find(|p| p.id == id)
        .map_or("", |p| p.name.as_str())
}

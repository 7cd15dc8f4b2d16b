use leptos::prelude::*;

use crate::components::rich_text::RichText;
use crate::model::Comparison;

/// The levels-of-care comparison as a real table (caption, column and row headers).
#[component]
pub fn ComparisonTable(table: Comparison) -> impl IntoView {
    let programs: Vec<_> = table.default_programs().cloned().collect();
    let header = programs
        .iter()
        .map(|p| view! { <th scope="col">{p.name.clone()}</th> })
        .collect_view();
    let rows = table
        .rows
        .into_iter()
        .map(|row| {
            let cells = programs
                .iter()
                .map(|p| {
                    let text = row.values.get(&p.id).cloned().unwrap_or_default();
                    view! {
                        <td data-label=p.name.clone()>
                            <RichText text />
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{row.feature}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="comparison">
            <table>
                <caption>{table.caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{table.feature_heading}</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

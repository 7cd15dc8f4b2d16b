use leptos::either::Either;
use leptos::prelude::*;

use crate::context::use_site;

/// Emergency numbers (988, 911, SAMHSA), then the lines for readers of other languages
/// (988 in Spanish), styled unlike the sales call to action.
/// `top`: the complementary region under the header; else a copy (the footer's, offline.html's).
#[component]
pub fn CrisisNotice(#[prop(optional)] top: bool) -> impl IntoView {
    let crisis = use_site().crisis.clone();
    let lines = crisis
        .lines
        .into_iter()
        .map(|line| view! { <li inner_html=line.0></li> })
        .collect_view();
    let other_languages = crisis
        .other_languages
        .into_iter()
        .map(|other| view! { <li lang=other.lang inner_html=other.line.0></li> })
        .collect_view();
    let content = view! {
        <p class="crisis-title">{crisis.title}</p>
        <ul class="crisis-lines">{lines}{other_languages}</ul>
    };
    if top {
        Either::Left(view! {
            <aside class="crisis crisis-top" aria-label=crisis.label>
                {content}
            </aside>
        })
    } else {
        Either::Right(view! { <div class="crisis crisis-footer">{content}</div> })
    }
}

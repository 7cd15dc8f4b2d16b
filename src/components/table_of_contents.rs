use leptos::prelude::*;

use crate::app::use_site;
use crate::components::in_page_link::InPageLink;
use crate::model::Section;

/// Links to the article's sections (those with a heading).
#[component]
pub fn TableOfContents(sections: Vec<Section>) -> impl IntoView {
    let title = use_site().text.toc_title.clone();
    let items = sections
        .iter()
        .filter_map(|s| s.heading.clone())
        .map(|heading| view! { <li><InPageLink target=heading.id label=heading.text /></li> })
        .collect_view();
    view! {
        <nav class="toc" aria-labelledby="toc-title">
            <p class="toc-title" id="toc-title">{title}</p>
            <ol>{items}</ol>
        </nav>
    }
}

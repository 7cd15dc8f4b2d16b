use leptos::prelude::*;

use crate::components::in_page_link::InPageLink;
use crate::context::use_site;
use crate::model::Section;
use crate::page_ids;

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
        <nav class="toc" aria-labelledby=page_ids::TOC_TITLE>
            <p class="toc-title" id=page_ids::TOC_TITLE>{title}</p>
            <ol>{items}</ol>
        </nav>
    }
}

use leptos::prelude::*;

use crate::app::use_site;
use crate::components::comparison::ComparisonTable;
use crate::components::faq::Faq;
use crate::components::rich_text::RichText;
use crate::model::{Block, Post, Section};

/// A whole post: title, review byline, sections, disclaimer.
#[component]
pub fn Article(post: Post) -> impl IntoView {
    let site = use_site();
    let minutes = post.reading_minutes();
    view! {
        <article class="post">
            <header class="post-header">
                <h1 id="title">{post.title}</h1>
                <p class="byline">
                    <span class="reviewed">
                        {site.text.reviewed_by.clone()} " "
                        <span class="reviewer">{post.reviewer}</span>
                    </span>
                    <span class="reading-time">
                        {minutes} " " {site.text.reading_time.clone()}
                    </span>
                </p>
            </header>
            {post
                .sections
                .into_iter()
                .map(|section| view! { <SectionView section /> })
                .collect_view()}
            <footer class="disclaimer">
                <p>{post.disclaimer}</p>
            </footer>
        </article>
    }
}

/// One section: an `<h2>` (absent for the introduction) and its blocks.
#[component]
fn SectionView(section: Section) -> impl IntoView {
    let anchor = section.anchor();
    let blocks = section
        .blocks
        .into_iter()
        .map(|block| view! { <BlockView block /> })
        .collect_view();
    match (section.heading, anchor) {
        (Some(heading), Some(anchor)) => view! {
            <section class="post-section" aria-labelledby=anchor.clone()>
                <h2 id=anchor.clone()>{heading}</h2>
                {blocks}
            </section>
        }
        .into_any(),
        _ => view! { <div class="post-intro">{blocks}</div> }.into_any(),
    }
}

/// Blocks are type-erased: one enum of deep view types would overflow the compiler.
#[component]
fn BlockView(block: Block) -> AnyView {
    match block {
        Block::Paragraph { text } => view! {
            <p>
                <RichText text />
            </p>
        }
        .into_any(),
        Block::List { items } => view! {
            <ul>
                {items
                    .into_iter()
                    .map(|text| view! { <li><RichText text /></li> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        Block::Quote { text, cite } => view! {
            <figure class="quote">
                <blockquote>
                    <p>{text}</p>
                </blockquote>
                <figcaption>{cite}</figcaption>
            </figure>
        }
        .into_any(),
        Block::Comparison(table) => view! { <ComparisonTable table /> }.into_any(),
        Block::Faq { items } => view! { <Faq items /> }.into_any(),
        Block::CallToAction { text } => view! {
            <p class="call-to-action">
                <RichText text />
            </p>
        }
        .into_any(),
    }
}

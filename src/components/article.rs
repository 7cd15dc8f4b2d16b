use leptos::either::{Either, EitherOf6};
use leptos::prelude::*;

use crate::components::byline::Byline;
use crate::components::comparison::ComparisonTable;
use crate::components::faq::Faq;
use crate::components::rich_text::RichText;
use crate::components::table_of_contents::TableOfContents;
use crate::model::{Block, Post, Section};

/// A whole post: title, review byline, sections, disclaimer.
#[component]
pub fn Article(post: Post) -> impl IntoView {
    let minutes = post.reading_minutes();
    // The table of contents follows the introduction (the sections without a heading).
    let intro_len = post
        .sections
        .iter()
        .take_while(|s| s.heading.is_none())
        .count();
    let toc = view! { <TableOfContents sections=post.sections.clone() /> };
    let mut sections = post.sections;
    let rest = sections.split_off(intro_len);
    let intro = sections
        .into_iter()
        .map(|section| view! { <SectionView section /> })
        .collect_view();
    let rest = rest
        .into_iter()
        .map(|section| view! { <SectionView section /> })
        .collect_view();
    view! {
        <article class="post">
            <header class="post-header">
                <h1 id="title">{post.title}</h1>
                <Byline reviewer=post.reviewer reading_minutes=minutes />
            </header>
            {intro}
            {toc}
            {rest}
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
        (Some(heading), Some(anchor)) => Either::Left(view! {
            <section class="post-section">
                <h2 id=anchor.clone() tabindex="-1">
                    {heading}
                </h2>
                {blocks}
            </section>
        }),
        _ => Either::Right(view! { <div class="post-intro">{blocks}</div> }),
    }
}

#[component]
fn BlockView(block: Block) -> impl IntoView {
    match block {
        Block::Paragraph { text } => EitherOf6::A(view! {
            <p>
                <RichText text />
            </p>
        }),
        Block::List { items } => EitherOf6::B(view! {
            <ul>
                {items
                    .into_iter()
                    .map(|text| view! { <li><RichText text /></li> })
                    .collect_view()}
            </ul>
        }),
        Block::Quote { text, cite } => EitherOf6::C(view! {
            <figure class="quote">
                <blockquote>
                    <p>{text}</p>
                </blockquote>
                <figcaption>{cite}</figcaption>
            </figure>
        }),
        Block::Comparison(table) => EitherOf6::D(view! { <ComparisonTable table /> }),
        Block::Faq { items } => EitherOf6::E(view! { <Faq items /> }),
        Block::CallToAction { text } => EitherOf6::F(view! {
            <p class="call-to-action">
                <RichText text />
            </p>
        }),
    }
}

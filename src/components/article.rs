use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::components::byline::Byline;
use crate::components::comparison::ComparisonTable;
use crate::components::faq::Faq;
use crate::components::hydrate_later::{hydrate_later, interactive_region};
use crate::components::language_switch::LanguageSwitch;
use crate::components::share_page::SharePage;
use crate::components::table_of_contents::TableOfContents;
use crate::model::{Block, Html, Post, Section};
use crate::page_ids;

/// A whole post: title, review byline, sections, disclaimer. Below the header, the
/// post's body is hydrated in a task of its own.
#[component]
pub fn Article(post: Post) -> impl IntoView {
    let Post {
        title,
        reviewer,
        reading_minutes,
        reviewed,
        sections,
        disclaimer,
        translations,
        ..
    } = post;
    let share = view! { <SharePage title=title.clone() /> };
    let body = hydrate_later(move || view! { <PostBody sections disclaimer /> });
    view! {
        <article class="post">
            <header class="post-header">
                <h1 id=page_ids::TITLE>{title}</h1>
                <LanguageSwitch translations />
                <Byline reviewer reading_minutes reviewed />
                {share}
            </header>
            {body}
        </article>
    }
}

/// The introduction (the sections without a heading), the table of contents, the
/// other sections and the disclaimer; the feed's post too (src/prerender/feed_content.rs).
#[component]
pub fn PostBody(mut sections: Vec<Section>, disclaimer: Html) -> impl IntoView {
    let intro_len = sections.iter().take_while(|s| s.heading.is_none()).count();
    let toc = view! { <TableOfContents sections=sections.clone() /> };
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
        {intro}
        {toc}
        {rest}
        <footer class="disclaimer" inner_html=disclaimer.0></footer>
    }
}

/// One section: an `<h2>` (absent for the introduction) and its blocks.
#[component]
fn SectionView(section: Section) -> impl IntoView {
    let blocks = section
        .blocks
        .into_iter()
        .map(|block| view! { <BlockView block /> })
        .collect_view();
    match section.heading {
        Some(heading) => Either::Left(view! {
            <section class="post-section">
                <h2 id=heading.id tabindex="-1">
                    {heading.text}
                </h2>
                {blocks}
            </section>
        }),
        None => Either::Right(view! { <div class="post-intro">{blocks}</div> }),
    }
}

#[component]
fn BlockView(block: Block) -> impl IntoView {
    match block {
        // Compiled at build time and never changed: hydration keeps the server's nodes
        // of an `inner_html` element without walking them.
        Block::Prose { html } => {
            EitherOf3::A(view! { <div class="prose" inner_html=html.0></div> })
        }
        // The two interactive regions: each hydrated in a task of its own.
        Block::Comparison(table) => EitherOf3::B(interactive_region(
            move || view! { <ComparisonTable table /> },
        )),
        Block::Faq { items } => EitherOf3::C(interactive_region(move || view! { <Faq items /> })),
    }
}

use leptos::prelude::*;

use crate::components::byline::Byline;
use crate::components::language_switch::LanguageSwitch;
use crate::context::{page_href, use_document_title, use_site};
use crate::model::{Listing, PostSummary};
use crate::page_ids;
use crate::route::PageKind;

/// `/` and `/page/<n>/` (below `<code>/` in another language): one page of the
/// language's index, newest posts first, with links to the newer and older pages around
/// it; the first links to the other languages' indexes.
#[component]
pub fn IndexPage(listing: Listing) -> impl IntoView {
    let site = use_site();
    use_document_title(site.index_heading(listing.page));
    let href = |n: u32| page_href(PageKind::Index(n));
    let newer = (listing.page > 1).then(|| href(listing.page - 1));
    let older = listing.older.then(|| href(listing.page + 1));
    view! {
        <section class="index">
            <h1 id=page_ids::TITLE>{site.text.index_title.clone()}</h1>
            <p class="index-intro">{site.text.index_intro.clone()}</p>
            <LanguageSwitch translations=listing.translations />
            <PostList posts=listing.posts />
            <IndexPages newer older />
        </section>
    }
}

#[component]
fn PostList(posts: Vec<PostSummary>) -> impl IntoView {
    view! {
        <ul class="post-list">
            {posts
                .into_iter()
                .map(|post| {
                    view! {
                        <li class="post-card">
                            <h2>
                                <a href=page_href(PageKind::Post(post.slug))>{post.title}</a>
                            </h2>
                            <p class="post-card-summary">{post.summary}</p>
                            <Byline reviewer=post.reviewer reading_minutes=post.reading_minutes />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Plain links to the newer and the older index page, where there are any.
#[component]
fn IndexPages(newer: Option<String>, older: Option<String>) -> impl IntoView {
    let text = &use_site().text;
    let (label, newer_text, older_text) = (
        text.index_pages_label.clone(),
        text.newer_posts.clone(),
        text.older_posts.clone(),
    );
    (newer.is_some() || older.is_some()).then(move || {
        view! {
            <nav class="index-pages" aria-label=label>
                {newer.map(|href| view! { <a href=href rel="prev">{newer_text}</a> })}
                {older.map(|href| view! { <a href=href rel="next" class="older">{older_text}</a> })}
            </nav>
        }
    })
}

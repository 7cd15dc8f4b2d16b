use leptos::either::Either;
use leptos::prelude::*;

use crate::components::byline::Byline;
use crate::components::load_states::{LoadFailed, Loading};
use crate::content::use_content;
use crate::context::{use_base, use_document_title, use_site};
use crate::model::PostSummary;
use crate::page_ids;
use crate::route::Page;

/// `/`: the list of posts.
#[component]
pub fn IndexPage() -> impl IntoView {
    let site = use_site();
    use_document_title(None);
    let content = use_content();
    let index = Resource::new_serde_wb(|| (), move |_| content.clone().index());
    view! {
        <section class="index">
            <h1 id=page_ids::TITLE>{site.text.index_title.clone()}</h1>
            <p class="index-intro">{site.text.index_intro.clone()}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match index.await {
                        Ok(posts) => Either::Left(view! { <PostList posts /> }),
                        Err(_) => {
                            Either::Right(view! { <LoadFailed retry=Callback::new(move |_| index.refetch()) nested=true /> })
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PostList(posts: Vec<PostSummary>) -> impl IntoView {
    let base = use_base();
    view! {
        <ul class="post-list">
            {posts
                .into_iter()
                .map(|post| {
                    view! {
                        <li class="post-card">
                            <h2>
                                <a href=base.href(&Page::Post(post.slug).path())>{post.title}</a>
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

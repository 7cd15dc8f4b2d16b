use leptos::either::Either;
use leptos::prelude::*;

use crate::app::{use_document_title, use_site};
use crate::components::byline::Byline;
use crate::components::load_states::{LoadFailed, Loading};
use crate::content::use_content;
use crate::model::PostSummary;
use crate::route::{Page, href};

/// `/`: the list of posts.
#[component]
pub fn IndexPage() -> impl IntoView {
    let site = use_site();
    use_document_title(None);
    let content = use_content();
    let index = Resource::new_serde_wb(|| (), move |_| content.clone().index());
    view! {
        <section class="index">
            <h1 id="title">{site.text.index_title.clone()}</h1>
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
    view! {
        <ul class="post-list">
            {posts
                .into_iter()
                .map(|post| {
                    view! {
                        <li class="post-card">
                            <h2>
                                <a href=href(&Page::Post(post.slug).path())>{post.title}</a>
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

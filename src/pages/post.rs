use leptos::either::Either;
use leptos::prelude::*;

use crate::components::article::Article;
use crate::components::load_states::{LoadFailed, Loading};
use crate::content::use_content;
use crate::context::use_document_title;

/// `/blog/<slug>/`: one article, fetched when reached by client-side navigation.
#[component]
pub fn PostPage(slug: String) -> impl IntoView {
    let content = use_content();
    let post = Resource::new_serde_wb(move || slug.clone(), move |slug| content.clone().post(slug));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match post.await {
                    Ok(post) => {
                        use_document_title(Some(post.title.clone()));
                        Either::Left(view! { <Article post /> })
                    }
                    Err(_) => {
                        Either::Right(view! { <LoadFailed retry=Callback::new(move |_| post.refetch()) /> })
                    }
                }
            })}
        </Suspense>
    }
}

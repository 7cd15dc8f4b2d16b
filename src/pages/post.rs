use leptos::prelude::*;

use crate::components::article::Article;
use crate::context::use_document_title;
use crate::model::Post;

/// `/blog/<slug>/`: one article.
#[component]
pub fn PostPage(post: Post) -> impl IntoView {
    use_document_title(Some(post.title.clone()));
    view! { <Article post /> }
}

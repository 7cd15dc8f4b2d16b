//! Loading content: the compiled JSON files over HTTP (gloo-net) in the browser when a
//! page is reached by client-side navigation; on the server, the [`Content`] the
//! prerenderer compiled and checked, handed to rendering as a context.

#[cfg(not(feature = "hydrate"))]
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::{Post, PostSummary, Site};

/// Why content could not be shown. Serialisable so a failed load can cross hydration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoadError {
    /// No response at all (offline, blocked, DNS).
    Network,
    /// The server answered with this non-success status.
    Status(u16),
    /// The response was not the JSON shape we expect.
    Malformed,
}

/// Everything the browser can fetch, as the build wrote it below `content/`.
#[derive(Clone, Debug)]
pub struct Content {
    pub site: Site,
    /// Every post built (drafts too when built with them).
    pub posts: Vec<Post>,
    /// The published posts, newest first.
    pub index: Vec<PostSummary>,
}

/// The files of [`Content`] below `content/` in the bundle.
pub const SITE_FILE: &str = "site.json";
pub const INDEX_FILE: &str = "index.json";

pub fn post_file(slug: &str) -> String {
    format!("posts/{slug}.json")
}

/// Where views get content from: see [`use_content`].
#[derive(Clone)]
pub struct ContentSource {
    #[cfg(not(feature = "hydrate"))]
    content: Arc<Content>,
}

impl ContentSource {
    #[cfg(not(feature = "hydrate"))]
    pub fn new(content: Content) -> Self {
        ContentSource {
            content: Arc::new(content),
        }
    }
}

/// The content source of this render: the server's compiled content, provided by
/// `render`.
#[cfg(not(feature = "hydrate"))]
pub fn use_content() -> ContentSource {
    leptos::prelude::expect_context::<ContentSource>()
}

/// The content source of this render: the network.
#[cfg(feature = "hydrate")]
pub fn use_content() -> ContentSource {
    ContentSource {}
}

#[cfg(not(feature = "hydrate"))]
impl ContentSource {
    pub async fn site(self) -> Result<Site, LoadError> {
        Ok(self.content.site.clone())
    }

    pub async fn post(self, slug: String) -> Result<Post, LoadError> {
        self.content
            .posts
            .iter()
            .find(|p| p.slug == slug)
            .cloned()
            .ok_or(LoadError::Status(404))
    }

    pub async fn index(self) -> Result<Vec<PostSummary>, LoadError> {
        Ok(self.content.index.clone())
    }
}

#[cfg(feature = "hydrate")]
impl ContentSource {
    pub async fn site(self) -> Result<Site, LoadError> {
        fetch(SITE_FILE).await
    }

    pub async fn post(self, slug: String) -> Result<Post, LoadError> {
        fetch(&post_file(&slug)).await
    }

    pub async fn index(self) -> Result<Vec<PostSummary>, LoadError> {
        fetch(INDEX_FILE).await
    }
}

#[cfg(feature = "hydrate")]
async fn fetch<T: serde::de::DeserializeOwned>(file: &str) -> Result<T, LoadError> {
    let url = crate::route::href(&format!("content/{file}"));
    // The browser is single-threaded: wrapping is sound and satisfies the Send bound.
    send_wrapper::SendWrapper::new(async move {
        let response = gloo_net::http::Request::get(&url)
            .send()
            .await
            .map_err(|_| LoadError::Network)?;
        if !response.ok() {
            return Err(LoadError::Status(response.status()));
        }
        // The browser's JSON.parse and serde-wasm-bindgen: far smaller than serde_json.
        let text = response.text().await.map_err(|_| LoadError::Network)?;
        let value = js_sys::JSON::parse(&text).map_err(|_| LoadError::Malformed)?;
        serde_wasm_bindgen::from_value(value).map_err(|_| LoadError::Malformed)
    })
    .await
}

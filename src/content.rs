//! Loading content: from `public/content/` on disk when prerendering, over HTTP
//! (gloo-net) in the browser when a page is reached by client-side navigation.

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

pub const SITE_FILE: &str = "site.json";
/// Generated at build time from the posts; not edited by hand.
pub const INDEX_FILE: &str = "index.json";

pub fn post_file(slug: &str) -> String {
    format!("posts/{slug}.json")
}

pub async fn load_site() -> Result<Site, LoadError> {
    source::load(SITE_FILE).await
}

pub async fn load_post(slug: String) -> Result<Post, LoadError> {
    source::load(&post_file(&slug)).await
}

pub async fn load_index() -> Result<Vec<PostSummary>, LoadError> {
    source::load_index().await
}

#[cfg(feature = "hydrate")]
mod source {
    use send_wrapper::SendWrapper;
    use serde::de::DeserializeOwned;

    use super::{INDEX_FILE, LoadError};
    use crate::model::PostSummary;
    use crate::route;

    pub async fn load<T: DeserializeOwned>(file: &str) -> Result<T, LoadError> {
        let url = route::href(&format!("content/{file}"));
        // The browser is single-threaded: wrapping is sound and satisfies the Send bound.
        SendWrapper::new(fetch(url)).await
    }

    async fn fetch<T: DeserializeOwned>(url: String) -> Result<T, LoadError> {
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
    }

    pub async fn load_index() -> Result<Vec<PostSummary>, LoadError> {
        load(INDEX_FILE).await
    }
}

#[cfg(not(feature = "hydrate"))]
mod source {
    use std::path::PathBuf;

    use serde::de::DeserializeOwned;

    use super::{LoadError, SITE_FILE, post_file};
    use crate::model::{Post, PostSummary, Site};

    /// `REHAB_CONTENT_DIR`, or the repository's `public/content`.
    pub fn content_dir() -> PathBuf {
        std::env::var_os("REHAB_CONTENT_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/public/content"))
            })
    }

    pub async fn load<T: DeserializeOwned>(file: &str) -> Result<T, LoadError> {
        let text = std::fs::read_to_string(content_dir().join(file))
            .map_err(|_| LoadError::Status(404))?;
        serde_json::from_str(&text).map_err(|_| LoadError::Malformed)
    }

    /// On the server the index is derived from the posts themselves.
    pub async fn load_index() -> Result<Vec<PostSummary>, LoadError> {
        let site: Site = load(SITE_FILE).await?;
        let mut index = Vec::with_capacity(site.posts.len());
        for slug in &site.posts {
            let post: Post = load(&post_file(slug)).await?;
            index.push(post.summarize());
        }
        Ok(index)
    }
}

#[cfg(not(feature = "hydrate"))]
pub use source::content_dir;

//! Loading content: the compiled JSON files over HTTP (the browser's fetch) when a
//! page is reached by client-side navigation; on the server, the [`Content`] the
//! prerenderer compiled and checked, handed to rendering as a context.

#[cfg(not(feature = "hydrate"))]
use std::sync::Arc;

use crate::model::{Listing, PageData, Post, Site};
use crate::route::Page;

/// Content could not be loaded (no response, an error status other than 404, or not
/// the JSON we expect): every view offers the same retry, whatever the cause. A 404 is
/// no error: the page does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadError;

/// Everything the browser can fetch, as the build wrote it below `content/`.
#[derive(Clone, Debug)]
pub struct Content {
    pub site: Site,
    /// Every post built (drafts too when built with them).
    pub posts: Vec<Post>,
    /// The index's pages: the published posts, newest first.
    pub index: Vec<Listing>,
}

/// The files of [`Content`] below `content/` in the bundle.
pub const SITE_FILE: &str = "site.json";

pub fn post_file(slug: &str) -> String {
    format!("posts/{slug}.json")
}

/// Page `n` of the index.
pub fn index_file(n: u32) -> String {
    format!("index/{n}.json")
}

/// Where views get content from: see [`use_content`].
#[derive(Clone)]
pub struct ContentSource {
    #[cfg(not(feature = "hydrate"))]
    content: Arc<Content>,
    /// Where the site, and so `content/`, is mounted.
    #[cfg(feature = "hydrate")]
    base: crate::route::Base,
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

/// The content source of this render: the network, below the app's base.
#[cfg(feature = "hydrate")]
pub fn use_content() -> ContentSource {
    ContentSource {
        base: crate::context::use_base(),
    }
}

#[cfg(not(feature = "hydrate"))]
impl ContentSource {
    pub fn site(&self) -> &Site {
        &self.content.site
    }

    /// What `page` shows: its data, or the not-found page when there is none.
    pub fn page_data(&self, page: &Page) -> PageData {
        let content = &self.content;
        let found = match page {
            Page::Index(n) => content
                .index
                .iter()
                .find(|l| l.page == *n)
                .cloned()
                .map(PageData::Index),
            Page::Post(slug) => content
                .posts
                .iter()
                .find(|p| p.slug == *slug)
                .cloned()
                .map(PageData::Post),
            Page::NotFound => None,
        };
        found.unwrap_or(PageData::NotFound)
    }

    /// As the browser loads a page after client-side navigation (never on the server).
    pub async fn page(self, page: Page) -> Result<PageData, LoadError> {
        Ok(self.page_data(&page))
    }
}

#[cfg(feature = "hydrate")]
impl ContentSource {
    /// The page's data file; a page whose file answers 404 does not exist.
    pub async fn page(self, page: Page) -> Result<PageData, LoadError> {
        let found = match page {
            Page::Index(n) => self.fetch(&index_file(n)).await?.map(PageData::Index),
            Page::Post(slug) => self.fetch(&post_file(&slug)).await?.map(PageData::Post),
            Page::NotFound => None,
        };
        Ok(found.unwrap_or(PageData::NotFound))
    }

    /// `None` when the file is not there (404).
    async fn fetch<T: serde::de::DeserializeOwned>(
        &self,
        file: &str,
    ) -> Result<Option<T>, LoadError> {
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;

        let url = self.base.href(&format!("content/{file}"));
        let window = web_sys::window().ok_or(LoadError)?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
            .await
            .map_err(|_| LoadError)?
            .unchecked_into();
        if response.status() == 404 {
            return Ok(None);
        }
        if !response.ok() {
            return Err(LoadError);
        }
        // The browser's JSON parser and serde-wasm-bindgen: far smaller than serde_json.
        let json = response.json().map_err(|_| LoadError)?;
        let value = JsFuture::from(json).await.map_err(|_| LoadError)?;
        serde_wasm_bindgen::from_value(value)
            .map(Some)
            .map_err(|_| LoadError)
    }
}

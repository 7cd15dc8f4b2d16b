//! Loading content: the compiled JSON files over HTTP (the browser's fetch) when a
//! page is reached by client-side navigation; on the server, the [`Content`] the
//! prerenderer compiled and checked, handed to rendering as a context.

#[cfg(not(feature = "hydrate"))]
use std::sync::Arc;

use crate::model::{Listing, PageData, Post, Site};
use crate::route::{Edition, Page, PageKind};

/// Content could not be loaded (no response, an error status other than 404, or not
/// the JSON we expect): every view offers the same retry, whatever the cause. A 404 is
/// no error: the page does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadError;

/// Everything the browser can fetch, as the build wrote it below `content/`: each built
/// language's part.
#[derive(Clone, Debug)]
pub struct Content {
    pub editions: Vec<EditionContent>,
}

/// One language's content, below `content/<edition>`.
#[derive(Clone, Debug)]
pub struct EditionContent {
    pub edition: Edition,
    pub site: Site,
    /// Every post built (drafts too when built with them).
    pub posts: Vec<Post>,
    /// The index's pages: the published posts, newest first.
    pub index: Vec<Listing>,
}

/// The files of [`Content`] below `content/` in the bundle: an edition's site…
pub fn site_file(edition: &Edition) -> String {
    format!("{}site.json", edition.path())
}

/// …its posts…
pub fn post_file(edition: &Edition, slug: &str) -> String {
    format!("{}posts/{slug}.json", edition.path())
}

/// …and page `n` of its index.
pub fn index_file(edition: &Edition, n: u32) -> String {
    format!("{}index/{n}.json", edition.path())
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
    /// The content of `edition`'s language, if the site has it.
    fn edition(&self, edition: &Edition) -> Option<&EditionContent> {
        self.content.editions.iter().find(|e| e.edition == *edition)
    }

    /// The site as `page` shows it: in its language, else (a language the site does
    /// not have) in the default one.
    pub fn site(&self, page: &Page) -> &Site {
        let default = &self.content.editions[0];
        &self.edition(&page.edition).unwrap_or(default).site
    }

    /// What `page` shows: its data, or the not-found page when there is none.
    pub fn page_data(&self, page: &Page) -> PageData {
        let found = self
            .edition(&page.edition)
            .and_then(|content| match &page.kind {
                PageKind::Index(n) => content
                    .index
                    .iter()
                    .find(|l| l.page == *n)
                    .cloned()
                    .map(PageData::Index),
                PageKind::Post(slug) => content
                    .posts
                    .iter()
                    .find(|p| p.slug == *slug)
                    .cloned()
                    .map(PageData::Post),
                PageKind::NotFound => None,
            });
        found.unwrap_or(PageData::NotFound)
    }

    /// As the browser loads a page after client-side navigation (never on the server).
    pub async fn page(self, page: Page) -> Result<PageData, LoadError> {
        Ok(self.page_data(&page))
    }
}

#[cfg(feature = "hydrate")]
impl ContentSource {
    /// The page's data file (in the language shown); a page whose file answers 404 does
    /// not exist.
    pub async fn page(self, page: Page) -> Result<PageData, LoadError> {
        let edition = &page.edition;
        let found = match &page.kind {
            PageKind::Index(n) => self
                .fetch(&index_file(edition, *n))
                .await?
                .map(PageData::Index),
            PageKind::Post(slug) => self
                .fetch(&post_file(edition, slug))
                .await?
                .map(PageData::Post),
            PageKind::NotFound => None,
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

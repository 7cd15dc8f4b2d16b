//! The build-time content compiler: reads `content/` (site settings in `site.json`,
//! one Markdown file per post in `posts/`), checks everything, and compiles it into
//! the model the views render. Every problem is reported as `file:line: what is
//! wrong`, all of them at once; the build writes nothing unless there are none.

mod comparison_table;
pub mod dates;
mod front_matter;
mod html;
pub mod images;
mod links;
mod markdown;
mod placeholders;
mod site;

use std::fmt;
use std::path::{Path, PathBuf};

pub use dates::git_date;
pub use links::escape;
pub use markdown::WORDS_PER_MINUTE;
pub use placeholders::{Placeholder, PlaceholderKind, is_placeholder};
pub use site::{OfflineText, is_origin};

use crate::content::{Content, SITE_FILE};
use crate::model::{Listing, Post, Site};
use crate::route::{Base, Page};
use images::{Folder, Image};

/// Where posts live below the content folder, and their extension.
pub const POSTS_DIR: &str = "posts";
const POST_EXTENSION: &str = "md";

/// What to build. `Options::default()`: the published posts, for the root `/`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Where the site is mounted: every link to a page of the site starts with it.
    pub base: Base,
    /// Build `draft = true` posts too (never listed, linked, in the sitemap or feed).
    pub drafts: bool,
    /// Ship the service worker that unregisters itself and deletes its caches, and have
    /// no page register one: the way back out of offline support (`RETIRE_WORKER=1`).
    pub retire_worker: bool,
}

/// All content, compiled and checked.
#[derive(Clone, Debug)]
pub struct Library {
    /// The base it was compiled for (its links start with it).
    pub base: Base,
    pub site: Site,
    /// Newest first; drafts only when built with [`Options::drafts`].
    pub posts: Vec<Entry>,
    /// How many posts a page of the index lists (`posts_per_page` in `site.json`).
    pub posts_per_page: u32,
    /// How many of the newest posts the feed carries (`feed_entries`).
    pub feed_entries: u32,
    /// What the reader is told offline (`offline` in `site.json`).
    pub offline: OfflineText,
    /// Whether the build retires the service worker ([`Options::retire_worker`]).
    pub retire_worker: bool,
    /// Links and the site URL on domains reserved for examples: warnings, not errors.
    pub placeholders: Vec<Placeholder>,
    /// Every image the built posts show or share, for the prerenderer to make its files.
    pub images: Vec<Image>,
}

/// One compiled post and what only the server-side files (head, sitemap, feed) need.
#[derive(Clone, Debug)]
pub struct Entry {
    pub post: Post,
    /// `published` from the front matter.
    pub published: Option<String>,
    /// `updated` from the front matter, else the file's last commit date (if any).
    pub modified: Option<String>,
    pub draft: bool,
    /// The post's own sharing picture (`image` in its front matter), else none: the
    /// site-wide one is used.
    pub image: Option<SharingImage>,
}

/// A post's sharing picture: its one copy, and what it shows.
#[derive(Clone, Debug)]
pub struct SharingImage {
    pub image: Image,
    pub alt: String,
}

impl Entry {
    /// The date a feed or sitemap can show: last change, else publication.
    pub fn last_date(&self) -> Option<&str> {
        self.modified.as_deref().or(self.published.as_deref())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Collects the errors of one file.
pub(crate) struct Report {
    file: String,
    errors: Vec<ContentError>,
    placeholders: Vec<Placeholder>,
}

impl Report {
    fn new(path: &Path) -> Report {
        Report {
            file: path.display().to_string(),
            errors: Vec::new(),
            placeholders: Vec::new(),
        }
    }

    /// Records `address` as a placeholder when it is on a domain reserved for examples.
    pub(crate) fn check_placeholder(&mut self, line: usize, address: &str, kind: PlaceholderKind) {
        if is_placeholder(address) {
            self.placeholders.push(Placeholder {
                file: self.file.clone(),
                line,
                address: address.to_string(),
                kind,
            });
        }
    }

    /// Records an error; the same error on the same line (an opening and a closing
    /// HTML tag) is reported once.
    pub(crate) fn error(&mut self, line: usize, message: impl Into<String>) {
        let error = ContentError {
            file: self.file.clone(),
            line,
            message: message.into(),
        };
        if self.errors.last() != Some(&error) {
            self.errors.push(error);
        }
    }

    pub(crate) fn require(&mut self, ok: bool, line: usize, message: impl Into<String>) {
        if !ok {
            self.error(line, message);
        }
    }
}

impl Library {
    /// Reads, checks and compiles `site.json` and every `posts/*.md` below `dir`.
    pub fn load(dir: &Path, options: Options) -> Result<Library, Vec<ContentError>> {
        let mut errors = Vec::new();
        let mut placeholders = Vec::new();
        let site_path = dir.join(SITE_FILE);
        let settings = site::read(&site_path, &mut errors);
        // Without the posts, the settings' links cannot be checked: what is wrong with
        // site.json so far is reported with it.
        let sources = match post_files(&dir.join(POSTS_DIR)) {
            Ok(files) => files,
            Err(e) => {
                errors.push(e);
                return Err(errors);
            }
        };
        let Some(settings) = settings else {
            return Err(errors);
        };
        // Links between posts may only point at published posts: slugs first.
        let mut parsed = Vec::new();
        for path in &sources {
            let mut report = Report::new(path);
            if let Some(source) = front_matter::read(path, &settings.text, &mut report) {
                parsed.push((path.clone(), source));
            }
            errors.extend(report.errors);
            placeholders.extend(report.placeholders);
        }
        let published: Vec<String> = parsed
            .iter()
            .filter(|(_, s)| !s.draft)
            .map(|(_, s)| s.slug.clone())
            .collect();
        let pages = links::Pages {
            posts: &published,
            index_pages: index_pages(published.len(), settings.posts_per_page),
        };
        let mut posts = Vec::new();
        let mut images = Vec::new();
        for (path, source) in parsed {
            let mut report = Report::new(&path);
            let folder = Folder {
                content: dir,
                post: path.parent().unwrap_or(dir),
            };
            let context = html::Context {
                phone: &settings.phone,
                pages,
                base: &options.base,
                images: Some(folder),
            };
            let (post, shown) = markdown::compile(&source, &context, &mut report);
            let image = source.image.as_ref().and_then(|(reference, line)| {
                folder
                    .sharing_image(reference)
                    .map_err(|e| report.error(*line, format!("front matter: {e}")))
                    .ok()
            });
            errors.extend(report.errors);
            placeholders.extend(report.placeholders);
            if source.draft && !options.drafts {
                continue;
            }
            images.extend(shown);
            images.extend(image.clone());
            posts.push(Entry {
                post,
                modified: source.updated.clone().or_else(|| git_date(&path)),
                published: source.published,
                draft: source.draft,
                image: image.map(|image| SharingImage {
                    image,
                    alt: source.image_alt.clone(),
                }),
            });
        }
        let (posts_per_page, feed_entries) = (settings.posts_per_page, settings.feed_entries);
        let offline = settings.offline.clone();
        let mut report = Report::new(&site_path);
        let site = settings.compile(pages, &options.base, &mut report);
        errors.extend(report.errors);
        placeholders.extend(report.placeholders);
        if !errors.is_empty() {
            return Err(errors);
        }
        // Newest first; undated posts after dated ones, then by slug.
        posts.sort_by(|a, b| {
            (b.published.is_some(), &b.published)
                .cmp(&(a.published.is_some(), &a.published))
                .then_with(|| a.post.slug.cmp(&b.post.slug))
        });
        Ok(Library {
            base: options.base,
            site,
            posts,
            posts_per_page,
            feed_entries,
            offline,
            retire_worker: options.retire_worker,
            placeholders,
            images,
        })
    }

    /// Published posts (what the index, sitemap and feed list).
    pub fn published(&self) -> impl Iterator<Item = &Entry> {
        self.posts.iter().filter(|e| !e.draft)
    }

    pub fn entry(&self, slug: &str) -> Option<&Entry> {
        self.posts.iter().find(|e| e.post.slug == slug)
    }

    /// The index's pages: the published posts, newest first, `posts_per_page` a page.
    /// There is always a first page, if only to say there is nothing yet.
    pub fn index(&self) -> Vec<Listing> {
        let summaries: Vec<_> = self.published().map(|e| e.post.summarize()).collect();
        let per_page = self.posts_per_page as usize;
        let count = index_pages(summaries.len(), self.posts_per_page);
        (1..=count)
            .map(|page| {
                let from = (page as usize - 1) * per_page;
                Listing {
                    page,
                    posts: summaries
                        .iter()
                        .skip(from)
                        .take(per_page)
                        .cloned()
                        .collect(),
                    older: page < count,
                }
            })
            .collect()
    }

    /// Every page the site has: the index's, the not-found page, every post built.
    pub fn pages(&self) -> Vec<Page> {
        let count = index_pages(self.published().count(), self.posts_per_page);
        let mut pages: Vec<Page> = (1..=count).map(Page::Index).collect();
        pages.push(Page::NotFound);
        pages.extend(self.posts.iter().map(|e| Page::Post(e.post.slug.clone())));
        pages
    }

    /// What the browser fetches, and what the prerenderer renders from.
    pub fn content(&self) -> Content {
        Content {
            site: self.site.clone(),
            posts: self.posts.iter().map(|e| e.post.clone()).collect(),
            index: self.index(),
        }
    }
}

/// How many pages the index needs for `posts` posts, `per_page` a page (at least one).
fn index_pages(posts: usize, per_page: u32) -> u32 {
    let pages = posts.div_ceil(per_page.max(1) as usize).max(1);
    u32::try_from(pages).expect("fewer than 4 billion index pages")
}

/// Every `*.md` in `dir`, sorted by name.
fn post_files(dir: &Path) -> Result<Vec<PathBuf>, ContentError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ContentError {
        file: dir.display().to_string(),
        line: 0,
        message: format!("cannot list the posts folder: {e}"),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == POST_EXTENSION))
        .collect();
    files.sort();
    Ok(files)
}

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
pub mod search;
mod site;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

pub use dates::git_date;
pub use links::escape;
pub use markdown::WORDS_PER_MINUTE;
pub use placeholders::{Placeholder, PlaceholderKind, is_placeholder};
pub use site::{DateWording, OfflineText, is_origin};

use crate::content::{Content, EditionContent};
use crate::model::{DateLabel, Listing, Post, Site, Translation};
use crate::route::{Base, Edition, Page, PageKind};
use images::{Folder, Image};

/// Where posts live below the content folder, and their extension.
pub const POSTS_DIR: &str = "posts";
const POST_EXTENSION: &str = "md";
/// The site's settings and its default language's wording, in the content folder.
pub const SITE_FILE: &str = "site.json";
/// Where the wording of languages other than `site.json`'s lives: `<code>.json`.
pub const LANGUAGES_DIR: &str = "languages";

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
    /// The site's languages: the default one (`site.json`'s) first, then the others
    /// (`languages/<code>.json`) by code.
    pub languages: Vec<Language>,
    /// Newest first; drafts only when built with [`Options::drafts`].
    pub posts: Vec<Entry>,
    /// How many posts a page of an index lists (`posts_per_page` in `site.json`).
    pub posts_per_page: u32,
    /// How many of the newest posts a feed carries (`feed_entries`).
    pub feed_entries: u32,
    /// Whether the build retires the service worker ([`Options::retire_worker`]).
    pub retire_worker: bool,
    /// Links and the site URL on domains reserved for examples: warnings, not errors.
    pub placeholders: Vec<Placeholder>,
    /// Every image the built posts show or share, for the prerenderer to make its files.
    pub images: Vec<Image>,
}

/// One language of the site: its wording, and where its pages are.
#[derive(Clone, Debug)]
pub struct Language {
    /// Its name in itself: "Español".
    pub name: String,
    /// Open Graph's form: `es_US`.
    pub locale: String,
    /// The site as the language's pages show it: `site.lang` is its code, `site.edition`
    /// where its pages are.
    pub site: Site,
    /// What the reader is told offline, in the language.
    pub offline: OfflineText,
    /// How the language prints dates.
    pub dates: DateWording,
}

impl Language {
    /// As `lang` and `hreflang` take it.
    pub fn code(&self) -> &str {
        &self.site.lang
    }

    /// At the base for the default language, below `<code>/` for the others.
    pub fn edition(&self) -> &Edition {
        &self.site.edition
    }

    /// A link to `page` in this language, for a language switch.
    fn translation(&self, page: PageKind) -> Translation {
        Translation {
            lang: self.code().to_string(),
            name: self.name.clone(),
            path: Page::new(self.edition().clone(), page).path(),
        }
    }
}

/// One compiled post and what only the server-side files (head, sitemap, feed) need.
#[derive(Clone, Debug)]
pub struct Entry {
    pub post: Post,
    /// Its language's pages.
    pub edition: Edition,
    /// `published` from the front matter.
    pub published: Option<String>,
    /// `updated` from the front matter, else the file's last commit date (if any).
    pub modified: Option<String>,
    pub draft: bool,
    /// The post's own sharing picture (`image` in its front matter), else none: the
    /// site-wide one is used.
    pub image: Option<SharingImage>,
    /// Its words by weight, for the search index.
    pub text: search::PostText,
}

/// A post's sharing picture: its one copy, and what it shows.
#[derive(Clone, Debug)]
pub struct SharingImage {
    pub image: Image,
    pub alt: String,
}

impl Entry {
    pub fn page(&self) -> Page {
        Page::new(self.edition.clone(), PageKind::Post(self.post.slug.clone()))
    }

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
    /// Reads, checks and compiles `site.json`, every `languages/*.json` and every
    /// `posts/*.md` below `dir`.
    pub fn load(dir: &Path, options: Options) -> Result<Library, Vec<ContentError>> {
        let mut errors = Vec::new();
        let mut placeholders = Vec::new();
        let site_path = dir.join(SITE_FILE);
        let site_file = site::read(&site_path, &mut errors);
        // Without the posts, the settings' links cannot be checked: what is wrong with
        // site.json so far is reported with it.
        let (sources, wording_files) = match (
            files_named(&dir.join(POSTS_DIR), POST_EXTENSION, true),
            files_named(&dir.join(LANGUAGES_DIR), "json", false),
        ) {
            (Ok(posts), Ok(languages)) => (posts, languages),
            (posts, languages) => {
                errors.extend(posts.err());
                errors.extend(languages.err());
                return Err(errors);
            }
        };
        let Some(site_file) = site_file else {
            return Err(errors);
        };
        let mut wordings = Vec::new();
        // The languages whose wording is unusable still have their posts, which are
        // checked as theirs: one error, not one a post.
        let mut unusable = Vec::new();
        for path in wording_files {
            match site::read_wording(&path, &site_file, &mut errors) {
                Some(wording) => wordings.push((path, wording)),
                None => unusable.extend(site::declared_code(&path)),
            }
        }
        let mut site_report = Report::new(&site_path);
        let (settings, default_wording) = site_file.split(&mut site_report);
        wordings.insert(0, (site_path.clone(), default_wording));
        let mut editions = editions(&wordings, &mut errors);
        editions.extend(unusable.into_iter().map(|code| {
            let edition = Edition::of(&code);
            (code, edition)
        }));
        let mut parsed = Vec::new();
        for path in &sources {
            let mut report = Report::new(path);
            if let Some(source) = front_matter::read(path, &mut report) {
                let edition = post_edition(&source, &editions, &mut report);
                parsed.push((path.clone(), source, edition));
            }
            errors.extend(report.errors);
            placeholders.extend(report.placeholders);
        }
        errors.extend(check_translations(&parsed, &editions));
        // Links between posts may only point at published posts: pages first.
        let published: Vec<(&Edition, &str)> = parsed
            .iter()
            .filter(|(_, source, _)| !source.draft)
            .map(|(_, source, edition)| (edition, source.slug.as_str()))
            .collect();
        let linkable = linkable_pages(&published, &editions, settings.posts_per_page);
        let pages = links::Pages(&linkable);
        let mut languages: Vec<Language> = Vec::new();
        for ((path, wording), (_, edition)) in wordings.into_iter().zip(&editions) {
            let mut report = if path == site_path {
                std::mem::replace(&mut site_report, Report::new(&site_path))
            } else {
                Report::new(&path)
            };
            let compiled = wording.compile(
                &settings,
                edition.clone(),
                pages,
                &options.base,
                &mut report,
            );
            errors.extend(report.errors);
            placeholders.extend(report.placeholders);
            languages.push(Language {
                name: compiled.name,
                locale: compiled.locale,
                site: compiled.site,
                offline: compiled.offline,
                dates: compiled.dates,
            });
        }
        let mut posts = Vec::new();
        let mut images = Vec::new();
        for (path, source, edition) in parsed {
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
            let (mut post, shown) = markdown::compile(&source, &context, &mut report);
            let dates = &languages
                .iter()
                .find(|l| *l.edition() == edition)
                .unwrap_or(&languages[0])
                .dates;
            post.reviewed = source.reviewed.as_ref().map(|iso| DateLabel {
                text: dates.display(iso),
                iso: iso.clone(),
            });
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
            posts.push((
                source.translation_of.map(|(original, _)| original),
                Entry {
                    post,
                    edition,
                    modified: source.updated.clone().or_else(|| git_date(&path)),
                    published: source.published,
                    draft: source.draft,
                    text: search::PostText::new(&source.title, &source.summary, &source.body),
                    image: image.map(|image| SharingImage {
                        image,
                        alt: source.image_alt.clone(),
                    }),
                },
            ));
        }
        errors.extend(site_report.errors);
        placeholders.extend(site_report.placeholders);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut posts = link_translations(posts, &languages);
        // Newest first; undated posts after dated ones, then by slug.
        posts.sort_by(|a, b| {
            (b.published.is_some(), &b.published)
                .cmp(&(a.published.is_some(), &a.published))
                .then_with(|| a.post.slug.cmp(&b.post.slug))
        });
        Ok(Library {
            base: options.base,
            languages,
            posts,
            posts_per_page: settings.posts_per_page,
            feed_entries: settings.feed_entries,
            retire_worker: options.retire_worker,
            placeholders,
            images,
        })
    }

    /// The default language: `site.json`'s.
    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// The language whose pages `edition` holds.
    pub fn language(&self, edition: &Edition) -> Option<&Language> {
        self.languages.iter().find(|l| l.edition() == edition)
    }

    /// The languages whose pages are built: the default one, and every other with a
    /// post built.
    pub fn built_languages(&self) -> impl Iterator<Item = &Language> {
        self.languages.iter().filter(|l| {
            l.edition().is_default() || self.posts.iter().any(|e| e.edition == *l.edition())
        })
    }

    /// The languages a reader is offered: the default one, and every other with a post
    /// published.
    fn listed_languages(&self) -> impl Iterator<Item = &Language> {
        self.languages
            .iter()
            .filter(|l| l.edition().is_default() || self.published_in(l.edition()).next().is_some())
    }

    /// Published posts of every language (what the sitemap lists).
    pub fn published(&self) -> impl Iterator<Item = &Entry> {
        self.posts.iter().filter(|e| !e.draft)
    }

    /// Published posts of one language (what its index and feed list).
    pub fn published_in(&self, edition: &Edition) -> impl Iterator<Item = &Entry> {
        self.published().filter(move |e| e.edition == *edition)
    }

    /// The post built from `posts/<slug>.md` (a slug is one post's, whatever its
    /// language).
    pub fn entry(&self, slug: &str) -> Option<&Entry> {
        self.posts.iter().find(|e| e.post.slug == slug)
    }

    /// A language's index pages: its published posts, newest first, `posts_per_page` a
    /// page. There is always a first page, if only to say there is nothing yet; the first
    /// links to the other languages' first pages.
    pub fn index(&self, language: &Language) -> Vec<Listing> {
        let summaries: Vec<_> = self
            .published_in(language.edition())
            .map(|e| e.post.summarize())
            .collect();
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
                    translations: if page == 1 {
                        self.listed_languages()
                            .filter(|other| other.edition() != language.edition())
                            .map(|other| other.translation(PageKind::Index(1)))
                            .collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }

    /// Every page the site has: in each built language, the index's pages, the
    /// not-found page and every post built.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = Vec::new();
        for language in self.built_languages() {
            let edition = language.edition();
            let count = index_pages(self.published_in(edition).count(), self.posts_per_page);
            let page = |kind| Page::new(edition.clone(), kind);
            pages.extend((1..=count).map(|n| page(PageKind::Index(n))));
            pages.push(page(PageKind::NotFound));
            pages.extend(
                self.posts
                    .iter()
                    .filter(|e| e.edition == *edition)
                    .map(Entry::page),
            );
        }
        pages
    }

    /// What the browser fetches, and what the prerenderer renders from.
    pub fn content(&self) -> Content {
        Content {
            editions: self
                .built_languages()
                .map(|language| EditionContent {
                    edition: language.edition().clone(),
                    site: language.site.clone(),
                    posts: self
                        .posts
                        .iter()
                        .filter(|e| e.edition == *language.edition())
                        .map(|e| e.post.clone())
                        .collect(),
                    index: self.index(language),
                })
                .collect(),
        }
    }
}

/// Each wording's edition, in order: the default language's (the first) at the base,
/// the others below their code. A language file must be named for its code, and a
/// language given once.
fn editions(
    wordings: &[(PathBuf, site::WordingFile)],
    errors: &mut Vec<ContentError>,
) -> Vec<(String, Edition)> {
    let mut seen: Vec<&str> = Vec::new();
    let mut editions = Vec::new();
    for (i, (path, wording)) in wordings.iter().enumerate() {
        let code = wording.code();
        let error = |message: String| ContentError {
            file: path.display().to_string(),
            line: wording.code_line(),
            message,
        };
        if i > 0 && path.file_stem().is_some_and(|stem| stem != code) {
            errors.push(error(format!(
                "language.code: {code:?}, but the file is named for another; name it {code}.json"
            )));
        }
        if seen.contains(&code) {
            errors.push(error(format!(
                "language.code: {code:?} is already a language of the site"
            )));
        }
        seen.push(code);
        let edition = if i == 0 {
            Edition::default()
        } else {
            Edition::of(code)
        };
        editions.push((code.to_string(), edition));
    }
    editions
}

/// The edition of a post's language: the default one when it names none; an error when
/// the site has no such language.
fn post_edition(
    source: &front_matter::Source,
    editions: &[(String, Edition)],
    report: &mut Report,
) -> Edition {
    let Some((code, line)) = &source.language else {
        return Edition::default();
    };
    if let Some((_, edition)) = editions.iter().find(|(known, _)| known == code) {
        return edition.clone();
    }
    report.error(
        *line,
        format!(
            "front matter: language {code:?} is not a language of the site (add content/{LANGUAGES_DIR}/{code}.json with its wording)"
        ),
    );
    Edition::default()
}
/// The translation rules, all at once: `translation_of` names another post, in another
/// language, that is no translation itself; a post has one translation per language.
fn check_translations(
    parsed: &[(PathBuf, front_matter::Source, Edition)],
    editions: &[(String, Edition)],
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let mut taken: Vec<(&str, &Edition, &Path)> = Vec::new();
    for (path, source, edition) in parsed {
        let Some((original, line)) = &source.translation_of else {
            continue;
        };
        let mut error = |message: String| {
            errors.push(ContentError {
                file: path.display().to_string(),
                line: *line,
                message: format!("front matter: translation_of: {message}"),
            })
        };
        let Some((_, target, target_edition)) =
            parsed.iter().find(|(_, other, _)| other.slug == *original)
        else {
            error(format!(
                "there is no post {original:?} ({POSTS_DIR}/{original}.{POST_EXTENSION})"
            ));
            continue;
        };
        let code = |edition: &Edition| {
            editions
                .iter()
                .find(|(_, e)| e == edition)
                .map_or("?", |(code, _)| code.as_str())
        };
        if let Some((first, _)) = &target.translation_of {
            error(format!(
                "{original:?} is itself a translation, of {first:?}: name {first:?}"
            ));
        } else if target_edition == edition {
            error(format!(
                "{original:?} is in the same language ({})",
                code(edition)
            ));
        } else if let Some((_, _, first)) = taken
            .iter()
            .find(|(taken, taken_edition, _)| taken == original && *taken_edition == edition)
        {
            error(format!(
                "{original:?} already has a translation into {}: {}",
                code(edition),
                first.display()
            ));
        } else {
            taken.push((original, edition, path));
        }
    }
    errors
}

/// The pages a link in the content may name: in the default language and every other
/// with a published post, the index's pages and the published posts.
fn linkable_pages(
    published: &[(&Edition, &str)],
    editions: &[(String, Edition)],
    per_page: u32,
) -> HashSet<Page> {
    let mut pages = HashSet::new();
    for (_, edition) in editions {
        let count = published.iter().filter(|(e, _)| *e == edition).count();
        if count == 0 && !edition.is_default() {
            continue;
        }
        let index = 1..=index_pages(count, per_page);
        pages.extend(index.map(|n| Page::new(edition.clone(), PageKind::Index(n))));
    }
    pages.extend(
        published
            .iter()
            .map(|(edition, slug)| Page::new((*edition).clone(), PageKind::Post(slug.to_string()))),
    );
    pages
}

/// The posts, each told of its published translations (the post it translates, and
/// the others of that post), in the site's order of languages.
fn link_translations(posts: Vec<(Option<String>, Entry)>, languages: &[Language]) -> Vec<Entry> {
    let original = |(translates, entry): &(Option<String>, Entry)| {
        translates
            .clone()
            .unwrap_or_else(|| entry.post.slug.clone())
    };
    let mut linked = Vec::new();
    for (i, post) in posts.iter().enumerate() {
        let mut entry = post.1.clone();
        for language in languages {
            let translation = posts.iter().enumerate().find(|(j, other)| {
                *j != i
                    && !other.1.draft
                    && other.1.edition == *language.edition()
                    && original(other) == original(post)
            });
            if let Some((_, (_, other))) = translation {
                entry
                    .post
                    .translations
                    .push(language.translation(PageKind::Post(other.post.slug.clone())));
            }
        }
        linked.push(entry);
    }
    linked
}

/// How many pages the index needs for `posts` posts, `per_page` a page (at least one).
fn index_pages(posts: usize, per_page: u32) -> u32 {
    let pages = posts.div_ceil(per_page.max(1) as usize).max(1);
    u32::try_from(pages).expect("fewer than 4 billion index pages")
}

/// Every `*.<extension>` in `dir`, sorted by name; a missing folder is an error when
/// `required`, else it has none.
fn files_named(dir: &Path, extension: &str, required: bool) -> Result<Vec<PathBuf>, ContentError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(ContentError {
                file: dir.display().to_string(),
                line: 0,
                message: format!("cannot list the folder: {e}"),
            });
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    Ok(files)
}

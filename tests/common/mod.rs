//! What the cargo tests share: the real content, compiled once, so that tests read the
//! site's wording and the article's structure from it instead of repeating them, and
//! HTML read with a parser rather than searched as a string.
// Each test crate uses a part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rehab_blog::compile::{Entry, Library, Options};
use rehab_blog::model::{Post, Site};
use rehab_blog::prerender::{OutputFile, Scripts, build_site};
use scraper::{ElementRef, Html, Selector};

/// The article whose source is `tests/fixtures/source.txt`, the verbatim reference.
pub const ARTICLE_SLUG: &str = "iop-instead-of-rehab";

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn content_dir() -> PathBuf {
    root().join("content")
}

/// Options that also build `draft = true` posts.
// `Options` is growing fields (the base path): spelled so that it keeps compiling.
pub fn with_drafts() -> Options {
    Options {
        drafts: true,
        ..Options::default()
    }
}

/// `content/`, compiled as `make dist` compiles it (once per test process).
pub fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        Library::load(&content_dir(), Options::default())
            .unwrap_or_else(|errors| panic!("content is invalid: {errors:#?}"))
    })
}

pub fn site() -> &'static Site {
    &library().default_language().site
}

pub fn article_entry() -> &'static Entry {
    library()
        .entry(ARTICLE_SLUG)
        .expect("the article is published")
}

pub fn article() -> &'static Post {
    &article_entry().post
}

/// A CSS selector (the tests' own, so a typo is a test bug).
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"))
}

/// Whitespace folded to single spaces, trimmed.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an HTML fragment as a reader sees it: tags and comments (hydration
/// markers) gone, entities decoded, whitespace folded.
pub fn text(html: &str) -> String {
    fold(
        &Html::parse_fragment(html)
            .root_element()
            .text()
            .collect::<String>(),
    )
}

/// The text of an element, whitespace folded.
pub fn element_text(element: ElementRef) -> String {
    fold(&element.text().collect::<String>())
}

/// The folded texts of every element `css` matches, in document order.
pub fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&selector(css)).map(element_text).collect()
}

/// How many elements `css` matches.
pub fn count(html: &Html, css: &str) -> usize {
    html.select(&selector(css)).count()
}

/// The attribute `name` of the first element `css` matches.
pub fn attr(html: &Html, css: &str, name: &str) -> Option<String> {
    html.select(&selector(css))
        .next()?
        .value()
        .attr(name)
        .map(String::from)
}

/// The `href` of every link in a piece of HTML (a crisis line, a page…), in order.
pub fn hrefs(html: &str) -> Vec<String> {
    Html::parse_fragment(html)
        .select(&selector("a[href]"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect()
}

/// The text of an HTML fragment outside every element `css` matches.
pub fn text_outside(html: &str, css: &str) -> String {
    let excluded = selector(css);
    let fragment = Html::parse_fragment(html);
    let mut text = String::new();
    for node in fragment.root_element().descendants() {
        let Some(piece) = node.value().as_text() else {
            continue;
        };
        let inside = node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|e| excluded.matches(&e));
        if !inside {
            text.push_str(piece);
        }
    }
    fold(&text)
}

/// The JSON-LD a page carries.
pub fn linked_data(page: &Html) -> serde_json::Value {
    let script = page
        .select(&selector("script[type=\"application/ld+json\"]"))
        .next()
        .expect("JSON-LD");
    serde_json::from_str(&script.text().collect::<String>()).expect("valid JSON-LD")
}

/// `(loc, lastmod)` of every address a sitemap lists, in order (`lastmod` empty when it
/// has none). A sitemap is XML; its few elements read the same through the HTML parser.
pub fn sitemap(xml: &str) -> Vec<(String, String)> {
    Html::parse_document(xml)
        .select(&selector("url"))
        .map(|url| {
            let field = |name: &str| url.select(&selector(name)).map(element_text).collect();
            (field("loc"), field("lastmod"))
        })
        .collect()
}

/// The Atom feed as a feed reader reads it.
pub fn feed(xml: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes()).expect("valid Atom")
}

/// The ids of a feed's entries (their posts' addresses), in order.
pub fn feed_entry_ids(xml: &str) -> Vec<String> {
    feed(xml).entries.into_iter().map(|e| e.id).collect()
}

/// Copies the folder `from` (files and folders below it: a post's images) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
}

/// The file a build wrote at `path` (below the bundle's root).
pub fn written<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not written"))
        .contents
}

/// Every sentence-bearing line of the source article, as a reader must find it: the
/// fixture holds one a line (a list item without its marker, a table cell).
pub fn source_lines() -> Vec<String> {
    include_str!("../fixtures/source.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(String::from)
        .collect()
}

/// Every file the build writes for `library`, from the Trunk shell the fixtures keep and
/// the scripts as written, at `https://blog.example`.
pub fn build_site_of(library: &Library) -> Vec<OutputFile> {
    let shell = std::fs::read_to_string(root().join("tests/fixtures/trunk-shell.html")).unwrap();
    build_site(
        &shell,
        &Scripts::readable(),
        library,
        "https://blog.example",
    )
    .expect("builds")
}

//! A content editor's workflow: adding a post means adding one Markdown file. The
//! fixture folder's posts flow into the index (newest first), their routes, the
//! sitemap and the feed; drafts only with the flag and never listed; the skeleton of
//! `make new-post` is valid.
#![cfg(feature = "ssr")]

mod common;

use std::path::PathBuf;

use common::{
    attr, build_site_of, content_dir, copy_dir, count, feed, feed_entry_ids, linked_data, root,
    selector, sitemap, texts, with_drafts, written,
};
use rehab_blog::compile::{Library, Options};
use rehab_blog::prerender::OutputFile;
use scraper::Html;

const NEW: &str = "what-to-bring-to-your-first-iop-session";
const OLDER: &str = "an-older-post";
const DRAFT: &str = "coming-soon";
/// The article, in the fixture too (with its translation): undated, so listed last.
const ARTICLE: &str = common::ARTICLE_SLUG;

fn fixture() -> PathBuf {
    root().join("tests/fixtures/content")
}

/// The slugs of the posts built, in order.
/// The slugs of the fixture's English posts, in the library's order (its Spanish ones
/// are the languages tests').
fn slugs(library: &Library) -> Vec<&str> {
    library
        .posts
        .iter()
        .filter(|e| e.edition.is_default())
        .map(|e| e.post.slug.as_str())
        .collect()
}

/// The fixture's posts, built as `make dist` builds them (no drafts).
fn published() -> (Library, Vec<OutputFile>) {
    let library = Library::load(&fixture(), Options::default()).expect("the fixture validates");
    let files = build_site_of(&library);
    (library, files)
}

fn parsed(files: &[OutputFile], path: &str) -> Html {
    Html::parse_document(written(files, path))
}

/// The posts a page links to, in order.
fn post_links(page: &Html) -> Vec<String> {
    page.select(&selector("a[href^=\"/blog/\"]"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect()
}

fn post_url(slug: &str) -> String {
    format!("https://blog.example/blog/{slug}/")
}

#[test]
fn new_posts_are_listed_newest_first_and_drafts_not_built() {
    let (library, files) = published();
    assert_eq!(
        slugs(&library),
        [NEW, OLDER, ARTICLE],
        "newest first, no draft"
    );
    let links = post_links(&parsed(&files, "index.html"));
    let at = |slug: &str| links.iter().position(|l| l == &format!("/blog/{slug}/"));
    assert!(at(NEW).is_some() && at(NEW) < at(OLDER), "{links:?}");
    assert_eq!(at(DRAFT), None);
    assert!(
        !files.iter().any(|f| f.path.contains(DRAFT)),
        "drafts are not built"
    );
}

#[test]
fn a_new_posts_page_shows_its_markdown_as_html() {
    let (_, files) = published();
    let post = parsed(&files, &format!("blog/{NEW}/index.html"));
    assert_eq!(
        texts(&post, "h1#title"),
        ["What to Bring to Your First IOP Session"]
    );
    assert!(texts(&post, "strong").contains(&"A notebook:".to_string()));
    for href in [
        "tel:+18779206583",
        "#questions-to-ask",
        "/blog/an-older-post/",
        "mailto:help@example.org",
    ] {
        assert!(count(&post, &format!("a[href=\"{href}\"]")) > 0, "{href}");
    }
}

#[test]
fn a_new_posts_dates_show_by_its_byline_and_in_its_linked_data() {
    let (_, files) = published();
    let post = parsed(&files, &format!("blog/{NEW}/index.html"));
    assert_eq!(
        texts(&post, ".byline .last-reviewed"),
        ["Last reviewed February 20, 2025"]
    );
    assert_eq!(
        attr(&post, ".last-reviewed time", "datetime").as_deref(),
        Some("2025-02-20")
    );
    let data = linked_data(&post);
    assert_eq!(data["lastReviewed"], "2025-02-20");
    assert_eq!(data["dateModified"], "2025-03-10");
    assert_eq!(data["mainEntity"]["datePublished"], "2025-03-01");
}

#[test]
fn new_posts_reach_the_sitemap_and_the_feed_and_drafts_do_not() {
    let (_, files) = published();
    let listed = sitemap(written(&files, "sitemap.xml"));
    assert!(
        listed.contains(&(post_url(NEW), "2025-03-10".into())),
        "{listed:?}"
    );
    assert!(!written(&files, "sitemap.xml").contains(DRAFT));

    let xml = written(&files, "feed.xml");
    assert_eq!(
        feed_entry_ids(xml),
        [post_url(NEW), post_url(OLDER), post_url(ARTICLE)]
    );
    let newest = &feed(xml).entries[0];
    assert_eq!(
        newest.updated.map(|t| t.to_rfc3339()).as_deref(),
        Some("2025-03-10T00:00:00+00:00")
    );
    assert!(!xml.contains(DRAFT));
}

#[test]
fn the_index_data_lists_the_new_post_first() {
    let (_, files) = published();
    let listing: serde_json::Value =
        serde_json::from_str(written(&files, "content/index/1.json")).unwrap();
    assert_eq!(listing["posts"][0]["slug"], NEW);
    assert_eq!(listing["posts"][0]["reading_minutes"], 1);
    assert_eq!(listing["older"], false, "one page holds every post");
}

#[test]
fn drafts_are_built_with_the_flag_but_never_listed() {
    let library = Library::load(&fixture(), with_drafts()).unwrap();
    assert_eq!(slugs(&library), [DRAFT, NEW, OLDER, ARTICLE]);
    let files = build_site_of(&library);
    let draft = parsed(&files, &format!("blog/{DRAFT}/index.html"));
    assert_eq!(
        attr(&draft, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    for listing in [
        "index.html",
        "sitemap.xml",
        "feed.xml",
        "content/index/1.json",
    ] {
        // Not named anywhere in them.
        assert!(!written(&files, listing).contains(DRAFT), "{listing}");
    }
}

/// `make new-post` fills in today's date; the skeleton must compile as it is.
#[test]
fn the_new_post_skeleton_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("posts")).unwrap();
    std::fs::copy(fixture().join("site.json"), dir.path().join("site.json")).unwrap();
    let template = std::fs::read_to_string(content_dir().join("post-template.md")).unwrap();
    std::fs::write(
        dir.path().join("posts/my-new-post.md"),
        template.replace("@TODAY@", "2025-01-31"),
    )
    .unwrap();
    let library = Library::load(dir.path(), with_drafts()).unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(library.entry("my-new-post").is_some_and(|e| e.draft));
}

/// README's example post compiles, next to the real content it links to.
#[test]
fn the_readme_example_post_is_valid() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("### A post\n\n```markdown\n")
        .expect("the example")
        + 24;
    let example = &readme[start..start + readme[start..].find("\n```\n").unwrap() + 1];
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    std::fs::copy(
        content_dir().join("site.json"),
        dir.path().join("site.json"),
    )
    .unwrap();
    for entry in std::fs::read_dir(content_dir().join("posts")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, posts.join(path.file_name().unwrap())).unwrap();
    }
    // The example's pictures, beside it as README says (`<slug>/…`): the fixture's photo.
    const SLUG: &str = "what-to-bring";
    let photo = fixture().join(format!("posts/{NEW}/first-session.jpg"));
    let pictures: Vec<&str> = example
        .split(&format!("{SLUG}/"))
        .skip(1)
        .map(|rest| rest.split(['"', ')']).next().unwrap())
        .collect();
    assert!(
        pictures.len() >= 2,
        "the example shows a picture and shares one"
    );
    for picture in pictures {
        std::fs::create_dir_all(posts.join(SLUG)).unwrap();
        std::fs::copy(&photo, posts.join(SLUG).join(picture)).unwrap();
    }
    std::fs::write(posts.join(format!("{SLUG}.md")), example).unwrap();
    let library =
        Library::load(dir.path(), Options::default()).unwrap_or_else(|e| panic!("{e:#?}"));
    let entry = library.entry(SLUG).expect("the example is built");
    assert!(entry.image.is_some(), "with its sharing picture");
}

/// README's example translation, written as `content/posts/<slug>.md` beside the shipped
/// content, builds the Spanish pages, and the article and it link to each other.
#[test]
fn the_readme_example_translation_builds_with_its_switch_both_ways() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme
        .find("### Languages and translations")
        .expect("the section")..];
    let start = section.find("```markdown\n").expect("the example") + 12;
    let example = &section[start..start + section[start..].find("\n```\n").unwrap() + 1];
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&content_dir(), dir.path());
    const SLUG: &str = "iop-en-vez-de-rehabilitacion";
    std::fs::write(dir.path().join(format!("posts/{SLUG}.md")), example).unwrap();
    let library = Library::load(dir.path(), Options::default())
        .unwrap_or_else(|errors| panic!("{errors:#?}"));
    let files = build_site_of(&library);
    let switch = |path: &str| {
        let page = parsed(&files, path);
        let links: Vec<(String, String)> = page
            .select(&selector(".language-switch a"))
            .map(|a| {
                let attr = |n| a.value().attr(n).unwrap_or_default().to_string();
                (attr("href"), attr("lang"))
            })
            .collect();
        links
    };
    assert_eq!(
        switch(&format!("blog/{ARTICLE}/index.html")),
        [(format!("/es/blog/{SLUG}/"), "es".to_string())]
    );
    assert_eq!(
        switch(&format!("es/blog/{SLUG}/index.html")),
        [(format!("/blog/{ARTICLE}/"), "en".to_string())]
    );
    assert_eq!(
        switch("es/index.html"),
        [("/".to_string(), "en".to_string())]
    );
}

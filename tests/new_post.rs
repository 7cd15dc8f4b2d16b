//! A content editor's workflow: adding a post means adding one Markdown file. The
//! fixture folder's posts flow into the index (newest first), their routes, the
//! sitemap and the feed; drafts only with the flag and never listed; the skeleton of
//! `make new-post` is valid.
#![cfg(feature = "ssr")]

mod common;

use std::path::PathBuf;

use common::{content_dir, root, with_drafts, written};
use rehab_blog::compile::{Library, Options};
use rehab_blog::prerender::{OutputFile, Scripts, build_site};

const NEW: &str = "what-to-bring-to-your-first-iop-session";
const OLDER: &str = "an-older-post";
const DRAFT: &str = "coming-soon";

fn fixture() -> PathBuf {
    root().join("tests/fixtures/content")
}

fn build(library: &Library) -> Vec<OutputFile> {
    let shell = std::fs::read_to_string(root().join("tests/fixtures/trunk-shell.html")).unwrap();
    build_site(
        &shell,
        &Scripts::readable(),
        library,
        "https://blog.example",
    )
    .expect("builds")
}

/// The slugs of the posts built, in order.
fn slugs(library: &Library) -> Vec<&str> {
    library.posts.iter().map(|e| e.post.slug.as_str()).collect()
}

fn page(files: &[OutputFile], path: &str) -> String {
    written(files, path).to_string()
}

#[test]
fn new_posts_flow_through_index_route_sitemap_and_feed() {
    let library = Library::load(&fixture(), Options::default()).expect("the fixture validates");
    assert_eq!(slugs(&library), [NEW, OLDER], "newest first, no draft");
    let files = build(&library);

    let index = page(&files, "index.html");
    let link = |slug: &str| format!("href=\"/blog/{slug}/\"");
    assert!(index.find(&link(NEW)) < index.find(&link(OLDER)));
    assert!(!index.contains(&link(DRAFT)));
    assert!(
        !files.iter().any(|f| f.path.contains(DRAFT)),
        "drafts are not built"
    );

    let post = page(&files, &format!("blog/{NEW}/index.html"));
    assert!(post.contains("<h1 id=\"title\">What to Bring to Your First IOP Session</h1>"));
    assert!(post.contains("<strong>A notebook:</strong>"));
    assert!(post.contains("href=\"tel:+18779206583\""));
    assert!(post.contains("<a href=\"#questions-to-ask\">"));
    assert!(post.contains("<a href=\"/blog/an-older-post/\">"));
    assert!(post.contains("<a href=\"mailto:help@example.org\">"));
    // Last reviewed by the byline, dates in the JSON-LD.
    assert!(post.contains(
        "<span class=\"last-reviewed\">Last reviewed<!----> <time datetime=\"2025-02-20\">February 20, 2025</time>"
    ));
    assert!(post.contains("\"lastReviewed\":\"2025-02-20\""));
    assert!(post.contains("\"dateModified\":\"2025-03-10\""));
    assert!(post.contains("\"datePublished\":\"2025-03-01\""));

    let sitemap = page(&files, "sitemap.xml");
    assert!(sitemap.contains(&format!(
        "<loc>https://blog.example/blog/{NEW}/</loc><lastmod>2025-03-10</lastmod>"
    )));
    assert!(!sitemap.contains(DRAFT));

    let feed = page(&files, "feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 2);
    assert!(feed.contains(&format!("<id>https://blog.example/blog/{NEW}/</id>")));
    assert!(feed.contains("<updated>2025-03-10T00:00:00+00:00</updated>"));
    assert!(feed.find(NEW) < feed.find(OLDER));
    assert!(!feed.contains(DRAFT));
    for page_path in ["index.html", "404.html"] {
        assert!(page(&files, page_path).contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Rehab Blog\" href=\"/feed.xml\">"
        ));
    }

    let listing: serde_json::Value =
        serde_json::from_str(&page(&files, "content/index/1.json")).unwrap();
    assert_eq!(listing["posts"][0]["slug"], NEW);
    assert_eq!(listing["posts"][0]["reading_minutes"], 1);
    assert_eq!(listing["older"], false, "one page holds both posts");
}

#[test]
fn drafts_are_built_with_the_flag_but_never_listed() {
    let library = Library::load(&fixture(), with_drafts()).unwrap();
    assert_eq!(slugs(&library), [DRAFT, NEW, OLDER]);
    let files = build(&library);
    let draft = page(&files, &format!("blog/{DRAFT}/index.html"));
    assert!(draft.contains("<meta name=\"robots\" content=\"noindex\">"));
    for listing in [
        "index.html",
        "sitemap.xml",
        "feed.xml",
        "content/index/1.json",
    ] {
        assert!(!page(&files, listing).contains(DRAFT), "{listing}");
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

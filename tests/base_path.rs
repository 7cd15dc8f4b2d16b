//! The base path is an input, not a global: one process builds the fixture site for
//! the root and for `/rehab-blog/`, and every link of each bundle starts with its
//! own base (pages, the compiled content the browser fetches, feed, sitemap,
//! `_headers`).
#![cfg(feature = "ssr")]

mod common;

use std::path::Path;

use rehab_blog::compile::{Library, Options};
use rehab_blog::prerender::{OutputFile, Scripts, build_site, headers_file};
use rehab_blog::route::Base;

use common::{attr, feed, hrefs, sitemap, texts, written};
use scraper::Html;

const ORIGIN: &str = "https://blog.example";
const SUBPATH: &str = "/rehab-blog/";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The library for `base` and what the prerenderer writes from it, with Trunk's shell
/// as Trunk writes it for that base.
fn build(base: &str) -> (Library, Vec<OutputFile>) {
    let options = Options {
        base: Base::new(base).expect("a base path"),
        ..Options::default()
    };
    let library = Library::load(&root().join("tests/fixtures/content"), options)
        .expect("the fixture validates");
    let shell = std::fs::read_to_string(root().join("tests/fixtures/trunk-shell.html"))
        .unwrap()
        .replace("'/app-", &format!("'{base}app-"))
        .replace("\"/app-", &format!("\"{base}app-"));
    let files = build_site(&shell, &Scripts::readable(), &library, ORIGIN).expect("builds");
    (library, files)
}

/// Every site path a page or JSON file links to: attribute values starting with `/`
/// (written `="/…"` in HTML, `=\"/…\"` inside JSON strings), up to the closing quote.
fn site_paths(text: &str) -> Vec<&str> {
    let mut paths = Vec::new();
    for open in ["=\"/", "=\\\"/"] {
        for (at, _) in text.match_indices(open) {
            let value = &text[at + open.len() - 1..];
            let end = value.find(['"', '\\']).unwrap_or(value.len());
            paths.push(&value[..end]);
        }
    }
    paths
}

/// The links of every piece of HTML in a JSON file (a post's prose, answers, cells).
fn json_links(json: &str) -> Vec<String> {
    fn walk(value: &serde_json::Value, links: &mut Vec<String>) {
        match value {
            serde_json::Value::String(html) => links.extend(hrefs(html)),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, links)),
            serde_json::Value::Object(fields) => fields.values().for_each(|v| walk(v, links)),
            _ => {}
        }
    }
    let mut links = Vec::new();
    walk(&serde_json::from_str(json).expect("JSON"), &mut links);
    links
}

/// Checks one bundle: every site path starts with `base`, including links written
/// in the Markdown (`/blog/an-older-post/`, `/`), and each post's page is that post.
fn assert_bundle_below(base: &str, library: &Library, files: &[OutputFile]) {
    let mut checked = 0;
    for file in files
        .iter()
        .filter(|f| f.path.ends_with(".html") || f.path.ends_with(".json"))
    {
        for path in site_paths(&file.contents) {
            assert!(
                path.starts_with(base),
                "{}: {path:?} is not below {base}",
                file.path
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} site paths found");
    // The links written in the Markdown, as the browser fetches them.
    let older = json_links(written(files, "content/posts/an-older-post.json"));
    assert!(older.contains(&base.to_string()), "{older:?}");
    let newer = json_links(written(
        files,
        "content/posts/what-to-bring-to-your-first-iop-session.json",
    ));
    assert!(newer.contains(&format!("{base}blog/an-older-post/")));

    for entry in library.published() {
        let path = entry.page().path();
        let page = Html::parse_document(written(files, &format!("{path}index.html")));
        assert_eq!(texts(&page, "h1"), [entry.post.title.as_str()], "{path}");
        assert_eq!(
            attr(&page, "[data-base]", "data-base").as_deref(),
            Some(base)
        );
        assert_eq!(
            attr(&page, "link[rel=canonical]", "href"),
            Some(format!("{ORIGIN}{base}{path}"))
        );
    }
    let home = format!("{ORIGIN}{base}");
    let feed = feed(written(files, "feed.xml"));
    assert_eq!(feed.id, home);
    assert!(
        feed.entries
            .iter()
            .any(|e| e.id == format!("{home}blog/an-older-post/"))
    );
    assert!(
        sitemap(written(files, "sitemap.xml"))
            .iter()
            .any(|(loc, _)| loc == &home)
    );
    assert!(written(files, "robots.txt").contains(&format!("Sitemap: {home}sitemap.xml")));

    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let headers = headers_file(&paths, &library.base, &Scripts::readable());
    assert!(headers.contains(&format!("\n{base}*\n")));
    assert!(headers.contains(&format!("\n{base}blog/an-older-post/\n")));
}

#[test]
fn one_process_builds_the_root_and_a_sub_path() {
    let (root_library, root_files) = build("/");
    let (sub_library, sub_files) = build(SUBPATH);
    assert_bundle_below("/", &root_library, &root_files);
    assert_bundle_below(SUBPATH, &sub_library, &sub_files);
    // Nothing of the sub-path build leaked into the root's: built again, the root is
    // the same.
    let (_, again) = build("/");
    for (first, second) in root_files.iter().zip(&again) {
        assert_eq!(first.path, second.path);
        assert_eq!(first.contents, second.contents, "{}", first.path);
    }
    assert!(!written(&root_files, "index.html").contains(SUBPATH));
}

//! What a blog with many posts gets: the index in pages, newest first, each with its own
//! data and links to the pages around it; a feed of the newest posts only; no list of
//! every post in what every page loads; any well-formed path that names no page (and
//! the prerendered `404.html` served for it) is the not-found page. Built from the
//! fixture posts with a small page size and feed.
#![cfg(feature = "ssr")]

mod common;

use common::{
    build_site_of, copy_dir, element_text, feed_entry_ids, root, selector, sitemap, text, written,
};
use rehab_blog::compile::{Library, Options};
use rehab_blog::content::ContentSource;
use rehab_blog::model::{Listing, PageData};
use rehab_blog::render::render;
use rehab_blog::route::{Base, Edition, Page, PageKind};
use scraper::Html;

const NEW: &str = "what-to-bring-to-your-first-iop-session";
const OLDER: &str = "an-older-post";

/// A copy of the fixture content whose `site.json` starts with `settings`: its two dated
/// English posts and its draft (its copy of the article and its Spanish posts are the
/// languages tests').
fn fixture_with(settings: &str) -> tempfile::TempDir {
    let fixture = root().join("tests/fixtures/content");
    let dir = tempfile::tempdir().unwrap();
    let site = std::fs::read_to_string(fixture.join("site.json")).unwrap();
    let site = site.replacen("{", &format!("{{\n  {settings},"), 1);
    std::fs::write(dir.path().join("site.json"), site).unwrap();
    copy_dir(&fixture.join("posts"), &dir.path().join("posts"));
    for other in [
        "iop-instead-of-rehab",
        "programa-ambulatorio-intensivo-en-vez-de-rehabilitacion",
        "que-llevar-a-su-primera-sesion",
    ] {
        std::fs::remove_file(dir.path().join(format!("posts/{other}.md"))).unwrap();
    }
    dir
}

fn library_with(settings: &str) -> Library {
    let dir = fixture_with(settings);
    Library::load(dir.path(), Options::default()).unwrap_or_else(|e| panic!("{e:#?}"))
}

/// One post a page, one entry in the feed.
fn small_pages() -> Library {
    library_with("\"posts_per_page\": 1, \"feed_entries\": 1")
}

/// `(href, rel, text)` of every link `css` selects.
fn links(html: &str, css: &str) -> Vec<(String, String, String)> {
    Html::parse_document(html)
        .select(&selector(css))
        .map(|a| {
            let attr = |name| a.value().attr(name).unwrap_or_default().to_string();
            (attr("href"), attr("rel"), element_text(a))
        })
        .collect()
}

#[test]
fn the_index_is_in_pages_newest_first_each_with_its_own_data() {
    let library = small_pages();
    let text = &library.default_language().site.text;
    let files = build_site_of(&library);
    let listing = |n: u32| -> Listing {
        serde_json::from_str(written(&files, &format!("content/index/{n}.json"))).unwrap()
    };
    let (first, second) = (listing(1), listing(2));
    assert_eq!((first.page, first.older), (1, true));
    assert_eq!((second.page, second.older), (2, false));
    assert_eq!(
        first.posts.iter().map(|p| &p.slug).collect::<Vec<_>>(),
        [NEW]
    );
    assert_eq!(
        second.posts.iter().map(|p| &p.slug).collect::<Vec<_>>(),
        [OLDER]
    );
    assert!(!files.iter().any(|f| f.path == "content/index/3.json"));
    assert!(!files.iter().any(|f| f.path.starts_with("page/1/")));

    let nav = "nav.index-pages a";
    let index = written(&files, "index.html");
    assert_eq!(
        links(index, nav),
        [("/page/2/".into(), "next".into(), text.older_posts.clone())]
    );
    let older = written(&files, "page/2/index.html");
    assert_eq!(
        links(older, nav),
        [("/".into(), "prev".into(), text.newer_posts.clone())]
    );
    let document = Html::parse_document(older);
    let posts: Vec<_> = document
        .select(&selector("a[href^=\"/blog/\"]"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(posts.contains(&format!("/blog/{OLDER}/").as_str()));
    assert!(!posts.contains(&format!("/blog/{NEW}/").as_str()));
    let title: Vec<_> = document
        .select(&selector("head > title"))
        .map(element_text)
        .collect();
    assert_eq!(
        title,
        [format!("Page 2 | {}", library.default_language().site.name)]
    );
    let canonical = document
        .select(&selector("link[rel=canonical]"))
        .next()
        .and_then(|l| l.value().attr("href"));
    assert_eq!(canonical, Some("https://blog.example/page/2/"));
    let listed: Vec<_> = sitemap(written(&files, "sitemap.xml"))
        .into_iter()
        .map(|(loc, _)| loc)
        .collect();
    for url in ["https://blog.example/", "https://blog.example/page/2/"] {
        assert!(listed.iter().any(|loc| loc == url), "{url}");
    }

    // One page only: no links between pages at all.
    let one_page = build_site_of(&library_with("\"posts_per_page\": 10"));
    assert!(links(written(&one_page, "index.html"), nav).is_empty());
    assert!(!one_page.iter().any(|f| f.path.starts_with("page/")));
}

#[test]
fn the_feed_carries_the_newest_posts_only() {
    let files = build_site_of(&small_pages());
    // The newer post links to the older one: only its entry is there.
    assert_eq!(
        feed_entry_ids(written(&files, "feed.xml")),
        [format!("https://blog.example/blog/{NEW}/")]
    );
}

#[test]
fn no_page_loads_a_list_of_every_post() {
    let files = build_site_of(&small_pages());
    let site = written(&files, "content/site.json");
    for slug in [NEW, OLDER] {
        assert!(!site.contains(slug), "site.json names {slug}");
    }
    // Each page's hydration data: the site and that page's own data, nothing else.
    let data = |prefix: &str| {
        &files
            .iter()
            .find(|f| f.path.starts_with(&format!("_data/{prefix}-")))
            .unwrap_or_else(|| panic!("no data for {prefix}"))
            .contents
    };
    assert!(!data("index").contains(OLDER));
    assert!(!data("index-2").contains(NEW));
    assert!(!data(&format!("post-{OLDER}")).contains(NEW));
}

#[test]
fn the_not_found_page_says_so_in_its_own_data() {
    let library = small_pages();
    let files = build_site_of(&library);
    let data = &files
        .iter()
        .find(|f| f.path.starts_with("_data/not-found-"))
        .unwrap()
        .contents;
    // Not found, whatever the path the host served 404.html for.
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(data["page"], "NotFound", "{data}");
    let source = ContentSource::new(library.content());
    let page_data = |page| source.page_data(&page);
    assert_eq!(
        page_data(Page::new(Edition::default(), PageKind::NotFound)),
        PageData::NotFound
    );
    assert_eq!(
        page_data(Page::new(
            Edition::default(),
            PageKind::Post("no-such-post".into())
        )),
        PageData::NotFound
    );
    assert_eq!(
        page_data(Page::new(Edition::default(), PageKind::Index(3))),
        PageData::NotFound
    );
    assert!(matches!(
        page_data(Page::new(Edition::default(), PageKind::Index(2))),
        PageData::Index(_)
    ));

    // Well-formed paths that name no page render the not-found page, as 404.html is.
    let not_found = &library.default_language().site.text.not_found_title;
    for path in [
        "/blog/no-such-post/",
        "/page/3/",
        "/page/1/",
        "/page/0/",
        "/page/x/",
    ] {
        let body = render(path, &Base::default(), &source).body;
        assert!(text(&body).contains(not_found.as_str()), "{path}");
    }
}

#[test]
fn links_to_pages_that_do_not_exist_are_refused_at_build_time() {
    let dir = fixture_with("\"posts_per_page\": 1");
    let post = dir.path().join(format!("posts/{NEW}.md"));
    let source = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        format!("{source}\nSee [page two](/page/2/), [page three](/page/3/) and [a post](/blog/never-written/).\n"),
    )
    .unwrap();
    let errors: Vec<String> = Library::load(dir.path(), Options::default())
        .expect_err("dead links")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].contains("\"/page/3/\" is not a page of this site"),
        "{errors:#?}"
    );
    assert!(
        errors[1].contains("\"/blog/never-written/\" is not a page of this site"),
        "{errors:#?}"
    );
}

#[test]
fn page_sizes_must_be_positive() {
    let dir = fixture_with("\"posts_per_page\": 0,\n  \"feed_entries\": 0");
    let errors: Vec<String> = Library::load(dir.path(), Options::default())
        .expect_err("zero")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.ends_with("site.json:2: posts_per_page: must be at least 1")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.ends_with("site.json:3: feed_entries: must be at least 1")),
        "{errors:#?}"
    );
}

//! A bilingual blog: the fixture blog (tests/fixtures/content) has the article in English,
//! its Spanish translation and a Spanish-only post. Each language has its own pages, index,
//! feed, not-found and offline pages; a post and its translation name each other (the
//! switch, `hreflang`, the sitemap); a page carries its own language's strings only.
#![cfg(feature = "ssr")]

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{
    ARTICLE_SLUG, attr, build_site_of, feed_entry_ids, fold, linked_data, selector, texts, written,
};
use rehab_blog::compile::{Language, Library, Options};
use rehab_blog::model::HydrationData;
use rehab_blog::prerender::{OutputFile, Scripts, service_worker_js};
use rehab_blog::route::Edition;
use scraper::Html;

const ORIGIN: &str = "https://blog.example";
/// The fixture's Spanish translation of the article, and its Spanish-only post.
const TRANSLATION: &str = "programa-ambulatorio-intensivo-en-vez-de-rehabilitacion";
const SPANISH_ONLY: &str = "que-llevar-a-su-primera-sesion";

fn fixture() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content");
        Library::load(&dir, Options::default()).expect("the fixture blog builds")
    })
}

fn files() -> &'static [OutputFile] {
    static FILES: OnceLock<Vec<OutputFile>> = OnceLock::new();
    FILES.get_or_init(|| build_site_of(fixture()))
}

fn page(path: &str) -> Html {
    Html::parse_document(written(files(), path))
}

fn spanish() -> &'static Language {
    fixture()
        .language(&Edition::of("es"))
        .expect("the fixture has Spanish")
}

fn english() -> &'static Language {
    fixture().default_language()
}

/// The page's hydration data, as its loader fetches it.
fn data(page: &Html) -> HydrationData {
    let file = attr(page, "[data-page-data]", "data-page-data").expect("a loader");
    serde_json::from_str(written(files(), file.trim_start_matches('/'))).expect("page data")
}

/// `(hreflang, href)` of a page's alternates.
fn alternates(page: &Html) -> Vec<(String, String)> {
    page.select(&selector("link[rel=alternate][hreflang]"))
        .map(|link| {
            let attr = |name| link.value().attr(name).unwrap_or_default().to_string();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

fn article_path() -> String {
    format!("blog/{ARTICLE_SLUG}/")
}

fn translation_path() -> String {
    format!("es/blog/{TRANSLATION}/")
}

#[test]
fn spanish_pages_are_below_es_and_say_they_are_spanish() {
    for path in [
        "es/index.html".to_string(),
        format!("{}index.html", translation_path()),
        format!("es/blog/{SPANISH_ONLY}/index.html"),
        "es/404.html".to_string(),
        "es/offline.html".to_string(),
    ] {
        let page = page(&path);
        assert_eq!(attr(&page, "html", "lang").as_deref(), Some("es"), "{path}");
        assert_eq!(
            texts(&page, ".crisis-title").first().map(String::as_str),
            Some(spanish().site.crisis.title.as_str()),
            "{path}"
        );
    }
    for path in ["index.html", "404.html", "offline.html"] {
        assert_eq!(attr(&page(path), "html", "lang").as_deref(), Some("en"));
    }
    let not_found = page("es/404.html");
    assert_eq!(
        texts(&not_found, "h1"),
        [spanish().site.text.not_found_title.as_str()]
    );
    assert_eq!(
        attr(&not_found, ".not-found a.button", "href").as_deref(),
        Some("/es/")
    );
}

#[test]
fn a_post_and_its_translation_name_each_other() {
    let article = page(&format!("{}index.html", article_path()));
    let translation = page(&format!("{}index.html", translation_path()));
    let url = |path: String| format!("{ORIGIN}/{path}");
    let expected = |own: (&str, String), other: (&str, String)| {
        vec![
            (own.0.to_string(), own.1.clone()),
            (other.0.to_string(), other.1.clone()),
            ("x-default".to_string(), url(article_path())),
        ]
    };
    assert_eq!(
        alternates(&article),
        expected(("en", url(article_path())), ("es", url(translation_path())))
    );
    assert_eq!(
        alternates(&translation),
        expected(("es", url(translation_path())), ("en", url(article_path())))
    );
    // The switch: one link, to the other, named in its own language and marked as such.
    let switch = |page: &Html| {
        let link = page
            .select(&selector("article .language-switch a"))
            .collect::<Vec<_>>();
        assert_eq!(link.len(), 1);
        let value = |name| link[0].value().attr(name).unwrap_or_default().to_string();
        (
            value("href"),
            value("hreflang"),
            value("lang"),
            fold(&link[0].text().collect::<String>()),
        )
    };
    assert_eq!(
        switch(&article),
        (
            format!("/{}", translation_path()),
            "es".into(),
            "es".into(),
            spanish().name.clone()
        )
    );
    assert_eq!(
        switch(&translation),
        (
            format!("/{}", article_path()),
            "en".into(),
            "en".into(),
            english().name.clone()
        )
    );
    // What crawlers read of the language.
    let meta = |page: &Html, property: &str| {
        texts_of_attr(page, &format!("meta[property=\"{property}\"]"), "content")
    };
    assert_eq!(meta(&article, "og:locale"), ["en_US"]);
    assert_eq!(meta(&article, "og:locale:alternate"), ["es_US"]);
    assert_eq!(meta(&translation, "og:locale"), ["es_US"]);
    assert_eq!(meta(&translation, "og:locale:alternate"), ["en_US"]);
    assert_eq!(linked_data(&article)["inLanguage"], "en");
    assert_eq!(linked_data(&translation)["inLanguage"], "es");
}

fn texts_of_attr(page: &Html, css: &str, name: &str) -> Vec<String> {
    page.select(&selector(css))
        .filter_map(|e| e.value().attr(name).map(String::from))
        .collect()
}

#[test]
fn a_post_without_a_translation_has_no_switch_and_no_alternates() {
    for path in [
        format!("es/blog/{SPANISH_ONLY}/index.html"),
        "blog/an-older-post/index.html".to_string(),
        "es/page/2/index.html".to_string(),
    ] {
        if !files().iter().any(|f| f.path == path) {
            continue;
        }
        let page = page(&path);
        assert_eq!(alternates(&page), [], "{path}");
        assert_eq!(common::count(&page, ".language-switch"), 0, "{path}");
        assert_eq!(
            texts_of_attr(&page, "meta[property=\"og:locale:alternate\"]", "content"),
            Vec::<String>::new()
        );
    }
}

#[test]
fn each_index_lists_its_language_and_links_to_the_other() {
    let english_index = page("index.html");
    let spanish_index = page("es/index.html");
    let listed = |page: &Html| texts_of_attr(page, ".post-list h2 a", "href");
    assert!(
        listed(&spanish_index)
            .iter()
            .all(|href| href.starts_with("/es/blog/")),
        "{:?}",
        listed(&spanish_index)
    );
    assert!(listed(&spanish_index).contains(&format!("/es/blog/{SPANISH_ONLY}/")));
    assert!(
        listed(&english_index)
            .iter()
            .all(|href| href.starts_with("/blog/"))
    );
    assert_eq!(
        texts_of_attr(&english_index, ".language-switch a[hreflang=es]", "href"),
        ["/es/"]
    );
    assert_eq!(
        texts_of_attr(&spanish_index, ".language-switch a[hreflang=en]", "href"),
        ["/"]
    );
    assert_eq!(
        alternates(&spanish_index),
        [
            ("es".to_string(), format!("{ORIGIN}/es/")),
            ("en".to_string(), format!("{ORIGIN}/")),
            ("x-default".to_string(), format!("{ORIGIN}/")),
        ]
    );
    // The header's home link stays in the language.
    assert_eq!(
        attr(&spanish_index, ".site-header a.brand", "href").as_deref(),
        Some("/es/")
    );
}

#[test]
fn each_language_has_its_own_feed() {
    let spanish_feed = feed_entry_ids(written(files(), "es/feed.xml"));
    let english_feed = feed_entry_ids(written(files(), "feed.xml"));
    assert!(spanish_feed.contains(&format!("{ORIGIN}/es/blog/{SPANISH_ONLY}/")));
    assert!(
        spanish_feed
            .iter()
            .all(|id| id.starts_with(&format!("{ORIGIN}/es/")))
    );
    assert!(
        english_feed
            .iter()
            .all(|id| !id.starts_with(&format!("{ORIGIN}/es/")))
    );
    let feed = common::feed(written(files(), "es/feed.xml"));
    assert_eq!(feed.id, format!("{ORIGIN}/es/"));
    assert_eq!(feed.language.as_deref(), Some("es"));
    assert_eq!(
        texts_of_attr(
            &page("es/index.html"),
            "link[type=\"application/atom+xml\"]",
            "href"
        ),
        ["/es/feed.xml"]
    );
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let sitemap = written(files(), "sitemap.xml");
    let xml = Html::parse_document(sitemap);
    let entry = |loc: &str| {
        xml.select(&selector("url"))
            .find(|url| {
                url.select(&selector("loc"))
                    .any(|l| fold(&l.text().collect::<String>()) == loc)
            })
            .unwrap_or_else(|| panic!("{loc} in the sitemap"))
    };
    let links = |loc: &str| -> Vec<(String, String)> {
        entry(loc)
            .select(&selector("xhtml\\:link"))
            .map(|l| {
                let attr = |n| l.value().attr(n).unwrap_or_default().to_string();
                (attr("hreflang"), attr("href"))
            })
            .collect()
    };
    let article = format!("{ORIGIN}/{}", article_path());
    let translation = format!("{ORIGIN}/{}", translation_path());
    assert_eq!(
        links(&article),
        [
            ("en".to_string(), article.clone()),
            ("es".to_string(), translation.clone()),
            ("x-default".to_string(), article.clone()),
        ]
    );
    assert_eq!(
        links(&translation),
        [
            ("es".to_string(), translation.clone()),
            ("en".to_string(), article.clone()),
            ("x-default".to_string(), article.clone()),
        ]
    );
    assert_eq!(links(&format!("{ORIGIN}/es/blog/{SPANISH_ONLY}/")), []);
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
}

#[test]
fn a_page_carries_its_own_languages_strings_only() {
    let article = page(&format!("{}index.html", article_path()));
    let translation = page(&format!("{}index.html", translation_path()));
    assert_eq!(data(&article).site, english().site);
    assert_eq!(data(&translation).site, spanish().site);
    let article_data = written(
        files(),
        attr(&article, "[data-page-data]", "data-page-data")
            .unwrap()
            .trim_start_matches('/'),
    );
    // Dates come printed: no month names.
    assert!(!article_data.contains(&spanish().dates.months[0]));
    assert!(!article_data.contains(&english().dates.months[0]));
    for spanish_text in [
        &spanish().site.text.index_intro,
        &spanish().site.text.not_found_body,
        &spanish().site.crisis.title,
    ] {
        assert!(
            !article_data.contains(spanish_text.as_str()),
            "{spanish_text}"
        );
    }
}

#[test]
fn spanish_posts_print_dates_and_reading_time_in_spanish() {
    let page = page(&format!("es/blog/{SPANISH_ONLY}/index.html"));
    let byline = fold(&texts(&page, ".byline").join(" "));
    assert!(byline.contains("15 de marzo de 2025"), "{byline}");
    assert!(
        byline.contains(&spanish().site.text.reading_time),
        "{byline}"
    );
}

#[test]
fn the_offline_page_and_saved_copy_notice_follow_the_language_of_the_address() {
    let offline = page("es/offline.html");
    assert_eq!(texts(&offline, "h1"), [spanish().offline.title.as_str()]);
    let links = texts_of_attr(&offline, ".crisis a", "href");
    for href in ["tel:988", "sms:988", "tel:911", "tel:+18006624357"] {
        assert!(links.iter().any(|l| l == href), "{href} in {links:?}");
    }
    assert_eq!(
        attr(&offline, ".offline a.button", "href").as_deref(),
        Some("/es/")
    );
    // The worker picks the language by the page's folder, the other languages first.
    let worker = service_worker_js(fixture(), &Scripts::readable(), &[]);
    let deployment: serde_json::Value = serde_json::from_str(
        worker
            .strip_prefix("const DEPLOYMENT=")
            .and_then(|rest| rest.split_once(";\n"))
            .map(|(json, _)| json)
            .expect("the deployment line"),
    )
    .unwrap();
    let languages = deployment["languages"].as_array().unwrap();
    let homes: Vec<&str> = languages
        .iter()
        .map(|l| l["home"].as_str().unwrap())
        .collect();
    assert_eq!(homes, ["/es/", "/"]);
    assert_eq!(languages[0]["offline"], "/es/offline.html");
    assert_eq!(languages[0]["date"], spanish().dates.format.as_str());
    assert!(
        languages[0]["savedCopy"]
            .as_str()
            .unwrap()
            .contains(spanish().offline.saved_copy.split("{date}").next().unwrap())
    );
    // Both offline pages are fetched when the worker installs.
    let built: Vec<(String, Vec<u8>)> = files()
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone().into_bytes()))
        .collect();
    let worker = service_worker_js(fixture(), &Scripts::readable(), &built);
    for offline in ["/es/offline.html", "/offline.html"] {
        assert!(worker.contains(&format!("\"{offline}\"")), "{offline}");
    }
}

/// The shipped blog has the Spanish wording but no Spanish post yet: no Spanish page,
/// switch or alternate is built, and its English pages carry nothing of Spanish but the
/// crisis line.
#[test]
fn a_language_without_a_post_has_no_pages() {
    let library = common::library();
    assert!(library.language(&Edition::of("es")).is_some());
    let files = build_site_of(library);
    let spanish: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.starts_with("es/") || p.starts_with("content/es/"))
        .collect();
    assert_eq!(spanish, Vec::<&str>::new());
    let article = Html::parse_document(written(&files, &format!("{}index.html", article_path())));
    assert_eq!(alternates(&article), []);
    assert_eq!(common::count(&article, ".language-switch"), 0);
}

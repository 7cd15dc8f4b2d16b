//! Native tests: content parses and is complete; components render the right HTML;
//! the prerenderer writes every page.
#![cfg(feature = "ssr")]

mod common;

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use common::{
    ARTICLE_SLUG as SLUG, article, article_entry, content_dir, element_text, library, selector,
    site, source_lines, text as html_text, text_outside, with_drafts, written,
};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;
use rehab_blog::compile::{Library, WORDS_PER_MINUTE};
use rehab_blog::components::comparison::ComparisonTable;
use rehab_blog::components::faq::Faq;
use rehab_blog::content::ContentSource;
use rehab_blog::model::{Block, Comparison, FaqItem, HydrationData, PageData, Post, Site};
use rehab_blog::prerender::{
    OFFLINE_FILE, OutputFile, Scripts, build_site, csp, service_worker_js, sri,
};
use rehab_blog::render;
use rehab_blog::route::Base;
use scraper::Html;
use sha2::{Digest, Sha256};

/// `href="tel:…"` of the site's phone number.
fn tel_attr() -> String {
    format!("href=\"{}\"", site().phone.href())
}

/// The article's Markdown source: counts and ids are derived from it.
fn article_source() -> String {
    std::fs::read_to_string(content_dir().join(format!("posts/{SLUG}.md"))).unwrap()
}

fn render(path: &str) -> render::RenderedPage {
    render::render(
        path,
        &Base::default(),
        &ContentSource::new(library().content()),
    )
}

/// The first block of the article that `pick` accepts.
fn article_block<T>(pick: impl Fn(&Block) -> Option<T>) -> Option<T> {
    article()
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(pick)
}

fn comparison() -> Comparison {
    article_block(|b| match b {
        Block::Comparison(t) => Some(t.clone()),
        _ => None,
    })
    .expect("the article has a comparison")
}

fn faq_items() -> Vec<FaqItem> {
    article_block(|b| match b {
        Block::Faq { items } => Some(items.clone()),
        _ => None,
    })
    .expect("the article has an FAQ")
}

/// Lines of the Markdown source that start with `prefix` (headings), prefix removed,
/// `{…}` attributes dropped.
fn source_headings(prefix: &str) -> Vec<String> {
    article_source()
        .lines()
        .filter_map(|l| l.strip_prefix(prefix))
        .map(|l| l.split(" {").next().unwrap().trim().to_string())
        .collect()
}

/// Renders a component natively, inside a router at the article's URL, with the site
/// data in context.
fn render_component<V: IntoView + 'static>(view: impl FnOnce() -> V + Send + 'static) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(&format!("/blog/{SLUG}/")));
        provide_context(Arc::new(site().clone()));
        view! { <Router>{view()}</Router> }.to_html()
    })
}

#[test]
fn content_files_parse_and_validate() {
    let everything = Library::load(&content_dir(), with_drafts()).expect("content is valid");
    let sources = std::fs::read_dir(content_dir().join("posts"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count();
    assert_eq!(
        everything.posts.len(),
        sources,
        "one post per Markdown file"
    );
    let published: Vec<_> = everything
        .posts
        .iter()
        .filter(|e| !e.draft)
        .map(|e| e.post.slug.clone())
        .collect();
    let listed: Vec<_> = library()
        .index()
        .into_iter()
        .flat_map(|l| l.posts)
        .map(|p| p.slug)
        .collect();
    assert_eq!(listed, published, "every post but the drafts is listed");
    assert!(listed.iter().any(|s| s == SLUG), "the article is listed");
}

/// Every text the compiled article shows, tags removed.
fn compiled_text(site: &Site, post: &Post) -> String {
    let mut texts = vec![
        post.title.clone(),
        format!("{} {}", site.text.reviewed_by, post.reviewer),
    ];
    for section in &post.sections {
        texts.extend(section.heading.as_ref().map(|h| h.text.clone()));
        for block in &section.blocks {
            match block {
                Block::Prose { html } => texts.push(html_text(html.as_str())),
                Block::Comparison(table) => {
                    texts.extend([table.caption.clone(), table.feature_heading.clone()]);
                    texts.extend(table.programs.iter().map(|p| p.name.clone()));
                    for row in &table.rows {
                        texts.push(row.feature.clone());
                        texts.extend(row.values.iter().map(|(_, v)| html_text(v.as_str())));
                    }
                }
                Block::Faq { items } => {
                    for item in items {
                        texts.push(item.question.clone());
                        texts.push(html_text(item.answer.as_str()));
                        texts.extend(item.call.clone());
                    }
                }
            }
        }
    }
    texts.push(html_text(post.disclaimer.as_str()));
    texts.extend(site.footer_lines.iter().cloned());
    texts.join("\n")
}

#[test]
fn article_data_holds_every_sentence_of_the_source() {
    let all = compiled_text(site(), article());
    let missing: Vec<_> = source_lines()
        .into_iter()
        .filter(|line| !all.contains(line.as_str()))
        .collect();
    assert!(missing.is_empty(), "missing from the content: {missing:#?}");
    assert!(source_lines().len() > 60, "the fixture was read");
}

#[test]
fn prerendered_article_shows_every_sentence_and_structure() {
    let html = render(&format!("/blog/{SLUG}/")).body;
    let text = html_text(&html);
    for line in source_lines() {
        assert!(text.contains(&line), "not in the article HTML: {line}");
    }
    assert_eq!(html.matches("<h1").count(), 1, "one h1");
    let sections = source_headings("## ");
    assert_eq!(
        html.matches("<h2").count(),
        sections.len(),
        "one h2 per section"
    );
    for heading in &sections {
        assert!(text.contains(heading.as_str()), "{heading}");
    }
    let page = Html::parse_fragment(&html);
    assert!(html.contains("<blockquote>"));
    // A quote's attribution, from the source, as its caption.
    let attributions: Vec<_> = page
        .select(&selector(
            "figure > blockquote + figcaption, blockquote figcaption",
        ))
        .map(element_text)
        .collect();
    assert!(!attributions.is_empty(), "a quote's attribution");
    for attribution in attributions {
        assert!(
            source_lines().contains(&attribution),
            "{attribution} is not in the source"
        );
    }
    assert!(html.contains("<caption>"));
    assert!(html.contains("<thead>") && html.contains("<tbody>"));
    assert_eq!(
        html.matches("<details").count(),
        source_headings("### ").len()
    );
    // Every time the page prints the number, it is a link that dials it.
    let phone = &site().phone;
    let printed = text.matches(phone.display.as_str()).count();
    let dialing: usize = page
        .select(&selector(&format!("a[href=\"{}\"]", phone.href())))
        .map(|a| element_text(a).matches(phone.display.as_str()).count())
        .sum();
    assert!(printed > 0, "the page prints the phone number");
    assert_eq!(dialing, printed, "every printed number is a tel: link");
    assert!(
        !text_outside(&html, "a[href^=\"tel:\"]").contains(phone.display.as_str()),
        "an unlinked phone number"
    );
    assert!(!html.contains("href=\"#\""));
    let external = selector("a[href^=\"https://\"]");
    assert!(page.select(&external).count() > 0);
    for link in page.select(&external) {
        assert_eq!(
            link.value().attr("rel"),
            Some("noopener noreferrer"),
            "{}",
            link.html()
        );
    }
}

#[test]
fn prerendered_index_lists_every_post() {
    let html = render("/").body;
    let page = Html::parse_fragment(&html);
    let text = site().text.clone();
    let h1: Vec<_> = page
        .select(&selector("h1#title"))
        .map(element_text)
        .collect();
    assert_eq!(h1, [text.index_title]);
    let shown = html_text(&html);
    for entry in &library().posts {
        let post = &entry.post;
        assert!(html.contains(&format!("href=\"/blog/{}/\"", post.slug)));
        assert!(shown.contains(&post.title));
        assert!(shown.contains(&post.summary));
        assert!(shown.contains(&format!("{} {}", text.reviewed_by, post.reviewer)));
        assert!(shown.contains(&format!("{} {}", post.reading_minutes, text.reading_time)));
    }
}

#[test]
fn prerendered_not_found_links_home_and_phone() {
    for path in ["/404.html", "/blog/unknown", "/anything/else"] {
        let html = render(path).body;
        assert!(
            html_text(&html).contains(&site().text.not_found_title),
            "{path}"
        );
        assert!(html.contains("href=\"/\" class=\"button\""), "{path}");
        assert!(html.contains(&tel_attr()), "{path}");
    }
}

#[test]
fn reading_time_is_about_238_words_a_minute() {
    let post = article();
    let words = compiled_text(site(), post).split_whitespace().count();
    let source_words: usize = source_lines()
        .iter()
        .map(|l| l.split_whitespace().count())
        .sum();
    assert!(
        words >= source_words,
        "{words} words, the source has {source_words}"
    );
    // The build counts every word of the source; within a minute of the reader's text.
    assert!(
        post.reading_minutes
            .abs_diff(words.div_ceil(WORDS_PER_MINUTE))
            <= 1
    );
}

#[test]
fn comparison_table_renders_the_articles_table() {
    let table = comparison();
    let defaults: Vec<_> = table.default_programs().cloned().collect();
    let optional: Vec<_> = table
        .programs
        .iter()
        .filter(|p| !p.default)
        .cloned()
        .collect();
    assert!(defaults.len() >= 2 && !optional.is_empty());
    let rendered = table.clone();
    let html = render_component(move || view! { <ComparisonTable table=rendered /> });
    assert!(html.contains(&format!("<th scope=\"col\">{}</th>", table.feature_heading)));
    for program in &defaults {
        assert!(html.contains(&format!("<th scope=\"col\">{}</th>", program.name)));
    }
    // Optional programs are not part of the article's own (default) table: their columns
    // are there for the toggles, hidden.
    for program in &optional {
        assert!(html.contains(&format!("<th scope=\"col\" hidden>{}</th>", program.name)));
    }
    for row in &table.rows {
        assert!(html.contains(&format!("<th scope=\"row\">{}", row.feature)));
        for program in &table.programs {
            let cell = format!(
                "<td data-label=\"{}\"{}>{}</td>",
                program.name,
                if program.default { "" } else { " hidden" },
                row.cell(&program.id).unwrap().as_str()
            );
            assert!(html.contains(&cell), "{}: {cell}", row.feature);
        }
    }
    // Hidden: the header and the cells of every program not shown by default, and nothing
    // else (no row is hidden by default).
    assert_eq!(
        html.matches(" hidden").count(),
        optional.len() * (table.rows.len() + 1)
    );
    // Rows whose value is the same for every program shown are labelled so.
    let same = table
        .rows
        .iter()
        .filter(|row| {
            let mut values = defaults.iter().map(|p| row.cell(&p.id));
            let first = values.next();
            values.all(|v| Some(v) == first)
        })
        .count();
    assert_eq!(
        html.matches(site().text.comparison.same.as_str()).count(),
        same
    );
    assert_eq!(html.matches("<tr").count(), table.rows.len() + 1);
    // Controls are prerendered live (a press before the app is ready is kept by the
    // page's loader), with their ARIA state as strings.
    let buttons = table.programs.len() + 1;
    assert_eq!(html.matches("<button").count(), buttons);
    assert_eq!(html.matches(" disabled").count(), 0);
    assert_eq!(
        html.matches("aria-pressed=\"true\"").count(),
        defaults.len()
    );
    assert_eq!(
        html.matches("aria-pressed=\"false\"").count(),
        optional.len() + 1
    );
    assert!(html.contains("role=\"group\" aria-labelledby=\"comparison-programs-label\""));
}

#[test]
fn faq_renders_questions_with_stable_unique_ids_and_tel_links() {
    let items = faq_items();
    let questions = source_headings("### ");
    assert_eq!(
        items.iter().map(|i| i.question.clone()).collect::<Vec<_>>(),
        questions
    );
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let html = render_component(move || view! { <Faq items /> });
    for (id, question) in ids.iter().zip(&questions) {
        assert_eq!(id, &format!("faq-{}", rehab_blog::model::slugify(question)));
        assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
    }
    assert!(
        html.contains(&tel_attr()),
        "the insurance answer links the phone"
    );
    assert_eq!(html.matches("<summary>").count(), questions.len());
}

fn build() -> Vec<OutputFile> {
    build_site(TRUNK_SHELL, &scripts(), library(), "https://blog.example").expect("builds")
}

/// The scripts as written: the build ships them minified (tests/dist.rs checks that).
fn scripts() -> Scripts {
    Scripts::readable()
}

/// The `attribute` of the element `css` selects in `html`.
fn attribute(html: &str, css: &str, attribute: &str) -> Option<String> {
    let document = Html::parse_document(html);
    let element = document.select(&selector(css)).next()?;
    element.value().attr(attribute).map(String::from)
}

#[test]
fn build_site_writes_every_page_and_the_index() {
    let files = build();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let post_pages = library()
        .posts
        .iter()
        .map(|e| format!("blog/{}/index.html", e.post.slug));
    for expected in ["index.html", "404.html", "content/index/1.json"]
        .map(String::from)
        .into_iter()
        .chain(post_pages)
    {
        assert!(
            paths.contains(&expected.as_str()),
            "{expected} in {paths:?}"
        );
    }
    let page = |p: &str| written(&files, p);
    let article_page = page(&format!("blog/{SLUG}/index.html"));
    let title = Html::parse_document(article_page)
        .select(&selector("head > title"))
        .map(element_text)
        .collect::<Vec<_>>();
    assert_eq!(title, [site().document_title(Some(&article().title))]);
    assert!(article_page.contains("<meta name=\"description\""));
    assert!(
        article_page.contains("<body><div id=\"app\"><a href=\"#main\" class=\"skip-link\">"),
        "body holds exactly the app, in its root element"
    );
    let script = files
        .iter()
        .find(|f| f.path.starts_with(&format!("_data/post-{SLUG}-")))
        .unwrap();
    // Trunk's inline loader and its preloads are gone: the page's own loader names the
    // glue, the wasm and the page's hydration data, each with its integrity, and the
    // service worker.
    assert!(!article_page.contains("<script type=\"module\">"));
    assert!(!article_page.contains("<link rel=\"preload\""));
    assert!(!article_page.contains("<link rel=\"modulepreload\""));
    assert!(article_page.contains(&format!(
        "<script data-base=\"/\" data-glue=\"/app-0123456789abcdef.js\" data-glue-integrity=\"sha384-JS\" \
         data-wasm=\"/app-0123456789abcdef_bg.wasm\" data-wasm-integrity=\"sha384-WASM\" \
         data-page-data=\"/{}\" data-page-data-integrity=\"{}\" data-worker=\"/sw.js\" \
         data-pending=\"{}\">{}</script>",
        script.path,
        sri(script.contents.as_bytes()),
        site().text.getting_ready,
        scripts().loader,
    )));
    assert!(article_page.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        csp(&scripts())
    )));
    assert!(csp(&scripts()).contains(&format!(
        "script-src 'self' 'sha256-{}' 'wasm-unsafe-eval';",
        BASE64.encode(Sha256::digest(scripts().loader.as_bytes()))
    )));
    assert!(
        !article_page.contains("frame-ancestors"),
        "meta CSP cannot carry frame-ancestors"
    );
    let data: HydrationData = serde_json::from_str(&script.contents).unwrap();
    assert_eq!(&data.site, site());
    assert_eq!(data.page, PageData::Post(article().clone()));
    assert!(page("404.html").contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!page("index.html").contains("noindex"));
    let index: serde_json::Value = serde_json::from_str(page("content/index/1.json")).unwrap();
    let index = index["posts"].as_array().unwrap();
    let listed: Vec<_> = index.iter().map(|s| s["slug"].as_str().unwrap()).collect();
    let published: Vec<_> = library()
        .published()
        .map(|e| e.post.slug.as_str())
        .take(library().posts_per_page as usize)
        .collect();
    assert_eq!(
        listed, published,
        "the index lists the newest published posts, in order"
    );
    let summary = index.iter().find(|s| s["slug"] == SLUG).unwrap();
    assert_eq!(summary["reading_minutes"], article().reading_minutes);
    // What client-side navigation fetches: the compiled post and site.
    let post: Post = serde_json::from_str(page(&format!("content/posts/{SLUG}.json"))).unwrap();
    assert_eq!(&post, article());
    let compiled_site: Site = serde_json::from_str(page("content/site.json")).unwrap();
    assert_eq!(&compiled_site, site());
    for broken in [
        "<html><body><main></main></body></html>",
        "<html><head><title>x</title></head><body></body></html>",
    ] {
        assert!(build_site(broken, &scripts(), library(), "https://blog.example").is_err());
    }
}

/// What Trunk 0.21 writes: an inline module loader and the wasm preload.
const TRUNK_SHELL: &str = include_str!("fixtures/trunk-shell.html");

/// The wasm tests cannot compile Markdown: they read a post in compiled form.
#[test]
fn the_wasm_tests_fixture_is_a_compiled_post() {
    let post: Post = serde_json::from_str(include_str!("fixtures/compiled-post.json")).unwrap();
    let blocks: Vec<_> = post.sections.iter().flat_map(|s| &s.blocks).collect();
    assert!(blocks.iter().any(|b| matches!(b, Block::Faq { .. })));
    assert!(blocks.iter().any(|b| matches!(b, Block::Comparison(_))));
}

#[test]
fn site_title_format() {
    let site = site();
    assert_eq!(site.document_title(None), site.name);
    assert_eq!(site.document_title(Some("A")), format!("A | {}", site.name));
}

#[test]
fn every_page_has_its_seo_head() {
    let files = build();
    let page = |p: &str| written(&files, p).to_string();
    let article_page = page(&format!("blog/{SLUG}/index.html"));
    let url = format!("https://blog.example/blog/{SLUG}/");
    let post = article();
    let title = site().document_title(Some(&post.title));
    for (css, name, expected) in [
        ("link[rel=canonical]", "href", url.as_str()),
        ("meta[property=\"og:type\"]", "content", "article"),
        ("meta[property=\"og:url\"]", "content", &url),
        ("meta[property=\"og:title\"]", "content", &title),
        (
            "meta[property=\"og:description\"]",
            "content",
            &post.summary,
        ),
        (
            "meta[property=\"og:image\"]",
            "content",
            "https://blog.example/og-image.png",
        ),
        (
            "meta[name=\"twitter:card\"]",
            "content",
            "summary_large_image",
        ),
        ("link[rel=manifest]", "href", "/manifest.webmanifest"),
        ("html", "lang", "en"),
    ] {
        assert_eq!(
            attribute(&article_page, css, name).as_deref(),
            Some(expected),
            "{css}"
        );
    }
    let document = Html::parse_document(&article_page);
    let json_ld = document
        .select(&selector("script[type=\"application/ld+json\"]"))
        .next()
        .expect("JSON-LD");
    let data: serde_json::Value =
        serde_json::from_str(&json_ld.text().collect::<String>()).unwrap();
    assert_eq!(data["@type"], "MedicalWebPage");
    assert_eq!(data["reviewedBy"]["name"], post.reviewer.as_str());
    assert_eq!(data["mainEntity"]["@type"], "BlogPosting");
    assert_eq!(
        data["mainEntity"]["publisher"]["@type"],
        "MedicalOrganization"
    );
    assert_eq!(
        data["mainEntity"]["publisher"]["telephone"],
        site().phone.tel.as_str()
    );

    let index = page("index.html");
    assert_eq!(
        attribute(&index, "link[rel=canonical]", "href").as_deref(),
        Some("https://blog.example/")
    );
    assert_eq!(
        attribute(&index, "meta[property=\"og:type\"]", "content").as_deref(),
        Some("website")
    );
    let not_found = page("404.html");
    assert!(not_found.contains("noindex"));
    assert!(!not_found.contains("rel=\"canonical\""));

    // The article has no `updated` date in its front matter: its date is its last git
    // commit's, so these tests need the repository's history (a `git clone`, which copies
    // it, not an exported tree).
    let modified = article_entry().modified.as_deref().expect(
        "the article has no modification date: give it `updated` in its front matter, \
         or run the tests in a git clone of the repository (its date is its last commit's)",
    );
    assert_eq!(
        data["dateModified"], modified,
        "from git or the front matter"
    );
    for html in [&article_page, &index, &not_found] {
        let feed = attribute(
            html,
            "link[rel=alternate][type=\"application/atom+xml\"]",
            "title",
        );
        assert_eq!(feed.as_deref(), Some(site().name.as_str()));
        assert_eq!(
            attribute(
                html,
                "link[rel=alternate][type=\"application/atom+xml\"]",
                "href"
            )
            .as_deref(),
            Some("/feed.xml")
        );
    }
    let sitemap = page("sitemap.xml");
    let date = article_entry().last_date().expect("the article's date");
    assert!(sitemap.contains(&format!("<loc>{url}</loc><lastmod>{date}</lastmod>")));
    assert!(sitemap.contains("<loc>https://blog.example/</loc>"));
    assert!(!sitemap.contains("404"));
    assert_eq!(
        page("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://blog.example/sitemap.xml\n"
    );
}

/// The offline page is the app's own header and crisis notice, as every page shows them
/// (without hydration's markers: nothing hydrates it).
#[test]
fn the_offline_page_has_the_sites_own_header_and_crisis_notice() {
    let files = build();
    let parts = |path: &str| {
        let document = Html::parse_document(written(&files, path));
        ["header.site-header", ".crisis-lines"].map(|css| {
            let part = document.select(&selector(css)).next().expect(css).html();
            part.replace("<!---->", "")
        })
    };
    assert_eq!(parts(OFFLINE_FILE), parts("index.html"));
}

/// Offline support: every page names the worker for its loader to register; the offline
/// page carries every crisis number and the publisher's as links, and no script; a build
/// that retires the worker ships the retiring one and has no page register any.
#[test]
fn pages_register_the_worker_and_a_retiring_build_ships_the_one_that_unregisters() {
    let files = build();
    let index = written(&files, "index.html");
    assert_eq!(
        attribute(index, "script[data-wasm]", "data-worker").as_deref(),
        Some("/sw.js")
    );
    let offline = written(&files, OFFLINE_FILE);
    for line in &site().crisis.lines {
        for href in line.0.split("href=\"").skip(1) {
            let href = href.split('"').next().unwrap();
            assert!(offline.contains(&format!("href=\"{href}\"")), "{href}");
        }
    }
    assert!(offline.contains(&tel_attr()));
    assert!(!offline.contains("<script"), "{offline}");
    let worker = service_worker_js(library(), &scripts(), &[]);
    assert!(worker.starts_with("const DEPLOYMENT="), "{worker}");

    let retiring = Library {
        retire_worker: true,
        ..library().clone()
    };
    let files =
        build_site(TRUNK_SHELL, &scripts(), &retiring, "https://blog.example").expect("builds");
    assert_eq!(
        attribute(
            written(&files, "index.html"),
            "script[data-wasm]",
            "data-worker"
        ),
        None
    );
    assert_eq!(
        service_worker_js(&retiring, &scripts(), &[]),
        scripts().retire_worker
    );
}

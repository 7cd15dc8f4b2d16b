//! Native tests: content parses and is complete; components render the right HTML;
//! the prerenderer writes every page. HTML is read with a parser (tests/common), one
//! concern a test.
#![cfg(feature = "ssr")]

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use common::{
    ARTICLE_SLUG as SLUG, article, article_entry, attr, content_dir, count, element_text, hrefs,
    library, linked_data, selector, site, sitemap, source_lines, text as html_text, text_outside,
    texts, with_drafts, written,
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
use scraper::{ElementRef, Html};
use sha2::{Digest, Sha256};

/// The selector of links that dial the site's phone number.
fn dials_us() -> String {
    format!("a[href=\"{}\"]", site().phone.href())
}

/// The article's Markdown source: counts and ids are derived from it.
fn article_source() -> String {
    std::fs::read_to_string(content_dir().join(format!("posts/{SLUG}.md"))).unwrap()
}

/// The body of the page the server renders for `path`, as HTML and parsed.
fn render(path: &str) -> (String, Html) {
    let body = render::render(
        path,
        &Base::default(),
        &ContentSource::new(library().content()),
    )
    .body;
    let parsed = Html::parse_fragment(&body);
    (body, parsed)
}

fn article_page() -> (String, Html) {
    render(&format!("/blog/{SLUG}/"))
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
/// data in context, and parses it.
fn render_component<V: IntoView + 'static>(view: impl FnOnce() -> V + Send + 'static) -> Html {
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(RequestUrl::new(&format!("/blog/{SLUG}/")));
        provide_context(Arc::new(site().clone()));
        view! { <Router>{view()}</Router> }.to_html()
    });
    Html::parse_fragment(&html)
}

/// An HTML fragment as the parser writes it back, to compare with a parsed element's.
fn reserialized(fragment: &str) -> String {
    Html::parse_fragment(fragment).root_element().inner_html()
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
        .index(library().default_language())
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
fn prerendered_article_shows_every_sentence_of_the_source() {
    let (html, _) = article_page();
    let text = html_text(&html);
    let missing: Vec<_> = source_lines()
        .into_iter()
        .filter(|line| !text.contains(line.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in the article HTML: {missing:#?}");
}

#[test]
fn prerendered_article_has_one_h1_and_an_h2_per_section() {
    let (_, page) = article_page();
    assert_eq!(texts(&page, "h1"), [article().title.clone()]);
    assert_eq!(texts(&page, "h2"), source_headings("## "));
}

#[test]
fn prerendered_article_quotes_carry_their_attribution_from_the_source() {
    let (_, page) = article_page();
    assert!(
        count(&page, "blockquote") > 0,
        "the article quotes a client"
    );
    let attributions = texts(
        &page,
        "figure > blockquote + figcaption, blockquote figcaption",
    );
    assert!(!attributions.is_empty(), "a quote's attribution");
    for attribution in attributions {
        assert!(
            source_lines().contains(&attribution),
            "{attribution} is not in the source"
        );
    }
}

#[test]
fn prerendered_article_table_has_a_caption_a_head_and_a_body() {
    let (_, page) = article_page();
    assert_eq!(count(&page, "table"), 1);
    for part in ["caption", "thead", "tbody"] {
        assert_eq!(count(&page, &format!("table > {part}")), 1, "{part}");
    }
}

#[test]
fn prerendered_article_has_an_answer_per_faq_question() {
    let (_, page) = article_page();
    assert_eq!(count(&page, "details"), source_headings("### ").len());
}

#[test]
fn prerendered_article_links_every_printed_phone_number() {
    let (html, page) = article_page();
    let display = site().phone.display.as_str();
    let printed = html_text(&html).matches(display).count();
    let dialing: usize = page
        .select(&selector(&dials_us()))
        .map(|a| element_text(a).matches(display).count())
        .sum();
    assert!(printed > 0, "the page prints the phone number");
    assert_eq!(dialing, printed, "every printed number is a tel: link");
    assert!(
        !text_outside(&html, "a[href^=\"tel:\"]").contains(display),
        "an unlinked phone number"
    );
}

#[test]
fn prerendered_article_links_go_somewhere_and_external_ones_send_no_referrer() {
    let (_, page) = article_page();
    assert_eq!(count(&page, "a[href=\"#\"]"), 0, "a dead link");
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
    let (html, page) = render("/");
    let text = &site().text;
    assert_eq!(texts(&page, "h1#title"), [text.index_title.as_str()]);
    let shown = html_text(&html);
    for entry in &library().posts {
        let post = &entry.post;
        let link = format!("a[href=\"/blog/{}/\"]", post.slug);
        assert!(count(&page, &link) > 0, "{link}");
        assert!(shown.contains(&post.title));
        assert!(shown.contains(&post.summary));
        assert!(shown.contains(&format!("{} {}", text.reviewed_by, post.reviewer)));
        assert!(shown.contains(&format!("{} {}", post.reading_minutes, text.reading_time)));
    }
}

#[test]
fn prerendered_not_found_links_home_and_phone() {
    for path in ["/404.html", "/blog/unknown", "/anything/else"] {
        let (html, page) = render(path);
        assert!(
            html_text(&html).contains(&site().text.not_found_title),
            "{path}"
        );
        assert_eq!(count(&page, "a.button[href=\"/\"]"), 1, "{path}");
        assert!(count(&page, &dials_us()) > 0, "{path}");
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

fn comparison_table() -> Html {
    let table = comparison();
    render_component(move || view! { <ComparisonTable table /> })
}

/// Whether the element has the `hidden` attribute.
fn hidden(element: ElementRef) -> bool {
    element.value().attr("hidden").is_some()
}

#[test]
fn comparison_table_shows_the_articles_programs_and_keeps_the_others_hidden() {
    let table = comparison();
    assert!(table.default_programs().count() >= 2);
    assert!(table.programs.iter().any(|p| !p.default));
    let html = comparison_table();
    let heads: Vec<_> = html
        .select(&selector("thead th[scope=col]"))
        .map(|th| (element_text(th), hidden(th)))
        .collect();
    // Optional programs are not part of the article's own (default) table: their columns
    // are there for the toggles, hidden.
    let expected: Vec<_> = std::iter::once((table.feature_heading.clone(), false))
        .chain(table.programs.iter().map(|p| (p.name.clone(), !p.default)))
        .collect();
    assert_eq!(heads, expected);
}

#[test]
fn comparison_table_rows_hold_the_compiled_cells() {
    let table = comparison();
    let html = comparison_table();
    let rows: Vec<_> = html.select(&selector("tbody tr")).collect();
    assert_eq!(rows.len(), table.rows.len());
    for (tr, row) in rows.into_iter().zip(&table.rows) {
        let heading = tr.select(&selector("th[scope=row]")).next().unwrap();
        let own_text: String = heading
            .children()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect();
        assert_eq!(common::fold(&own_text), row.feature);
        let cells: Vec<_> = tr
            .select(&selector("td"))
            .map(|td| {
                (
                    td.value()
                        .attr("data-label")
                        .unwrap_or_default()
                        .to_string(),
                    hidden(td),
                    td.inner_html(),
                )
            })
            .collect();
        let expected: Vec<_> = table
            .programs
            .iter()
            .map(|p| {
                let cell = row.cell(&p.id).unwrap().as_str();
                (p.name.clone(), !p.default, reserialized(cell))
            })
            .collect();
        assert_eq!(cells, expected, "{}", row.feature);
    }
}

#[test]
fn comparison_table_hides_only_the_optional_programs() {
    let table = comparison();
    let optional = table.programs.iter().filter(|p| !p.default).count();
    let html = comparison_table();
    // Their header and cells, and nothing else: no row is hidden by default.
    assert_eq!(count(&html, "[hidden]"), optional * (table.rows.len() + 1));
    assert_eq!(count(&html, "tr"), table.rows.len() + 1);
}

#[test]
fn comparison_table_labels_rows_the_same_for_every_program_shown() {
    let table = comparison();
    let html = comparison_table();
    let label = &site().text.comparison.same;
    let labelled: Vec<bool> = html
        .select(&selector("tbody tr"))
        .map(|tr| {
            tr.select(&selector(".same-tag"))
                .any(|tag| &element_text(tag) == label)
        })
        .collect();
    let same: Vec<bool> = table
        .rows
        .iter()
        .map(|row| {
            let mut values = table.default_programs().map(|p| row.cell(&p.id));
            let first = values.next();
            values.all(|v| Some(v) == first)
        })
        .collect();
    assert_eq!(labelled, same);
}

#[test]
fn comparison_controls_are_prerendered_live_with_their_pressed_state() {
    let table = comparison();
    let html = comparison_table();
    // Live: a press before the app is ready is kept by the page's loader. ARIA state
    // is written as strings.
    assert_eq!(count(&html, "button[disabled]"), 0);
    let buttons: Vec<_> = html
        .select(&selector("button"))
        .map(|b| {
            (
                element_text(b),
                b.value().attr("aria-pressed").map(String::from),
            )
        })
        .collect();
    let pressed = |on: bool| Some(on.to_string());
    let expected: Vec<_> = table
        .programs
        .iter()
        .map(|p| (p.name.clone(), pressed(p.default)))
        .chain([(
            site().text.comparison.only_differences.clone(),
            pressed(false),
        )])
        .collect();
    assert_eq!(buttons, expected);
    assert_eq!(
        count(
            &html,
            "[role=group][aria-labelledby=\"comparison-programs-label\"]"
        ),
        1
    );
}

#[test]
fn faq_renders_a_question_per_heading_with_a_stable_unique_id() {
    let items = faq_items();
    let questions = source_headings("### ");
    assert_eq!(
        items.iter().map(|i| i.question.clone()).collect::<Vec<_>>(),
        questions
    );
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let html = render_component(move || view! { <Faq items /> });
    assert_eq!(texts(&html, "summary"), questions);
    for (id, question) in ids.iter().zip(&questions) {
        assert_eq!(id, &format!("faq-{}", rehab_blog::model::slugify(question)));
        assert_eq!(count(&html, &format!("[id=\"{id}\"]")), 1, "{id}");
    }
}

#[test]
fn faq_insurance_answer_links_the_phone() {
    let items = faq_items();
    let html = render_component(move || view! { <Faq items /> });
    assert!(count(&html, &dials_us()) > 0);
}

fn build() -> Vec<OutputFile> {
    build_site(TRUNK_SHELL, &scripts(), library(), "https://blog.example").expect("builds")
}

/// The scripts as written: the build ships them minified (tests/dist.rs checks that).
fn scripts() -> Scripts {
    Scripts::readable()
}

/// The page the build wrote at `path`, parsed.
fn built(files: &[OutputFile], path: &str) -> Html {
    Html::parse_document(written(files, path))
}

fn built_article(files: &[OutputFile]) -> Html {
    built(files, &format!("blog/{SLUG}/index.html"))
}

/// The hydration data file the build wrote for the article.
fn article_data(files: &[OutputFile]) -> &OutputFile {
    files
        .iter()
        .find(|f| f.path.starts_with(&format!("_data/post-{SLUG}-")))
        .expect("the article's hydration data")
}

#[test]
fn build_writes_a_page_for_every_route_and_the_index() {
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
}

#[test]
fn built_page_has_its_title_and_description() {
    let page = built_article(&build());
    assert_eq!(
        texts(&page, "head > title"),
        [site().document_title(Some(&article().title))]
    );
    assert_eq!(count(&page, "meta[name=description]"), 1);
}

#[test]
fn built_page_body_holds_exactly_the_app_in_its_root_element() {
    let page = built_article(&build());
    let body = page.select(&selector("body")).next().unwrap();
    let elements: Vec<_> = body.children().filter_map(ElementRef::wrap).collect();
    let stray_text: String = body
        .children()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    assert!(
        stray_text.trim().is_empty(),
        "text beside the app: {stray_text:?}"
    );
    let [app] = elements.as_slice() else {
        panic!("the body holds {} elements", elements.len());
    };
    assert_eq!(app.value().id(), Some("app"));
    let first = app
        .first_child()
        .and_then(ElementRef::wrap)
        .expect("the app starts with an element");
    assert_eq!(
        (first.value().name(), first.value().attr("href")),
        ("a", Some("#main"))
    );
    assert!(first.value().classes().any(|c| c == "skip-link"));
}

#[test]
fn built_page_starts_the_app_with_its_own_loader_instead_of_trunks() {
    let files = build();
    let page = built_article(&files);
    // Trunk's inline loader and its preloads are gone.
    for trunks in [
        "script[type=module]",
        "link[rel=preload]",
        "link[rel=modulepreload]",
    ] {
        assert_eq!(count(&page, trunks), 0, "{trunks}");
    }
    // The page's own loader names the glue, the wasm and the page's hydration data, each
    // with its integrity, and the service worker.
    let loader = page.select(&selector("script[data-wasm]")).next().unwrap();
    let data = article_data(&files);
    let data_path = format!("/{}", data.path);
    let data_integrity = sri(data.contents.as_bytes());
    let attributes: BTreeMap<&str, &str> = loader.value().attrs().collect();
    let expected = BTreeMap::from([
        ("data-base", "/"),
        ("data-glue", "/app-0123456789abcdef.js"),
        ("data-glue-integrity", "sha384-JS"),
        ("data-wasm", "/app-0123456789abcdef_bg.wasm"),
        ("data-wasm-integrity", "sha384-WASM"),
        ("data-page-data", data_path.as_str()),
        ("data-page-data-integrity", data_integrity.as_str()),
        ("data-worker", "/sw.js"),
        ("data-pending", site().text.getting_ready.as_str()),
    ]);
    assert_eq!(attributes, expected);
    assert_eq!(loader.text().collect::<String>(), scripts().loader);
}

#[test]
fn built_page_carries_the_csp_that_allows_its_loader_by_hash() {
    let page = built_article(&build());
    let policy =
        attr(&page, "meta[http-equiv=Content-Security-Policy]", "content").expect("a CSP meta tag");
    assert_eq!(policy, csp(&scripts()));
    assert!(csp(&scripts()).contains(&format!(
        "script-src 'self' 'sha256-{}' 'wasm-unsafe-eval';",
        BASE64.encode(Sha256::digest(scripts().loader.as_bytes()))
    )));
    assert!(
        !policy.contains("frame-ancestors"),
        "meta CSP cannot carry frame-ancestors"
    );
}

#[test]
fn built_hydration_data_is_the_site_and_the_page() {
    let files = build();
    let data: HydrationData = serde_json::from_str(&article_data(&files).contents).unwrap();
    assert_eq!(&data.site, site());
    assert_eq!(data.page, PageData::Post(article().clone()));
}

#[test]
fn built_index_data_lists_the_newest_published_posts_in_order() {
    let files = build();
    let index: serde_json::Value =
        serde_json::from_str(written(&files, "content/index/1.json")).unwrap();
    let index = index["posts"].as_array().unwrap();
    let listed: Vec<_> = index.iter().map(|s| s["slug"].as_str().unwrap()).collect();
    let published: Vec<_> = library()
        .published()
        .map(|e| e.post.slug.as_str())
        .take(library().posts_per_page as usize)
        .collect();
    assert_eq!(listed, published);
    let summary = index.iter().find(|s| s["slug"] == SLUG).unwrap();
    assert_eq!(summary["reading_minutes"], article().reading_minutes);
}

/// What client-side navigation fetches: the compiled post and site.
#[test]
fn built_content_files_are_the_compiled_post_and_site() {
    let files = build();
    let post: Post =
        serde_json::from_str(written(&files, &format!("content/posts/{SLUG}.json"))).unwrap();
    assert_eq!(&post, article());
    let compiled_site: Site = serde_json::from_str(written(&files, "content/site.json")).unwrap();
    assert_eq!(&compiled_site, site());
}

#[test]
fn build_refuses_a_shell_without_its_parts() {
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

/// The article's canonical address, on the origin the tests build for.
fn article_url() -> String {
    format!("https://blog.example/blog/{SLUG}/")
}

#[test]
fn article_head_names_its_address_and_its_sharing_card() {
    let page = built_article(&build());
    let post = article();
    let url = article_url();
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
        assert_eq!(attr(&page, css, name).as_deref(), Some(expected), "{css}");
    }
}

#[test]
fn article_head_describes_a_medical_page_reviewed_by_the_clinician() {
    let data = linked_data(&built_article(&build()));
    assert_eq!(data["@type"], "MedicalWebPage");
    assert_eq!(data["reviewedBy"]["name"], article().reviewer.as_str());
    assert_eq!(data["mainEntity"]["@type"], "BlogPosting");
    assert_eq!(
        data["mainEntity"]["publisher"]["@type"],
        "MedicalOrganization"
    );
    assert_eq!(
        data["mainEntity"]["publisher"]["telephone"],
        site().phone.tel.as_str()
    );
}

#[test]
fn article_was_last_modified_by_its_last_commit() {
    let data = linked_data(&built_article(&build()));
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
}

#[test]
fn index_head_is_a_website_at_the_sites_address() {
    let index = built(&build(), "index.html");
    assert_eq!(
        attr(&index, "link[rel=canonical]", "href").as_deref(),
        Some("https://blog.example/")
    );
    assert_eq!(
        attr(&index, "meta[property=\"og:type\"]", "content").as_deref(),
        Some("website")
    );
}

#[test]
fn only_the_not_found_page_is_kept_out_of_search_results() {
    let files = build();
    let not_found = built(&files, "404.html");
    assert_eq!(
        attr(&not_found, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    assert_eq!(count(&not_found, "link[rel=canonical]"), 0);
    assert_eq!(count(&built(&files, "index.html"), "meta[name=robots]"), 0);
}

#[test]
fn every_page_links_the_feed() {
    let files = build();
    for path in [
        format!("blog/{SLUG}/index.html"),
        "index.html".into(),
        "404.html".into(),
    ] {
        let page = built(&files, &path);
        let feed = "link[rel=alternate][type=\"application/atom+xml\"]";
        assert_eq!(
            attr(&page, feed, "title").as_deref(),
            Some(site().name.as_str()),
            "{path}"
        );
        assert_eq!(
            attr(&page, feed, "href").as_deref(),
            Some("/feed.xml"),
            "{path}"
        );
    }
}

#[test]
fn sitemap_lists_every_page_with_its_date_and_robots_points_to_it() {
    let files = build();
    let urls: BTreeMap<String, String> = sitemap(written(&files, "sitemap.xml"))
        .into_iter()
        .collect();
    let date = article_entry().last_date().expect("the article's date");
    assert_eq!(urls.get(&article_url()), Some(&date.to_string()));
    assert!(urls.contains_key("https://blog.example/"));
    assert!(
        !urls.keys().any(|loc| loc.contains("404")),
        "the not-found page is not listed"
    );
    assert_eq!(
        written(&files, "robots.txt"),
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

#[test]
fn pages_name_the_worker_for_their_loader_to_register() {
    let index = built(&build(), "index.html");
    assert_eq!(
        attr(&index, "script[data-wasm]", "data-worker").as_deref(),
        Some("/sw.js")
    );
    let worker = service_worker_js(library(), &scripts(), &[]);
    assert!(worker.starts_with("const DEPLOYMENT="), "{worker}");
}

/// The notice the worker puts on a saved copy: site.json's wording (the worker puts the
/// date in `{date}`), marked as a notice about the page as served, which the app removes.
#[test]
fn the_saved_copy_notice_is_the_sites_wording_marked_as_a_page_notice() {
    let worker = service_worker_js(library(), &scripts(), &[]);
    let deployment = worker
        .strip_prefix("const DEPLOYMENT=")
        .and_then(|rest| rest.split_once(";\n"))
        .map(|(json, _)| json)
        .expect("the deployment first");
    let deployment: serde_json::Value = serde_json::from_str(deployment).unwrap();
    // The default language's, the only one the shipped blog builds.
    let languages = deployment["languages"].as_array().unwrap();
    assert_eq!(languages.len(), 1);
    let notice = Html::parse_fragment(languages[0]["savedCopy"].as_str().unwrap());
    let marked = format!(
        "p.saved-copy[role=status][{}]",
        rehab_blog::takeover::PAGE_NOTICE
    );
    assert_eq!(
        texts(&notice, &marked),
        [library().default_language().offline.saved_copy.as_str()]
    );
}

/// A page never opened, offline: every crisis number and the publisher's, as links, and
/// no script.
#[test]
fn offline_page_links_every_number_and_runs_no_script() {
    let files = build();
    let links = hrefs(written(&files, OFFLINE_FILE));
    for line in &site().crisis.lines {
        for href in hrefs(&line.0) {
            assert!(links.contains(&href), "{href}");
        }
    }
    assert!(links.contains(&site().phone.href()));
    assert_eq!(count(&built(&files, OFFLINE_FILE), "script"), 0);
}

/// Every page's crisis notices (the top one and the footer's) and the offline page carry
/// the lines for readers of other languages, each marked with its language and with its
/// numbers as links.
#[test]
fn crisis_lines_in_other_languages_are_on_every_page_in_their_language() {
    let files = build();
    let others = &site().crisis.other_languages;
    assert!(
        others.iter().any(|o| o.lang == "es"),
        "site.json has a Spanish line"
    );
    for (path, notices) in [
        ("index.html", 2),
        (&format!("blog/{SLUG}/index.html")[..], 2),
        ("404.html", 2),
        (OFFLINE_FILE, 1),
    ] {
        let page = built(&files, path);
        for other in others {
            let marked = format!(".crisis-lines > li[lang=\"{}\"]", other.lang);
            assert_eq!(count(&page, &marked), notices, "{path}: {marked}");
            for shown in page.select(&selector(&marked)) {
                assert_eq!(
                    common::fold(&shown.inner_html()),
                    common::fold(other.line.as_str()),
                    "{path}"
                );
            }
        }
    }
    let spanish = &others.iter().find(|o| o.lang == "es").unwrap().line;
    assert_eq!(hrefs(spanish.as_str()), ["tel:988", "sms:988"]);
}

/// A build that retires the worker ships the one that unregisters itself, and no page
/// registers any.
#[test]
fn a_retiring_build_ships_the_worker_that_unregisters() {
    let retiring = Library {
        retire_worker: true,
        ..library().clone()
    };
    let files =
        build_site(TRUNK_SHELL, &scripts(), &retiring, "https://blog.example").expect("builds");
    assert_eq!(
        attr(
            &built(&files, "index.html"),
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

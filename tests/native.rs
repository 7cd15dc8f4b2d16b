//! Native tests: content parses and is complete; components render the right HTML;
//! the prerenderer writes every page.
#![cfg(feature = "ssr")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;
use rehab_blog::compile::{Library, Options, WORDS_PER_MINUTE};
use rehab_blog::components::comparison::ComparisonTable;
use rehab_blog::components::faq::Faq;
use rehab_blog::content::ContentSource;
use rehab_blog::model::{Block, Comparison, FaqItem, Post, Site};
use rehab_blog::prerender::{LOADER, build_site, csp, sri};
use rehab_blog::render;
use rehab_blog::route::Base;
use sha2::{Digest, Sha256};

const TEL: &str = "href=\"tel:+18779206583\"";
const SLUG: &str = "iop-instead-of-rehab";

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The article's Markdown source: counts and ids are derived from it.
fn article_source() -> String {
    std::fs::read_to_string(content_dir().join(format!("posts/{SLUG}.md"))).unwrap()
}

fn library() -> Library {
    Library::load(&content_dir(), Options::default()).unwrap_or_else(|errors| {
        panic!("content is invalid: {errors:#?}");
    })
}

fn article_post() -> Post {
    library()
        .entry(SLUG)
        .expect("the article is built")
        .post
        .clone()
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
    article_post()
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

/// The source text's lines as a reader must find them (list markers dropped,
/// table rows split into cells, the table divider skipped).
fn source_lines() -> Vec<String> {
    let text = include_str!("fixtures/source.txt");
    let mut lines = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().all(|c| matches!(c, '-' | '|' | ' ')) {
            continue;
        }
        if line.contains('|') {
            lines.extend(
                line.split('|')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(String::from),
            );
        } else {
            lines.push(line.strip_prefix("- ").unwrap_or(line).to_string());
        }
    }
    lines
}

/// Text of HTML with tags and hydration markers removed, entities decoded, spaces folded.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders a component natively, inside a router at the article's URL, with the site
/// data in context.
fn render_component<V: IntoView + 'static>(view: impl FnOnce() -> V + Send + 'static) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new("/blog/iop-instead-of-rehab/"));
        provide_context(Arc::new(library().site));
        view! { <Router>{view()}</Router> }.to_html()
    })
}

#[test]
fn content_files_parse_and_validate() {
    let library = library();
    let sources = std::fs::read_dir(content_dir().join("posts"))
        .unwrap()
        .count();
    assert_eq!(library.posts.len(), sources, "one post per Markdown file");
    assert_eq!(library.site.posts, vec![SLUG]);
    assert_eq!(library.site.phone.tel, "+18779206583");
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
                        texts.extend(row.values.values().map(|v| html_text(v.as_str())));
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
    let library = library();
    let all = compiled_text(&library.site, &library.entry(SLUG).unwrap().post);
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
    assert!(html.contains("<blockquote>"));
    assert!(html.contains("<figcaption>– Outpatient Client, 2023</figcaption>"));
    assert!(html.contains("<caption>"));
    assert!(html.contains("<thead>") && html.contains("<tbody>"));
    assert_eq!(
        html.matches("<details").count(),
        source_headings("### ").len()
    );
    // The header, two FAQ/CTA mentions, and the PHP cells that offer the number.
    assert!(html.matches(TEL).count() >= 3);
    assert!(
        !html_text(&strip_tel_links(&html)).contains("920-6583"),
        "an unlinked phone number"
    );
    assert!(!html.contains("href=\"#\""));
    for external in html.match_indices("<a href=\"https://") {
        let tag = &html[external.0..external.0 + html[external.0..].find('>').unwrap()];
        assert!(tag.contains("rel=\"noopener noreferrer\""), "{tag}");
    }
}

/// The HTML with every `tel:` link element removed.
fn strip_tel_links(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        let end = rest[start..]
            .find("</a>")
            .map(|e| start + e + 4)
            .unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        if !rest[start..end].contains("tel:") {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn prerendered_index_lists_the_post() {
    let html = render("/").body;
    let post = article_post();
    assert!(html.contains("<h1 id=\"title\">Rehab Blog</h1>"));
    assert!(html.contains(&format!("href=\"/blog/{SLUG}/\"")));
    assert!(html_text(&html).contains(&post.title));
    assert!(html_text(&html).contains(&post.summary));
    assert!(html_text(&html).contains("Clinically Reviewed by Dr. Kate Smith"));
    assert!(html_text(&html).contains(&format!("{} min read", post.reading_minutes)));
}

#[test]
fn prerendered_not_found_links_home_and_phone() {
    for path in ["/404.html", "/blog/unknown", "/anything/else"] {
        let html = render(path).body;
        assert!(html.contains("We couldn’t find that page."), "{path}");
        assert!(html.contains("href=\"/\" class=\"button\""), "{path}");
        assert!(html.contains(TEL), "{path}");
    }
}

#[test]
fn reading_time_is_about_238_words_a_minute() {
    let library = library();
    let post = &library.entry(SLUG).unwrap().post;
    let words = compiled_text(&library.site, post)
        .split_whitespace()
        .count();
    assert!((1000..1400).contains(&words), "{words} words");
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
    // Optional programs are not part of the article's own (default) table: a toggle, not a column.
    for program in &optional {
        assert!(!html.contains(&format!("<th scope=\"col\">{}", program.name)));
    }
    for row in &table.rows {
        assert!(html.contains(&format!("<th scope=\"row\">{}", row.feature)));
        for program in &defaults {
            assert!(
                html.contains(row.values[&program.id].as_str()),
                "{}",
                row.feature
            );
        }
    }
    assert!(
        !html.contains("Same for all"),
        "every row of the article's table differs"
    );
    assert!(!html.contains(" hidden"), "no row hidden by default");
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
    assert!(html.contains(TEL), "the insurance answer links the phone");
    assert_eq!(html.matches("<summary>").count(), questions.len());
}

#[test]
fn build_site_writes_every_page_and_the_index() {
    let files = build_site(TRUNK_SHELL, &library(), "https://blog.example").expect("builds");
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for expected in [
        "index.html",
        "blog/iop-instead-of-rehab/index.html",
        "404.html",
        "content/index.json",
    ] {
        assert!(paths.contains(&expected), "{expected} in {paths:?}");
    }
    let page = |p: &str| &files.iter().find(|f| f.path == p).unwrap().contents;
    let article = page("blog/iop-instead-of-rehab/index.html");
    assert!(article.contains("<title>I Didn’t Want to Go to Rehab—So I Tried an Intensive Outpatient Program Instead | Rehab Blog</title>"));
    assert!(article.contains("<meta name=\"description\""));
    assert!(
        article.contains("<body><a href=\"#main\" class=\"skip-link\">"),
        "body holds exactly the app"
    );
    let script = files
        .iter()
        .find(|f| f.path.starts_with("_resources/post-"))
        .unwrap();
    // Trunk's inline loader and its preloads are gone: the page's own loader names the
    // glue, the wasm and the page's hydration data, each with its integrity.
    assert!(!article.contains("<script type=\"module\">"));
    assert!(!article.contains("<link rel=\"preload\""));
    assert!(!article.contains("<link rel=\"modulepreload\""));
    assert!(article.contains(&format!(
        "<script data-base=\"/\" data-glue=\"/app-0123456789abcdef.js\" data-glue-integrity=\"sha384-JS\" \
         data-wasm=\"/app-0123456789abcdef_bg.wasm\" data-wasm-integrity=\"sha384-WASM\" \
         data-resources=\"/{}\" data-resources-integrity=\"{}\" \
         data-pending=\"Getting ready…\">{LOADER}</script>",
        script.path,
        sri(script.contents.as_bytes())
    )));
    assert!(article.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />",
        csp()
    )));
    assert!(csp().contains(&format!(
        "script-src 'self' 'sha256-{}' 'wasm-unsafe-eval';",
        BASE64.encode(Sha256::digest(LOADER.as_bytes()))
    )));
    assert!(
        !article.contains("frame-ancestors"),
        "meta CSP cannot carry frame-ancestors"
    );
    assert!(script.contents.starts_with("__RESOLVED_RESOURCES=["));
    assert!(page("404.html").contains("<meta name=\"robots\" content=\"noindex\" />"));
    assert!(!page("index.html").contains("noindex"));
    let index: serde_json::Value = serde_json::from_str(page("content/index.json")).unwrap();
    assert_eq!(index[0]["slug"], SLUG);
    assert_eq!(index[0]["reading_minutes"], article_post().reading_minutes);
    // What client-side navigation fetches: the compiled post and site.
    let post: Post = serde_json::from_str(page(&format!("content/posts/{SLUG}.json"))).unwrap();
    assert_eq!(post, article_post());
    let site: Site = serde_json::from_str(page("content/site.json")).unwrap();
    assert_eq!(site, library().site);
    for broken in [
        "<html><body><main></main></body></html>",
        "<html><head><title>x</title></head><body></body></html>",
    ] {
        assert!(build_site(broken, &library(), "https://blog.example").is_err());
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
    let site: Site = library().site;
    assert_eq!(site.document_title(None), "Rehab Blog");
    assert_eq!(site.document_title(Some("A")), "A | Rehab Blog");
}

#[test]
fn every_page_has_its_seo_head() {
    let files = build_site(TRUNK_SHELL, &library(), "https://blog.example").expect("builds");
    let page = |p: &str| files.iter().find(|f| f.path == p).unwrap().contents.clone();
    let article = page("blog/iop-instead-of-rehab/index.html");
    for expected in [
        "<link rel=\"canonical\" href=\"https://blog.example/blog/iop-instead-of-rehab/\" />",
        "<meta property=\"og:type\" content=\"article\" />",
        "<meta property=\"og:url\" content=\"https://blog.example/blog/iop-instead-of-rehab/\" />",
        "<meta property=\"og:title\" content=\"I Didn’t Want to Go to Rehab",
        "<meta property=\"og:description\" content=\"Sometimes it’s not denial",
        "<meta property=\"og:image\" content=\"https://blog.example/og-image.png\" />",
        "<meta name=\"twitter:card\" content=\"summary_large_image\" />",
        "<link rel=\"manifest\" href=\"/manifest.webmanifest\" />",
        "<html lang=\"en\">",
    ] {
        assert!(article.contains(expected), "missing {expected}");
    }
    let start = article
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let end = start + article[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&article[start..end]).unwrap();
    assert_eq!(data["@type"], "MedicalWebPage");
    assert_eq!(data["reviewedBy"]["name"], "Dr. Kate Smith");
    assert_eq!(data["mainEntity"]["@type"], "BlogPosting");
    assert_eq!(
        data["mainEntity"]["publisher"]["@type"],
        "MedicalOrganization"
    );
    assert_eq!(data["mainEntity"]["publisher"]["telephone"], "+18779206583");

    let index = page("index.html");
    assert!(index.contains("<link rel=\"canonical\" href=\"https://blog.example/\" />"));
    assert!(index.contains("<meta property=\"og:type\" content=\"website\" />"));
    let not_found = page("404.html");
    assert!(not_found.contains("noindex"));
    assert!(!not_found.contains("rel=\"canonical\""));

    let library = library();
    let entry = library.entry(SLUG).unwrap();
    if let Some(modified) = &entry.modified {
        assert_eq!(
            data["dateModified"],
            modified.as_str(),
            "from git or the front matter"
        );
    }
    for html in [&article, &page("index.html"), &page("404.html")] {
        assert!(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Rehab Blog\" href=\"/feed.xml\" />"));
    }
    let sitemap = page("sitemap.xml");
    if let Some(date) = entry.last_date() {
        assert!(sitemap.contains(&format!("/blog/{SLUG}/</loc><lastmod>{date}</lastmod>")));
    }
    assert!(sitemap.contains("<loc>https://blog.example/</loc>"));
    assert!(sitemap.contains("<loc>https://blog.example/blog/iop-instead-of-rehab/</loc>"));
    assert!(!sitemap.contains("404"));
    assert_eq!(
        page("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://blog.example/sitemap.xml\n"
    );
}

//! Native tests: content parses and is complete; components render the right HTML;
//! the prerenderer writes every page.
#![cfg(feature = "ssr")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;
use rehab_blog::components::comparison::ComparisonTable;
use rehab_blog::components::faq::Faq;
use rehab_blog::markup::plain_text;
use rehab_blog::model::{Block, Post, Site};
use rehab_blog::prerender::{build_site, sri};
use rehab_blog::render::render;
use rehab_blog::validate::Library;

const TEL: &str = "href=\"tel:+18779206583\"";

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content")
}

fn library() -> Library {
    Library::load(&content_dir()).unwrap_or_else(|errors| {
        panic!("content is invalid: {errors:#?}");
    })
}

fn article() -> Post {
    library().posts.remove(0)
}

/// The first block of the article that `pick` accepts.
fn article_block<T>(pick: impl Fn(&Block) -> Option<T>) -> Option<T> {
    article()
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(pick)
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
    assert_eq!(library.site.posts, vec!["iop-instead-of-rehab"]);
    assert_eq!(library.posts.len(), 1);
    assert_eq!(library.site.phone.tel, "+18779206583");
}

#[test]
fn article_data_holds_every_sentence_of_the_source() {
    let library = library();
    let post = &library.posts[0];
    let phone = &library.site.phone.display;
    let mut data: Vec<String> = post.texts().iter().map(|t| plain_text(t, phone)).collect();
    data.push(format!(
        "{} {}",
        library.site.text.reviewed_by, post.reviewer
    ));
    data.extend(library.site.footer_lines.iter().cloned());
    let all = data.join("\n");
    let missing: Vec<_> = source_lines()
        .into_iter()
        .filter(|line| !all.contains(line.as_str()))
        .collect();
    assert!(missing.is_empty(), "missing from the content: {missing:#?}");
    assert!(source_lines().len() > 60, "the fixture was read");
}

#[test]
fn prerendered_article_shows_every_sentence_and_structure() {
    let html = render("/blog/iop-instead-of-rehab/").body;
    let text = html_text(&html);
    for line in source_lines() {
        assert!(text.contains(&line), "not in the article HTML: {line}");
    }
    assert_eq!(html.matches("<h1").count(), 1, "one h1");
    assert_eq!(html.matches("<h2").count(), 9, "one h2 per section");
    assert!(html.contains("<blockquote>"));
    assert!(html.contains("<figcaption>– Outpatient Client, 2023</figcaption>"));
    assert!(html.contains("<caption>"));
    assert!(html.contains("<thead>") && html.contains("<tbody>"));
    assert_eq!(html.matches("<details").count(), 5);
    // The header, two FAQ/CTA mentions, and the PHP cells that offer the number.
    assert!(html.matches(TEL).count() >= 3);
    assert!(
        !html_text(&strip_tel_links(&html)).contains("920-6583"),
        "an unlinked phone number"
    );
    assert!(!html.contains("href=\"#\""));
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
    let post = article();
    assert!(html.contains("<h1 id=\"title\">Rehab Blog</h1>"));
    assert!(html.contains("href=\"/blog/iop-instead-of-rehab/\""));
    assert!(html_text(&html).contains(&post.title));
    assert!(html_text(&html).contains(&post.summary));
    assert!(html_text(&html).contains("Clinically Reviewed by Dr. Kate Smith"));
    assert!(html_text(&html).contains(&format!("{} min read", post.reading_minutes())));
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
    let post = article();
    let words: usize = post
        .texts()
        .iter()
        .map(|t| t.split_whitespace().count())
        .sum();
    assert!((1000..1400).contains(&words), "{words} words");
    assert_eq!(post.reading_minutes(), words.div_ceil(238));
}

#[test]
fn comparison_table_renders_the_articles_table() {
    let table = article_block(|b| match b {
        Block::Comparison(t) => Some(t.clone()),
        _ => None,
    })
    .expect("the article has a comparison");
    let html = render_component(move || view! { <ComparisonTable table /> });
    for cell in [
        "<th scope=\"col\">Feature</th>",
        "<th scope=\"col\">Inpatient Rehab</th>",
        "<th scope=\"col\">Intensive Outpatient Program (IOP)</th>",
        "<th scope=\"row\">Living arrangements",
        "You live on-site full time",
        "9–15 hours per week",
        "Transitioning from inpatient or early support",
    ] {
        assert!(html.contains(cell), "missing {cell}");
    }
    // PHP is not part of the article's own (default) table: a toggle, not a column.
    assert!(!html.contains("<th scope=\"col\">Partial"));
    assert!(
        !html.contains("Same for all"),
        "every row of the article's table differs"
    );
    assert!(!html.contains(" hidden"), "no row hidden by default");
    assert_eq!(html.matches("<tr").count(), 6);
    // Controls are prerendered inert, with their ARIA state as strings.
    assert_eq!(html.matches("<button").count(), 4);
    assert_eq!(html.matches(" disabled").count(), 4);
    assert_eq!(html.matches("aria-pressed=\"true\"").count(), 2);
    assert_eq!(html.matches("aria-pressed=\"false\"").count(), 2);
    assert!(html.contains("role=\"group\" aria-labelledby=\"comparison-programs-label\""));
}

#[test]
fn faq_renders_questions_with_stable_unique_ids_and_tel_links() {
    let items = article_block(|b| match b {
        Block::Faq { items } => Some(items.clone()),
        _ => None,
    })
    .expect("the article has an FAQ");
    let html = render_component(move || view! { <Faq items /> });
    for id in [
        "faq-whats-the-difference-between-php-and-iop",
        "faq-can-i-work-while-attending-iop",
        "faq-what-if-i-relapse-while-in-iop",
        "faq-is-iop-covered-by-insurance",
        "faq-how-long-does-iop-last",
    ] {
        assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
    }
    assert!(html.contains(TEL), "the insurance answer links the phone");
    assert_eq!(html.matches("<summary>").count(), 5);
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
    assert!(article.contains(&format!(
        "<script defer src=\"/{}\" integrity=\"{}\"></script>",
        script.path,
        sri(script.contents.as_bytes())
    )));
    // Trunk's inline loader became a file that fetches the wasm with its integrity.
    assert!(!article.contains("<script type=\"module\">"));
    let loader = files
        .iter()
        .find(|f| f.path.starts_with("loader-"))
        .unwrap();
    assert!(article.contains(&format!(
        "<script type=\"module\" src=\"/{}\" integrity=\"{}\"></script>",
        loader.path,
        sri(loader.contents.as_bytes())
    )));
    assert!(article.contains(
        "<link rel=\"preload\" fetchpriority=\"low\" href=\"/app-0123456789abcdef_bg.wasm\""
    ));
    assert!(loader.contents.contains(
        "module_or_path: fetch('/app-0123456789abcdef_bg.wasm', { integrity: 'sha384-WASM', priority: 'low' })"
    ));
    assert!(article.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"
    ));
    assert!(
        !article.contains("frame-ancestors"),
        "meta CSP cannot carry frame-ancestors"
    );
    assert!(script.contents.starts_with("__RESOLVED_RESOURCES=["));
    assert!(page("404.html").contains("<meta name=\"robots\" content=\"noindex\" />"));
    assert!(!page("index.html").contains("noindex"));
    let index: serde_json::Value = serde_json::from_str(page("content/index.json")).unwrap();
    assert_eq!(index[0]["slug"], "iop-instead-of-rehab");
    assert_eq!(index[0]["reading_minutes"], article_minutes());
    for broken in [
        "<html><body><main></main></body></html>",
        "<html><head><title>x</title></head><body></body></html>",
    ] {
        assert!(build_site(broken, &library(), "https://blog.example").is_err());
    }
}

/// What Trunk 0.21 writes: an inline module loader and the wasm preload.
const TRUNK_SHELL: &str = include_str!("fixtures/trunk-shell.html");

fn article_minutes() -> usize {
    article().reading_minutes()
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

    let sitemap = page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://blog.example/</loc>"));
    assert!(sitemap.contains("<loc>https://blog.example/blog/iop-instead-of-rehab/</loc>"));
    assert!(!sitemap.contains("404"));
    assert_eq!(
        page("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://blog.example/sitemap.xml\n"
    );
}

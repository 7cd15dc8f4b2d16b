//! The Atom feed as a feed reader reads it (feed-rs): the newest published posts, each
//! entry's title, link and date, and the whole post as HTML with absolute links.
#![cfg(feature = "ssr")]

mod common;

use common::{ARTICLE_SLUG, fold, library, root, selector, site, source_lines, text, written};
use rehab_blog::compile::dates::timestamp;
use rehab_blog::model::Block;
use rehab_blog::prerender::{Scripts, build_site};

const ORIGIN: &str = "https://blog.example";

#[test]
fn the_feed_carries_the_newest_posts_whole() {
    let shell = std::fs::read_to_string(root().join("tests/fixtures/trunk-shell.html")).unwrap();
    let files = build_site(&shell, &Scripts::readable(), library(), ORIGIN).expect("builds");
    let feed = feed_rs::parser::parse(written(&files, "feed.xml").as_bytes()).expect("valid Atom");
    let newest: Vec<_> = library()
        .published()
        .take(library().feed_entries as usize)
        .collect();
    assert!(!newest.is_empty());
    assert_eq!(feed.entries.len(), newest.len());
    for (entry, post) in feed.entries.iter().zip(&newest) {
        let post_url = format!("{ORIGIN}/blog/{}/", post.post.slug);
        assert_eq!(entry.title.as_ref().unwrap().content, post.post.title);
        assert_eq!(entry.links[0].href, post_url);
        let updated = chrono::DateTime::parse_from_rfc3339(&timestamp(post.last_date().unwrap()));
        assert_eq!(
            entry.updated.unwrap().timestamp(),
            updated.unwrap().timestamp()
        );
        let content = entry.content.as_ref().expect("the whole post");
        assert_eq!(content.content_type.essence().to_string(), "text/html");
        let html = content.body.as_deref().unwrap();
        let body = text(html);
        for section in &post.post.sections {
            for block in &section.blocks {
                if let Block::Prose { html } = block {
                    assert!(
                        body.contains(&text(html.as_str())),
                        "{}: prose missing",
                        post.post.slug
                    );
                }
            }
        }
        let fragment = scraper::Html::parse_fragment(html);
        // A feed reader runs no script: nothing that needs the app, nothing hidden, every
        // answer open.
        for css in [
            "button",
            "[data-needs-app]",
            "[hidden]",
            "details:not([open])",
        ] {
            assert!(
                fragment.select(&selector(css)).next().is_none(),
                "{}: {css}",
                post.post.slug
            );
        }
        // Away from the site every link must stand on its own.
        for link in fragment.select(&selector("a[href]")) {
            let href = link.value().attr("href").unwrap();
            assert!(
                ["https://", "tel:", "sms:", "mailto:"]
                    .iter()
                    .any(|s| href.starts_with(s)),
                "{}: relative link {href:?}",
                post.post.slug
            );
        }
    }
    // The article reaches a feed reader whole: every line of the source.
    let article = feed
        .entries
        .iter()
        .find(|e| e.links[0].href.ends_with(&format!("/blog/{ARTICLE_SLUG}/")))
        .expect("the article is in the feed");
    // The title is the entry's own; the rest is its content.
    let body = format!(
        "{} {}",
        article.title.as_ref().unwrap().content,
        text(article.content.as_ref().unwrap().body.as_deref().unwrap())
    );
    // The footer's lines are the site's, on every page, not the post's.
    let footer = &site().footer_lines;
    for line in source_lines().into_iter().filter(|l| !footer.contains(l)) {
        assert!(body.contains(&fold(&line)), "not in the feed: {line:?}");
    }
}

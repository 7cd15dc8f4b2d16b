//! `feed.xml`: an Atom feed with one entry per published post (drafts never).

use crate::compile::{Library, dates::timestamp, escape};
use crate::route::{Page, href};

pub const FEED_FILE: &str = "feed.xml";

/// The feed. Atom requires an `updated` time for every entry; a post without any
/// date (none in its front matter, no git history) is left out rather than given an
/// invented one.
pub fn feed_xml(library: &Library, origin: &str) -> String {
    let site = &library.site;
    let entries: Vec<String> = library
        .published()
        .filter_map(|entry| {
            let post = &entry.post;
            let updated = timestamp(entry.last_date()?);
            let url = format!("{origin}{}", href(&Page::Post(post.slug.clone()).path()));
            let published = entry
                .published
                .as_deref()
                .map(|d| format!("\n    <published>{}</published>", timestamp(d)))
                .unwrap_or_default();
            Some(format!(
                "  <entry>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <id>{}</id>\n    <updated>{updated}</updated>{published}\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
                escape(&post.title),
                escape(&url),
                escape(&url),
                escape(&site.organization),
                escape(&post.summary),
            ))
        })
        .collect();
    // The feed changed when its newest entry did.
    let updated = library
        .published()
        .filter_map(|e| e.last_date().map(timestamp))
        .max()
        .map(|t| format!("  <updated>{t}</updated>\n"))
        .unwrap_or_default();
    let home = format!("{origin}{}", href(""));
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <id>{}</id>\n{updated}{}</feed>\n",
        escape(&site.name),
        escape(&home),
        escape(&format!("{origin}{}", href(FEED_FILE))),
        escape(&home),
        entries.concat()
    )
}

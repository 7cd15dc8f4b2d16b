//! `feed.xml`: an Atom feed of the newest published posts (`feed_entries` in
//! `site.json`; drafts never), each with the whole post, so feed readers show it, and
//! the post's sharing picture, if it has one.

use std::sync::Arc;

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text, WriteConfig};

use crate::compile::dates::timestamp;
use crate::compile::{Language, Library};
use crate::route::Edition;

use super::feed_content::post_html;

/// A language's feed, in its folder: `feed.xml`, `es/feed.xml`.
pub fn feed_file(edition: &Edition) -> String {
    format!("{}feed.xml", edition.path())
}

/// A language's feed, of its posts. Atom requires an `updated` time for every entry; a
/// post without any date (none in its front matter, no git history) is left out rather
/// than given an invented one.
pub fn feed_xml(library: &Library, language: &Language, origin: &str) -> String {
    let site = Arc::new(language.site.clone());
    let url = |path: &str| format!("{origin}{}", library.base.href(path));
    let entries: Vec<Entry> = library
        .published_in(language.edition())
        .filter_map(|entry| {
            let post = &entry.post;
            let link = url(&entry.page().path());
            let mut links = vec![alternate(&link)];
            // The post's own sharing picture, as feed readers show an entry's picture.
            if let Some(shared) = &entry.image {
                links.push(Link {
                    href: url(&shared.image.largest().path),
                    rel: "enclosure".into(),
                    mime_type: Some(shared.image.mime_type().into()),
                    title: Some(shared.alt.clone()),
                    ..Link::default()
                });
            }
            Some(Entry {
                title: Text::plain(post.title.as_str()),
                links,
                id: link.clone(),
                updated: date_time(entry.last_date()?),
                published: entry.published.as_deref().map(date_time),
                authors: vec![Person {
                    name: site.organization.clone(),
                    ..Person::default()
                }],
                summary: Some(Text::plain(post.summary.as_str())),
                content: Some(Content {
                    value: Some(post_html(post, &site, &library.base, &link, origin)),
                    content_type: Some("html".into()),
                    ..Content::default()
                }),
                ..Entry::default()
            })
        })
        .take(library.feed_entries as usize)
        .collect();
    let home = url(&language.edition().path());
    let feed = Feed {
        title: Text::plain(site.name.as_str()),
        links: vec![
            alternate(&home),
            Link {
                href: url(&feed_file(language.edition())),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
        ],
        id: home,
        lang: Some(language.code().to_string()),
        // The feed changed when its newest entry did. With no dated entry, Atom still
        // requires a time: the epoch says "unknown" (nothing is invented).
        updated: entries.iter().map(|e| e.updated).max().unwrap_or_default(),
        entries,
        ..Feed::default()
    };
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: Some(2),
    };
    let xml = feed
        .write_with_config(Vec::new(), config)
        .expect("writing to memory cannot fail");
    String::from_utf8(xml).expect("the feed is UTF-8")
}

/// The page itself, as HTML.
fn alternate(href: &str) -> Link {
    Link {
        href: href.to_string(),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Link::default()
    }
}

/// A front-matter date or a git timestamp, both checked when the content was compiled.
fn date_time(date: &str) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&timestamp(date)).expect("a checked date")
}

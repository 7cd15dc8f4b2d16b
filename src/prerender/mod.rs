//! Turns Trunk's built `index.html` (the shell) into one static page per route.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256, Sha384};

mod feed;
mod head;
mod headers;

pub use feed::{FEED_FILE, feed_xml};
use head::{head_html, page_meta};
pub use head::{robots_txt, sitemap_xml};
pub use headers::{CSP, headers_file};

use crate::compile::{Library, escape};
use crate::content::{ContentSource, INDEX_FILE, SITE_FILE, post_file};
use crate::render::render;
use crate::route::{Page, href};

/// Where each page's resource script goes, below the staging dir.
pub const RESOURCES_DIR: &str = "_resources";

/// A file to write below the staging dir.
#[derive(Debug)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// Every page of the site, the compiled content the browser fetches (`content/…`),
/// the sitemap, feed and robots.txt, from Trunk's shell and the checked `library`.
/// `origin` is the site's public origin (`https://host`), for canonical and sharing URLs.
pub fn build_site(shell: &str, library: &Library, origin: &str) -> Result<Vec<OutputFile>, String> {
    if !shell.contains("<body></body>") || !shell.contains("</title>") {
        return Err(
            "the shell index.html must contain <title>…</title> and an empty <body></body>".into(),
        );
    }
    let (shell, loader) = externalize_loader(shell)?;
    let shell = shell.as_str();
    let mut pages = vec![Page::Index, Page::NotFound];
    pages.extend(library.site.posts.iter().cloned().map(Page::Post));

    let content = library.content();
    let mut files = vec![loader];
    files.push(json_file(SITE_FILE, &content.site));
    files.push(json_file(INDEX_FILE, &content.index));
    for post in &content.posts {
        files.push(json_file(&post_file(&post.slug), post));
    }
    let source = ContentSource::new(content);
    for page in &pages {
        let rendered = render(&href(&page.path()), &source);
        let script = format!(
            "{RESOURCES_DIR}/{}-{}.js",
            resource_name(page),
            short_hash(&rendered.resources_js)
        );
        let resources = Resource {
            src: href(&script),
            integrity: sri(rendered.resources_js.as_bytes()),
        };
        let meta = page_meta(page, library, origin);
        let html = fill_shell(
            shell,
            &head_html(&meta, origin, &resources.tag()),
            &rendered.body,
        );
        let path = match page {
            Page::NotFound => page.path(),
            _ => format!("{}index.html", page.path()),
        };
        files.push(OutputFile {
            path: script,
            contents: rendered.resources_js,
        });
        files.push(OutputFile {
            path,
            contents: html,
        });
    }

    files.push(OutputFile {
        path: "sitemap.xml".into(),
        contents: sitemap_xml(library, origin),
    });
    files.push(OutputFile {
        path: "robots.txt".into(),
        contents: robots_txt(origin),
    });
    files.push(OutputFile {
        path: FEED_FILE.into(),
        contents: feed_xml(library, origin),
    });
    Ok(files)
}

/// `content/<file>` as the browser fetches it.
fn json_file(file: &str, value: &impl serde::Serialize) -> OutputFile {
    OutputFile {
        path: format!("content/{file}"),
        contents: serde_json::to_string(value).expect("content serialises"),
    }
}

fn resource_name(page: &Page) -> String {
    match page {
        Page::Index => "index".into(),
        Page::Post(slug) => format!("post-{slug}"),
        Page::NotFound => "not-found".into(),
    }
}

/// First 16 hex digits of SHA-256: a cache-busting file name suffix.
fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A Subresource Integrity value, `sha384-…` (as Trunk writes them).
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", BASE64.encode(Sha384::digest(bytes)))
}

/// A script to reference, with its integrity.
struct Resource {
    src: String,
    integrity: String,
}

impl Resource {
    /// `defer` keeps it off the critical path; deferred scripts run in document
    /// order, so it still runs before Trunk's module script that starts the wasm.
    fn tag(&self) -> String {
        format!(
            "<script defer src=\"{}\" integrity=\"{}\"></script>",
            escape(&self.src),
            self.integrity
        )
    }
}

/// Moves Trunk's inline `<script type="module">` loader into a file, so the CSP needs
/// no inline script, and makes the loader fetch the wasm with the integrity of Trunk's
/// preload (so the preload is used, and the wasm itself is checked).
fn externalize_loader(shell: &str) -> Result<(String, OutputFile), String> {
    const OPEN: &str = "<script type=\"module\">";
    let start = shell
        .find(OPEN)
        .ok_or("no inline module script from Trunk in the shell")?;
    let end = shell[start..]
        .find("</script>")
        .map(|e| start + e)
        .ok_or("unclosed module script in the shell")?;
    let mut loader = shell[start + OPEN.len()..end].trim().to_string();

    let wasm =
        attribute_of(shell, "rel=\"preload\"", "href").ok_or("no wasm preload in the shell")?;
    let wasm_integrity = attribute_of(shell, "rel=\"preload\"", "integrity")
        .ok_or("the wasm preload has no integrity")?;
    let plain = format!("module_or_path: '{wasm}'");
    if !loader.contains(&plain) {
        return Err(format!("the loader does not load {wasm} as expected"));
    }
    loader = loader.replace(
        &plain,
        &format!(
            "module_or_path: fetch('{wasm}', {{ integrity: '{wasm_integrity}', priority: 'low' }})"
        ),
    );
    loader.push('\n');

    let path = format!("loader-{}.js", short_hash(&loader));
    let tag = format!(
        "<script type=\"module\" src=\"{}\" integrity=\"{}\"></script>",
        href(&path),
        sri(loader.as_bytes())
    );
    let shell = format!(
        "{}{}{}",
        &shell[..start],
        tag,
        &shell[end + "</script>".len()..]
    )
    // The page reads completely without the wasm: never let it compete with the
    // stylesheet for a slow connection.
    .replacen(
        "<link rel=\"preload\"",
        "<link rel=\"preload\" fetchpriority=\"low\"",
        1,
    );
    Ok((
        shell,
        OutputFile {
            path,
            contents: loader,
        },
    ))
}

/// The value of `attribute` on the first tag that contains `marker`.
fn attribute_of<'a>(html: &'a str, marker: &str, attribute: &str) -> Option<&'a str> {
    let at = html.find(marker)?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let key = format!(" {attribute}=\"");
    let value_start = tag.find(&key)? + key.len();
    let value_len = tag[value_start..].find('"')?;
    Some(&tag[value_start..value_start + value_len])
}

/// The shell with the page's head in place of its `<title>` and the app in `<body>`.
fn fill_shell(shell: &str, head: &str, body: &str) -> String {
    let title_start = shell.find("<title>").expect("checked above");
    let title_end = shell.find("</title>").expect("checked above") + "</title>".len();
    format!("{}{}{}", &shell[..title_start], head, &shell[title_end..]).replacen(
        "<body></body>",
        &format!("<body>{body}</body>"),
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lookup() {
        let html = r#"<link rel="modulepreload" href="/a.js"><link rel="preload" href="/b.wasm" integrity="sha384-x" as="fetch">"#;
        assert_eq!(
            attribute_of(html, "rel=\"preload\"", "href"),
            Some("/b.wasm")
        );
        assert_eq!(
            attribute_of(html, "rel=\"preload\"", "integrity"),
            Some("sha384-x")
        );
        assert_eq!(attribute_of(html, "rel=\"preload\"", "nonce"), None);
    }
}

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
pub use headers::{csp, headers_file};

use crate::compile::{Library, escape};
use crate::content::{ContentSource, INDEX_FILE, SITE_FILE, post_file};
use crate::render::render;
use crate::route::{Page, base, href};

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
    let (shell, app) = take_app_files(shell)?;
    let shell = shell.as_str();
    let mut pages = vec![Page::Index, Page::NotFound];
    pages.extend(library.site.posts.iter().cloned().map(Page::Post));

    let content = library.content();
    let mut files = vec![json_file(SITE_FILE, &content.site)];
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
            &head_html(
                &meta,
                origin,
                &loader_tag(&app, &resources, &library.site.text.getting_ready),
            ),
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

/// The page's loader (inline in every page; its hash is in the CSP): it fetches the app
/// only after the page has loaded, or when the reader reaches for a control.
pub const LOADER: &str = include_str!("loader.js");

/// The app's files as Trunk built them: the wasm-bindgen glue and the wasm, each with
/// its integrity.
struct AppFiles {
    glue: Resource,
    wasm: Resource,
}

/// Takes Trunk's loader out of the shell: its inline `<script type="module">`, which
/// would start the app at once, and its preloads of the glue and the wasm, which would
/// compete with the first paint. Their URLs and integrity go to [`loader_tag`].
fn take_app_files(shell: &str) -> Result<(String, AppFiles), String> {
    const OPEN: &str = "<script type=\"module\">";
    let start = shell
        .find(OPEN)
        .ok_or("no inline module script from Trunk in the shell")?;
    let end = shell[start..]
        .find("</script>")
        .map(|e| start + e + "</script>".len())
        .ok_or("unclosed module script in the shell")?;
    let mut shell = format!("{}{}", &shell[..start], &shell[end..]);
    let mut take = |rel: &str| -> Result<Resource, String> {
        let marker = format!("rel=\"{rel}\"");
        let (at, tag) = tag_with(&shell, &marker).ok_or(format!("no {rel} link in the shell"))?;
        let resource = Resource {
            src: attribute(tag, "href").ok_or(format!("no href on the {rel} link"))?,
            integrity: attribute(tag, "integrity")
                .ok_or(format!("no integrity on the {rel} link"))?,
        };
        shell.replace_range(at..at + tag.len(), "");
        Ok(resource)
    };
    let glue = take("modulepreload")?;
    let wasm = take("preload")?;
    if !wasm.src.ends_with(".wasm") || !glue.src.ends_with(".js") {
        return Err(format!(
            "unexpected app files {} and {}",
            glue.src, wasm.src
        ));
    }
    Ok((shell, AppFiles { glue, wasm }))
}

/// The inline loader of one page, told where the app's files and the page's hydration
/// data are, and what to say when a control is pressed before the app is ready.
fn loader_tag(app: &AppFiles, resources: &Resource, pending: &str) -> String {
    format!(
        "<script data-base=\"{}\" data-glue=\"{}\" data-glue-integrity=\"{}\" data-wasm=\"{}\" \
         data-wasm-integrity=\"{}\" data-resources=\"{}\" data-resources-integrity=\"{}\" \
         data-pending=\"{}\">{LOADER}</script>",
        escape(base()),
        escape(&app.glue.src),
        app.glue.integrity,
        escape(&app.wasm.src),
        app.wasm.integrity,
        escape(&resources.src),
        resources.integrity,
        escape(pending),
    )
}

/// The first tag containing `marker`, and where it starts.
fn tag_with<'a>(html: &'a str, marker: &str) -> Option<(usize, &'a str)> {
    let at = html.find(marker)?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')? + 1;
    Some((start, &html[start..end]))
}

/// The value of `name` on one tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(tag[start..start + tag[start..].find('"')?].to_string())
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
    fn tags_and_attributes() {
        let html = r#"<link rel="modulepreload" href="/a.js"><link rel="preload" href="/b.wasm" integrity="sha384-x" as="fetch">"#;
        let (at, tag) = tag_with(html, "rel=\"preload\"").unwrap();
        assert_eq!(&html[at..at + tag.len()], tag);
        assert!(tag.starts_with("<link rel=\"preload\"") && tag.ends_with("fetch\">"));
        assert_eq!(attribute(tag, "href").as_deref(), Some("/b.wasm"));
        assert_eq!(attribute(tag, "integrity").as_deref(), Some("sha384-x"));
        assert_eq!(attribute(tag, "nonce"), None);
    }
}

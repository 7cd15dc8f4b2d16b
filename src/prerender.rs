//! Turns Trunk's built `index.html` (the shell) into one static page per route.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256};

use crate::model::Post;
use crate::render::render;
use crate::route::{Page, href};
use crate::validate::Library;

/// Where each page's resource script goes, below the staging dir.
pub const RESOURCES_DIR: &str = "_resources";

/// A file to write below the staging dir.
#[derive(Debug)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// The `<head>` facts of one page.
struct PageMeta {
    title: String,
    description: String,
    /// Keep the page out of search results (the not-found page).
    noindex: bool,
}

fn page_meta(page: &Page, library: &Library) -> PageMeta {
    let site = &library.site;
    match page {
        Page::Index => PageMeta {
            title: site.document_title(None),
            description: site.text.index_intro.clone(),
            noindex: false,
        },
        Page::Post(slug) => {
            let post = find_post(library, slug);
            PageMeta {
                title: site.document_title(Some(&post.title)),
                description: post.summary.clone(),
                noindex: false,
            }
        }
        Page::NotFound => PageMeta {
            title: site.document_title(Some(&site.text.not_found_title)),
            description: site.text.not_found_body.clone(),
            noindex: true,
        },
    }
}

fn find_post<'a>(library: &'a Library, slug: &str) -> &'a Post {
    library
        .posts
        .iter()
        .find(|p| p.slug == slug)
        .expect("the library holds every listed post")
}

/// Every page of the site, plus the generated post index, from Trunk's shell.
pub fn build_site(shell: &str, library: &Library) -> Result<Vec<OutputFile>, String> {
    if !shell.contains("<body></body>") || !shell.contains("</title>") {
        return Err(
            "the shell index.html must contain <title>…</title> and an empty <body></body>".into(),
        );
    }
    let mut pages = vec![Page::Index, Page::NotFound];
    pages.extend(library.site.posts.iter().cloned().map(Page::Post));

    let mut files = Vec::new();
    for page in &pages {
        let rendered = render(&href(&page.path()));
        let script = format!(
            "{RESOURCES_DIR}/{}-{}.js",
            resource_name(page),
            short_hash(&rendered.resources_js)
        );
        let html = fill_shell(
            shell,
            &page_meta(page, library),
            &href(&script),
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

    let index: Vec<_> = library.posts.iter().map(Post::summarize).collect();
    files.push(OutputFile {
        path: format!("content/{}", crate::content::INDEX_FILE),
        contents: serde_json::to_string(&index).expect("summaries serialise"),
    });
    Ok(files)
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

/// `sha256-…` as used by Subresource Integrity and CSP hash sources.
pub fn sri_sha256(bytes: &[u8]) -> String {
    format!("sha256-{}", BASE64.encode(Sha256::digest(bytes)))
}

fn fill_shell(shell: &str, meta: &PageMeta, resources_src: &str, body: &str) -> String {
    let title_start = shell.find("<title>").expect("checked above");
    let title_end = shell.find("</title>").expect("checked above") + "</title>".len();
    let mut head = format!(
        "<title>{}</title>\n    <meta name=\"description\" content=\"{}\" />",
        escape(&meta.title),
        escape(&meta.description)
    );
    if meta.noindex {
        head.push_str("\n    <meta name=\"robots\" content=\"noindex\" />");
    }
    // `defer` keeps it off the critical path; deferred scripts run in document order,
    // so it still runs before Trunk's module script that starts the wasm.
    head.push_str(&format!(
        "\n    <script defer src=\"{}\"></script>",
        escape(resources_src)
    ));
    format!("{}{}{}", &shell[..title_start], head, &shell[title_end..]).replacen(
        "<body></body>",
        &format!("<body>{body}</body>"),
        1,
    )
}

/// Escapes text for an HTML attribute value or text node.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

//! Turns Trunk's built `index.html` (the shell) into one static page per route.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256, Sha384};

use crate::model::Post;
use crate::render::render;
use crate::route::{Page, href};
use crate::validate::Library;

/// Where each page's resource script goes, below the staging dir.
pub const RESOURCES_DIR: &str = "_resources";

/// The Content Security Policy: no inline script or style, no eval (wasm compilation
/// aside), nothing from another origin. `frame-ancestors` only works as a header.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'none'";
pub const CSP_HEADER_EXTRA: &str = "; frame-ancestors 'none'";

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
    let (shell, loader) = externalize_loader(shell)?;
    let shell = shell.as_str();
    let mut pages = vec![Page::Index, Page::NotFound];
    pages.extend(library.site.posts.iter().cloned().map(Page::Post));

    let mut files = vec![loader];
    for page in &pages {
        let rendered = render(&href(&page.path()));
        let script = format!(
            "{RESOURCES_DIR}/{}-{}.js",
            resource_name(page),
            short_hash(&rendered.resources_js)
        );
        let resources = Resource {
            src: href(&script),
            integrity: sri(rendered.resources_js.as_bytes()),
        };
        let html = fill_shell(shell, &page_meta(page, library), &resources, &rendered.body);
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

/// A Subresource Integrity value, `sha384-…` (as Trunk writes them).
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", BASE64.encode(Sha384::digest(bytes)))
}

/// A script to reference, with its integrity.
struct Resource {
    src: String,
    integrity: String,
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
        &format!("module_or_path: fetch('{wasm}', {{ integrity: '{wasm_integrity}' }})"),
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

fn fill_shell(shell: &str, meta: &PageMeta, resources: &Resource, body: &str) -> String {
    let title_start = shell.find("<title>").expect("checked above");
    let title_end = shell.find("</title>").expect("checked above") + "</title>".len();
    let mut head = format!(
        "<title>{}</title>\n    \
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />\n    \
         <meta name=\"referrer\" content=\"no-referrer\" />\n    \
         <meta name=\"description\" content=\"{}\" />",
        escape(&meta.title),
        escape(CSP),
        escape(&meta.description)
    );
    if meta.noindex {
        head.push_str("\n    <meta name=\"robots\" content=\"noindex\" />");
    }
    // `defer` keeps it off the critical path; deferred scripts run in document order,
    // so it still runs before Trunk's module script that starts the wasm.
    head.push_str(&format!(
        "\n    <script defer src=\"{}\" integrity=\"{}\"></script>",
        escape(&resources.src),
        resources.integrity
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

/// Security headers every response gets (Netlify / Cloudflare Pages `_headers`).
const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), browsing-topics=()",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    (
        "Strict-Transport-Security",
        "max-age=63072000; includeSubDomains",
    ),
];

/// The `_headers` file for the built site, from the list of its files (paths below
/// the dist dir). Each path gets exactly one `Cache-Control`, since CDNs merge the
/// headers of every rule that matches: content-hashed files are immutable for a year,
/// everything else (HTML, content JSON) is revalidated on every use.
pub fn headers_file(files: &[String]) -> String {
    let mut out = String::from("# Generated by the prerenderer (src/prerender.rs); do not edit.\n");
    out.push_str(&format!("{}*\n", crate::route::BASE));
    out.push_str(&format!(
        "  Content-Security-Policy: {CSP}{CSP_HEADER_EXTRA}\n"
    ));
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    let mut files: Vec<&String> = files.iter().filter(|f| *f != "_headers").collect();
    files.sort();
    for file in files {
        let cache = if is_content_hashed(file) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        let mut urls = vec![href(file)];
        if let Some(dir) = file.strip_suffix("index.html") {
            urls.insert(0, href(dir));
        }
        for url in urls {
            out.push_str(&format!("\n{url}\n  Cache-Control: {cache}\n"));
        }
    }
    out
}

/// Trunk and the prerenderer name hashed files `name-<16 hex digits>[_bg].ext`.
fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_content_hashed("rehab-blog-d8650e671afaa370_bg.wasm"));
        assert!(is_content_hashed(
            "_resources/post-iop-instead-of-rehab-7b37023638e407ee.js"
        ));
        assert!(is_content_hashed("main-dc0bb7afa753b0ce.css"));
        assert!(!is_content_hashed("index.html"));
        assert!(!is_content_hashed(
            "content/posts/iop-instead-of-rehab.json"
        ));
        assert!(!is_content_hashed("blog/iop-instead-of-rehab/index.html"));
    }

    #[test]
    fn headers_give_each_file_one_cache_rule() {
        let files = [
            "index.html".to_string(),
            "blog/a/index.html".to_string(),
            "main-dc0bb7afa753b0ce.css".to_string(),
        ];
        let headers = headers_file(&files);
        assert!(headers.contains("/*\n  Content-Security-Policy: default-src 'self';"));
        assert!(headers.contains("frame-ancestors 'none'"));
        assert!(headers.contains("\n/\n  Cache-Control: no-cache\n"));
        assert!(headers.contains("\n/blog/a/\n  Cache-Control: no-cache\n"));
        assert!(headers.contains(
            "\n/main-dc0bb7afa753b0ce.css\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        assert_eq!(headers.matches("Cache-Control").count(), 5);
    }

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

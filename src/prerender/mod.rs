//! Turns Trunk's built `index.html` (the shell) into one static page per route.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use leptos::prelude::*;
use lol_html::html_content::{ContentType, Element};
use lol_html::{RewriteStrSettings, element, rewrite_str, text};
use sha2::{Digest, Sha256, Sha384};

mod feed;
mod feed_content;
mod head;
mod headers;
mod images;
mod scripts;
mod service_worker;

pub use feed::{feed_file, feed_xml};
use head::{PageMeta, check_alternates, head_html, page_meta};
pub use head::{robots_txt, sitemap_xml};
pub use headers::{csp, headers_file};
pub use images::{ImageFile, image_files};
pub use scripts::Scripts;
pub use service_worker::{OFFLINE_FILE, WORKER_FILE, service_worker_js};

use crate::compile::Library;
use crate::compile::search::language_index;
use crate::content::{ContentSource, index_file, post_file, site_file};
use crate::content_hash::short_hash;
use crate::render::render;
use crate::route::{Base, Page, PageKind};

/// Where each page's hydration data goes, below the staging dir.
pub const PAGE_DATA_DIR: &str = "_data";

/// A file to write below the staging dir.
#[derive(Debug)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// Every page of the site in every language, the compiled content the browser fetches
/// (`content/…`), each language's search index (`search/<code>/…`), the sitemap, feeds
/// and robots.txt, from Trunk's shell, our `scripts`
/// (the loader goes into every page) and the checked `library` (which knows the base it
/// was compiled for). `origin` is the site's public origin (`https://host`), for
/// canonical and sharing URLs. Fails when the pages' language alternates do not agree.
pub fn build_site(
    shell: &str,
    scripts: &Scripts,
    library: &Library,
    origin: &str,
) -> Result<Vec<OutputFile>, String> {
    let shell = Shell::read(shell)?;
    let content = library.content();
    let mut files = Vec::new();
    for edition in &content.editions {
        files.push(json_file(&site_file(&edition.edition), &edition.site));
        for listing in &edition.index {
            files.push(json_file(
                &index_file(&edition.edition, listing.page),
                listing,
            ));
        }
        for post in &edition.posts {
            files.push(json_file(&post_file(&edition.edition, &post.slug), post));
        }
    }
    for language in library.built_languages() {
        files.push(service_worker::offline_page(
            &shell, scripts, library, language,
        ));
        files.push(OutputFile {
            path: feed_file(language.edition()),
            contents: feed_xml(library, language, origin),
        });
        let index = language_index(library, language);
        files.extend(
            (index.files.into_iter()).map(|(path, contents)| OutputFile { path, contents }),
        );
    }
    let source = ContentSource::new(content);
    let pages = library.pages();
    let metas: Vec<PageMeta> = pages
        .iter()
        .map(|page| page_meta(page, library, origin))
        .collect();
    check_alternates(&metas)?;
    for (page, meta) in pages.iter().zip(metas) {
        files.extend(page_files(&shell, scripts, page, meta, library, &source));
    }
    files.extend([
        OutputFile {
            path: "sitemap.xml".into(),
            contents: sitemap_xml(library, origin),
        },
        OutputFile {
            path: "robots.txt".into(),
            contents: robots_txt(origin, &library.base),
        },
    ]);
    Ok(files)
}

/// One page's HTML and its hydration data.
fn page_files(
    shell: &Shell,
    scripts: &Scripts,
    page: &Page,
    meta: PageMeta,
    library: &Library,
    source: &ContentSource,
) -> [OutputFile; 2] {
    let base = &library.base;
    let language = library
        .language(&page.edition)
        .expect("pages are built in the site's languages");
    let rendered = render(&base.href(&page.path()), base, source);
    let data_file = format!(
        "{PAGE_DATA_DIR}/{}-{}.json",
        data_name(page),
        short_hash(Sha256::new_with_prefix(&rendered.data_json))
    );
    let data = Asset {
        src: base.href(&data_file),
        integrity: sri(rendered.data_json.as_bytes()),
    };
    let worker = (!library.retire_worker).then(|| base.href(WORKER_FILE));
    let loader = loader_tag(
        &shell.app,
        &scripts.loader,
        base,
        &data,
        worker,
        &language.site.text.getting_ready,
    );
    let head = head_html(page, meta, library, language, loader, scripts);
    let path = match page.kind {
        PageKind::NotFound => page.path(),
        _ => format!("{}index.html", page.path()),
    };
    [
        OutputFile {
            path: data_file,
            contents: rendered.data_json,
        },
        OutputFile {
            path,
            contents: shell.page(language.code(), &head, &rendered.body),
        },
    ]
}

/// `content/<file>` as the browser fetches it.
fn json_file(file: &str, value: &impl serde::Serialize) -> OutputFile {
    OutputFile {
        path: format!("content/{file}"),
        contents: serde_json::to_string(value).expect("content serialises"),
    }
}

/// The name of a page's data file: `index`, `index-2`, `post-<slug>`, `not-found`, after
/// its language's code in another language (`es-post-<slug>`).
fn data_name(page: &Page) -> String {
    let name = match &page.kind {
        PageKind::Index(1) => "index".into(),
        PageKind::Index(n) => format!("index-{n}"),
        PageKind::Post(slug) => format!("post-{slug}"),
        PageKind::NotFound => "not-found".into(),
    };
    match page.edition.code() {
        Some(code) => format!("{code}-{name}"),
        None => name,
    }
}

/// A Subresource Integrity value, `sha384-…` (as Trunk writes them).
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", BASE64.encode(Sha384::digest(bytes)))
}

/// A file the loader fetches, with its integrity.
struct Asset {
    src: String,
    integrity: String,
}

/// The app's files as Trunk built them: the wasm-bindgen glue and the wasm, each with
/// its integrity.
struct AppFiles {
    glue: Asset,
    wasm: Asset,
}

/// Trunk's `index.html` without its loader, and the app's files it named.
struct Shell {
    html: String,
    app: AppFiles,
}

impl Shell {
    /// Takes Trunk's loader out of the shell: its inline `<script type="module">`, which
    /// would start the app at once, and its preloads of the glue and the wasm, which
    /// would compete with the first paint. Their URLs and integrity go to [`loader_tag`].
    /// The shell must have a `<title>` (the page's head replaces it) and an empty
    /// `<body>` (the page goes there).
    fn read(shell: &str) -> Result<Shell, String> {
        let (mut loader, mut glue, mut wasm) = (false, None, None);
        let (mut title, mut body) = (false, false);
        let (mut body_elements, mut body_text) = (false, false);
        let html = rewrite_str(
            shell,
            RewriteStrSettings {
                element_content_handlers: vec![
                    element!("script[type=module]:not([src])", |el| {
                        if !std::mem::replace(&mut loader, true) {
                            el.remove();
                        }
                        Ok(())
                    }),
                    element!("link[rel=modulepreload]", |el| {
                        if glue.is_none() {
                            glue = Some(preloaded(el, "modulepreload"));
                            el.remove();
                        }
                        Ok(())
                    }),
                    element!("link[rel=preload]", |el| {
                        if wasm.is_none() {
                            wasm = Some(preloaded(el, "preload"));
                            el.remove();
                        }
                        Ok(())
                    }),
                    element!("title", |_| {
                        title = true;
                        Ok(())
                    }),
                    element!("body", |_| {
                        body = true;
                        Ok(())
                    }),
                    element!("body *", |_| {
                        body_elements = true;
                        Ok(())
                    }),
                    text!("body", |text| {
                        body_text |= !text.as_str().trim().is_empty();
                        Ok(())
                    }),
                ],
                ..RewriteStrSettings::new()
            },
        )
        .map_err(|e| format!("cannot read the shell index.html: {e}"))?;
        if !title || !body || body_elements || body_text {
            return Err(
                "the shell index.html must contain <title>…</title> and an empty <body></body>"
                    .into(),
            );
        }
        if !loader {
            return Err("no inline module script from Trunk in the shell".into());
        }
        let glue = glue.ok_or("no modulepreload link in the shell")??;
        let wasm = wasm.ok_or("no preload link in the shell")??;
        if !wasm.src.ends_with(".wasm") || !glue.src.ends_with(".js") {
            return Err(format!(
                "unexpected app files {} and {}",
                glue.src, wasm.src
            ));
        }
        Ok(Shell {
            html,
            app: AppFiles { glue, wasm },
        })
    }

    /// The shell with the page's language on `<html>`, its head in place of its
    /// `<title>` and the page in `<body>`.
    fn page(&self, lang: &str, head: &str, body: &str) -> String {
        rewrite_str(
            &self.html,
            RewriteStrSettings {
                element_content_handlers: vec![
                    element!("html", |el| {
                        el.set_attribute("lang", lang)?;
                        Ok(())
                    }),
                    element!("title", |el| {
                        el.replace(head, ContentType::Html);
                        Ok(())
                    }),
                    element!("body", |el| {
                        el.set_inner_content(body, ContentType::Html);
                        Ok(())
                    }),
                ],
                ..RewriteStrSettings::new()
            },
        )
        .expect("the shell was read once already")
    }
}

/// The URL and integrity of a `<link rel="…">` preload.
fn preloaded(link: &Element, rel: &str) -> Result<Asset, String> {
    Ok(Asset {
        src: link
            .get_attribute("href")
            .ok_or(format!("no href on the {rel} link"))?,
        integrity: link
            .get_attribute("integrity")
            .ok_or(format!("no integrity on the {rel} link"))?,
    })
}

/// The inline loader (`script`, its hash is in the CSP) of one page, told where the app's
/// files and the page's hydration data are, the service worker to register once the app
/// is ready (none when the build retires it), and what to say when a control is pressed
/// before the app is ready.
fn loader_tag(
    app: &AppFiles,
    script: &str,
    base: &Base,
    data: &Asset,
    worker: Option<String>,
    pending: &str,
) -> impl IntoView + use<> {
    view! {
        <script
            data-base=base.as_str().to_string()
            data-glue=app.glue.src.clone()
            data-glue-integrity=app.glue.integrity.clone()
            data-wasm=app.wasm.src.clone()
            data-wasm-integrity=app.wasm.integrity.clone()
            data-page-data=data.src.clone()
            data-page-data-integrity=data.integrity.clone()
            data-worker=worker
            data-pending=pending.to_string()
        >
            {script.to_string()}
        </script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = r#"<html><head><title>x</title><script type="module">init()</script><link rel="modulepreload" href="/a.js" integrity="sha384-a"><link rel="preload" href="/b.wasm" integrity="sha384-b" as="fetch"></head><body></body></html>"#;

    #[test]
    fn the_shell_gives_up_its_loader_and_preloads() {
        let shell = Shell::read(SHELL).unwrap();
        assert_eq!(
            shell.html,
            "<html><head><title>x</title></head><body></body></html>"
        );
        assert_eq!(shell.app.glue.src, "/a.js");
        assert_eq!(shell.app.glue.integrity, "sha384-a");
        assert_eq!(shell.app.wasm.src, "/b.wasm");
        assert_eq!(shell.app.wasm.integrity, "sha384-b");
        assert_eq!(
            shell.page("es", "<title>y</title><meta />", "<p>page</p>"),
            "<html lang=\"es\"><head><title>y</title><meta /></head><body><p>page</p></body></html>"
        );
    }

    #[test]
    fn a_shell_without_its_parts_is_refused() {
        for broken in [
            SHELL.replace("<title>x</title>", ""),
            SHELL.replace("<body></body>", "<body><main></main></body>"),
            SHELL.replace("<body></body>", "<body>text</body>"),
            SHELL.replace(r#"<script type="module">init()</script>"#, ""),
            SHELL.replace(r#" integrity="sha384-b""#, ""),
            SHELL.replace("/b.wasm", "/b.js"),
        ] {
            assert!(Shell::read(&broken).is_err(), "{broken}");
        }
    }
}

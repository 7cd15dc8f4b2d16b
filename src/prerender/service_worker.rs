//! Offline support: the service worker (`<base>sw.js`, its scope the base path) and the
//! offline page it shows for a page not saved on the device (`offline.html`).
//!
//! The worker is written for one deployment: it carries the list of files its install
//! fetches (the offline page and the app's hashed files) and a hash of them, the name of
//! its cache, so a new deployment is a new worker that deletes the old caches. The page's
//! loader registers it once the app has hydrated and the browser is idle.

use std::sync::Arc;

use leptos::prelude::*;
use sha2::{Digest, Sha256};

use super::head::DocumentHead;
use super::headers::{csp, is_content_hashed};
use super::{OutputFile, PAGE_DATA_DIR, Scripts, Shell};
use crate::compile::images::IMAGES_DIR;
use crate::compile::search::SEARCH_DIR;
use crate::compile::{Language, Library, OfflineText};
use crate::components::crisis_notice::CrisisNotice;
use crate::components::phone_link::PhoneLink;
use crate::components::site_header::SiteHeader;
use crate::content_hash::short_hash;
use crate::context::use_site;
use crate::render::render_static;
use crate::{page_ids, takeover};

/// The worker's file, at the base path: its scope is the whole site.
pub const WORKER_FILE: &str = "sw.js";
/// The page the worker shows for a page that is not saved on the device.
pub const OFFLINE_FILE: &str = "offline.html";
/// How many answers the worker keeps as they are read (pages, their hydration data, post
/// JSON), oldest out: a few dozen pages, under a megabyte.
const SAVED_ANSWERS: usize = 60;
/// How many bytes of the posts' pictures the worker keeps (each saved page's smallest
/// copies, and the copies a reader's pages showed), oldest out: a cheap phone's storage
/// is shared with everything else on it.
const SAVED_PICTURE_BYTES: usize = 2 * 1024 * 1024;

/// The worker for this build, from every file of it (path below the dist dir, bytes):
/// the retiring one when the build retires offline support.
pub fn service_worker_js(
    library: &Library,
    scripts: &Scripts,
    files: &[(String, Vec<u8>)],
) -> String {
    if library.retire_worker {
        return scripts.retire_worker.clone();
    }
    let base = &library.base;
    let mut precached: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(path, _)| path.ends_with(OFFLINE_FILE) || is_app_file(path))
        .collect();
    precached.sort();
    let mut version = Sha256::new();
    for (path, bytes) in &precached {
        version.update(path.as_bytes());
        version.update(bytes);
    }
    let version = short_hash(version);
    // The default language's folder, the base, holds the others': it goes last.
    let mut languages: Vec<&Language> = library.built_languages().collect();
    languages.rotate_left(1);
    let languages: Vec<_> = languages
        .into_iter()
        .map(|language| {
            let home = language.edition().path();
            serde_json::json!({
                "home": base.href(&home),
                "offline": base.href(&format!("{home}{OFFLINE_FILE}")),
                "savedCopy": saved_copy_notice(library, language),
                "months": language.dates.months,
                "date": language.dates.format,
            })
        })
        .collect();
    let deployment = serde_json::json!({
        "version": version,
        "files": precached.iter().map(|(path, _)| base.href(path)).collect::<Vec<_>>(),
        "languages": languages,
        "pages": SAVED_ANSWERS,
        "images": { "dir": base.href(&format!("{IMAGES_DIR}/")), "bytes": SAVED_PICTURE_BYTES },
    });
    format!("const DEPLOYMENT={deployment};\n{}", scripts.worker)
}

/// The notice the worker puts at the top of a saved copy, outside the app's root element,
/// with `{date}` where the time it was saved goes; the app takes it away when the reader
/// moves on to another page.
fn saved_copy_notice(library: &Library, language: &Language) -> String {
    let base = &library.base;
    let wording = language.offline.saved_copy.clone();
    let site = Arc::new(language.site.clone());
    render_static(&base.href(""), base, site, move || {
        view! { <p class="saved-copy" role="status" {..takeover::page_notice()}>{wording}</p> }
    })
}

/// The app's own hashed files (glue, wasm, stylesheet, icon), which every page uses; not
/// each page's hydration data, which the worker keeps only for the pages read, nor the
/// posts' pictures or the search indexes, which would grow with the blog.
fn is_app_file(path: &str) -> bool {
    is_content_hashed(path)
        && ![PAGE_DATA_DIR, IMAGES_DIR, SEARCH_DIR]
            .iter()
            .any(|dir| path.starts_with(&format!("{dir}/")))
}

/// A language's offline page (`offline.html` in its folder): the crisis numbers and the
/// publisher's, each a `tel:` or `sms:` link, complete without the app or any other file
/// (the stylesheet only dresses it).
pub(super) fn offline_page(
    shell: &Shell,
    scripts: &Scripts,
    library: &Library,
    language: &Language,
) -> OutputFile {
    let base = &library.base;
    let file = format!("{}{OFFLINE_FILE}", language.edition().path());
    let path = base.href(&file);
    let site = Arc::new(language.site.clone());
    let offline = language.offline.clone();
    let title = site.document_title(Some(&offline.title));
    let policy = csp(scripts);
    let head = render_static(&path, base, Arc::clone(&site), move || {
        view! {
            <DocumentHead title policy />
            <meta name="robots" content="noindex" />
        }
    });
    let home = base.href(&language.edition().path());
    let body = render_static(&path, base, Arc::clone(&site), move || {
        view! { <OfflinePage offline home /> }
    });
    OutputFile {
        path: file,
        contents: shell.page(&site.lang, &head, &body),
    }
}

/// The site's own header, then why the page is not there, the crisis numbers, the
/// publisher's and a way `home`.
#[component]
fn OfflinePage(offline: OfflineText, home: String) -> impl IntoView {
    let site = use_site();
    view! {
        <SiteHeader />
        <main id=page_ids::MAIN>
            <section class="offline">
                <h1 id=page_ids::TITLE>{offline.title}</h1>
                <p>{offline.body}</p>
                <CrisisNotice />
                <p>
                    {site.text.call_us.clone()} " " <PhoneLink />
                </p>
                <p>
                    <a class="button" href=home>
                        {offline.home}
                    </a>
                </p>
            </section>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_files_are_precached_with_the_page_data_left_to_reading() {
        assert!(is_app_file("rehab-blog-5a4e938bce76ddef_bg.wasm"));
        assert!(is_app_file("main-75ec1adb3c18b226.css"));
        assert!(!is_app_file("_data/index-03985bb7459c7d69.json"));
        assert!(!is_app_file(
            "images/first-session-480-0123456789abcdef.jpg"
        ));
        assert!(!is_app_file("index.html"));
        assert!(!is_app_file("content/site.json"));
    }
}

//! Checks the built bundle (`make dist` first; `REHAB_DIST_DIR` overrides `dist/`):
//! the `_headers` file, and on every HTML page the meta CSP and correct Subresource
//! Integrity for every script, stylesheet and preload.
#![cfg(feature = "ssr")]

use std::path::{Path, PathBuf};

use rehab_blog::prerender::{CSP, sri};
use rehab_blog::route::BASE;

fn dist() -> PathBuf {
    let dir = std::env::var_os("REHAB_DIST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").exists(),
        "no bundle in {}: run `make dist` first",
        dir.display()
    );
    dir
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

/// Every start tag named `name` in `html`.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    html.match_indices(&open)
        .filter(|(at, _)| {
            html[at + open.len()..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/')
        })
        .map(|(at, _)| &html[at..at + html[at..].find('>').unwrap() + 1])
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[test]
fn headers_file_carries_the_policy_and_cache_rules() {
    let headers = std::fs::read_to_string(dist().join("_headers")).expect("dist/_headers");
    assert!(headers.contains(&format!(
        "Content-Security-Policy: {CSP}; frame-ancestors 'none'"
    )));
    for header in [
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: no-referrer",
        "Permissions-Policy: camera=(), microphone=(), geolocation=(), browsing-topics=()",
        "Cross-Origin-Opener-Policy: same-origin",
        "Strict-Transport-Security: max-age=",
    ] {
        assert!(headers.contains(header), "{header}");
    }
    assert!(headers.contains("_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable"));
    assert!(headers.contains(&format!("\n{BASE}\n  Cache-Control: no-cache")));
    assert!(headers.contains("content/site.json\n  Cache-Control: no-cache"));
}

#[test]
fn every_page_has_the_meta_csp_and_correct_integrity() {
    let dist = dist();
    let mut pages = Vec::new();
    html_files(&dist, &mut pages);
    assert!(pages.len() >= 3, "{pages:?}");
    for page in pages {
        let html = std::fs::read_to_string(&page).unwrap();
        let name = page.display();
        let csp = tags(&html, "meta")
            .into_iter()
            .find(|t| attr(t, "http-equiv") == Some("Content-Security-Policy"))
            .unwrap_or_else(|| panic!("{name}: no meta CSP"));
        assert_eq!(attr(csp, "content"), Some(CSP), "{name}");
        assert!(!html.contains(" style=\""), "{name}: inline style");

        let mut checked = 0;
        let subresources = tags(&html, "script")
            .into_iter()
            .filter(|t| attr(t, "type") != Some("application/ld+json"))
            .chain(tags(&html, "link").into_iter().filter(|t| {
                // Metadata links, not subresources the page loads.
                !matches!(
                    attr(t, "rel"),
                    Some("canonical" | "manifest" | "apple-touch-icon" | "alternate")
                ) && attr(t, "sizes").is_none()
            }));
        for tag in subresources {
            let url = match (attr(tag, "src"), attr(tag, "href")) {
                (Some(src), _) => src,
                (None, Some(href)) => href,
                (None, None) => panic!("{name}: inline script {tag}"),
            };
            let integrity =
                attr(tag, "integrity").unwrap_or_else(|| panic!("{name}: no integrity on {tag}"));
            let file = dist.join(url.strip_prefix(BASE).expect("a site path"));
            let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{name}: {url}: {e}"));
            assert_eq!(integrity, sri(&bytes), "{name}: stale integrity for {url}");
            checked += 1;
        }
        // resources + loader scripts, icon, stylesheet, modulepreload, wasm preload
        assert!(checked >= 6, "{name}: only {checked} subresources");
    }
}

#[test]
fn the_loader_fetches_the_wasm_with_its_integrity() {
    let dist = dist();
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let preload = tags(&html, "link")
        .into_iter()
        .find(|t| attr(t, "rel") == Some("preload"))
        .expect("wasm preload");
    assert_eq!(attr(preload, "type"), Some("application/wasm"));
    let loader_tag = tags(&html, "script")
        .into_iter()
        .find(|t| attr(t, "type") == Some("module"))
        .expect("module loader");
    let loader = std::fs::read_to_string(
        dist.join(attr(loader_tag, "src").unwrap().strip_prefix(BASE).unwrap()),
    )
    .unwrap();
    assert!(loader.contains(&format!(
        "fetch('{}', {{ integrity: '{}', priority: 'low' }})",
        attr(preload, "href").unwrap(),
        attr(preload, "integrity").unwrap()
    )));
}

//! Which page a URL path shows, and where each page lives.
//!
//! One function decides for the server (prerender) and the browser alike, so a path
//! that lands on `404.html` (say `/blog/unknown`) hydrates the very page it was served.

use std::sync::OnceLock;

static BASE: OnceLock<String> = OnceLock::new();

/// Where the site is mounted, ending in `/`: `/` or e.g. `/rehab-blog/`. Read at run
/// time, so one build of the wasm and of the prerenderer serves every base path: the
/// prerenderer takes it from `REHAB_PUBLIC_URL`, else Trunk's `TRUNK_PUBLIC_URL`
/// (`make dist PUBLIC_URL=…` sets both) and writes it into each page, whose loader
/// hands it to the app ([`set_base`]).
pub fn base() -> &'static str {
    BASE.get_or_init(|| {
        #[cfg(not(target_arch = "wasm32"))]
        for name in ["REHAB_PUBLIC_URL", "TRUNK_PUBLIC_URL"] {
            if let Ok(base) = std::env::var(name) {
                return base;
            }
        }
        "/".to_string()
    })
}

/// Sets the base path before anything reads it; `false` if it is not a path that starts
/// and ends with `/`, or a different base was already in use.
pub fn set_base(base: &str) -> bool {
    is_base(base) && BASE.get_or_init(|| base.to_string()) == base
}

/// A base path: absolute, ending in `/`, nothing a URL would read otherwise.
pub fn is_base(base: &str) -> bool {
    base.starts_with('/')
        && base.ends_with('/')
        && !base.contains(['?', '#', '"', '<', '>', '\\', ' '])
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Index,
    Post(String),
    NotFound,
}

impl Page {
    /// Resolves a URL path (as the browser reports it, with the base) against the
    /// published post slugs. Anything unexpected is `NotFound`.
    ///
    /// It must pick the page the host served for that path, or hydration fails, so it
    /// reads paths the way static hosts do: percent-decoded, with `index.html` implied.
    pub fn resolve(pathname: &str, posts: &[String]) -> Page {
        let Some(path) = percent_decode(pathname) else {
            return Page::NotFound;
        };
        let Some(rest) = path.strip_prefix(base()) else {
            return Page::NotFound;
        };
        let rest = rest.strip_suffix("index.html").unwrap_or(rest);
        match rest {
            "" => Page::Index,
            _ => rest
                .strip_prefix("blog/")
                .map(|tail| tail.strip_suffix('/').unwrap_or(tail))
                .filter(|slug| posts.iter().any(|p| p == slug))
                .map_or(Page::NotFound, |slug| Page::Post(slug.to_string())),
        }
    }

    /// The canonical path of the page below [`base`] (`""`, `blog/<slug>/`, `404.html`).
    pub fn path(&self) -> String {
        match self {
            Page::Index => String::new(),
            Page::Post(slug) => format!("blog/{slug}/"),
            Page::NotFound => "404.html".to_string(),
        }
    }
}

/// `%XX` escapes decoded; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// An absolute URL path for a path below the base: `href("content/site.json")`.
pub fn href(path: &str) -> String {
    format!("{}{path}", base())
}

/// The Router's `base` prop: the base without its trailing slash (empty at the root).
pub fn router_base() -> &'static str {
    base().trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posts() -> Vec<String> {
        vec!["iop-instead-of-rehab".to_string()]
    }

    #[test]
    fn resolves_known_routes() {
        assert_eq!(Page::resolve("/", &posts()), Page::Index);
        assert_eq!(Page::resolve("/index.html", &posts()), Page::Index);
        // As static hosts read them: index.html implied, escapes decoded.
        for path in [
            "/blog/iop-instead-of-rehab",
            "/blog/iop-instead-of-rehab/",
            "/blog/iop-instead-of-rehab/index.html",
            "/blog/iop%2Dinstead-of-rehab/",
            "/%62log/iop-instead-of-rehab/",
        ] {
            assert_eq!(
                Page::resolve(path, &posts()),
                Page::Post("iop-instead-of-rehab".into())
            );
        }
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "/404.html",
            "/blog/",
            "/blog/unknown",
            "/blog/iop-instead-of-rehab/extra",
            "/blog//iop-instead-of-rehab",
            "/blog/../blog/iop-instead-of-rehab",
            "/blog/iop-instead-of-rehab%00",
            "/blog/iop-instead-of-rehab%",
            "/blog/iop-instead-of-rehab%ZZ",
            "/blog/%FF/",
            "/blog/index.html",
            "//",
            "relative",
        ] {
            assert_eq!(Page::resolve(path, &posts()), Page::NotFound, "{path:?}");
        }
        let long = format!("/blog/{}", "a".repeat(10_000));
        assert_eq!(Page::resolve(&long, &posts()), Page::NotFound);
    }

    #[test]
    fn page_paths_round_trip() {
        for page in [Page::Index, Page::Post("iop-instead-of-rehab".into())] {
            let path = href(&page.path());
            assert_eq!(Page::resolve(&path, &posts()), page);
        }
        assert_eq!(
            Page::resolve(&href(&Page::NotFound.path()), &posts()),
            Page::NotFound
        );
    }
}

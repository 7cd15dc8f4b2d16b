//! Which page a URL path shows, and where each page lives.
//!
//! One function decides for the server (prerender) and the browser alike, so a path
//! that lands on `404.html` (say `/blog/unknown`) hydrates the very page it was served.

/// Where the site is mounted, ending in `/`: `/` or e.g. `/rehab-blog/`.
/// Set at build time by `make dist PUBLIC_URL=…`, the same for the wasm and the prerenderer.
pub const BASE: &str = match option_env!("REHAB_PUBLIC_URL") {
    Some(base) => base,
    None => "/",
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Index,
    Post(String),
    NotFound,
}

impl Page {
    /// Resolves a URL path (as the browser reports it, with the base) against the
    /// published post slugs. Anything unexpected is `NotFound`.
    pub fn resolve(pathname: &str, posts: &[String]) -> Page {
        let Some(rest) = strip_base(pathname) else {
            return Page::NotFound;
        };
        match rest {
            "" | "index.html" => Page::Index,
            _ => rest
                .strip_prefix("blog/")
                .map(|tail| tail.strip_suffix('/').unwrap_or(tail))
                .filter(|slug| posts.iter().any(|p| p == slug))
                .map_or(Page::NotFound, |slug| Page::Post(slug.to_string())),
        }
    }

    /// The canonical path of the page below [`BASE`] (`""`, `blog/<slug>/`, `404.html`).
    pub fn path(&self) -> String {
        match self {
            Page::Index => String::new(),
            Page::Post(slug) => format!("blog/{slug}/"),
            Page::NotFound => "404.html".to_string(),
        }
    }
}

/// The path below [`BASE`], or `None` when the path is outside it.
fn strip_base(pathname: &str) -> Option<&str> {
    pathname
        .strip_prefix(BASE)
        .or_else(|| (pathname == BASE.trim_end_matches('/')).then_some(""))
}

/// An absolute URL path for a path below the base: `href("content/site.json")`.
pub fn href(path: &str) -> String {
    format!("{BASE}{path}")
}

/// The Router's `base` prop: the base without its trailing slash (empty at the root).
pub fn router_base() -> &'static str {
    BASE.trim_end_matches('/')
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
        for path in ["/blog/iop-instead-of-rehab", "/blog/iop-instead-of-rehab/"] {
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

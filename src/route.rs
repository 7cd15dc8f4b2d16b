//! Which page a URL path shows, and where each page lives.
//!
//! One function decides for the server (prerender) and the browser alike, so a path
//! that lands on `404.html` (say `/blog/unknown`) hydrates the very page it was served.

/// Where the site is mounted, ending in `/`: `/` or e.g. `/rehab-blog/`. Not a
/// global: the prerenderer reads it from its environment once and passes it to the
/// compiler and to rendering; it writes it into each page, whose loader hands it to
/// `hydrate(base)`. So one build of the wasm and of the prerenderer serves every base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    /// `None` unless `base` is absolute, ends in `/` and holds nothing a URL would read
    /// otherwise.
    pub fn new(base: &str) -> Option<Base> {
        let usable = base.starts_with('/')
            && base.ends_with('/')
            && !base.contains(['?', '#', '"', '<', '>', '\\', ' ']);
        usable.then(|| Base(base.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An absolute URL path for a path below the base: `href("content/site.json")`.
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// The Router's `base` prop: the base without its trailing slash (empty at the root).
    pub fn for_router(&self) -> String {
        self.0.trim_end_matches('/').to_string()
    }
}

impl Default for Base {
    /// The root, `/`.
    fn default() -> Self {
        Base("/".to_string())
    }
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
    pub fn resolve(pathname: &str, base: &Base, posts: &[String]) -> Page {
        let Some(path) = percent_decode(pathname) else {
            return Page::NotFound;
        };
        let Some(rest) = path.strip_prefix(base.as_str()) else {
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

    /// The canonical path of the page below the [`Base`] (`""`, `blog/<slug>/`, `404.html`).
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

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> Base {
        Base::default()
    }

    fn posts() -> Vec<String> {
        vec!["iop-instead-of-rehab".to_string()]
    }

    #[test]
    fn resolves_known_routes() {
        assert_eq!(Page::resolve("/", &root(), &posts()), Page::Index);
        assert_eq!(Page::resolve("/index.html", &root(), &posts()), Page::Index);
        // As static hosts read them: index.html implied, escapes decoded.
        for path in [
            "/blog/iop-instead-of-rehab",
            "/blog/iop-instead-of-rehab/",
            "/blog/iop-instead-of-rehab/index.html",
            "/blog/iop%2Dinstead-of-rehab/",
            "/%62log/iop-instead-of-rehab/",
        ] {
            assert_eq!(
                Page::resolve(path, &root(), &posts()),
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
            assert_eq!(
                Page::resolve(path, &root(), &posts()),
                Page::NotFound,
                "{path:?}"
            );
        }
        let long = format!("/blog/{}", "a".repeat(10_000));
        assert_eq!(Page::resolve(&long, &root(), &posts()), Page::NotFound);
    }

    #[test]
    fn page_paths_round_trip_below_every_base() {
        for base in [root(), Base::new("/rehab-blog/").unwrap()] {
            for page in [
                Page::Index,
                Page::Post("iop-instead-of-rehab".into()),
                Page::NotFound,
            ] {
                let path = base.href(&page.path());
                assert_eq!(Page::resolve(&path, &base, &posts()), page, "{path}");
            }
        }
        // A page of one base is not a page of another.
        let sub = Base::new("/rehab-blog/").unwrap();
        assert_eq!(Page::resolve("/", &sub, &posts()), Page::NotFound);
        assert_eq!(
            Page::resolve("/rehab-blog/blog/iop-instead-of-rehab/", &root(), &posts()),
            Page::NotFound
        );
    }

    #[test]
    fn bases_are_absolute_directories() {
        assert_eq!(root().as_str(), "/");
        assert_eq!(root().for_router(), "");
        assert_eq!(
            Base::new("/rehab-blog/").unwrap().for_router(),
            "/rehab-blog"
        );
        for bad in ["", "rehab-blog/", "/rehab-blog", "/a b/", "/a?b/", "/a\"/"] {
            assert_eq!(Base::new(bad), None, "{bad:?}");
        }
    }
}

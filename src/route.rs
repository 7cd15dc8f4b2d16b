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

/// A page of the site. Which posts and index pages exist is not known here: a
/// well-formed path names a page, and its data says whether it is there (a 404 on its
/// JSON, or the prerendered `404.html`'s own data, shows the not-found page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// One page of the index, newest posts first: 1 is `/`, older ones `page/<n>/`.
    Index(u32),
    Post(String),
    NotFound,
}

/// The longest slug: a post's file names (`<slug>.md`, `<slug>.json`) must fit the
/// 255-byte limit of common file systems.
pub const MAX_SLUG_LEN: usize = 240;

/// A post slug as the compiler allows it: lower-case ASCII letters and digits, in
/// words joined by single dashes (what [`crate::model::slugify`] writes).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_SLUG_LEN
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl Page {
    /// Resolves a URL path (as the browser reports it, with the base) to the page it
    /// names: `/`, `page/<n>/` for n ≥ 2 (no leading zeros), `blog/<slug>/` for a
    /// well-formed slug. Anything else is `NotFound`.
    ///
    /// It must pick the page the host served for that path, or hydration fails, so it
    /// reads paths the way static hosts do: percent-decoded, with `index.html` implied.
    pub fn resolve(pathname: &str, base: &Base) -> Page {
        let Some(path) = percent_decode(pathname) else {
            return Page::NotFound;
        };
        let Some(rest) = path.strip_prefix(base.as_str()) else {
            return Page::NotFound;
        };
        let rest = rest.strip_suffix("index.html").unwrap_or(rest);
        if rest.is_empty() {
            return Page::Index(1);
        }
        let directory = |prefix: &str| {
            rest.strip_prefix(prefix)
                .map(|tail| tail.strip_suffix('/').unwrap_or(tail))
        };
        if let Some(slug) = directory("blog/").filter(|slug| is_slug(slug)) {
            return Page::Post(slug.to_string());
        }
        directory("page/")
            .filter(|n| {
                !n.starts_with('0') && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())
            })
            .and_then(|n| n.parse().ok())
            .filter(|&n| n >= 2)
            .map_or(Page::NotFound, Page::Index)
    }

    /// The canonical path of the page below the [`Base`] (`""`, `page/<n>/`,
    /// `blog/<slug>/`, `404.html`).
    pub fn path(&self) -> String {
        match self {
            Page::Index(1) => String::new(),
            Page::Index(n) => format!("page/{n}/"),
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

    #[test]
    fn resolves_known_routes() {
        assert_eq!(Page::resolve("/", &root()), Page::Index(1));
        assert_eq!(Page::resolve("/index.html", &root()), Page::Index(1));
        // As static hosts read them: index.html implied, escapes decoded.
        for path in [
            "/blog/iop-instead-of-rehab",
            "/blog/iop-instead-of-rehab/",
            "/blog/iop-instead-of-rehab/index.html",
            "/blog/iop%2Dinstead-of-rehab/",
            "/%62log/iop-instead-of-rehab/",
        ] {
            assert_eq!(
                Page::resolve(path, &root()),
                Page::Post("iop-instead-of-rehab".into())
            );
        }
        for (path, n) in [("/page/2/", 2), ("/page/2", 2), ("/page/31/index.html", 31)] {
            assert_eq!(Page::resolve(path, &root()), Page::Index(n), "{path}");
        }
    }

    #[test]
    fn any_well_formed_slug_names_a_post() {
        // Whether it exists is for its data to say: no list of every post is needed.
        for slug in ["unknown", "a-b-c", "2025-review", "x"] {
            assert_eq!(
                Page::resolve(&format!("/blog/{slug}/"), &root()),
                Page::Post(slug.into())
            );
        }
        let longest = "a".repeat(MAX_SLUG_LEN);
        assert_eq!(
            Page::resolve(&format!("/blog/{longest}/"), &root()),
            Page::Post(longest)
        );
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "/404.html",
            "/blog/",
            "/blog/Unknown",
            "/blog/two--dashes",
            "/blog/-leading",
            "/blog/trailing-",
            "/blog/under_score",
            "/blog/iop-instead-of-rehab/extra",
            "/blog//iop-instead-of-rehab",
            "/blog/../blog/iop-instead-of-rehab",
            "/blog/iop-instead-of-rehab%00",
            "/blog/iop-instead-of-rehab%",
            "/blog/iop-instead-of-rehab%ZZ",
            "/blog/%FF/",
            "/blog/index.html",
            "/page/",
            "/page/0/",
            "/page/1/",
            "/page/01/",
            "/page/02/",
            "/page/x/",
            "/page/-2/",
            "/page/+2/",
            "/page/2/extra",
            "/page/99999999999999999999/",
            "//",
            "relative",
        ] {
            assert_eq!(Page::resolve(path, &root()), Page::NotFound, "{path:?}");
        }
        let long = format!("/blog/{}", "a".repeat(MAX_SLUG_LEN + 1));
        assert_eq!(Page::resolve(&long, &root()), Page::NotFound);
    }

    #[test]
    fn page_paths_round_trip_below_every_base() {
        for base in [root(), Base::new("/rehab-blog/").unwrap()] {
            for page in [
                Page::Index(1),
                Page::Index(2),
                Page::Index(10),
                Page::Post("iop-instead-of-rehab".into()),
                Page::NotFound,
            ] {
                let path = base.href(&page.path());
                assert_eq!(Page::resolve(&path, &base), page, "{path}");
            }
        }
        // A page of one base is not a page of another.
        let sub = Base::new("/rehab-blog/").unwrap();
        assert_eq!(Page::resolve("/", &sub), Page::NotFound);
        assert_eq!(
            Page::resolve("/rehab-blog/blog/iop-instead-of-rehab/", &root()),
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

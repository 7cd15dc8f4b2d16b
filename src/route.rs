//! Which page a URL path shows, and where each page lives.
//!
//! One function decides for the server (prerender) and the browser alike, so a path
//! that lands on `404.html` (say `/blog/unknown`) hydrates the very page it was served.

use serde::{Deserialize, Serialize};

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

/// Which language's pages a path is among: the default language's at the base, another
/// language's below `<code>/` (`es/`). Which languages the site has is not known here: a
/// well-formed code names an edition, and its data says whether it is there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Edition(Option<String>);

impl Edition {
    /// Another language's edition, below `<code>/`.
    pub fn of(code: &str) -> Edition {
        Edition(Some(code.to_string()))
    }

    /// Its language code: none for the default language's.
    pub fn code(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The default language's, at the base.
    pub fn is_default(&self) -> bool {
        self.0.is_none()
    }

    /// Its folder below the base: `""` or `es/`.
    pub fn path(&self) -> String {
        self.0
            .as_ref()
            .map_or_else(String::new, |code| format!("{code}/"))
    }
}

/// A page of the site: which edition it is in, and what it is. Which posts and index
/// pages exist is not known here: a well-formed path names a page, and its data says
/// whether it is there (a 404 on its JSON, or the prerendered `404.html`'s own data,
/// shows the not-found page).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Page {
    pub edition: Edition,
    pub kind: PageKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// One page of the index, newest posts first: 1 is the edition's root, older ones
    /// `page/<n>/`.
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

/// A language as `lang` and `hreflang` take it, in the form this site uses: a language
/// (`es`), or a language and a region (`es-US`). Never `blog` or `page`.
pub fn is_language_tag(tag: &str) -> bool {
    let (language, region) = tag.split_once('-').unwrap_or((tag, "US"));
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_lowercase())
        && region.len() == 2
        && region.chars().all(|c| c.is_ascii_uppercase())
}

impl Page {
    pub fn new(edition: Edition, kind: PageKind) -> Page {
        Page { edition, kind }
    }

    /// Resolves a URL path (as the browser reports it, with the base) to the page it
    /// names: an edition's root, `page/<n>/` for n ≥ 2 (no leading zeros),
    /// `blog/<slug>/` for a well-formed slug, each at the base or below a language code
    /// (`es/blog/<slug>/`). Anything else is the edition's `NotFound`.
    ///
    /// It must pick the page the host served for that path, or hydration fails, so it
    /// reads paths the way static hosts do: percent-decoded, with `index.html` implied.
    pub fn resolve(pathname: &str, base: &Base) -> Page {
        let not_found = |edition| Page::new(edition, PageKind::NotFound);
        let Some(path) = percent_decode(pathname) else {
            return not_found(Edition::default());
        };
        let Some(rest) = path.strip_prefix(base.as_str()) else {
            return not_found(Edition::default());
        };
        let (edition, rest) = match rest.split_once('/') {
            Some((code, tail)) if is_language_tag(code) => (Edition::of(code), tail),
            None if is_language_tag(rest) => (Edition::of(rest), ""),
            _ => (Edition::default(), rest),
        };
        let rest = rest.strip_suffix("index.html").unwrap_or(rest);
        if rest.is_empty() {
            return Page::new(edition, PageKind::Index(1));
        }
        let directory = |prefix: &str| {
            rest.strip_prefix(prefix)
                .map(|tail| tail.strip_suffix('/').unwrap_or(tail))
        };
        if let Some(slug) = directory("blog/").filter(|slug| is_slug(slug)) {
            return Page::new(edition, PageKind::Post(slug.to_string()));
        }
        let index = directory("page/")
            .filter(|n| {
                !n.starts_with('0') && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())
            })
            .and_then(|n| n.parse().ok())
            .filter(|&n| n >= 2);
        match index {
            Some(n) => Page::new(edition, PageKind::Index(n)),
            None => not_found(edition),
        }
    }

    /// The canonical path of the page below the [`Base`] (`""`, `page/<n>/`,
    /// `blog/<slug>/`, `404.html`, each below its edition's folder).
    pub fn path(&self) -> String {
        let edition = self.edition.path();
        match &self.kind {
            PageKind::Index(1) => edition,
            PageKind::Index(n) => format!("{edition}page/{n}/"),
            PageKind::Post(slug) => format!("{edition}blog/{slug}/"),
            PageKind::NotFound => format!("{edition}404.html"),
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

    fn index(n: u32) -> Page {
        Page::new(Edition::default(), PageKind::Index(n))
    }

    fn post(slug: &str) -> Page {
        Page::new(Edition::default(), PageKind::Post(slug.into()))
    }

    fn not_found() -> Page {
        Page::new(Edition::default(), PageKind::NotFound)
    }

    #[test]
    fn resolves_known_routes() {
        assert_eq!(Page::resolve("/", &root()), index(1));
        assert_eq!(Page::resolve("/index.html", &root()), index(1));
        // As static hosts read them: index.html implied, escapes decoded.
        for path in [
            "/blog/iop-instead-of-rehab",
            "/blog/iop-instead-of-rehab/",
            "/blog/iop-instead-of-rehab/index.html",
            "/blog/iop%2Dinstead-of-rehab/",
            "/%62log/iop-instead-of-rehab/",
        ] {
            assert_eq!(Page::resolve(path, &root()), post("iop-instead-of-rehab"));
        }
        for (path, n) in [("/page/2/", 2), ("/page/2", 2), ("/page/31/index.html", 31)] {
            assert_eq!(Page::resolve(path, &root()), index(n), "{path}");
        }
    }

    #[test]
    fn any_well_formed_slug_names_a_post() {
        // Whether it exists is for its data to say: no list of every post is needed.
        for slug in ["unknown", "a-b-c", "2025-review", "x"] {
            assert_eq!(
                Page::resolve(&format!("/blog/{slug}/"), &root()),
                post(slug)
            );
        }
        let longest = "a".repeat(MAX_SLUG_LEN);
        assert_eq!(
            Page::resolve(&format!("/blog/{longest}/"), &root()),
            post(&longest)
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
            assert_eq!(Page::resolve(path, &root()), not_found(), "{path:?}");
        }
        let long = format!("/blog/{}", "a".repeat(MAX_SLUG_LEN + 1));
        assert_eq!(Page::resolve(&long, &root()), not_found());
    }

    #[test]
    fn a_language_code_first_names_its_edition() {
        let es = |kind| Page::new(Edition::of("es"), kind);
        for (path, page) in [
            ("/es/", es(PageKind::Index(1))),
            ("/es", es(PageKind::Index(1))),
            ("/es/index.html", es(PageKind::Index(1))),
            ("/es/page/2/", es(PageKind::Index(2))),
            (
                "/es/blog/una-entrada/",
                es(PageKind::Post("una-entrada".into())),
            ),
            ("/es/404.html", es(PageKind::NotFound)),
            ("/es/es/", es(PageKind::NotFound)),
            ("/es/blog/", es(PageKind::NotFound)),
            (
                "/pt-BR/blog/x/",
                Page::new(Edition::of("pt-BR"), PageKind::Post("x".into())),
            ),
        ] {
            assert_eq!(Page::resolve(path, &root()), page, "{path}");
        }
        // Not language codes: the default edition's pages, or nothing.
        assert_eq!(Page::resolve("/ES/", &root()), not_found());
        assert_eq!(Page::resolve("/blog/es/", &root()), post("es"));
        assert_eq!(Page::resolve("/e/", &root()), not_found());
        assert_eq!(Page::resolve("/es-us/", &root()), not_found());
    }

    #[test]
    fn page_paths_round_trip_below_every_base() {
        for base in [root(), Base::new("/rehab-blog/").unwrap()] {
            for page in [
                index(1),
                index(2),
                index(10),
                post("iop-instead-of-rehab"),
                not_found(),
                Page::new(Edition::of("es"), PageKind::Index(1)),
                Page::new(Edition::of("es"), PageKind::Index(3)),
                Page::new(Edition::of("es"), PageKind::Post("una-entrada".into())),
                Page::new(Edition::of("es"), PageKind::NotFound),
            ] {
                let path = base.href(&page.path());
                assert_eq!(Page::resolve(&path, &base), page, "{path}");
            }
        }
        // A page of one base is not a page of another.
        let sub = Base::new("/rehab-blog/").unwrap();
        assert_eq!(Page::resolve("/", &sub), not_found());
        assert_eq!(
            Page::resolve("/rehab-blog/blog/iop-instead-of-rehab/", &root()),
            not_found()
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

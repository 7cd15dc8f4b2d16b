//! What each prerendered page carries in `<head>` for browsers, search engines and
//! social crawlers (which do not run JavaScript), plus `sitemap.xml` and `robots.txt`.

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::json;

use super::Scripts;
use super::feed::feed_file;
use super::headers::csp;
use crate::compile::{Entry, Language, Library, escape};
use crate::context::use_base;
use crate::model::Translation;
use crate::render::render_static;
use crate::route::{Base, Page, PageKind};

/// The site-wide sharing image in `public/` (1200×630), at a stable URL crawlers can
/// cache: every page's but a post's with its own `image`.
const OG_IMAGE: &str = "og-image.png";

/// A page's sharing picture, as crawlers read it.
pub(super) struct SharedImage {
    /// Absolute.
    url: String,
    width: u32,
    height: u32,
    alt: Option<String>,
}

impl SharedImage {
    /// `entry`'s own picture, else the site-wide one.
    pub(super) fn of(entry: Option<&Entry>, origin: &str, base: &Base) -> SharedImage {
        match entry.and_then(|e| e.image.as_ref()) {
            Some(shared) => {
                let copy = shared.image.largest();
                SharedImage {
                    url: format!("{origin}{}", base.href(&copy.path)),
                    width: copy.width,
                    height: copy.height,
                    alt: Some(shared.alt.clone()),
                }
            }
            None => SharedImage {
                url: format!("{origin}{}", base.href(OG_IMAGE)),
                width: 1200,
                height: 630,
                alt: None,
            },
        }
    }
}

/// The `<head>` facts of one page.
pub(super) struct PageMeta {
    title: String,
    description: String,
    /// Absolute canonical URL; none for the not-found page, which is also `noindex`.
    canonical: Option<String>,
    og_type: &'static str,
    /// For the feed's autodiscovery link.
    site_name: String,
    /// The page's language's feed.
    feed: String,
    /// Open Graph's locale of the page, and of its translations.
    locale: String,
    locale_alternates: Vec<String>,
    /// The page in every language it is written in, itself included, and `x-default`;
    /// none when it has no translation.
    alternates: Vec<Alternate>,
    /// Drafts and the not-found page are never indexed.
    noindex: bool,
    /// Schema.org data for the page.
    json_ld: Option<serde_json::Value>,
    image: SharedImage,
}

/// One `<link rel="alternate" hreflang>`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Alternate {
    /// A language code, or `x-default`.
    hreflang: String,
    /// Absolute.
    href: String,
}

/// The page's translations, as its language switch offers them: a post's published
/// ones, the other languages' first index page for a first one.
fn translations(page: &Page, library: &Library) -> Vec<Translation> {
    match &page.kind {
        PageKind::Index(1) => library
            .language(&page.edition)
            .and_then(|language| library.index(language).into_iter().next())
            .map(|listing| listing.translations)
            .unwrap_or_default(),
        PageKind::Post(slug) => library
            .entry(slug)
            .filter(|entry| !entry.draft)
            .map(|entry| entry.post.translations.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The page's `hreflang` alternates: itself and its translations, then `x-default`, the
/// one in the site's default language; none without a translation.
fn alternates(page: &Page, library: &Library, origin: &str) -> Vec<Alternate> {
    let translations = translations(page, library);
    if translations.is_empty() {
        return Vec::new();
    }
    let url = |path: &str| format!("{origin}{}", library.base.href(path));
    let own = library
        .language(&page.edition)
        .expect("pages are built in the site's languages");
    let mut alternates = vec![Alternate {
        hreflang: own.code().to_string(),
        href: url(&page.path()),
    }];
    alternates.extend(translations.iter().map(|t| Alternate {
        hreflang: t.lang.clone(),
        href: url(&t.path),
    }));
    let default = library.default_language().code();
    if let Some(version) = alternates.iter().find(|a| a.hreflang == default) {
        alternates.push(Alternate {
            hreflang: "x-default".into(),
            href: version.href.clone(),
        });
    }
    alternates
}

/// Every page's `hreflang` alternates name it back, as search engines require: an
/// error naming the first pair that does not.
pub(super) fn check_alternates(pages: &[PageMeta]) -> Result<(), String> {
    let named = |url: &str| {
        pages
            .iter()
            .find(|meta| meta.canonical.as_deref() == Some(url))
    };
    for meta in pages {
        let Some(own) = &meta.canonical else { continue };
        for alternate in meta.alternates.iter().filter(|a| a.href != *own) {
            let back = named(&alternate.href)
                .is_some_and(|other| other.alternates.iter().any(|a| a.href == *own));
            if !back {
                return Err(format!(
                    "hreflang: {own} names {} as its {} version, which does not name it back",
                    alternate.href, alternate.hreflang
                ));
            }
        }
    }
    Ok(())
}

pub(super) fn page_meta(page: &Page, library: &Library, origin: &str) -> PageMeta {
    let language = library
        .language(&page.edition)
        .expect("pages are built in the site's languages");
    let site = &language.site;
    let canonical = Some(format!("{origin}{}", library.base.href(&page.path())));
    let image = SharedImage::of(None, origin, &library.base);
    let locale_alternates = translations(page, library)
        .iter()
        .filter_map(|t| library.languages.iter().find(|l| l.code() == t.lang))
        .map(|l| l.locale.clone())
        .collect();
    let meta = |title, description, canonical, og_type, noindex, json_ld, image| PageMeta {
        site_name: site.name.clone(),
        feed: library.base.href(&feed_file(&page.edition)),
        locale: language.locale.clone(),
        locale_alternates,
        alternates: alternates(page, library, origin),
        title,
        description,
        canonical,
        og_type,
        noindex,
        json_ld,
        image,
    };
    match &page.kind {
        PageKind::Index(n) => meta(
            site.document_title(site.index_heading(*n).as_deref()),
            site.text.index_intro.clone(),
            canonical,
            "website",
            false,
            None,
            image,
        ),
        PageKind::Post(slug) => {
            let entry = library
                .entry(slug)
                .expect("the library holds every built post");
            let post = &entry.post;
            let json_ld = post_json_ld(
                library,
                language,
                entry,
                canonical.as_deref().unwrap_or_default(),
                origin,
            );
            meta(
                site.document_title(Some(&post.title)),
                post.summary.clone(),
                canonical,
                "article",
                entry.draft,
                Some(json_ld),
                SharedImage::of(Some(entry), origin, &library.base),
            )
        }
        PageKind::NotFound => meta(
            site.document_title(Some(&site.text.not_found_title)),
            site.text.not_found_body.clone(),
            None,
            "website",
            true,
            None,
            image,
        ),
    }
}

/// `MedicalWebPage`, reviewed by the post's clinician, about a `BlogPosting`; dates
/// only where the source or the file's history gives them.
fn post_json_ld(
    library: &Library,
    language: &Language,
    entry: &Entry,
    url: &str,
    origin: &str,
) -> serde_json::Value {
    let site = &language.site;
    let post = &entry.post;
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": post.title,
        "description": post.summary,
        "inLanguage": language.code(),
        "reviewedBy": { "@type": "Person", "name": post.reviewer },
        "mainEntity": {
            "@type": "BlogPosting",
            "headline": post.title,
            "description": post.summary,
            "url": url,
            "image": SharedImage::of(Some(entry), origin, &library.base).url,
            "publisher": {
                "@type": "MedicalOrganization",
                "name": site.organization,
                "telephone": site.phone.tel,
            },
        },
    });
    if let Some(reviewed) = &post.reviewed {
        data["lastReviewed"] = json!(reviewed.iso);
    }
    if let Some(modified) = &entry.modified {
        data["dateModified"] = json!(modified);
        data["mainEntity"]["dateModified"] = json!(modified);
    }
    if let Some(published) = &entry.published {
        data["mainEntity"]["datePublished"] = json!(published);
    }
    data
}

/// Everything that replaces the shell's `<title>`: the policy first, then the page,
/// then its `loader`.
pub(super) fn head_html(
    page: &Page,
    meta: PageMeta,
    library: &Library,
    language: &Language,
    loader: impl IntoView + 'static,
    scripts: &Scripts,
) -> String {
    let base = &library.base;
    let policy = csp(scripts);
    render_static(
        &base.href(&page.path()),
        base,
        Arc::new(language.site.clone()),
        move || view! { <PageHead meta policy loader /> },
    )
}

#[component]
fn PageHead(meta: PageMeta, policy: String, loader: impl IntoView + 'static) -> impl IntoView {
    let PageMeta {
        title,
        description,
        canonical,
        og_type,
        site_name,
        feed,
        locale,
        locale_alternates,
        alternates,
        noindex,
        json_ld,
        image,
    } = meta;
    let alternates = alternates
        .into_iter()
        .map(|a| view! { <link rel="alternate" hreflang=a.hreflang href=a.href /> })
        .collect_view();
    let locale_alternates = locale_alternates
        .into_iter()
        .map(|locale| open_graph("og:locale:alternate", locale))
        .collect_view();
    let canonical = canonical.map(|url| {
        view! {
            <link rel="canonical" href=url.clone() />
            {open_graph("og:url", url)}
        }
    });
    let base = use_base();
    let image_alt = image.alt.map(|alt| {
        view! {
            {open_graph("og:image:alt", alt.clone())}
            <meta name="twitter:image:alt" content=alt />
        }
    });
    view! {
        <DocumentHead title=title.clone() policy />
        <meta name="description" content=description.clone() />
        {canonical}
        {alternates}
        {noindex.then(|| view! { <meta name="robots" content="noindex" /> })}
        {open_graph("og:type", og_type)}
        {open_graph("og:locale", locale)}
        {locale_alternates}
        {open_graph("og:title", title)}
        {open_graph("og:description", description)}
        {open_graph("og:image", image.url.clone())}
        {open_graph("og:image:width", image.width.to_string())}
        {open_graph("og:image:height", image.height.to_string())}
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="twitter:image" content=image.url />
        <link rel="icon" href=base.href("favicon.ico") sizes="48x48" />
        <link rel="apple-touch-icon" href=base.href("icons/apple-touch-icon.png") />
        <link rel="manifest" href=base.href("manifest.webmanifest") />
        <link
            rel="alternate"
            type="application/atom+xml"
            title=site_name
            href=feed
        />
        {image_alt}
        {json_ld.map(|data| view! { <script type="application/ld+json">{script_json(&data)}</script> })}
        {loader}
    }
}

/// What every page of the site carries in `<head>`, the offline page too: its title and
/// the policies (`policy` is the CSP, [`csp`]).
#[component]
pub(super) fn DocumentHead(title: String, policy: String) -> impl IntoView {
    view! {
        <title>{title}</title>
        // The policy's quotes are `'`, which a `"…"` value keeps as they are: pages and
        // `_headers` carry the very same text.
        <meta http-equiv="Content-Security-Policy" content=policy />
        <meta name="referrer" content="no-referrer" />
    }
}

/// `<meta property=… content=…>`: Open Graph's attribute, which HTML does not define (so
/// `view!` has no name for it).
fn open_graph(property: &'static str, content: impl Into<String>) -> impl IntoView {
    leptos::html::meta()
        .attr("property", property)
        .attr("content", content.into())
}

/// JSON for a `<script>` data block, whose text is never escaped: a `<` would let
/// `</script>` (or `<!--`) end or change the block, and `\u003c` is the same JSON.
fn script_json(data: &serde_json::Value) -> String {
    data.to_string().replace('<', "\\u003c")
}

/// Every indexable page in every language (the index's pages, the published posts;
/// drafts never), with absolute URLs, for posts `lastmod`, and each page's versions in
/// other languages.
pub fn sitemap_xml(library: &Library, origin: &str) -> String {
    let mut pages: Vec<(Page, Option<&str>)> = Vec::new();
    for language in library.built_languages() {
        pages.extend(library.index(language).iter().map(|l| {
            (
                Page::new(language.edition().clone(), PageKind::Index(l.page)),
                None,
            )
        }));
        pages.extend(
            library
                .published_in(language.edition())
                .map(|e| (e.page(), e.last_date())),
        );
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (page, date) in pages {
        let lastmod = date
            .map(|d| format!("<lastmod>{}</lastmod>", escape(d)))
            .unwrap_or_default();
        let alternates: String = alternates(&page, library, origin)
            .iter()
            .map(|a| {
                format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(&a.hreflang),
                    escape(&a.href)
                )
            })
            .collect();
        xml.push_str(&format!(
            "  <url><loc>{}</loc>{lastmod}{alternates}</url>\n",
            escape(&format!("{origin}{}", library.base.href(&page.path())))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots_txt(origin: &str, base: &Base) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {origin}{}\n",
        base.href("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page at `url` naming `alternates` (each `(hreflang, url)`).
    fn meta(url: &str, alternates: &[(&str, &str)]) -> PageMeta {
        PageMeta {
            title: String::new(),
            description: String::new(),
            canonical: Some(url.into()),
            og_type: "article",
            site_name: String::new(),
            feed: String::new(),
            locale: String::new(),
            locale_alternates: Vec::new(),
            alternates: alternates
                .iter()
                .map(|(hreflang, href)| Alternate {
                    hreflang: hreflang.to_string(),
                    href: href.to_string(),
                })
                .collect(),
            noindex: false,
            json_ld: None,
            image: SharedImage::of(None, "https://x.test", &Base::default()),
        }
    }

    #[test]
    fn alternates_must_name_each_other() {
        let both = [("en", "/a/"), ("es", "/es/a/"), ("x-default", "/a/")];
        assert_eq!(
            check_alternates(&[meta("/a/", &both), meta("/es/a/", &both)]),
            Ok(())
        );
        let one_way = [meta("/a/", &both), meta("/es/a/", &[])];
        assert_eq!(
            check_alternates(&one_way),
            Err("hreflang: /a/ names /es/a/ as its es version, which does not name it back".into())
        );
        let nowhere = [meta("/a/", &both)];
        assert!(check_alternates(&nowhere).is_err());
    }

    #[test]
    fn json_in_a_script_cannot_end_or_change_it() {
        let data = serde_json::json!({ "name": "a</script><!--<script>b" });
        let text = script_json(&data);
        assert!(!text.contains('<'), "{text}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            data
        );
    }
}

//! What each prerendered page carries in `<head>` for browsers, search engines and
//! social crawlers (which do not run JavaScript), plus `sitemap.xml` and `robots.txt`.

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::json;

use super::Scripts;
use super::feed::FEED_FILE;
use super::headers::csp;
use crate::compile::{Entry, Library, escape};
use crate::context::use_base;
use crate::render::render_static;
use crate::route::{Base, Page};

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
    /// Drafts and the not-found page are never indexed.
    noindex: bool,
    /// Schema.org data for the page.
    json_ld: Option<serde_json::Value>,
    image: SharedImage,
}

pub(super) fn page_meta(page: &Page, library: &Library, origin: &str) -> PageMeta {
    let site = &library.site;
    let canonical = Some(format!("{origin}{}", library.base.href(&page.path())));
    let image = SharedImage::of(None, origin, &library.base);
    match page {
        Page::Index(n) => PageMeta {
            site_name: site.name.clone(),
            title: site.document_title(site.index_heading(*n).as_deref()),
            description: site.text.index_intro.clone(),
            canonical,
            og_type: "website",
            noindex: false,
            json_ld: None,
            image,
        },
        Page::Post(slug) => {
            let entry = library
                .entry(slug)
                .expect("the library holds every built post");
            let post = &entry.post;
            PageMeta {
                site_name: site.name.clone(),
                title: site.document_title(Some(&post.title)),
                description: post.summary.clone(),
                json_ld: Some(post_json_ld(
                    library,
                    entry,
                    canonical.as_deref().unwrap_or_default(),
                    origin,
                )),
                canonical,
                og_type: "article",
                noindex: entry.draft,
                image: SharedImage::of(Some(entry), origin, &library.base),
            }
        }
        Page::NotFound => PageMeta {
            site_name: site.name.clone(),
            title: site.document_title(Some(&site.text.not_found_title)),
            description: site.text.not_found_body.clone(),
            canonical: None,
            og_type: "website",
            noindex: true,
            json_ld: None,
            image,
        },
    }
}

/// `MedicalWebPage`, reviewed by the post's clinician, about a `BlogPosting`; dates
/// only where the source or the file's history gives them.
fn post_json_ld(library: &Library, entry: &Entry, url: &str, origin: &str) -> serde_json::Value {
    let site = &library.site;
    let post = &entry.post;
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": post.title,
        "description": post.summary,
        "inLanguage": "en",
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
    loader: impl IntoView + 'static,
    scripts: &Scripts,
) -> String {
    let base = &library.base;
    let policy = csp(scripts);
    render_static(
        &base.href(&page.path()),
        base,
        Arc::new(library.site.clone()),
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
        noindex,
        json_ld,
        image,
    } = meta;
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
        {noindex.then(|| view! { <meta name="robots" content="noindex" /> })}
        {open_graph("og:type", og_type)}
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
            href=base.href(FEED_FILE)
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

/// Every indexable page (the index's pages, the published posts; drafts never), with
/// absolute URLs and, for posts, `lastmod`.
pub fn sitemap_xml(library: &Library, origin: &str) -> String {
    let mut pages: Vec<(Page, Option<&str>)> = library
        .index()
        .iter()
        .map(|l| (Page::Index(l.page), None))
        .collect();
    pages.extend(
        library
            .published()
            .map(|e| (Page::Post(e.post.slug.clone()), e.last_date())),
    );
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (page, date) in pages {
        let lastmod = date
            .map(|d| format!("<lastmod>{}</lastmod>", escape(d)))
            .unwrap_or_default();
        xml.push_str(&format!(
            "  <url><loc>{}</loc>{lastmod}</url>\n",
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
    use super::script_json;

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

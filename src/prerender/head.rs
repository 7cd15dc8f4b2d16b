//! What each prerendered page carries in `<head>` for browsers, search engines and
//! social crawlers (which do not run JavaScript), plus `sitemap.xml` and `robots.txt`.

use serde_json::json;

use super::Scripts;
use super::feed::FEED_FILE;
use super::headers::csp;
use crate::compile::{Entry, Library, escape};
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
    /// Schema.org data for the page, as JSON.
    json_ld: Option<String>,
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
fn post_json_ld(library: &Library, entry: &Entry, url: &str, origin: &str) -> String {
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
    // A data block is never executed, but `</script>` inside it would end it early.
    data.to_string().replace('<', "\\u003c")
}

/// Everything that replaces the shell's `<title>`: the policy first, then the page.
pub(super) fn head_html(
    meta: &PageMeta,
    base: &Base,
    loader_tag: &str,
    scripts: &Scripts,
) -> String {
    let mut lines = vec![
        format!("<title>{}</title>", escape(&meta.title)),
        // Written as it is: the policy's quotes are `'`, which need no escaping in a
        // `"…"` value, and pages and `_headers` then carry the very same text.
        format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />",
            csp(scripts)
        ),
        "<meta name=\"referrer\" content=\"no-referrer\" />".to_string(),
        format!(
            "<meta name=\"description\" content=\"{}\" />",
            escape(&meta.description)
        ),
    ];
    if let Some(url) = &meta.canonical {
        lines.push(format!(
            "<link rel=\"canonical\" href=\"{}\" />",
            escape(url)
        ));
        lines.push(format!(
            "<meta property=\"og:url\" content=\"{}\" />",
            escape(url)
        ));
    }
    if meta.noindex {
        lines.push("<meta name=\"robots\" content=\"noindex\" />".to_string());
    }
    lines.extend([
        format!("<meta property=\"og:type\" content=\"{}\" />", meta.og_type),
        format!(
            "<meta property=\"og:title\" content=\"{}\" />",
            escape(&meta.title)
        ),
        format!(
            "<meta property=\"og:description\" content=\"{}\" />",
            escape(&meta.description)
        ),
        format!(
            "<meta property=\"og:image\" content=\"{}\" />",
            escape(&meta.image.url)
        ),
        format!(
            "<meta property=\"og:image:width\" content=\"{}\" />",
            meta.image.width
        ),
        format!(
            "<meta property=\"og:image:height\" content=\"{}\" />",
            meta.image.height
        ),
        "<meta name=\"twitter:card\" content=\"summary_large_image\" />".to_string(),
        format!(
            "<meta name=\"twitter:image\" content=\"{}\" />",
            escape(&meta.image.url)
        ),
        format!(
            "<link rel=\"icon\" href=\"{}\" sizes=\"48x48\" />",
            base.href("favicon.ico")
        ),
        format!(
            "<link rel=\"apple-touch-icon\" href=\"{}\" />",
            base.href("icons/apple-touch-icon.png")
        ),
        format!(
            "<link rel=\"manifest\" href=\"{}\" />",
            base.href("manifest.webmanifest")
        ),
        format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\" />",
            escape(&meta.site_name),
            base.href(FEED_FILE)
        ),
    ]);
    if let Some(alt) = &meta.image.alt {
        lines.push(format!(
            "<meta property=\"og:image:alt\" content=\"{}\" />",
            escape(alt)
        ));
        lines.push(format!(
            "<meta name=\"twitter:image:alt\" content=\"{}\" />",
            escape(alt)
        ));
    }
    if let Some(json_ld) = &meta.json_ld {
        lines.push(format!(
            "<script type=\"application/ld+json\">{json_ld}</script>"
        ));
    }
    lines.push(loader_tag.to_string());
    lines.join("\n    ")
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

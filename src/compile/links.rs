//! Link rules for content: where a Markdown link may point, and the `<a>` it becomes.

use std::collections::HashSet;

use crate::route::{Base, Page};

/// The pages of the site a link may point at (every edition's index pages and
/// published posts): known only at build time, where every post is.
#[derive(Clone, Copy, Debug)]
pub struct Pages<'a>(pub &'a HashSet<Page>);

impl Pages<'_> {
    pub fn exist(&self, page: &Page) -> bool {
        self.0.contains(page)
    }
}

/// A checked link target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `#id`: an element of the same page (checked once every id is known).
    InPage(String),
    /// `/path`: a page of this site, placed below the base path.
    Site(String),
    /// `https://…`: leaves the site, never sends a referrer.
    External(String),
    /// `tel:`, `sms:` and `mailto:`.
    Contact(String),
}

impl Target {
    /// Checks `href` against the link rules; site paths must name one of `pages` (a
    /// published post, a page of the index) and are placed below `base`.
    pub fn parse(href: &str, pages: Pages, base: &Base) -> Result<Target, String> {
        if let Some(id) = href.strip_prefix('#') {
            return if id.is_empty() {
                Err("link target \"#\" goes nowhere: name the heading's id".into())
            } else {
                Ok(Target::InPage(id.to_string()))
            };
        }
        if let Some(path) = href.strip_prefix('/').filter(|p| !p.starts_with('/')) {
            let page_path = path.split(['#', '?']).next().unwrap_or_default();
            return if pages.exist(&Page::resolve(&base.href(page_path), base)) {
                Ok(Target::Site(base.href(path)))
            } else {
                Err(format!(
                    "link target {href:?} is not a page of this site (/, /blog/<published slug>/, or one of another language's, /es/blog/<slug>/)"
                ))
            };
        }
        if let Some(rest) = href.strip_prefix("https://") {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            return if host.is_empty() || host.contains(char::is_whitespace) {
                Err(format!("link target {href:?} has no host"))
            } else {
                Ok(Target::External(href.to_string()))
            };
        }
        // A call or a text message: works where mobile data does not.
        if let Some((scheme, number)) = href
            .split_once(':')
            .filter(|(s, _)| matches!(*s, "tel" | "sms"))
        {
            let digits = number.strip_prefix('+').unwrap_or(number);
            return if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                Ok(Target::Contact(href.to_string()))
            } else {
                Err(format!(
                    "link target {href:?}: a {scheme}: link needs digits only, such as {scheme}:+18779206583"
                ))
            };
        }
        if let Some(address) = href.strip_prefix("mailto:") {
            return if address.contains('@') && !address.contains(char::is_whitespace) {
                Ok(Target::Contact(href.to_string()))
            } else {
                Err(format!("link target {href:?} is not an e-mail address"))
            };
        }
        Err(format!(
            "link target {href:?} must be https://…, a site path (/…), #id, tel:, sms: or mailto:"
        ))
    }

    /// The opening tag. Links that leave the site never send a referrer.
    pub fn open_tag(&self) -> String {
        match self {
            Target::InPage(id) => format!("<a href=\"#{}\">", escape(id)),
            Target::Site(href) | Target::Contact(href) => format!("<a href=\"{}\">", escape(href)),
            Target::External(href) => {
                format!("<a href=\"{}\" rel=\"noopener noreferrer\">", escape(href))
            }
        }
    }
}

/// Escapes text for an HTML attribute value, a text node or XML, with the escaper
/// pulldown-cmark writes the Markdown's HTML with (`& < > " '`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::{Edition, PageKind};

    #[test]
    fn escape_html() {
        assert_eq!(
            escape(r#"a<b>&"c"'d'"#),
            "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;"
        );
    }

    fn parse(href: &str) -> Result<Target, String> {
        let es = Edition::of("es");
        let pages = HashSet::from([
            Page::new(Edition::default(), PageKind::Index(1)),
            Page::new(Edition::default(), PageKind::Index(2)),
            Page::new(Edition::default(), PageKind::Post("a-post".into())),
            Page::new(es.clone(), PageKind::Index(1)),
            Page::new(es, PageKind::Post("una-entrada".into())),
        ]);
        Target::parse(href, Pages(&pages), &Base::default())
    }

    #[test]
    fn allowed_targets() {
        assert_eq!(parse("#faq"), Ok(Target::InPage("faq".into())));
        assert!(matches!(parse("/"), Ok(Target::Site(_))));
        assert!(matches!(parse("/blog/a-post/#x"), Ok(Target::Site(_))));
        assert!(matches!(parse("/page/2/"), Ok(Target::Site(_))));
        assert!(matches!(parse("/es/"), Ok(Target::Site(_))));
        assert!(matches!(
            parse("/es/blog/una-entrada/"),
            Ok(Target::Site(_))
        ));
        assert!(matches!(
            parse("https://example.org/x"),
            Ok(Target::External(_))
        ));
        assert!(matches!(parse("tel:+18779206583"), Ok(Target::Contact(_))));
        assert!(matches!(parse("sms:988"), Ok(Target::Contact(_))));
        assert!(matches!(
            parse("mailto:a@example.org"),
            Ok(Target::Contact(_))
        ));
    }

    #[test]
    fn refused_targets() {
        for href in [
            "#",
            "/blog/no-such-post/",
            "/page/3/",
            "/page/1/",
            "/404.html",
            "/es/404.html",
            "/es/page/2/",
            "/es/blog/a-post/",
            "/fr/",
            "//evil.example",
            "http://example.org",
            "https://",
            "javascript:alert(1)",
            "tel:877-920",
            "sms:",
            "sms:988&body=hi",
            "mailto:nobody",
            "page.html",
        ] {
            assert!(parse(href).is_err(), "{href}");
        }
    }

    #[test]
    fn external_links_send_no_referrer() {
        assert_eq!(
            Target::External("https://x.test/?a=1&b=\"".into()).open_tag(),
            "<a href=\"https://x.test/?a=1&amp;b=&quot;\" rel=\"noopener noreferrer\">"
        );
    }
}

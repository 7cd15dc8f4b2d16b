//! Placeholder addresses: a link or the site's URL on a domain reserved for examples
//! (RFC 2606, RFC 6761) can never be the publisher's real one. Every build reports each
//! one as a warning (`file:line`), and `STRICT=1` refuses to build while any is left.

use std::fmt;

/// A placeholder address found in the content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    pub file: String,
    pub line: usize,
    pub address: String,
    pub kind: PlaceholderKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceholderKind {
    Link,
    /// `url` in `site.json`: a build with `SITE_URL` does not use it.
    SiteUrl,
}

impl fmt::Display for Placeholder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            PlaceholderKind::Link => "link",
            PlaceholderKind::SiteUrl => "site URL",
        };
        write!(
            f,
            "{}:{}: placeholder {what} {:?}: its domain is reserved for examples; \
             put the real address before publishing",
            self.file, self.line, self.address
        )
    }
}

/// Whether `address` (`https://…`, `http://…` or `mailto:…`) is on a reserved example
/// domain: example.com, example.net, example.org and their subdomains, or a name under
/// the .example, .test, .invalid or .localhost top-level domains.
pub fn is_placeholder(address: &str) -> bool {
    let Some(host) = host(address) else {
        return false;
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let mut labels = host.rsplit('.');
    matches!(
        (labels.next(), labels.next()),
        (Some("example" | "test" | "invalid" | "localhost"), _)
            | (Some("com" | "net" | "org"), Some("example"))
    )
}

/// The host of a web address or the domain of an e-mail address.
fn host(address: &str) -> Option<&str> {
    if let Some(mailbox) = address.strip_prefix("mailto:") {
        let domain = mailbox.split(['?', '#']).next()?.rsplit_once('@')?.1;
        return Some(domain);
    }
    let rest = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    Some(host.split(':').next().unwrap_or(host))
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn reserved_domains_are_placeholders() {
        for address in [
            "https://example.org/greater-boston-addiction-centers/needham/",
            "https://www.example.com",
            "http://shop.example.net:8080/x",
            "https://rehab-blog.example",
            "https://EXAMPLE.ORG.",
            "https://staging.test/",
            "https://nowhere.invalid",
            "http://app.localhost:3000",
            "https://user@example.org/",
            "mailto:help@example.org",
            "mailto:help@clinic.test?subject=hi",
        ] {
            assert!(is_placeholder(address), "{address}");
        }
    }

    #[test]
    fn real_domains_are_not() {
        for address in [
            "https://greaterbostonaddictioncenters.com/",
            "https://example.org.evil.com/",
            "https://notexample.org/",
            "https://example.co.uk/",
            "https://samhsa.gov/find-help",
            "https://testing.org/",
            "mailto:help@clinic.org",
            "tel:988",
            "/blog/",
        ] {
            assert!(!is_placeholder(address), "{address}");
        }
    }
}

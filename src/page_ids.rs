//! The element ids the views give the page's own elements (chrome and controls). The
//! content compiler refuses headings that would take one, and README lists them.

/// `<main>`, where the skip link and client-side navigation move focus.
pub const MAIN: &str = "main";
/// The page's `<h1>`.
pub const TITLE: &str = "title";
/// The table of contents' title, which labels its `<nav>`.
pub const TOC_TITLE: &str = "toc-title";
/// The label of the comparison's program toggles.
pub const COMPARISON_PROGRAMS: &str = "comparison-programs-label";

/// Every id above, and the app's root element's: no heading of a post may take one.
pub const RESERVED: [&str; 5] = [
    crate::takeover::ROOT,
    MAIN,
    TITLE,
    TOC_TITLE,
    COMPARISON_PROGRAMS,
];

#[cfg(test)]
mod tests {
    /// README's "Refused" list names every reserved id, so editors know them all.
    #[test]
    fn readme_lists_every_reserved_id() {
        // Words joined by single spaces, however the paragraph is wrapped.
        let readme = include_str!("../README.md")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let start = readme
            .find("or an id the page uses:")
            .expect("README's list of refused content names the page's ids");
        let list = &readme[start..start + readme[start..].find(')').unwrap()];
        let listed: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
        assert_eq!(listed, super::RESERVED, "README lists {list:?}");
    }
}

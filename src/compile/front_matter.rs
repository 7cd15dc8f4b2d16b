//! A post file: TOML front matter between `+++` lines (as in Zola and Hugo), then the
//! Markdown body. The slug is the file name.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::Report;
use super::dates;
use crate::route::{MAX_SLUG_LEN, is_slug};

const FENCE: &str = "+++";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Spanned<String>,
    summary: Spanned<String>,
    reviewer: Spanned<String>,
    /// Markdown, shown under the article.
    disclaimer: Spanned<String>,
    published: Option<Spanned<Datetime>>,
    updated: Option<Spanned<Datetime>>,
    reviewed: Option<Spanned<Datetime>>,
    #[serde(default)]
    draft: bool,
    /// The sharing picture, relative to the post file, and what it shows.
    image: Option<Spanned<String>>,
    image_alt: Option<Spanned<String>>,
    /// The post's language; the site's default language when absent.
    language: Option<Spanned<String>>,
    /// The slug of the post this one translates.
    translation_of: Option<Spanned<String>>,
}

/// A post's source, front matter checked, body not yet compiled.
pub struct Source {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub reviewer: String,
    pub disclaimer: String,
    /// Line of `disclaimer`, for its errors.
    pub disclaimer_line: usize,
    pub published: Option<String>,
    pub updated: Option<String>,
    /// `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    pub draft: bool,
    /// The language it declares, and its line.
    pub language: Option<(String, usize)>,
    /// The slug of the post it translates, and its line.
    pub translation_of: Option<(String, usize)>,
    /// The sharing picture (its path as written, and its line) and its alt text.
    pub image: Option<(String, usize)>,
    pub image_alt: String,
    pub body: String,
    /// Line number of the body's first line in the file.
    pub body_line: usize,
}

/// Reads `path`; `None` (with errors reported) when the front matter is unusable.
pub fn read(path: &Path, report: &mut Report) -> Option<Source> {
    let slug = slug_of(path, report);
    let file = match std::fs::read_to_string(path) {
        Ok(file) => file.replace("\r\n", "\n"),
        Err(e) => {
            report.error(0, format!("cannot read: {e}"));
            return None;
        }
    };
    let Some((toml_text, body)) = split(&file) else {
        report.error(
            1,
            format!("a post starts with front matter between two {FENCE} lines"),
        );
        return None;
    };
    // The front matter starts on line 2, after the opening fence.
    let line = |span: Range<usize>| line_at(toml_text, span.start) + 1;
    let front: FrontMatter = match toml::from_str(toml_text) {
        Ok(front) => front,
        Err(e) => {
            let at = e.span().map_or(1, line);
            report.error(at, format!("front matter: {}", e.message().trim()));
            return None;
        }
    };
    for field in [
        &front.title,
        &front.summary,
        &front.reviewer,
        &front.disclaimer,
    ] {
        report.require(
            !field.get_ref().trim().is_empty(),
            line(field.span()),
            "front matter: must not be empty",
        );
    }
    let mut date = |value: Option<Spanned<Datetime>>| {
        let value = value?;
        calendar_date(value.get_ref(), line(value.span()), report)
    };
    let published = date(front.published);
    let updated = date(front.updated);
    let reviewed = date(front.reviewed);
    let disclaimer_line = line(front.disclaimer.span());
    let image = front.image.map(|i| (line(i.span()), i.into_inner()));
    let image_alt = front.image_alt.map(|a| (line(a.span()), a.into_inner()));
    match (&image, &image_alt) {
        (Some((at, _)), None) => report.error(
            *at,
            "front matter: image needs image_alt, a description of the picture",
        ),
        (_, Some((at, alt))) if alt.trim().is_empty() => {
            report.error(*at, "front matter: must not be empty")
        }
        (None, Some((at, _))) => report.error(*at, "front matter: image_alt without image"),
        _ => {}
    }
    Some(Source {
        slug,
        title: front.title.into_inner(),
        summary: front.summary.into_inner(),
        reviewer: front.reviewer.into_inner(),
        disclaimer: front.disclaimer.into_inner(),
        disclaimer_line,
        published,
        updated,
        reviewed,
        draft: front.draft,
        language: front
            .language
            .map(|l| (l.get_ref().clone(), line(l.span()))),
        translation_of: front
            .translation_of
            .map(|t| (t.get_ref().clone(), line(t.span()))),
        image: image.map(|(at, path)| (path, at)),
        image_alt: image_alt.map(|(_, alt)| alt).unwrap_or_default(),
        body_line: line_at(&file, file.len() - body.len()),
        body: body.to_string(),
    })
}

/// The post's slug: its file name, which must be one.
fn slug_of(path: &Path, report: &mut Report) -> String {
    let slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    report.require(
        is_slug(&slug),
        1,
        format!(
            "the file name {slug:?} is not a slug (lower-case words joined by -, at most {MAX_SLUG_LEN} characters)"
        ),
    );
    slug
}

/// `YYYY-MM-DD` of a TOML date (no time, no offset) that is a calendar date; else an
/// error on `line`.
fn calendar_date(value: &Datetime, line: usize, report: &mut Report) -> Option<String> {
    let iso = match value {
        Datetime {
            date: Some(d),
            time: None,
            offset: None,
        } => dates::iso_date(d.year, d.month, d.day),
        _ => None,
    };
    if iso.is_none() {
        report.error(
            line,
            format!(
                "front matter: {value} is not a calendar date such as 2025-01-31 (no quotes, no time)"
            ),
        );
    }
    iso
}

/// `(front matter, body)` of a file that starts with a fenced front matter block.
fn split(file: &str) -> Option<(&str, &str)> {
    let rest = file.strip_prefix(FENCE)?.strip_prefix('\n')?;
    // Search from the newline before `rest`, so an empty front matter is found too.
    let end = format!("\n{rest}")
        .find(&format!("\n{FENCE}\n"))
        .or_else(|| {
            rest.strip_suffix(FENCE)
                .filter(|f| f.is_empty() || f.ends_with('\n'))
                .map(str::len)
        })?;
    let body = rest[end + FENCE.len()..]
        .strip_prefix('\n')
        .unwrap_or_default();
    Some((&rest[..end], body))
}

/// 1-based line number of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        assert_eq!(
            split("+++\ntitle = \"a\"\n+++\n\nBody\n"),
            Some(("title = \"a\"\n", "\nBody\n"))
        );
        assert_eq!(split("+++\na = 1\n+++"), Some(("a = 1\n", "")));
        assert_eq!(split("title = \"a\"\n"), None);
        assert_eq!(split("+++\na = 1\n"), None);
        assert_eq!(split("+++\n+++\nBody"), Some(("", "Body")));
    }
}

//! `content/site.json`: the site settings editors write, compiled into [`Site`].

use std::path::Path;

use serde::Deserialize;

use super::html::Context;
use super::links::Pages;
use super::{ContentError, PlaceholderKind, Report};
use crate::model::{Crisis, Html, LanguageLine, Phone, Site, UiText};
use crate::route::Base;

/// What editors write: [`Site`] with the crisis lines in Markdown, and the build's own
/// settings (the index's page size, the feed's length), which no page needs.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    name: String,
    url: String,
    organization: String,
    pub phone: Phone,
    footer_lines: Vec<String>,
    /// How many posts a page of the index lists.
    #[serde(default = "default_posts_per_page")]
    pub posts_per_page: u32,
    /// How many of the newest posts the feed carries.
    #[serde(default = "default_feed_entries")]
    pub feed_entries: u32,
    crisis: CrisisFile,
    /// The wording of what the service worker shows offline (no page loads it).
    pub offline: OfflineText,
    pub text: UiText,
    /// The file's text, to find the line of a field.
    #[serde(skip)]
    source: String,
}

fn default_posts_per_page() -> u32 {
    10
}

fn default_feed_entries() -> u32 {
    20
}

/// What the reader is told offline: the offline page (`offline.html`, shown for a page
/// not saved on the device) and the notice on a saved copy. Read by the prerenderer only.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfflineText {
    /// The offline page's heading.
    pub title: String,
    /// Why the page is not there, leading to the numbers that still work.
    pub body: String,
    /// The offline page's link to the home page.
    pub home: String,
    /// The notice on a saved copy; `{date}` is when it was saved.
    pub saved_copy: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CrisisFile {
    title: String,
    label: String,
    /// Markdown, one line each.
    lines: Vec<String>,
    /// Lines in other languages, each with its language.
    #[serde(default)]
    other_languages: Vec<LanguageLineFile>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageLineFile {
    lang: String,
    /// Markdown.
    line: String,
}

/// Reads and parses the file; syntax and type errors carry serde's line.
pub fn read(path: &Path, errors: &mut Vec<ContentError>) -> Option<SiteFile> {
    let file = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            errors.push(ContentError {
                file,
                line: 0,
                message: format!("cannot read: {e}"),
            });
            return None;
        }
    };
    let de = &mut serde_json::Deserializer::from_str(&text);
    match serde_path_to_error::deserialize::<_, SiteFile>(de) {
        Ok(mut site) => {
            site.source = text;
            Some(site)
        }
        Err(e) => {
            let field = e.path().to_string();
            errors.push(ContentError {
                file,
                line: e.inner().line(),
                message: format!("{field}: {}", e.inner()),
            });
            None
        }
    }
}

impl SiteFile {
    /// The line of the first `"key"` of `path` (keys of nested objects in order).
    fn line_of(&self, path: &[&str]) -> usize {
        let mut at = 0;
        for key in path {
            if let Some(found) = self.source[at..].find(&format!("\"{key}\"")) {
                at += found;
            }
        }
        self.source[..at].lines().count().max(1)
    }

    /// The line of the `n`th `"key"` (from 0) after line `from`.
    fn line_of_nth(&self, from: usize, key: &str, n: usize) -> usize {
        let needle = format!("\"{key}\"");
        self.source
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .filter(|(_, text)| text.contains(&needle))
            .nth(n)
            .map_or(from, |(i, _)| i + 1)
    }

    /// Checks the settings and compiles the crisis lines, whose links may point at
    /// `pages`.
    pub fn compile(self, pages: Pages, base: &Base, report: &mut Report) -> Site {
        self.check(report);
        let context = Context {
            phone: &self.phone,
            pages,
            base,
            images: None,
        };
        let lines_at = self.line_of(&["crisis", "lines"]);
        let lines = self
            .crisis
            .lines
            .iter()
            .enumerate()
            .map(|(i, text)| crisis_line(&context, text, lines_at + 1 + i, "crisis.lines", report))
            .collect();
        let other_at = self.line_of(&["crisis", "other_languages"]);
        let other_languages = self
            .crisis
            .other_languages
            .iter()
            .enumerate()
            .map(|(i, other)| {
                let at = self.line_of_nth(other_at, "line", i);
                report.require(
                    is_language_tag(&other.lang),
                    at,
                    format!(
                        "crisis.other_languages: {:?} is not a language code such as es or es-US",
                        other.lang
                    ),
                );
                LanguageLine {
                    lang: other.lang.clone(),
                    line: crisis_line(&context, &other.line, at, "crisis.other_languages", report),
                }
            })
            .collect();
        Site {
            name: self.name,
            url: self.url,
            organization: self.organization,
            phone: self.phone,
            footer_lines: self.footer_lines,
            crisis: Crisis {
                title: self.crisis.title,
                label: self.crisis.label,
                lines,
                other_languages,
            },
            text: self.text,
        }
    }

    /// The settings' own rules: names given, an origin, a phone number, twelve months,
    /// crisis lines.
    fn check(&self, report: &mut Report) {
        let line = |path: &[&str]| self.line_of(path);
        for (text, key) in [(&self.name, "name"), (&self.organization, "organization")] {
            report.require(
                !text.trim().is_empty(),
                line(&[key]),
                format!("{key}: must not be empty"),
            );
        }
        report.require(
            is_origin(&self.url),
            line(&["url"]),
            "url: must be an origin such as https://example.org (no path)",
        );
        report.check_placeholder(line(&["url"]), &self.url, PlaceholderKind::SiteUrl);
        report.require(
            !self.phone.display.trim().is_empty(),
            line(&["phone", "display"]),
            "phone.display: must not be empty",
        );
        let tel = &self.phone.tel;
        report.require(
            tel.starts_with('+') && tel.len() > 8 && tel[1..].chars().all(|c| c.is_ascii_digit()),
            line(&["phone", "tel"]),
            "phone.tel: must be an E.164 number such as +18779206583",
        );
        report.require(
            self.text.months.len() == 12,
            line(&["text", "months"]),
            "text.months: must name the twelve months",
        );
        report.require(
            self.offline.saved_copy.contains("{date}"),
            line(&["offline", "saved_copy"]),
            "offline.saved_copy: must say when the copy was saved, with {date}",
        );
        for (value, key) in [
            (self.posts_per_page, "posts_per_page"),
            (self.feed_entries, "feed_entries"),
        ] {
            report.require(
                value >= 1,
                line(&[key]),
                format!("{key}: must be at least 1"),
            );
        }
        report.require(
            !self.crisis.lines.is_empty(),
            line(&["crisis", "lines"]),
            "crisis.lines: must not be empty",
        );
    }
}

/// One crisis line's Markdown, at line `at` of the file, compiled; `field` names it in
/// the errors.
fn crisis_line(context: &Context, text: &str, at: usize, field: &str, report: &mut Report) -> Html {
    report.require(
        !text.trim().is_empty(),
        at,
        format!("{field}: a line is empty"),
    );
    context.inline(text, at, report)
}

/// A language as `lang` and `hreflang` take it, in the form this site uses: a language
/// (`es`), or a language and a region (`es-US`).
fn is_language_tag(tag: &str) -> bool {
    let (language, region) = tag.split_once('-').unwrap_or((tag, "US"));
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_lowercase())
        && region.len() == 2
        && region.chars().all(|c| c.is_ascii_uppercase())
}

/// `https://host[:port]`, nothing after it; the host is letters, digits, `.` and `-`.
pub fn is_origin(url: &str) -> bool {
    let Some(authority) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let (host, port) = authority.split_once(':').unwrap_or((authority, "1"));
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !port.is_empty()
        && port.chars().all(|c| c.is_ascii_digit())
}

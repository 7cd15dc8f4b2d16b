//! `content/site.json` (the site's settings and its default language's wording) and
//! `content/languages/<code>.json` (another language's wording), compiled into a
//! [`Site`] per language.

use std::path::Path;

use serde::Deserialize;

use super::html::Context;
use super::links::Pages;
use super::{ContentError, PlaceholderKind, Report};
use crate::model::{Crisis, Html, LanguageLine, Phone, Site, UiText};
use crate::route::{Base, Edition, is_language_tag};

/// `site.json` as editors write it: the site's settings, and the default language's
/// wording (the same fields as a [`WordingFile`]), the crisis lines in Markdown.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    name: String,
    url: String,
    organization: String,
    pub phone: Phone,
    /// How many posts a page of the index lists.
    #[serde(default = "default_posts_per_page")]
    pub posts_per_page: u32,
    /// How many of the newest posts a feed carries.
    #[serde(default = "default_feed_entries")]
    pub feed_entries: u32,
    language: LanguageName,
    footer_lines: Vec<String>,
    crisis: CrisisFile,
    offline: OfflineText,
    dates: DateWording,
    text: UiText,
    /// The file's text, to find the line of a field.
    #[serde(skip)]
    source: String,
}

/// `languages/<code>.json`: another language's wording, every string the default
/// language has in `site.json`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordingFile {
    language: LanguageName,
    footer_lines: Vec<String>,
    crisis: CrisisFile,
    offline: OfflineText,
    dates: DateWording,
    text: UiText,
    #[serde(skip)]
    source: String,
}

/// The keys of `site.json` that are its language's wording: what every
/// `languages/<code>.json` holds.
const WORDING_KEYS: [&str; 6] = [
    "language",
    "footer_lines",
    "crisis",
    "offline",
    "dates",
    "text",
];

/// A language, as its wording names it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageName {
    /// As `lang` and `hreflang` take it, and the folder of its pages: `es`.
    pub code: String,
    /// Its name in itself, for the language switch: "Español".
    pub name: String,
    /// Open Graph's form, language and territory: `es_US`.
    pub locale: String,
}

/// The site's settings, apart from any language's wording.
#[derive(Clone, Debug)]
pub struct Settings {
    name: String,
    pub url: String,
    organization: String,
    pub phone: Phone,
    pub posts_per_page: u32,
    pub feed_entries: u32,
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

/// How a language prints dates: the build prints them (and tells the service worker how),
/// so no page carries them.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWording {
    /// January first.
    pub months: Vec<String>,
    /// `{month} {day}, {year}`.
    pub format: String,
}

impl DateWording {
    /// "May 1, 2025" from `2025-05-01`.
    pub fn display(&self, iso: &str) -> String {
        super::dates::display(iso, &self.months, &self.format)
    }
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

/// One language's wording compiled: the site as its pages show it, and what the
/// prerenderer alone reads.
#[derive(Clone, Debug)]
pub struct Wording {
    pub name: String,
    pub locale: String,
    pub site: Site,
    pub offline: OfflineText,
    pub dates: DateWording,
}

/// Reads and parses `site.json`; syntax and type errors carry serde's line.
pub fn read(path: &Path, errors: &mut Vec<ContentError>) -> Option<SiteFile> {
    let text = read_text(path, errors)?;
    let site: SiteFile = parse(path, &text, errors)?;
    Some(SiteFile {
        source: text,
        ..site
    })
}

/// Reads and parses a language's `languages/<code>.json`, which must hold every string
/// `site` holds for its language: all the missing ones are reported at once.
pub fn read_wording(
    path: &Path,
    site: &SiteFile,
    errors: &mut Vec<ContentError>,
) -> Option<WordingFile> {
    let text = read_text(path, errors)?;
    if let (Ok(wording), Ok(default)) = (
        serde_json::from_str::<serde_json::Value>(&text),
        serde_json::from_str::<serde_json::Value>(&site.source),
    ) {
        let mut missing = Vec::new();
        for key in WORDING_KEYS {
            missing_keys(&default[key], &wording[key], &mut vec![key], &mut missing);
        }
        if !missing.is_empty() {
            errors.extend(missing.into_iter().map(|keys| ContentError {
                file: path.display().to_string(),
                line: line_of(&text, &keys[..keys.len() - 1]),
                message: format!(
                    "{}: missing (every string site.json has for its language is needed in each)",
                    keys.join(".")
                ),
            }));
            return None;
        }
    }
    let wording: WordingFile = parse(path, &text, errors)?;
    Some(WordingFile {
        source: text,
        ..wording
    })
}

/// The language code a wording file declares, read leniently from a file that is
/// otherwise unusable.
pub fn declared_code(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value["language"]["code"].as_str().map(String::from)
}

/// The keys below `keys` that `default` has and `other` lacks, each as its path of keys.
fn missing_keys<'a>(
    default: &'a serde_json::Value,
    other: &serde_json::Value,
    keys: &mut Vec<&'a str>,
    missing: &mut Vec<Vec<&'a str>>,
) {
    if other.is_null() {
        missing.push(keys.clone());
        return;
    }
    let (Some(default), Some(other)) = (default.as_object(), other.as_object()) else {
        return;
    };
    for (key, value) in default {
        keys.push(key);
        let other = other.get(key).unwrap_or(&serde_json::Value::Null);
        missing_keys(value, other, keys, missing);
        keys.pop();
    }
}

fn read_text(path: &Path, errors: &mut Vec<ContentError>) -> Option<String> {
    std::fs::read_to_string(path)
        .map_err(|e| {
            errors.push(ContentError {
                file: path.display().to_string(),
                line: 0,
                message: format!("cannot read: {e}"),
            })
        })
        .ok()
}

/// `text` as a `T`; a syntax or type error is reported with serde's line.
fn parse<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    errors: &mut Vec<ContentError>,
) -> Option<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize::<_, T>(de)
        .map_err(|e| {
            errors.push(ContentError {
                file: path.display().to_string(),
                line: e.inner().line(),
                message: format!("{}: {}", e.path(), e.inner()),
            })
        })
        .ok()
}

/// The line of the first `"key"` of `path` in a JSON `source` (keys of nested objects in
/// order).
fn line_of(source: &str, path: &[&str]) -> usize {
    let mut at = 0;
    for key in path {
        if let Some(found) = source[at..].find(&format!("\"{key}\"")) {
            at += found;
        }
    }
    source[..at].lines().count().max(1)
}

/// The line of the `n`th `"key"` (from 0) after line `from`.
fn line_of_nth(source: &str, from: usize, key: &str, n: usize) -> usize {
    let needle = format!("\"{key}\"");
    source
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .filter(|(_, text)| text.contains(&needle))
        .nth(n)
        .map_or(from, |(i, _)| i + 1)
}

impl SiteFile {
    /// The settings, checked, and the default language's wording.
    pub fn split(self, report: &mut Report) -> (Settings, WordingFile) {
        let settings = Settings {
            name: self.name,
            url: self.url,
            organization: self.organization,
            phone: self.phone,
            posts_per_page: self.posts_per_page,
            feed_entries: self.feed_entries,
        };
        settings.check(&self.source, report);
        let wording = WordingFile {
            language: self.language,
            footer_lines: self.footer_lines,
            crisis: self.crisis,
            offline: self.offline,
            dates: self.dates,
            text: self.text,
            source: self.source,
        };
        (settings, wording)
    }
}

impl Settings {
    /// The settings' own rules, on `site.json`'s text: names given, an origin, a phone
    /// number, sizes of at least 1.
    fn check(&self, source: &str, report: &mut Report) {
        let line = |path: &[&str]| line_of(source, path);
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
    }
}

impl WordingFile {
    /// Its language's code, as written.
    pub fn code(&self) -> &str {
        &self.language.code
    }

    /// The line of its language's code.
    pub fn code_line(&self) -> usize {
        line_of(&self.source, &["language", "code"])
    }

    /// Checks the wording and compiles it, with the site's `settings`, into the site as
    /// the language's pages (in `edition`) show it; its crisis lines' links may point at
    /// `pages`.
    pub fn compile(
        self,
        settings: &Settings,
        edition: Edition,
        pages: Pages,
        base: &Base,
        report: &mut Report,
    ) -> Wording {
        self.check(report);
        let context = Context {
            phone: &settings.phone,
            pages,
            base,
            images: None,
        };
        let source = &self.source;
        let lines_at = line_of(source, &["crisis", "lines"]);
        let lines = self
            .crisis
            .lines
            .iter()
            .enumerate()
            .map(|(i, text)| crisis_line(&context, text, lines_at + 1 + i, "crisis.lines", report))
            .collect();
        let other_at = line_of(source, &["crisis", "other_languages"]);
        let other_languages = self
            .crisis
            .other_languages
            .iter()
            .enumerate()
            .map(|(i, other)| {
                let at = line_of_nth(source, other_at, "line", i);
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
        Wording {
            name: self.language.name,
            locale: self.language.locale,
            site: Site {
                lang: self.language.code,
                edition,
                name: settings.name.clone(),
                url: settings.url.clone(),
                organization: settings.organization.clone(),
                phone: settings.phone.clone(),
                footer_lines: self.footer_lines,
                crisis: Crisis {
                    title: self.crisis.title,
                    label: self.crisis.label,
                    lines,
                    other_languages,
                },
                text: self.text,
            },
            offline: self.offline,
            dates: self.dates,
        }
    }

    /// The wording's own rules: a language code, name and locale, twelve months, a date
    /// with its three parts, the saved copy's date, crisis lines.
    fn check(&self, report: &mut Report) {
        let line = |path: &[&str]| line_of(&self.source, path);
        let language = &self.language;
        report.require(
            is_language_tag(&language.code),
            line(&["language", "code"]),
            format!(
                "language.code: {:?} is not a language code such as en, es or es-US",
                language.code
            ),
        );
        report.require(
            !language.name.trim().is_empty(),
            line(&["language", "name"]),
            "language.name: must not be empty",
        );
        report.require(
            is_locale(&language.locale),
            line(&["language", "locale"]),
            format!(
                "language.locale: {:?} is not a locale such as en_US or es_US",
                language.locale
            ),
        );
        report.require(
            self.dates.months.len() == 12,
            line(&["dates", "months"]),
            "dates.months: must name the twelve months",
        );
        report.require(
            ["{day}", "{month}", "{year}"]
                .iter()
                .all(|part| self.dates.format.contains(part)),
            line(&["dates", "format"]),
            "dates.format: must place {day}, {month} and {year}",
        );
        report.require(
            self.offline.saved_copy.contains("{date}"),
            line(&["offline", "saved_copy"]),
            "offline.saved_copy: must say when the copy was saved, with {date}",
        );
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

/// Open Graph's locale: `en_US`.
fn is_locale(locale: &str) -> bool {
    locale.split_once('_').is_some_and(|(language, territory)| {
        (2..=3).contains(&language.len())
            && language.chars().all(|c| c.is_ascii_lowercase())
            && territory.len() == 2
            && territory.chars().all(|c| c.is_ascii_uppercase())
    })
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

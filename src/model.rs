//! The content model: what the build writes into `dist/content/*.json` (compiled
//! from `content/`) and the views read.
//!
//! Views only read these types; nothing here knows about the DOM.

use serde::{Deserialize, Serialize};

use crate::route::Edition;

/// The site in one language, as built into `content/<edition>site.json`: everything
/// every page of that language shows, plus its interface strings. It lists no posts, so
/// what every page loads does not grow with the blog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// The language of its pages, as `<html lang>` takes it.
    pub lang: String,
    /// Where its pages are: at the base for the default language, below `<code>/` for
    /// another.
    #[serde(default, skip_serializing_if = "Edition::is_default")]
    pub edition: Edition,
    pub name: String,
    /// Public origin (`https://host`, no path) for canonical and sharing URLs;
    /// `SITE_URL` at build time overrides it.
    pub url: String,
    pub organization: String,
    pub phone: Phone,
    pub footer_lines: Vec<String>,
    pub crisis: Crisis,
    pub text: UiText,
}

/// Emergency numbers, shown apart from (and unlike) the sales call to action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crisis {
    pub title: String,
    /// Accessible name of the notice.
    pub label: String,
    /// One line each, compiled from Markdown (numbers are `[Call 988](tel:988)` and `[text 988](sms:988)` links).
    pub lines: Vec<Html>,
    /// Lines for readers of another language (the 988 Lifeline in Spanish), shown after
    /// the others, each marked with its language.
    pub other_languages: Vec<LanguageLine>,
}

/// A crisis line written in another language than the page's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageLine {
    /// Its language, as `lang` takes it (`es`).
    pub lang: String,
    /// Compiled from Markdown, as [`Crisis::lines`].
    pub line: Html,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// The number as the article prints it, e.g. `(877)920-6583`.
    pub display: String,
    /// E.164 form for `tel:` links, e.g. `+18779206583`.
    pub tel: String,
}

impl Phone {
    pub fn href(&self) -> String {
        format!("tel:{}", self.tel)
    }
}

/// Interface strings, kept with the content so editors can change them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiText {
    pub index_title: String,
    pub index_intro: String,
    /// The document title of an older index page: "Page {n}".
    pub index_page: String,
    /// Accessible name of the links between index pages.
    pub index_pages_label: String,
    /// The link to the next older index page.
    pub older_posts: String,
    /// The link to the next newer index page.
    pub newer_posts: String,
    pub reviewed_by: String,
    /// "Last reviewed", before the review date.
    pub last_reviewed: String,
    pub reading_time: String,
    pub call_us: String,
    pub loading: String,
    /// A control's status when it is pressed before the app is ready (the page's loader).
    pub getting_ready: String,
    pub load_error_title: String,
    pub load_error_body: String,
    pub retry: String,
    pub not_found_title: String,
    pub not_found_body: String,
    pub not_found_home: String,
    pub site_nav: String,
    pub skip_link: String,
    /// Text of the sticky call bar on phones.
    pub call_bar: String,
    /// Accessible name of the call bar region.
    pub call_bar_label: String,
    pub toc_title: String,
    pub comparison: ComparisonText,
    pub faq: FaqText,
    pub share: ShareText,
}

/// Interface strings of a post's "Share" control.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareText {
    pub label: String,
    /// Said when the browser has no share sheet and the address was copied instead.
    pub copied: String,
    pub copy_failed: String,
}

/// Interface strings of the FAQ controls.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqText {
    pub expand_all: String,
    pub collapse_all: String,
    pub copy_link: String,
    pub copied: String,
    pub copy_failed: String,
}

/// Interface strings of the comparison controls. `{programs}` and `{n}` are filled in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonText {
    pub programs_label: String,
    pub only_differences: String,
    pub minimum: String,
    pub comparing: String,
    pub and: String,
    pub hidden_one: String,
    pub hidden_many: String,
    pub same: String,
}

impl ComparisonText {
    /// "Comparing A, B and C."
    pub fn comparing_sentence(&self, names: &[&str]) -> String {
        let list = match names {
            [] => String::new(),
            [one] => one.to_string(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.and),
        };
        self.comparing.replace("{programs}", &list)
    }

    /// The hidden-rows sentence, or nothing when no row is hidden.
    pub fn hidden_sentence(&self, hidden: usize) -> Option<String> {
        match hidden {
            0 => None,
            1 => Some(self.hidden_one.clone()),
            n => Some(self.hidden_many.replace("{n}", &n.to_string())),
        }
    }
}

impl Site {
    /// `<title>` text: "Heading | Site name", or the site name alone.
    pub fn document_title(&self, heading: Option<&str>) -> String {
        match heading {
            Some(heading) => format!("{heading} | {}", self.name),
            None => self.name.clone(),
        }
    }

    /// The heading of index page `n` in its document title: none for the first,
    /// "Page n" for older ones.
    pub fn index_heading(&self, n: u32) -> Option<String> {
        (n > 1).then(|| self.text.index_page.replace("{n}", &n.to_string()))
    }
}

/// A fragment of HTML compiled from Markdown at build time (never from user input):
/// links checked, raw HTML refused. Views insert it with `inner_html`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Html(pub String);

impl Html {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `content/posts/<slug>.json`: one article, compiled from `posts/<slug>.md`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub reviewer: String,
    /// When the clinical review was last done, if the source says so (never guessed).
    #[serde(default)]
    pub reviewed: Option<DateLabel>,
    pub reading_minutes: usize,
    pub sections: Vec<Section>,
    pub disclaimer: Html,
    /// The same post in the site's other languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Translation>,
}

/// A page in another language: the language switch links to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// Its language, as `hreflang` and `lang` take it.
    pub lang: String,
    /// The language's name in that language: "Español".
    pub name: String,
    /// Its path below the base: `es/blog/<slug>/`.
    pub path: String,
}

/// A date as machines read it (`2025-01-31`) and as the page prints it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateLabel {
    pub iso: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// `None` for the introduction, which sits directly under the title.
    #[serde(default)]
    pub heading: Option<Heading>,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// Fragment id, unique within the page.
    pub id: String,
    pub text: String,
}

/// A block of a section, written as an object whose `"type"` comes first (as serde
/// writes an internally tagged enum), then the variant's fields.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Paragraphs, lists, quotes: markup that never changes once rendered.
    Prose {
        html: Html,
    },
    Comparison(Comparison),
    Faq {
        items: Vec<FaqItem>,
    },
}

/// Reads a [`Block`] in one pass: the `"type"` entry must come first, and the rest of
/// the object is handed to the variant's fields as they are. serde's derived reader
/// for internally tagged enums buffers the whole object first, which puts a generic
/// buffering deserializer (and a second copy of every field reader) into the wasm.
impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BlockVisitor)
    }
}

struct BlockVisitor;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProseFields {
    html: Html,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqFields {
    items: Vec<FaqItem>,
}

impl<'de> serde::de::Visitor<'de> for BlockVisitor {
    type Value = Block;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a block object starting with \"type\"")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
        use serde::de::{Error, value::MapAccessDeserializer};
        if map.next_key::<String>()?.as_deref() != Some("type") {
            return Err(A::Error::missing_field("type"));
        }
        let rest = |map| MapAccessDeserializer::new(map);
        match map.next_value::<String>()?.as_str() {
            "prose" => ProseFields::deserialize(rest(map)).map(|f| Block::Prose { html: f.html }),
            "comparison" => Comparison::deserialize(rest(map)).map(Block::Comparison),
            "faq" => FaqFields::deserialize(rest(map)).map(|f| Block::Faq { items: f.items }),
            other => Err(A::Error::unknown_variant(
                other,
                &["prose", "comparison", "faq"],
            )),
        }
    }
}

/// A table comparing levels of care, feature by feature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    pub caption: String,
    pub feature_heading: String,
    /// Ordered from most to least intensive.
    pub programs: Vec<Program>,
    pub rows: Vec<ComparisonRow>,
}

impl Comparison {
    /// The programs shown when the reader has chosen nothing: the article's own table.
    pub fn default_programs(&self) -> impl Iterator<Item = &Program> {
        self.programs.iter().filter(|p| p.default)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub id: String,
    pub name: String,
    /// Shown in the article's own (default) table.
    pub default: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonRow {
    pub feature: String,
    /// Each program's cell, as (program id, cell), in the table's program order. A list,
    /// not a map: a map's decoding would cost the wasm more than the lookups among three.
    pub values: Vec<(String, Html)>,
}

impl ComparisonRow {
    /// The cell of the program with `id`.
    pub fn cell(&self, id: &str) -> Option<&Html> {
        self.values
            .iter()
            .find(|(program, _)| program == id)
            .map(|(_, cell)| cell)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqItem {
    /// Fragment id, e.g. `faq-can-i-work-while-attending-iop`.
    pub id: String,
    pub question: String,
    pub answer: Html,
    /// Optional call button under the answer; the whole button dials the site's phone.
    #[serde(default)]
    pub call: Option<String>,
}

/// What the index lists for a post; derived from the post so it never drifts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub reviewer: String,
    pub reading_minutes: usize,
}

impl Post {
    pub fn summarize(&self) -> PostSummary {
        PostSummary {
            slug: self.slug.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            reviewer: self.reviewer.clone(),
            reading_minutes: self.reading_minutes,
        }
    }
}

/// `content/index/<n>.json`: one page of the index (the newest posts are page 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    /// Its number, from 1.
    pub page: u32,
    /// Newest first.
    pub posts: Vec<PostSummary>,
    /// Whether an older page follows.
    pub older: bool,
    /// The first page of the other languages' indexes (on the first page only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Translation>,
}

/// What the page at a URL shows, as its data says: the prerendered `404.html` carries
/// `NotFound`, so it hydrates into the not-found page whatever path it was served for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PageData {
    Index(Listing),
    Post(Post),
    NotFound,
}

/// What a prerendered page hands to hydration (its `_data/*.json`, passed to `hydrate` by
/// the loader): the site and the page's own data, exactly as the server rendered them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HydrationData {
    pub site: Site,
    pub page: PageData,
}

/// Lower-case ASCII words joined by `-`: "What’s the difference?" → "whats-the-difference".
/// Apostrophes are dropped so contractions stay one word.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if !matches!(c, '\'' | '’') {
            pending_dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_drops_apostrophes_and_punctuation() {
        assert_eq!(
            slugify("What’s the difference between PHP and IOP?"),
            "whats-the-difference-between-php-and-iop"
        );
        assert_eq!(
            slugify("  Can I work while attending IOP?  "),
            "can-i-work-while-attending-iop"
        );
        assert_eq!(slugify("IOP vs. Inpatient"), "iop-vs-inpatient");
        assert_eq!(slugify("—"), "");
    }
}

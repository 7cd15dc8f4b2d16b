//! The content model: what `public/content/*.json` deserialises into.
//!
//! Views only read these types; nothing here knows about the DOM.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Average adult silent-reading speed used for the "min read" estimate.
pub const WORDS_PER_MINUTE: usize = 238;

/// `content/site.json`: everything every page shows, plus the UI strings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub name: String,
    /// Public origin (`https://host`, no path) for canonical and sharing URLs;
    /// `SITE_URL` at build time overrides it.
    pub url: String,
    pub organization: String,
    pub phone: Phone,
    pub footer_lines: Vec<String>,
    /// Slugs of the published posts, newest first.
    pub posts: Vec<String>,
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
    /// Mini-markup lines; numbers are `[988](tel:988)` links.
    pub lines: Vec<String>,
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
    pub reviewed_by: String,
    pub reading_time: String,
    pub call_us: String,
    pub loading: String,
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
}

/// `content/posts/<slug>.json`: one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub reviewer: String,
    pub sections: Vec<Section>,
    pub disclaimer: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// `None` for the introduction, which sits directly under the title.
    #[serde(default)]
    pub heading: Option<String>,
    pub blocks: Vec<Block>,
}

impl Section {
    /// Fragment id of the section's heading, derived from its text.
    pub fn anchor(&self) -> Option<String> {
        self.heading.as_deref().map(slugify)
    }
}

/// Text fields of blocks use the inline mini-markup of [`crate::markup`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    Paragraph { text: String },
    List { items: Vec<String> },
    Quote { text: String, cite: String },
    Comparison(Comparison),
    Faq { items: Vec<FaqItem> },
    CallToAction { text: String },
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
    /// Program id to cell text.
    pub values: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqItem {
    pub question: String,
    /// Paragraphs of the answer.
    pub answer: Vec<String>,
    /// Optional call button under the answer; the whole button dials the site's phone.
    #[serde(default)]
    pub call: Option<String>,
}

impl FaqItem {
    /// Stable fragment id, e.g. `faq-can-i-work-while-attending-iop`.
    pub fn anchor(&self) -> String {
        format!("faq-{}", slugify(&self.question))
    }
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
            reading_minutes: self.reading_minutes(),
        }
    }

    /// Every piece of prose a reader reads, in order (headings, body, table, FAQ).
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str()];
        for section in &self.sections {
            out.extend(section.heading.as_deref());
            for block in &section.blocks {
                match block {
                    Block::Paragraph { text } | Block::CallToAction { text } => out.push(text),
                    Block::List { items } => out.extend(items.iter().map(String::as_str)),
                    Block::Quote { text, cite } => out.extend([text.as_str(), cite.as_str()]),
                    Block::Comparison(table) => {
                        out.extend([table.caption.as_str(), table.feature_heading.as_str()]);
                        out.extend(table.default_programs().map(|p| p.name.as_str()));
                        for row in &table.rows {
                            out.push(&row.feature);
                            out.extend(
                                table
                                    .default_programs()
                                    .filter_map(|p| row.values.get(&p.id))
                                    .map(String::as_str),
                            );
                        }
                    }
                    Block::Faq { items } => {
                        for item in items {
                            out.push(&item.question);
                            out.extend(item.answer.iter().map(String::as_str));
                            out.extend(item.call.as_deref());
                        }
                    }
                }
            }
        }
        out.push(&self.disclaimer);
        out
    }

    /// Reading time in whole minutes, rounded up, never zero.
    pub fn reading_minutes(&self) -> usize {
        let words: usize = self
            .texts()
            .iter()
            .map(|t| t.split_whitespace().count())
            .sum();
        words.div_ceil(WORDS_PER_MINUTE).max(1)
    }
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

    #[test]
    fn faq_anchor_is_prefixed() {
        let item = FaqItem {
            question: "How long does IOP last?".into(),
            answer: vec![],
            call: None,
        };
        assert_eq!(item.anchor(), "faq-how-long-does-iop-last");
    }
}

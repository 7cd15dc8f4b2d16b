//! Markdown events to HTML by the site's rules: every link checked by [`Target`]
//! (the link rules), every occurrence of the site's phone number linked, images
//! checked and written by [`super::images`], raw HTML and nested tables refused, and
//! the text of what must be plain.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::front_matter::line_at;
use super::images::{DECORATIVE, Folder, Image};
use super::links::{Pages, Target, escape};
use super::{PlaceholderKind, Report};
use crate::model::{Html, Phone};
use crate::route::Base;

/// A Markdown event and the byte range of its source.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// CommonMark with GFM tables and heading attributes (`{#id .class}`).
pub fn parse(text: &str) -> Vec<Spanned<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    Parser::new_ext(text, options).into_offset_iter().collect()
}

/// What every fragment needs: the phone number to link, the pages links may target,
/// the base their links start with and where images are found (none: no images here).
pub struct Context<'a> {
    pub phone: &'a Phone,
    pub pages: Pages<'a>,
    pub base: &'a Base,
    pub images: Option<Folder<'a>>,
}

impl Context<'_> {
    /// One line of inline Markdown (a crisis line in `site.json`), without `<p>`.
    pub fn inline(&self, text: &str, line: usize, report: &mut Report) -> Html {
        let events = parse(text);
        let mut renderer = Renderer::new(self, report, Lines::Fixed(line));
        let inner: Vec<Spanned> = match events.as_slice() {
            [
                (Event::Start(Tag::Paragraph), _),
                inner @ ..,
                (Event::End(TagEnd::Paragraph), _),
            ] => inner.to_vec(),
            _ => {
                renderer.error(0..0, "must be one line of text");
                Vec::new()
            }
        };
        let html = renderer.html(&inner);
        if let Some((_, line)) = renderer.anchors.first() {
            let line = *line;
            renderer
                .report
                .error(line, "in-page links (#…) are not allowed here");
        }
        Html(html)
    }
}

/// Byte offset to line number in the file.
pub enum Lines<'a> {
    /// The body of a post starting on `first` line of its file.
    Body { text: &'a str, first: usize },
    /// Everything on one line.
    Fixed(usize),
}

impl Lines<'_> {
    pub fn line(&self, range: &Range<usize>) -> usize {
        match self {
            Lines::Body { text, first } => first + line_at(text, range.start) - 1,
            Lines::Fixed(line) => *line,
        }
    }
}

/// Renders events to HTML by the site's rules and reports what breaks them.
pub struct Renderer<'c, 'r> {
    pub context: &'c Context<'c>,
    pub report: &'r mut Report,
    pub lines: Lines<'c>,
    /// In-page link targets and their lines, checked once every id is known.
    anchors: Vec<(String, usize)>,
    /// Every image written, in order: the files the prerenderer makes.
    pub images: Vec<Image>,
    /// Whether what is rendered now is at the top of the page (the post's introduction):
    /// its first image is fetched at once rather than lazily.
    pub first_screen: bool,
}

impl<'c, 'r> Renderer<'c, 'r> {
    pub fn new(context: &'c Context<'c>, report: &'r mut Report, lines: Lines<'c>) -> Self {
        Renderer {
            context,
            report,
            lines,
            anchors: Vec::new(),
            images: Vec::new(),
            first_screen: false,
        }
    }

    pub fn error(&mut self, range: Range<usize>, message: impl Into<String>) {
        let line = self.lines.line(&range);
        self.report.error(line, message);
    }

    pub fn require(&mut self, ok: bool, range: Range<usize>, message: impl Into<String>) {
        if !ok {
            self.error(range, message);
        }
    }

    /// HTML for `events`: links checked and written by [`Target`], every occurrence of
    /// the phone number linked, images checked and written by [`Image`], raw HTML refused.
    pub fn html(&mut self, events: &[Spanned]) -> String {
        let mut out: Vec<Event> = Vec::new();
        let mut text = String::new();
        let mut in_link = false;
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            i += 1;
            if let Event::Text(t) = event {
                text.push_str(t);
                continue;
            }
            self.flush_text(&mut text, in_link, &mut out);
            match event {
                Event::Start(Tag::Image { dest_url, .. }) => {
                    let (tag, taken, after) = self.image(dest_url, &events[i..], range);
                    i += taken;
                    out.push(Event::InlineHtml(tag.into()));
                    text.push_str(after);
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    in_link = true;
                    let tag = self.link(dest_url, range);
                    out.push(Event::InlineHtml(tag.into()));
                }
                Event::End(TagEnd::Link) => {
                    in_link = false;
                    out.push(Event::InlineHtml("</a>".into()));
                }
                Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => {
                    self.error(range.clone(), "raw HTML is not allowed: write it in Markdown")
                }
                Event::Html(_) | Event::End(TagEnd::HtmlBlock) => {}
                Event::Start(Tag::Table(_)) => {
                    self.error(range.clone(), "a table is a comparison: put it directly in a section, not in a list, quote or answer")
                }
                other => out.push(other.clone()),
            }
        }
        self.flush_text(&mut text, in_link, &mut out);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        html
    }

    /// The opening tag of a link to `href`, by the link rules; a bare `<a>` (and an
    /// error) when it breaks them.
    fn link(&mut self, href: &str, range: &Range<usize>) -> String {
        match Target::parse(href, self.context.pages, self.context.base) {
            Ok(target) => {
                let line = self.lines.line(range);
                match &target {
                    Target::InPage(id) => self.anchors.push((id.clone(), line)),
                    Target::External(address) | Target::Contact(address) => self
                        .report
                        .check_placeholder(line, address, PlaceholderKind::Link),
                    Target::Site(_) => {}
                }
                target.open_tag()
            }
            Err(message) => {
                self.error(range.clone(), message);
                "<a>".to_string()
            }
        }
    }

    /// The `<img>` of an image whose start event came before `rest`, how many events of
    /// `rest` it took (its alt text, its end, a [`DECORATIVE`] marker right after it) and
    /// the text that followed the marker. An empty `<img>` (and an error) when it breaks
    /// the rules.
    fn image<'e>(
        &mut self,
        reference: &str,
        rest: &'e [Spanned],
        range: &Range<usize>,
    ) -> (String, usize, &'e str) {
        let end = rest
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))
            .expect("an image ends");
        let alt = self.plain(&rest[..end], "an image's alt text");
        let mut taken = end + 1;
        let mut after = "";
        let mut decorative = false;
        if let Some((Event::Text(text), _)) = rest.get(taken)
            && let Some(remainder) = text.strip_prefix(DECORATIVE)
        {
            decorative = true;
            after = remainder;
            taken += 1;
        }
        let alt_error = match (alt.is_empty(), decorative) {
            (true, false) => Some(format!(
                "an image needs its alt text, what it shows: ![a description]({reference}); an image that says nothing is written ![]({reference}){DECORATIVE}"
            )),
            (false, true) => Some(format!(
                "a {DECORATIVE} image has no alt text: remove the marker, or the text"
            )),
            _ => None,
        };
        let found = match self.context.images {
            Some(folder) => folder.body_image(reference),
            None => Err("images are allowed only in a post's text".to_string()),
        };
        // Both problems at once: the alt text and the file.
        let failed = alt_error.is_some() || found.is_err();
        for message in alt_error.into_iter().chain(found.as_ref().err().cloned()) {
            self.error(range.clone(), message);
        }
        match found {
            Ok(image) if !failed => {
                let eager = self.first_screen && self.images.is_empty();
                let tag = image.img_tag(&alt, eager, self.context.base);
                self.images.push(image);
                (tag, taken, after)
            }
            _ => ("<img alt=\"\">".to_string(), taken, after),
        }
    }

    /// Pending text as events, each phone number a `tel:` link (unless already in one).
    fn flush_text<'e>(&self, text: &mut String, in_link: bool, out: &mut Vec<Event<'e>>) {
        if text.is_empty() {
            return;
        }
        let text = std::mem::take(text);
        let phone = &self.context.phone;
        if in_link || phone.display.is_empty() {
            out.push(Event::Text(CowStr::from(text)));
            return;
        }
        let link = format!("<a href=\"{}\">", escape(&phone.href()));
        let mut parts = text.split(phone.display.as_str()).peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty() {
                out.push(Event::Text(CowStr::from(part.to_string())));
            }
            if parts.peek().is_some() {
                out.push(Event::InlineHtml(CowStr::from(link.clone())));
                out.push(Event::Text(CowStr::from(phone.display.clone())));
                out.push(Event::InlineHtml("</a>".into()));
            }
        }
    }

    /// The text of inline events that must be plain (headings, table headers).
    pub fn plain(&mut self, events: &[Spanned], what: &str) -> String {
        let mut text = String::new();
        let mut reported = false;
        for (event, range) in events {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::InlineHtml(_) => self.error(
                    range.clone(),
                    "raw HTML is not allowed: write it in Markdown",
                ),
                _ if !reported => {
                    reported = true;
                    self.error(
                        range.clone(),
                        format!("{what} is plain text: no links, emphasis or images"),
                    );
                }
                _ => {}
            }
        }
        text.trim().to_string()
    }

    /// Every in-page link must name an id on the page.
    pub fn check_anchors(&mut self, ids: &BTreeMap<String, usize>) {
        for (id, line) in std::mem::take(&mut self.anchors) {
            if !ids.contains_key(&id) {
                self.report.error(
                    line,
                    format!("in-page link to #{id}, but no heading has that id"),
                );
            }
        }
    }
}

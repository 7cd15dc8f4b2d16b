//! A post's Markdown body (CommonMark + GFM tables + heading attributes) compiled into
//! sections of prose HTML, one comparison (a pipe table, [`super::comparison_table`])
//! and one FAQ (a `{.faq}` section of `###` questions). The HTML of every fragment is
//! written by [`super::html`].

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::Report;
use super::comparison_table::{CAPTION_PREFIX, caption, comparison};
use super::front_matter::Source;
use super::html::{Context, Lines, Renderer, Spanned, parse};
use super::images::Image;
use crate::model::{Block, Comparison, FaqItem, Heading, Html, Post, Section, slugify};
use crate::page_ids;

/// Average adult silent-reading speed used for the "min read" estimate.
pub const WORDS_PER_MINUTE: usize = 238;
/// Section classes (`## Heading {.faq}`) that change how a section's body is read.
const FAQ_CLASS: &str = "faq";
const CALL_CLASS: &str = "call-to-action";

/// How a `##` section's body is read, by its class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SectionKind {
    /// Prose (and at most one comparison).
    #[default]
    Plain,
    /// `{.faq}`: `###` questions, each followed by its answer.
    Faq,
    /// `{.call-to-action}`: paragraphs shown as call-to-action lines.
    CallToAction,
}

/// Compiles a post's body, and lists the images it shows; problems go to `report`.
pub fn compile(source: &Source, context: &Context, report: &mut Report) -> (Post, Vec<Image>) {
    let events = parse(&source.body);
    let lines = Lines::Body {
        text: &source.body,
        first: source.body_line,
    };
    let mut renderer = Renderer::new(context, report, lines);
    let mut builder = PostBuilder::new();
    let blocks = top_level(&events);
    let mut i = 0;
    while i < blocks.len() {
        // The introduction (before the first `##`) is what the reader sees first.
        renderer.first_screen = builder.sections.is_empty() && builder.heading.is_none();
        i += read_block(&mut builder, &mut renderer, &blocks[i..]);
    }
    builder.end_section(&mut renderer);
    renderer.lines = Lines::Fixed(source.disclaimer_line);
    let disclaimer = Html(renderer.html(&parse(&source.disclaimer)));
    renderer.check_anchors(&builder.ids);
    renderer.require(
        !builder.sections.is_empty(),
        0..0,
        "the post has no text below its front matter",
    );
    let post = Post {
        slug: source.slug.clone(),
        title: source.title.clone(),
        summary: source.summary.clone(),
        reviewer: source.reviewer.clone(),
        // Dated in the post's language, which the library knows.
        reviewed: None,
        reading_minutes: word_count(source, &events)
            .div_ceil(WORDS_PER_MINUTE)
            .max(1),
        sections: builder.sections,
        disclaimer,
        translations: Vec::new(),
    };
    (post, renderer.images)
}

/// Reads the first of `blocks` into the post; returns how many blocks it took (a
/// table takes the caption after it too).
fn read_block(builder: &mut PostBuilder, renderer: &mut Renderer, blocks: &[&[Spanned]]) -> usize {
    let block = blocks[0];
    let range = block[0].1.clone();
    let is_heading = matches!(
        block[0].0,
        Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H3
    );
    // Everything under an FAQ question up to the next heading is its answer.
    if builder.question.is_some() && !is_heading {
        builder.prose(renderer, block);
        return 1;
    }
    match &block[0].0 {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => {
            let id = id.as_ref().map(|id| id.to_string());
            let attributes = Attributes {
                id,
                classes,
                others: !attrs.is_empty(),
            };
            heading(builder, renderer, block, *level, attributes);
        }
        Event::Start(Tag::Table(_)) => {
            let caption = blocks.get(1).and_then(|next| caption(renderer, next));
            if caption.is_none() {
                renderer.error(
                    range.clone(),
                    format!("a comparison table needs a caption: a paragraph \"{CAPTION_PREFIX}…\" right after it"),
                );
            }
            let taken = if caption.is_some() { 2 } else { 1 };
            let table = comparison(renderer, block, caption.unwrap_or_default());
            builder.comparison(renderer, table, range);
            return taken;
        }
        Event::Start(Tag::Paragraph) if builder.kind == SectionKind::CallToAction => {
            let inner = renderer.html(&block[1..block.len() - 1]);
            builder.push_html(format!("<p class=\"call-to-action\">{inner}</p>\n"));
        }
        Event::Start(Tag::BlockQuote(_)) => {
            let html = quote(renderer, block);
            builder.push_html(html);
        }
        _ => builder.prose(renderer, block),
    }
    1
}

/// The words a reader reads: title, disclaimer and the body's text.
fn word_count(source: &Source, events: &[Spanned]) -> usize {
    [&source.title, &source.disclaimer]
        .iter()
        .map(|t| t.split_whitespace().count())
        .chain(events.iter().map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => t.split_whitespace().count(),
            _ => 0,
        }))
        .sum()
}

/// What a heading's `{…}` gives it.
struct Attributes<'a> {
    id: Option<String>,
    classes: &'a [CowStr<'a>],
    /// Attributes other than `#id` and `.class` (refused).
    others: bool,
}

/// A heading block: `##` starts a section, `###` in an FAQ a question, any other is
/// prose (and takes no id or class).
fn heading(
    builder: &mut PostBuilder,
    renderer: &mut Renderer,
    block: &[Spanned],
    level: HeadingLevel,
    Attributes {
        id,
        classes,
        others,
    }: Attributes,
) {
    let range = block[0].1.clone();
    let text = renderer.plain(&block[1..block.len() - 1], "a heading");
    if others {
        renderer.error(range.clone(), "headings take only {#id} and {.class}");
    }
    match level {
        HeadingLevel::H1 => renderer.error(
            range,
            "the title comes from the front matter: sections start with ##",
        ),
        HeadingLevel::H2 => {
            let kind = section_kind(renderer, classes, range.clone());
            let id = id.unwrap_or_else(|| slugify(&text));
            builder.start_section(renderer, Heading { id, text }, kind, range);
        }
        HeadingLevel::H3 if builder.kind == SectionKind::Faq => {
            let id = id.unwrap_or_else(|| format!("faq-{}", slugify(&text)));
            builder.start_question(renderer, id, text, range);
        }
        _ if id.is_some() || !classes.is_empty() => renderer.error(
            range,
            "only ## sections and ### FAQ questions take {#id} or {.class}",
        ),
        _ => builder.prose(renderer, block),
    }
}

/// The kind a section's classes give it; at most one class.
fn section_kind(renderer: &mut Renderer, classes: &[CowStr], range: Range<usize>) -> SectionKind {
    match classes.iter().map(|c| c.as_ref()).collect::<Vec<_>>()[..] {
        [] => SectionKind::Plain,
        [FAQ_CLASS] => SectionKind::Faq,
        [CALL_CLASS] => SectionKind::CallToAction,
        _ => {
            renderer.error(
                range,
                format!("a section takes one class: {{.{FAQ_CLASS}}} or {{.{CALL_CLASS}}}"),
            );
            SectionKind::Plain
        }
    }
}

/// Splits events into top-level blocks (each a start event through its end).
fn top_level<'e, 'a>(events: &'e [Spanned<'a>]) -> Vec<&'e [Spanned<'a>]> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            blocks.push(&events[start..=i]);
            start = i + 1;
        }
    }
    blocks
}

/// The post as it is read top to bottom.
#[derive(Default)]
struct PostBuilder {
    sections: Vec<Section>,
    heading: Option<Heading>,
    kind: SectionKind,
    blocks: Vec<Block>,
    /// Prose HTML not yet closed into a block.
    prose: String,
    faq: Vec<FaqItem>,
    /// The FAQ question being read: (id, question, line) and its answer's blocks.
    question: Option<(String, String, Range<usize>)>,
    answer: Vec<Spanned<'static>>,
    has_comparison: bool,
    /// Every id on the page, with the line that claimed it (0: the page's own ids).
    ids: BTreeMap<String, usize>,
}

impl PostBuilder {
    fn new() -> Self {
        PostBuilder {
            ids: page_ids::RESERVED
                .iter()
                .map(|id| (id.to_string(), 0))
                .collect(),
            ..Default::default()
        }
    }

    fn claim_id(&mut self, renderer: &mut Renderer, id: &str, range: Range<usize>) {
        let line = renderer.lines.line(&range);
        if id.is_empty() {
            renderer.error(range, "this heading gives an empty id: add {#some-id}");
        } else if let Some(&other) = self.ids.get(id) {
            let whose = if other == 0 {
                "the page itself".to_string()
            } else {
                format!("the heading on line {other}")
            };
            renderer.error(
                range,
                format!("duplicate heading id {id:?}: already used by {whose}"),
            );
        } else {
            self.ids.insert(id.to_string(), line);
        }
    }

    fn start_section(
        &mut self,
        renderer: &mut Renderer,
        heading: Heading,
        kind: SectionKind,
        range: Range<usize>,
    ) {
        self.end_section(renderer);
        self.claim_id(renderer, &heading.id, range);
        self.heading = Some(heading);
        self.kind = kind;
    }

    fn start_question(
        &mut self,
        renderer: &mut Renderer,
        id: String,
        question: String,
        range: Range<usize>,
    ) {
        self.end_question(renderer);
        self.claim_id(renderer, &id, range.clone());
        self.claim_id(renderer, &format!("{id}-question"), range.clone());
        self.question = Some((id, question, range));
    }

    fn end_question(&mut self, renderer: &mut Renderer) {
        let Some((id, question, range)) = self.question.take() else {
            return;
        };
        let mut answer = std::mem::take(&mut self.answer);
        let call = call_button(renderer, &answer);
        if call.is_some() {
            let button = top_level(&answer).last().map_or(0, |b| b.len());
            answer.truncate(answer.len() - button);
        }
        renderer.require(!answer.is_empty(), range, "this FAQ question has no answer");
        let answer = Html(renderer.html(&answer));
        self.faq.push(FaqItem {
            id,
            question,
            answer,
            call,
        });
    }

    fn flush_prose(&mut self) {
        if !self.prose.is_empty() {
            let html = Html(std::mem::take(&mut self.prose));
            self.blocks.push(Block::Prose { html });
        }
    }

    fn push_html(&mut self, html: String) {
        self.prose.push_str(&html);
    }

    fn prose(&mut self, renderer: &mut Renderer, block: &[Spanned]) {
        if self.question.is_some() {
            self.answer.extend(
                block
                    .iter()
                    .map(|(e, r)| (e.clone().into_static(), r.clone())),
            );
        } else {
            let html = renderer.html(block);
            self.push_html(html);
        }
    }

    fn comparison(&mut self, renderer: &mut Renderer, table: Comparison, range: Range<usize>) {
        if self.has_comparison {
            renderer.error(range, "a post can have only one comparison table");
        } else if self.question.is_some() {
            renderer.error(range, "a comparison table cannot be part of an FAQ answer");
        }
        self.has_comparison = true;
        self.flush_prose();
        self.blocks.push(Block::Comparison(table));
    }

    fn end_section(&mut self, renderer: &mut Renderer) {
        self.end_question(renderer);
        self.flush_prose();
        if !self.faq.is_empty() {
            let items = std::mem::take(&mut self.faq);
            self.blocks.push(Block::Faq { items });
        }
        let blocks = std::mem::take(&mut self.blocks);
        let heading = self.heading.take();
        if !blocks.is_empty() || heading.is_some() {
            self.sections.push(Section { heading, blocks });
        }
        self.kind = SectionKind::Plain;
    }
}

/// `Some(text)` when the answer ends with a paragraph that is only a link to the
/// site's phone: it becomes the answer's call button.
fn call_button(renderer: &mut Renderer, answer: &[Spanned]) -> Option<String> {
    let last = top_level(answer).pop()?;
    match last {
        [
            (Event::Start(Tag::Paragraph), _),
            (Event::Start(Tag::Link { dest_url, .. }), _),
            inner @ ..,
            (Event::End(TagEnd::Link), _),
            (Event::End(TagEnd::Paragraph), _),
        ] if dest_url.as_ref() == renderer.context.phone.href() => {
            Some(renderer.plain(inner, "a call button"))
        }
        _ => None,
    }
}

/// A blockquote whose last paragraph starts with a dash is a quote with its
/// attribution: `<figure>` with `<blockquote>` and `<figcaption>`.
fn quote(renderer: &mut Renderer, block: &[Spanned]) -> String {
    let inner = &block[1..block.len() - 1];
    let parts = top_level(inner);
    if let [body @ .., last] = parts.as_slice()
        && !body.is_empty()
        && let [
            (Event::Start(Tag::Paragraph), _),
            text @ ..,
            (Event::End(TagEnd::Paragraph), _),
        ] = last
        && matches!(text.first(), Some((Event::Text(t), _)) if t.starts_with(['–', '—']))
    {
        let body: Vec<Spanned> = body.iter().flat_map(|b| b.iter().cloned()).collect();
        let quote = renderer.html(&body);
        let cite = renderer.html(text);
        return format!(
            "<figure class=\"quote\"><blockquote>\n{quote}</blockquote><figcaption>{cite}</figcaption></figure>\n"
        );
    }
    renderer.html(block)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::compile::links::Pages;
    use crate::model::Phone;
    use crate::route::Base;

    fn errors(body: &str) -> Vec<String> {
        let source = Source {
            slug: "a-post".into(),
            title: "A post".into(),
            summary: "One line.".into(),
            reviewer: "A reviewer".into(),
            disclaimer: "Not advice.".into(),
            disclaimer_line: 5,
            published: None,
            updated: None,
            reviewed: None,
            draft: false,
            language: None,
            translation_of: None,
            image: None,
            image_alt: String::new(),
            body: body.into(),
            body_line: 7,
        };
        let phone = Phone {
            display: "(877)920-6583".into(),
            tel: "+18779206583".into(),
        };
        let no_pages = Default::default();
        let context = Context {
            phone: &phone,
            pages: Pages(&no_pages),
            base: &Base::default(),
            images: None,
        };
        let mut report = Report::new(Path::new("a-post.md"));
        compile(&source, &context, &mut report);
        report.errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn headings_cannot_take_the_ids_of_the_page() {
        assert_eq!(errors("## Fine {#fine}\n\nText.\n"), Vec::<String>::new());
        for id in page_ids::RESERVED {
            assert_eq!(
                errors(&format!("Intro.\n\n## Heading {{#{id}}}\n\nText.\n")),
                [format!(
                    "a-post.md:9: duplicate heading id {id:?}: already used by the page itself"
                )],
            );
        }
    }
}

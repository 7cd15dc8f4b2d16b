//! A post's Markdown body (CommonMark + GFM tables + heading attributes) compiled into
//! sections of prose HTML, one comparison (a pipe table) and one FAQ (a `{.faq}`
//! section of `###` questions).

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::Report;
use super::front_matter::{Source, line_at};
use super::links::{Target, escape};
use crate::model::{
    Block, Comparison, ComparisonRow, FaqItem, Heading, Html, Phone, Post, Program, Section,
    slugify,
};

/// Average adult silent-reading speed used for the "min read" estimate.
pub const WORDS_PER_MINUTE: usize = 238;
/// Element ids of the page chrome and controls, which headings must not take.
pub const RESERVED_IDS: [&str; 4] = ["main", "title", "toc-title", "comparison-programs-label"];
/// Section classes (`## Heading {.faq}`) that change how a section's body is read.
const FAQ_CLASS: &str = "faq";
const CALL_CLASS: &str = "call-to-action";
/// A comparison column the article's own table does not show (`{#php .optional}`).
const OPTIONAL_CLASS: &str = ".optional";
/// The paragraph right after a table that gives its caption (as in Pandoc).
const CAPTION_PREFIX: &str = "Table: ";

type Spanned<'a> = (Event<'a>, Range<usize>);

/// What every fragment needs: the phone number to link, the pages links may target.
pub struct Context<'a> {
    pub phone: &'a Phone,
    pub published: &'a [String],
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

fn parse(text: &str) -> Vec<Spanned<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    Parser::new_ext(text, options).into_offset_iter().collect()
}

/// Byte offset to line number in the file.
enum Lines<'a> {
    /// The body of a post starting on `first` line of its file.
    Body { text: &'a str, first: usize },
    /// Everything on one line.
    Fixed(usize),
}

impl Lines<'_> {
    fn line(&self, range: &Range<usize>) -> usize {
        match self {
            Lines::Body { text, first } => first + line_at(text, range.start) - 1,
            Lines::Fixed(line) => *line,
        }
    }
}

/// Compiles a post's body; problems go to `report`.
pub fn compile(source: &Source, context: &Context, report: &mut Report) -> Post {
    let events = parse(&source.body);
    let lines = Lines::Body {
        text: &source.body,
        first: source.body_line,
    };
    let words: usize = [&source.title, &source.disclaimer]
        .iter()
        .map(|t| t.split_whitespace().count())
        .chain(events.iter().map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => t.split_whitespace().count(),
            _ => 0,
        }))
        .sum();

    let mut renderer = Renderer::new(context, report, lines);
    let mut builder = PostBuilder::new();
    let blocks = top_level(&events);
    let mut i = 0;
    while i < blocks.len() {
        let block = blocks[i];
        i += 1;
        let range = block[0].1.clone();
        let is_heading = matches!(
            block[0].0,
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H3
        );
        // Everything under an FAQ question up to the next heading is its answer.
        if builder.question.is_some() && !is_heading {
            builder.prose(&mut renderer, block);
            continue;
        }
        match &block[0].0 {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let text = renderer.plain(&block[1..block.len() - 1], "a heading");
                if !attrs.is_empty() {
                    renderer.error(range.clone(), "headings take only {#id} and {.class}");
                }
                let id = id.as_ref().map(|id| id.to_string());
                match level {
                    HeadingLevel::H1 => renderer.error(
                        range,
                        "the title comes from the front matter: sections start with ##",
                    ),
                    HeadingLevel::H2 => {
                        let kind = match classes.iter().map(|c| c.as_ref()).collect::<Vec<_>>()[..]
                        {
                            [] => Kind::Plain,
                            [FAQ_CLASS] => Kind::Faq,
                            [CALL_CLASS] => Kind::CallToAction,
                            _ => {
                                renderer.error(
                                    range.clone(),
                                    format!("a section takes one class: {{.{FAQ_CLASS}}} or {{.{CALL_CLASS}}}"),
                                );
                                Kind::Plain
                            }
                        };
                        let id = id.unwrap_or_else(|| slugify(&text));
                        builder.start_section(&mut renderer, Heading { id, text }, kind, range);
                    }
                    HeadingLevel::H3 if builder.kind == Kind::Faq => {
                        let id = id.unwrap_or_else(|| format!("faq-{}", slugify(&text)));
                        builder.start_question(&mut renderer, id, text, range);
                    }
                    _ if id.is_some() || !classes.is_empty() => renderer.error(
                        range,
                        "only ## sections and ### FAQ questions take {#id} or {.class}",
                    ),
                    _ => builder.prose(&mut renderer, block),
                }
            }
            Event::Start(Tag::Table(_)) => {
                let caption = blocks.get(i).and_then(|next| caption(&mut renderer, next));
                if caption.is_some() {
                    i += 1;
                } else {
                    renderer.error(
                        range.clone(),
                        format!("a comparison table needs a caption: a paragraph \"{CAPTION_PREFIX}…\" right after it"),
                    );
                }
                let table = comparison(&mut renderer, block, caption.unwrap_or_default());
                builder.comparison(&mut renderer, table, range);
            }
            Event::Start(Tag::Paragraph) if builder.kind == Kind::CallToAction => {
                let inner = renderer.html(&block[1..block.len() - 1]);
                builder.push_html(format!("<p class=\"call-to-action\">{inner}</p>\n"));
            }
            Event::Start(Tag::BlockQuote(_)) => {
                let html = quote(&mut renderer, block);
                builder.push_html(html);
            }
            _ => builder.prose(&mut renderer, block),
        }
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
    Post {
        slug: source.slug.clone(),
        title: source.title.clone(),
        summary: source.summary.clone(),
        reviewer: source.reviewer.clone(),
        reviewed: source.reviewed.clone(),
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1),
        sections: builder.sections,
        disclaimer,
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

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Plain,
    Faq,
    CallToAction,
}

/// The post as it is read top to bottom.
#[derive(Default)]
struct PostBuilder {
    sections: Vec<Section>,
    heading: Option<Heading>,
    kind: Kind,
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
            ids: RESERVED_IDS.iter().map(|id| (id.to_string(), 0)).collect(),
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
        kind: Kind,
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
        self.kind = Kind::Plain;
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

/// The caption paragraph after a table (`Table: …`), if `block` is one.
fn caption(renderer: &mut Renderer, block: &[Spanned]) -> Option<String> {
    let [
        (Event::Start(Tag::Paragraph), _),
        inner @ ..,
        (Event::End(TagEnd::Paragraph), _),
    ] = block
    else {
        return None;
    };
    match inner.first() {
        Some((Event::Text(t), _)) if t.starts_with(CAPTION_PREFIX) => {
            let text = renderer.plain(inner, "a table caption");
            Some(text[CAPTION_PREFIX.len()..].trim().to_string())
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

/// A pipe table as a comparison: the first column names the features, every other
/// column header is a program, `Name {#id}` or `Name {#id .optional}`.
fn comparison(renderer: &mut Renderer, block: &[Spanned], caption: String) -> Comparison {
    let mut header: Vec<(Vec<Spanned>, Range<usize>)> = Vec::new();
    let mut rows: Vec<(Vec<Vec<Spanned>>, Range<usize>)> = Vec::new();
    let mut cell: Option<(Vec<Spanned>, Range<usize>)> = None;
    let mut in_head = false;
    for (event, range) in block {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => rows.push((Vec::new(), range.clone())),
            Event::Start(Tag::TableCell) => cell = Some((Vec::new(), range.clone())),
            Event::End(TagEnd::TableCell) => {
                if let Some((events, range)) = cell.take() {
                    if in_head {
                        header.push((events, range));
                    } else if let Some((cells, _)) = rows.last_mut() {
                        cells.push(events);
                    }
                }
            }
            _ => {
                if let Some((events, _)) = cell.as_mut() {
                    events.push((event.clone(), range.clone()));
                }
            }
        }
    }
    let mut columns = header.into_iter();
    let feature_heading = columns
        .next()
        .map(|(events, _)| renderer.plain(&events, "a column header"))
        .unwrap_or_default();
    let programs: Vec<Program> = columns
        .map(|(events, range)| program(renderer, &events, range))
        .collect();
    let mut seen = BTreeMap::new();
    for program in &programs {
        if seen.insert(program.id.clone(), ()).is_some() {
            renderer.error(
                block[0].1.clone(),
                format!("two columns have the id {:?}", program.id),
            );
        }
    }
    renderer.require(
        programs.iter().filter(|p| p.default).count() >= 2,
        block[0].1.clone(),
        format!("at least two program columns must be shown by default (not {OPTIONAL_CLASS})"),
    );
    let rows = rows
        .into_iter()
        .map(|(cells, range)| {
            let mut cells = cells.into_iter();
            let feature = cells
                .next()
                .map(|events| renderer.plain(&events, "a row header"))
                .unwrap_or_default();
            renderer.require(!feature.trim().is_empty(), range.clone(), "this row has no feature name in its first cell");
            let mut values = BTreeMap::new();
            for program in &programs {
                let events = cells.next().unwrap_or_default();
                if events.is_empty() {
                    renderer.error(
                        range.clone(),
                        format!(
                            "row {feature:?} has no cell for {:?}: say what the article says, or that it does not say",
                            program.name
                        ),
                    );
                }
                values.insert(program.id.clone(), Html(renderer.html(&events)));
            }
            ComparisonRow { feature, values }
        })
        .collect();
    Comparison {
        caption,
        feature_heading,
        programs,
        rows,
    }
}

/// A program column header: `Name {#id}`, `Name {#id .optional}`, or just `Name`
/// (the id is then derived from the name).
fn program(renderer: &mut Renderer, events: &[Spanned], range: Range<usize>) -> Program {
    let text = renderer.plain(events, "a column header");
    let (name, attributes) = match text
        .trim_end()
        .strip_suffix('}')
        .and_then(|t| t.rsplit_once('{'))
    {
        Some((name, attributes)) => (name.trim().to_string(), attributes.to_string()),
        None => (text.trim().to_string(), String::new()),
    };
    let mut id = slugify(&name);
    let mut default = true;
    for attribute in attributes.split_whitespace() {
        if let Some(given) = attribute.strip_prefix('#') {
            id = given.to_string();
        } else if attribute == OPTIONAL_CLASS {
            default = false;
        } else {
            renderer.error(
                range.clone(),
                format!("unknown column attribute {attribute:?}: use {{#id}} and {OPTIONAL_CLASS}"),
            );
        }
    }
    renderer.require(
        !id.is_empty() && slugify(&id) == id,
        range.clone(),
        format!("column id {id:?} must be lower-case words joined by -"),
    );
    renderer.require(!name.is_empty(), range, "a program column needs a name");
    Program { id, name, default }
}

/// Renders events to HTML by the site's rules and reports what breaks them.
struct Renderer<'c, 'r> {
    context: &'c Context<'c>,
    report: &'r mut Report,
    lines: Lines<'c>,
    /// In-page link targets and their lines, checked once every id is known.
    anchors: Vec<(String, usize)>,
}

impl<'c, 'r> Renderer<'c, 'r> {
    fn new(context: &'c Context<'c>, report: &'r mut Report, lines: Lines<'c>) -> Self {
        Renderer {
            context,
            report,
            lines,
            anchors: Vec::new(),
        }
    }

    fn error(&mut self, range: Range<usize>, message: impl Into<String>) {
        let line = self.lines.line(&range);
        self.report.error(line, message);
    }

    fn require(&mut self, ok: bool, range: Range<usize>, message: impl Into<String>) {
        if !ok {
            self.error(range, message);
        }
    }

    /// HTML for `events`: links checked and written by [`Target`], every occurrence of
    /// the phone number linked, raw HTML and images refused.
    fn html(&mut self, events: &[Spanned]) -> String {
        let mut out: Vec<Event> = Vec::new();
        let mut text = String::new();
        let mut in_link = false;
        let mut in_image = false;
        for (event, range) in events {
            if let Event::Text(t) = event {
                text.push_str(t);
                continue;
            }
            self.flush_text(&mut text, in_link, &mut out);
            match event {
                _ if in_image => in_image = !matches!(event, Event::End(TagEnd::Image)),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    in_link = true;
                    let tag = match Target::parse(dest_url, self.context.published) {
                        Ok(target) => {
                            if let Target::InPage(id) = &target {
                                let line = self.lines.line(range);
                                self.anchors.push((id.clone(), line));
                            }
                            target.open_tag()
                        }
                        Err(message) => {
                            self.error(range.clone(), message);
                            "<a>".to_string()
                        }
                    };
                    out.push(Event::InlineHtml(tag.into()));
                }
                Event::End(TagEnd::Link) => {
                    in_link = false;
                    out.push(Event::InlineHtml("</a>".into()));
                }
                Event::Start(Tag::Image { .. }) => {
                    in_image = true;
                    self.error(range.clone(), "images are not supported in posts");
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
    fn plain(&mut self, events: &[Spanned], what: &str) -> String {
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
    fn check_anchors(&mut self, ids: &BTreeMap<String, usize>) {
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

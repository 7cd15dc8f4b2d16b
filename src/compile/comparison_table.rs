//! A post's comparison: a pipe table whose first column names the features and whose
//! every other column is a program, with its caption in the paragraph after it.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::html::{Renderer, Spanned};
use crate::model::{Comparison, ComparisonRow, Html, Program, slugify};

/// A comparison column the article's own table does not show (`{#php .optional}`).
const OPTIONAL_CLASS: &str = ".optional";
/// The paragraph right after a table that gives its caption (as in Pandoc).
pub const CAPTION_PREFIX: &str = "Table: ";

/// One cell's events, and where the cell starts.
type Cell<'a> = (Vec<Spanned<'a>>, Range<usize>);
/// One body row's cells (their events), and where the row starts.
type Row<'a> = (Vec<Vec<Spanned<'a>>>, Range<usize>);

/// The caption paragraph after a table (`Table: …`), if `block` is one.
pub fn caption(renderer: &mut Renderer, block: &[Spanned]) -> Option<String> {
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

/// A pipe table as a comparison: the first column names the features, every other
/// column header is a program, `Name {#id}` or `Name {#id .optional}`.
pub fn comparison(renderer: &mut Renderer, block: &[Spanned], caption: String) -> Comparison {
    let table_start = block[0].1.clone();
    let (header, rows) = cells(block);
    let mut columns = header.into_iter();
    let feature_heading = columns
        .next()
        .map(|(events, _)| renderer.plain(&events, "a column header"))
        .unwrap_or_default();
    let programs: Vec<Program> = columns
        .map(|(events, range)| program(renderer, &events, range))
        .collect();
    let mut seen = BTreeSet::new();
    for program in &programs {
        if !seen.insert(program.id.clone()) {
            renderer.error(
                table_start.clone(),
                format!("two columns have the id {:?}", program.id),
            );
        }
    }
    renderer.require(
        programs.iter().filter(|p| p.default).count() >= 2,
        table_start,
        format!("at least two program columns must be shown by default (not {OPTIONAL_CLASS})"),
    );
    let rows = rows
        .into_iter()
        .map(|(cells, range)| row(renderer, &programs, cells, range))
        .collect();
    Comparison {
        caption,
        feature_heading,
        programs,
        rows,
    }
}

/// The table's header cells, and each body row's cells with where the row starts.
fn cells<'a>(block: &[Spanned<'a>]) -> (Vec<Cell<'a>>, Vec<Row<'a>>) {
    let mut header = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut cell: Option<Cell> = None;
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
    (header, rows)
}

/// One body row: its feature (the first cell) and a value for every program.
fn row(
    renderer: &mut Renderer,
    programs: &[Program],
    cells: Vec<Vec<Spanned>>,
    range: Range<usize>,
) -> ComparisonRow {
    let mut cells = cells.into_iter();
    let feature = cells
        .next()
        .map(|events| renderer.plain(&events, "a row header"))
        .unwrap_or_default();
    renderer.require(
        !feature.trim().is_empty(),
        range.clone(),
        "this row has no feature name in its first cell",
    );
    let values = programs
        .iter()
        .map(|program| {
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
            (program.id.clone(), Html(renderer.html(&events)))
        })
        .collect();
    ComparisonRow { feature, values }
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

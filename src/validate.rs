//! Build-time validation of `public/content/`: every problem is reported as
//! `file: field: what is wrong`, and the build stops on any of them.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::content::{SITE_FILE, post_file};
use crate::markup::{self, Inline};
use crate::model::{Block, Post, Site, slugify};

/// All published content, parsed and checked.
#[derive(Clone, Debug)]
pub struct Library {
    pub site: Site,
    pub posts: Vec<Post>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.field, self.message)
    }
}

impl Library {
    /// Reads and checks `site.json` and every post it lists.
    pub fn load(dir: &Path) -> Result<Library, Vec<ContentError>> {
        let site: Site = read(dir, SITE_FILE).map_err(|e| vec![e])?;
        let mut errors = check_site(&site);
        let mut posts = Vec::new();
        for slug in &site.posts {
            let file = post_file(slug);
            match read::<Post>(dir, &file) {
                Ok(post) => {
                    errors.extend(check_post(&file, slug, &post, &site.phone.display));
                    posts.push(post);
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(Library { site, posts })
        } else {
            Err(errors)
        }
    }
}

fn read<T: DeserializeOwned>(dir: &Path, file: &str) -> Result<T, ContentError> {
    let error = |field: &str, message: String| ContentError {
        file: file.to_string(),
        field: field.to_string(),
        message,
    };
    let text = std::fs::read_to_string(dir.join(file)).map_err(|e| {
        error(
            "(file)",
            format!("cannot read {}: {e}", dir.join(file).display()),
        )
    })?;
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let message = e.inner().to_string();
        let path = e.path().to_string();
        // serde names a missing field only in its message; put it in the field path.
        let field = match message
            .strip_prefix("missing field `")
            .and_then(|m| m.split('`').next())
        {
            Some(missing) if path == "." => missing.to_string(),
            Some(missing) => format!("{path}.{missing}"),
            None if path == "." => "(document)".to_string(),
            None => path,
        };
        error(&field, message)
    })
}

struct Checker<'a> {
    file: &'a str,
    errors: Vec<ContentError>,
}

impl Checker<'_> {
    fn require(&mut self, ok: bool, field: impl Into<String>, message: impl Into<String>) {
        if !ok {
            self.errors.push(ContentError {
                file: self.file.to_string(),
                field: field.into(),
                message: message.into(),
            });
        }
    }

    fn non_empty(&mut self, text: &str, field: impl Into<String>) {
        self.require(!text.trim().is_empty(), field, "must not be empty");
    }

    /// Links must go somewhere real: no `#`, no `javascript:`; `tel:` only with digits.
    fn markup(&mut self, text: &str, phone: &str, field: String) {
        self.non_empty(text, field.clone());
        for part in markup::parse(text, phone) {
            if let Inline::Link { href, .. } = part {
                let tel = href.strip_prefix("tel:").is_some_and(|n| {
                    let digits = n.strip_prefix('+').unwrap_or(n);
                    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
                });
                let ok = tel
                    || href.starts_with("https://")
                    || href.starts_with("http://")
                    || (href.starts_with('/') && !href.starts_with("//"));
                self.require(
                    ok,
                    field.clone(),
                    format!(
                        "link target {href:?} must be an http(s) URL, a site path or tel:digits"
                    ),
                );
            }
        }
    }
}

fn check_site(site: &Site) -> Vec<ContentError> {
    let mut c = Checker {
        file: SITE_FILE,
        errors: Vec::new(),
    };
    c.non_empty(&site.name, "name");
    c.require(
        is_origin(&site.url),
        "url",
        "must be an origin such as https://example.org (no path)",
    );
    c.non_empty(&site.phone.display, "phone.display");
    let tel = &site.phone.tel;
    c.require(
        tel.starts_with('+') && tel.len() > 8 && tel[1..].chars().all(|ch| ch.is_ascii_digit()),
        "phone.tel",
        "must be an E.164 number such as +18779206583",
    );
    c.require(
        !site.posts.is_empty(),
        "posts",
        "must list at least one post",
    );
    c.non_empty(&site.crisis.title, "crisis.title");
    c.non_empty(&site.crisis.label, "crisis.label");
    c.require(
        !site.crisis.lines.is_empty(),
        "crisis.lines",
        "must not be empty",
    );
    for (i, line) in site.crisis.lines.iter().enumerate() {
        c.markup(line, &site.phone.display, format!("crisis.lines[{i}]"));
    }
    let mut seen = BTreeSet::new();
    for (i, slug) in site.posts.iter().enumerate() {
        c.require(
            !slug.is_empty() && slugify(slug) == *slug,
            format!("posts[{i}]"),
            format!("{slug:?} is not a slug (lower-case words joined by -)"),
        );
        c.require(
            seen.insert(slug),
            format!("posts[{i}]"),
            format!("{slug:?} is listed twice"),
        );
    }
    c.errors
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

/// Element ids of the page chrome and controls, which section ids must not repeat.
const RESERVED_IDS: [&str; 4] = ["main", "title", "toc-title", "comparison-programs-label"];
/// Recorded among the ids so a second comparison in a post is caught.
const COMPARISON_MARKER: &str = " comparison";

fn check_post(file: &str, slug: &str, post: &Post, phone: &str) -> Vec<ContentError> {
    let mut c = Checker {
        file,
        errors: Vec::new(),
    };
    c.require(
        post.slug == slug,
        "slug",
        format!("is {:?} but the file is listed as {slug:?}", post.slug),
    );
    c.non_empty(&post.title, "title");
    c.non_empty(&post.summary, "summary");
    c.non_empty(&post.reviewer, "reviewer");
    c.non_empty(&post.disclaimer, "disclaimer");
    c.require(!post.sections.is_empty(), "sections", "must not be empty");
    // Ids the page itself uses: a heading must not take one of them.
    let mut anchors: BTreeSet<String> = RESERVED_IDS.iter().map(|id| id.to_string()).collect();
    for (s, section) in post.sections.iter().enumerate() {
        let at = format!("sections[{s}]");
        if let Some(anchor) = section.anchor() {
            c.require(
                !anchor.is_empty() && anchors.insert(anchor),
                format!("{at}.heading"),
                "must be non-empty, unique within the post, and not an id the page uses (main, title, …)",
            );
        }
        c.require(
            !section.blocks.is_empty(),
            format!("{at}.blocks"),
            "must not be empty",
        );
        for (b, block) in section.blocks.iter().enumerate() {
            check_block(
                &mut c,
                block,
                phone,
                &format!("{at}.blocks[{b}]"),
                &mut anchors,
            );
        }
    }
    c.errors
}

fn check_block(
    c: &mut Checker<'_>,
    block: &Block,
    phone: &str,
    at: &str,
    anchors: &mut BTreeSet<String>,
) {
    match block {
        Block::Paragraph { text } | Block::CallToAction { text } => {
            c.markup(text, phone, format!("{at}.text"))
        }
        Block::List { items } => {
            c.require(
                !items.is_empty(),
                format!("{at}.items"),
                "must not be empty",
            );
            for (i, item) in items.iter().enumerate() {
                c.markup(item, phone, format!("{at}.items[{i}]"));
            }
        }
        Block::Quote { text, cite } => {
            c.non_empty(text, format!("{at}.text"));
            c.non_empty(cite, format!("{at}.cite"));
        }
        Block::Comparison(table) => {
            c.non_empty(&table.caption, format!("{at}.caption"));
            c.non_empty(&table.feature_heading, format!("{at}.feature_heading"));
            // Its controls have fixed ids and its state fixed query keys.
            c.require(
                anchors.insert(COMPARISON_MARKER.to_string()),
                at.to_string(),
                "a post can have only one comparison",
            );
            let ids: BTreeSet<&str> = table.programs.iter().map(|p| p.id.as_str()).collect();
            c.require(
                ids.len() == table.programs.len(),
                format!("{at}.programs"),
                "program ids must be unique",
            );
            c.require(
                table.default_programs().count() >= 2,
                format!("{at}.programs"),
                "at least two programs must be marked default",
            );
            for (p, program) in table.programs.iter().enumerate() {
                c.require(
                    !program.id.is_empty() && slugify(&program.id) == program.id,
                    format!("{at}.programs[{p}].id"),
                    "must be a slug",
                );
                c.non_empty(&program.name, format!("{at}.programs[{p}].name"));
            }
            c.require(
                !table.rows.is_empty(),
                format!("{at}.rows"),
                "must not be empty",
            );
            for (r, row) in table.rows.iter().enumerate() {
                c.non_empty(&row.feature, format!("{at}.rows[{r}].feature"));
                let keys: BTreeSet<&str> = row.values.keys().map(String::as_str).collect();
                c.require(
                    keys == ids,
                    format!("{at}.rows[{r}].values"),
                    format!("must have exactly one value for each program {ids:?}, has {keys:?}"),
                );
                for (id, value) in &row.values {
                    c.markup(value, phone, format!("{at}.rows[{r}].values.{id}"));
                }
            }
        }
        Block::Faq { items } => {
            c.require(
                !items.is_empty(),
                format!("{at}.items"),
                "must not be empty",
            );
            for (i, item) in items.iter().enumerate() {
                let field = format!("{at}.items[{i}]");
                c.non_empty(&item.question, format!("{field}.question"));
                if let Some(call) = &item.call {
                    c.non_empty(call, format!("{field}.call"));
                }
                c.require(
                    anchors.insert(item.anchor()),
                    format!("{field}.question"),
                    "must be unique within the post",
                );
                c.require(
                    !item.answer.is_empty(),
                    format!("{field}.answer"),
                    "must not be empty",
                );
                for (a, para) in item.answer.iter().enumerate() {
                    c.markup(para, phone, format!("{field}.answer[{a}]"));
                }
            }
        }
    }
}

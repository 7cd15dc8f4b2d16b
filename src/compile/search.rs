//! Each language's search index (the files' shapes, and how the browser reads them:
//! `crate::search`): the words of its published posts, stemmed (Snowball), in shards of
//! about [`SHARD_TARGET`] bytes as served, and the results' titles, addresses, dates and
//! summaries in blocks. Every file is named by its hash.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use pulldown_cmark::{Event, Tag, TagEnd};
use rust_stemmers::{Algorithm, Stemmer};
use sha2::{Digest, Sha256};

use super::{Language, Library, html};
use crate::search::{self, BODY, FileRef, HEADING, Hit, Manifest, Shard, TITLE};

/// Where the indexes go in the bundle: `search/<language code>/`.
pub const SEARCH_DIR: &str = "search";
/// What a shard should weigh, brotli at quality 11 (as served)…
const SHARD_TARGET: usize = 16 * 1024;
/// …and may: only a single key whose postings alone weigh more makes a larger one.
pub const SHARD_LIMIT: usize = 20 * 1024;
/// Posts a block of results' metadata holds: about 2 KB served, fetched for the results
/// shown; more would fetch more for each, fewer would lengthen the manifest.
const BLOCK_SIZE: u32 = 16;
/// How many of the stemmer's endings the manifest carries, the most used first.
const ENDINGS: usize = 64;

/// A post's text by weight, from its source (kept on its `Entry`, for the index).
#[derive(Clone, Debug, Default)]
pub struct PostText {
    pub title: String,
    /// `##` to `####` headings (the FAQ's questions among them).
    pub headings: String,
    /// The summary, then the rest of the body: paragraphs, lists, quotes, table cells,
    /// the FAQ's answers, pictures' descriptions.
    pub body: String,
}

impl PostText {
    /// From the front matter's title and summary and the Markdown body (read with the
    /// compiler's own parser, so the words are the ones the page shows).
    pub fn new(title: &str, summary: &str, markdown: &str) -> PostText {
        let mut text = PostText {
            title: title.to_string(),
            headings: String::new(),
            body: format!("{summary}\n"),
        };
        let mut in_heading = false;
        for (event, _) in html::parse(markdown) {
            let into = if in_heading {
                &mut text.headings
            } else {
                &mut text.body
            };
            match event {
                Event::Start(Tag::Heading { .. }) => in_heading = true,
                Event::End(TagEnd::Heading(_)) => {
                    in_heading = false;
                    text.headings.push('\n');
                }
                Event::Text(t) | Event::Code(t) => into.push_str(&t),
                // Inline elements leave their words whole ("**IOP**s"); blocks, cells and
                // breaks end them.
                Event::End(
                    TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Superscript
                    | TagEnd::Subscript,
                ) => {}
                Event::End(_) | Event::SoftBreak | Event::HardBreak => into.push('\n'),
                _ => {}
            }
        }
        text
    }
}

/// One post to index: its text, and what a result shows of it.
pub struct Document<'a> {
    pub text: &'a PostText,
    pub hit: Hit,
}

/// A language's index: its files (path below the bundle, contents), the manifest first.
pub struct SearchIndex {
    /// `search/<code>/`: the manifest's folder, which holds the other files too.
    pub folder: String,
    /// The manifest's name and integrity: what the app needs to find the rest.
    pub manifest: FileRef,
    pub files: Vec<(String, String)>,
    /// Each shard's size served (brotli 11), as measured to pack them.
    pub shard_sizes: Vec<usize>,
}

/// The index of `language`'s published posts, numbered newest first.
pub fn language_index(library: &Library, language: &Language) -> SearchIndex {
    let documents: Vec<Document> = library
        .published_in(language.edition())
        .map(|entry| Document {
            text: &entry.text,
            hit: Hit {
                title: entry.post.title.clone(),
                path: entry.page().path(),
                date: entry
                    .published
                    .as_deref()
                    .map(|iso| language.dates.display(iso)),
                summary: entry.post.summary.clone(),
            },
        })
        .collect();
    build(&documents, language.code())
}

/// The Snowball algorithm of a language code. English and Spanish, the site's: another
/// language is indexed unstemmed (its words found as written, and by prefix).
fn stemmer(code: &str) -> Option<Stemmer> {
    match code.split('-').next().unwrap_or(code) {
        "en" => Some(Stemmer::create(Algorithm::English)),
        "es" => Some(Stemmer::create(Algorithm::Spanish)),
        _ => None,
    }
}

/// The index of `documents` (post `n` is `documents[n]`) in the language `code`.
pub fn build(documents: &[Document], code: &str) -> SearchIndex {
    let stemmer = stemmer(code);
    // A word (lower case, accents kept) → its stem's key (folded).
    let mut seen: HashMap<String, String> = HashMap::new();
    // Stem → (post, weight): each post once, with its strongest place.
    let mut postings: HashMap<String, Vec<(u32, u8)>> = HashMap::new();
    // Key → stem: every folded word, and every stem.
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let mut endings: HashMap<(String, String), usize> = HashMap::new();
    for (n, document) in documents.iter().enumerate() {
        let n = u32::try_from(n).expect("fewer than 4 billion posts");
        let text = document.text;
        for (text, weight) in [
            (&text.title, TITLE),
            (&text.headings, HEADING),
            (&text.body, BODY),
        ] {
            for word in search::words(text) {
                let stem = seen.entry(word).or_insert_with_key(|word| {
                    // Stemmed with its accents, which Snowball's Spanish reads.
                    let stem = stemmer
                        .as_ref()
                        .map_or(word.clone(), |s| s.stem(word).into());
                    let (form, stem) = (search::strip_accents(word), search::strip_accents(&stem));
                    if let std::collections::btree_map::Entry::Vacant(key) = keys.entry(form) {
                        if let Some(ending) = ending(key.key(), &stem) {
                            *endings.entry(ending).or_default() += 1;
                        }
                        key.insert(stem.clone());
                    }
                    stem
                });
                let posts = postings.entry(stem.clone()).or_default();
                match posts.last_mut() {
                    Some((post, strongest)) if *post == n => *strongest = (*strongest).max(weight),
                    _ => posts.push((n, weight)),
                }
            }
        }
    }
    for stem in postings.keys() {
        keys.entry(stem.clone()).or_insert_with(|| stem.clone());
    }
    let encoded: HashMap<&str, Vec<u32>> = postings
        .iter()
        .map(|(stem, posts)| {
            let mut previous = 0;
            let codes = posts
                .iter()
                .map(|&(post, weight)| {
                    let code = (post - previous) << 2 | u32::from(weight);
                    previous = post;
                    code
                })
                .collect();
            (stem.as_str(), codes)
        })
        .collect();
    let keys: Vec<(&str, &str)> = keys.iter().map(|(k, s)| (k.as_str(), s.as_str())).collect();

    let folder = format!("{SEARCH_DIR}/{code}/");
    let mut files = Vec::new();
    let mut manifest = Manifest {
        posts: documents.len() as u32,
        block_size: BLOCK_SIZE,
        endings: most_used(endings),
        shards: Vec::new(),
        shard_hashes: Vec::new(),
        block_hashes: Vec::new(),
    };
    let mut previous_last: Option<&str> = None;
    let mut shard_sizes = Vec::new();
    for (range, size) in pack(&keys, &encoded) {
        shard_sizes.push(size);
        let json = shard_json(&keys[range.clone()], &encoded);
        manifest
            .shards
            .push(lower_bound(previous_last, keys[range.start].0));
        previous_last = Some(keys[range.end - 1].0);
        let hash = hash(&json);
        files.push((folder.clone() + &FileRef::new("shard", &hash).name, json));
        manifest.shard_hashes.push(hash);
    }
    if manifest.shards.is_empty() {
        // No words: one empty shard, so that every key has one.
        let json = shard_json(&[], &encoded);
        let hash = hash(&json);
        files.push((folder.clone() + &FileRef::new("shard", &hash).name, json));
        manifest.shards.push(String::new());
        manifest.shard_hashes.push(hash);
    }
    for block in documents.chunks(BLOCK_SIZE as usize) {
        let hits: Vec<&Hit> = block.iter().map(|d| &d.hit).collect();
        let json = serde_json::to_string(&hits).expect("hits serialise");
        let hash = hash(&json);
        files.push((folder.clone() + &FileRef::new("posts", &hash).name, json));
        manifest.block_hashes.push(hash);
    }
    let json = serde_json::to_string(&manifest).expect("the manifest serialises");
    let manifest = FileRef::new("index", &hash(&json));
    files.insert(0, (folder.clone() + &manifest.name, json));
    SearchIndex {
        folder,
        manifest,
        files,
        shard_sizes,
    }
}

/// How the stemmer changed a word's end: (the word's ending, the stem's), from where
/// they part; none when the stem is the word.
fn ending(form: &str, stem: &str) -> Option<(String, String)> {
    let common = form
        .char_indices()
        .zip(stem.chars())
        .find(|((_, a), b)| a != b)
        .map_or(form.len().min(stem.len()), |((i, _), _)| i);
    let (word_end, stem_end) = (&form[common..], stem.get(common..)?);
    (!word_end.is_empty()).then(|| (word_end.to_string(), stem_end.to_string()))
}

/// The [`ENDINGS`] endings used by the most words, flat.
fn most_used(endings: HashMap<(String, String), usize>) -> Vec<String> {
    let mut endings: Vec<_> = endings.into_iter().collect();
    endings.sort_by(|(a, m), (b, n)| n.cmp(m).then_with(|| a.cmp(b)));
    endings
        .into_iter()
        .take(ENDINGS)
        .flat_map(|((word, stem), _)| [word, stem])
        .collect()
}

/// A shard's lower bound as the manifest lists it: the shortest start of its first key
/// that sorts after the previous shard's last key (empty for the first shard).
fn lower_bound(previous_last: Option<&str>, first: &str) -> String {
    let Some(previous) = previous_last else {
        return String::new();
    };
    first
        .char_indices()
        .map(|(i, c)| &first[..i + c.len_utf8()])
        .find(|prefix| *prefix > previous)
        .unwrap_or(first)
        .to_string()
}

/// The shard of `keys` (sorted, each with its stem), as written.
fn shard_json(keys: &[(&str, &str)], encoded: &HashMap<&str, Vec<u32>>) -> String {
    let mut stems: Vec<&str> = Vec::new();
    let mut shard = Shard {
        keys: Vec::with_capacity(keys.len()),
        stems: Vec::with_capacity(keys.len()),
        postings: Vec::new(),
    };
    for &(key, stem) in keys {
        let place = stems.iter().position(|s| *s == stem).unwrap_or_else(|| {
            stems.push(stem);
            shard
                .postings
                .push(encoded.get(stem).cloned().unwrap_or_default());
            stems.len() - 1
        });
        shard.keys.push(key.to_string());
        shard.stems.push(place as u32);
    }
    serde_json::to_string(&shard).expect("a shard serialises")
}

/// The keys cut into shards of at most [`SHARD_TARGET`] bytes served, each as full as a
/// few trials make it: the next shard's size is guessed from the last one's ratio, then
/// measured. Each with its size served.
fn pack(
    keys: &[(&str, &str)],
    encoded: &HashMap<&str, Vec<u32>>,
) -> Vec<(std::ops::Range<usize>, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut guess = 500;
    while start < keys.len() {
        let rest = keys.len() - start;
        // The largest count known to fit, the smallest known not to.
        let (mut fits, mut too_many, mut fits_size) = (0, rest + 1, 0);
        let mut count = guess.clamp(1, rest);
        for _ in 0..8 {
            let size = brotli_size(&shard_json(&keys[start..start + count], encoded));
            if size <= SHARD_TARGET {
                (fits, fits_size) = (count, size);
                // Compressing is slow: 85% full will do.
                if count == rest || size * 20 >= SHARD_TARGET * 17 {
                    break;
                }
            } else {
                too_many = count;
            }
            let scaled = count * SHARD_TARGET * 19 / 20 / size.max(1);
            count = scaled.clamp(fits + 1, too_many - 1);
            if count <= fits {
                break;
            }
        }
        // A single key over the target makes a shard of its own.
        let count = fits.max(1);
        if fits == 0 {
            fits_size = brotli_size(&shard_json(&keys[start..start + 1], encoded));
        }
        ranges.push((start..start + count, fits_size));
        guess = count;
        start += count;
    }
    ranges
}

/// Its size as served: brotli, quality 11.
pub fn brotli_size(text: &str) -> usize {
    let mut out = Vec::new();
    let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
    writer.write_all(text.as_bytes()).expect("compresses");
    drop(writer);
    out.len()
}

/// How the manifest names a file: its SHA-256, base64 without padding.
fn hash(contents: &str) -> String {
    STANDARD_NO_PAD.encode(Sha256::digest(contents.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_are_where_word_and_stem_part() {
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(ending("relapsing", "relaps"), pair("ing", ""));
        assert_eq!(ending("happy", "happi"), pair("y", "i"));
        assert_eq!(ending("iop", "iop"), None);
        assert_eq!(ending("recaidas", "recaid"), pair("as", ""));
    }

    #[test]
    fn lower_bounds_are_the_shortest_that_divide() {
        assert_eq!(lower_bound(None, "apple"), "");
        assert_eq!(lower_bound(Some("relapse"), "relationship"), "relat");
        assert_eq!(lower_bound(Some("apple"), "banana"), "b");
        assert_eq!(lower_bound(Some("ab"), "abc"), "abc");
    }

    #[test]
    fn headings_and_body_are_told_apart() {
        let text = PostText::new(
            "Title",
            "The summary.",
            "Intro **bold**ly.\n\n## Section {#s}\n\n| A | B |\n| - | - |\n| cell | other |\n\n### Question?\n\nAnswer.\n",
        );
        assert_eq!(
            text.headings.split_whitespace().collect::<Vec<_>>(),
            ["Section", "Question?"]
        );
        let body: Vec<_> = search::fold(&text.body).collect();
        assert_eq!(
            body,
            [
                "the", "summary", "intro", "boldly", "a", "b", "cell", "other", "answer"
            ]
        );
    }
}

//! Site search, the part both sides share: words folded alike by the build and the
//! browser, the index's files, which shards a query needs, and the ranking. The build
//! (`compile::search`) writes the files with these types; the browser (to come) parses
//! a [`Query`], fetches [`Manifest::shards_for`], runs [`search`] and fetches the
//! [`Manifest::block_file`]s of the results it shows.
//!
//! The browser has no stemmer: the index is keyed by every word as it appears in the
//! posts (folded) and by every stem, each pointing at its stem's postings, so a word of
//! the posts is found as typed, and its prefix while it is typed. A word the posts never
//! use is reduced by the [`Manifest::endings`] the build saw its stemmer remove
//! ("relapses" → "relaps").

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Longer words are dropped, not truncated: addresses and strings of digits, which no
/// one types, and a truncated word would match words it is not.
pub const MAX_WORD_CHARS: usize = 40;
/// A query is read up to this many characters, and its first [`MAX_TERMS`] distinct
/// words, so a pasted page costs what a sentence does.
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_TERMS: usize = 8;
/// The last word of a query still being typed matches as a prefix from this many letters.
pub const MIN_PREFIX_CHARS: usize = 3;

/// What a word weighs in a post by where it appears (the strongest place counts).
pub const TITLE: u8 = 3;
pub const HEADING: u8 = 2;
pub const BODY: u8 = 1;

/// The words of `text`: letters and digits, lower case, accents kept (the stemmer's
/// input); an apostrophe inside a word joins it ("don't" → "dont"). Letters of other
/// scripts than Latin are kept as they are.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        loop {
            let mut word = String::new();
            let mut length = 0;
            while let Some(&c) = chars.peek() {
                chars.next();
                if is_word_char(c) {
                    word.push(lower(c));
                    length += 1;
                } else if word.is_empty() {
                    continue;
                } else if !(matches!(c, '\'' | '’')
                    && chars.peek().is_some_and(|&next| is_word_char(next)))
                {
                    break;
                }
            }
            if word.is_empty() {
                return None;
            }
            if length <= MAX_WORD_CHARS {
                return Some(word);
            }
        }
    })
}

/// The words of `text` as the index keys them: [`words`] without accents ("recaídas" →
/// "recaidas").
pub fn fold(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).map(|word| strip_accents(&word))
}

/// A lower-case word without its Latin accents and diacritics (combining marks too).
pub fn strip_accents(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'à'..='å' => out.push('a'),
            'æ' => out.push_str("ae"),
            'ç' => out.push('c'),
            'è'..='ë' => out.push('e'),
            'ì'..='ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò'..='ö' | 'ø' => out.push('o'),
            'ù'..='ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            'œ' | 'Œ' => out.push_str("oe"),
            '\u{300}'..='\u{36f}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Letters and digits: ASCII's, and any other character but punctuation, symbols and
/// spaces (by block, without Unicode's tables, which would weigh on the wasm).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || !(c.is_ascii()
            || matches!(c,
                '\u{80}'..='\u{bf}' | '×' | '÷'
                | '\u{2000}'..='\u{2bff}'
                | '\u{3000}'..='\u{303f}'
                | '\u{fe00}'..='\u{fe6f}'
                | '\u{ff00}'..='\u{ff0f}'
                | '\u{1f000}'..))
}

/// ASCII's and Latin-1's capitals in lower case; other letters as they are.
fn lower(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        c => c,
    }
}

/// A query as typed: its distinct folded words (at most [`MAX_TERMS`]), and whether the
/// last is still being typed (no space after it, [`MIN_PREFIX_CHARS`] or more), so
/// matches as a prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<String>,
    pub last_is_prefix: bool,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let text = match text.char_indices().nth(MAX_QUERY_CHARS) {
            Some((end, _)) => &text[..end],
            None => text,
        };
        let mut terms: Vec<String> = Vec::new();
        let mut last = None;
        for word in fold(text) {
            if terms.len() == MAX_TERMS {
                break;
            }
            if !terms.contains(&word) {
                terms.push(word.clone());
            }
            last = Some(word);
        }
        let typing = text.chars().last().is_some_and(is_word_char);
        let last_is_prefix = typing
            && last.is_some_and(|word| {
                terms.last() == Some(&word) && word.chars().count() >= MIN_PREFIX_CHARS
            });
        Query {
            terms,
            last_is_prefix,
        }
    }
}

/// `search/<language>/index-<hash>.json`: what a search needs before its words' shards.
/// Every other file is named by its hash (`<kind>-<16 hex digits>.json`, see
/// [`FileRef`]), in the manifest's folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// How many posts the index holds: numbered from 0, newest first.
    pub posts: u32,
    /// How many posts a block of results' metadata holds (the last holds the rest).
    pub block_size: u32,
    /// Pairs, flat: a word's ending and the ending the stemmer left in its place
    /// (`"ing", ""`, `"ies", "i"`), most common first.
    pub endings: Vec<String>,
    /// Each shard's lower bound: its keys sort at or after it, before the next one's.
    /// The first is empty.
    pub shards: Vec<String>,
    /// Each shard's hash ([`FileRef`]).
    pub shard_hashes: Vec<String>,
    /// Each block's hash.
    pub block_hashes: Vec<String>,
}

/// A shard: a range of the sorted keys, each pointing at its stem's postings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shard {
    /// The keys, sorted: words of the posts and stems.
    pub keys: Vec<String>,
    /// For each key, its stem's place in `postings`.
    pub stems: Vec<u32>,
    /// For each stem, the posts that contain it, in order: `gap << 2 | weight` each, the
    /// gap from the previous post's number (from 0 for the first).
    pub postings: Vec<Vec<u32>>,
}

/// One result as a list shows it: an entry of a block (`posts-<hash>.json`, an array).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hit {
    pub title: String,
    /// Below the site's base, as the app's links are: `es/blog/<slug>/`.
    pub path: String,
    /// Its publication date as its language prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub summary: String,
}

/// A file of the index: its name in the manifest's folder and its `integrity`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    pub name: String,
    pub integrity: String,
}

impl FileRef {
    /// From a hash as the manifest stores it (a SHA-256 in base64 without its padding):
    /// named by its first 8 bytes in hex, as every hashed file of the site is.
    pub fn new(kind: &str, hash: &str) -> FileRef {
        let mut bits: u128 = 0;
        for c in hash.bytes().take(11) {
            let sextet = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                _ => 63,
            };
            bits = bits << 6 | u128::from(sextet);
        }
        // 11 sextets are 66 bits: the first 64 are the 8 bytes.
        FileRef {
            name: format!("{kind}-{:016x}.json", (bits >> 2) as u64),
            integrity: format!("sha256-{hash}="),
        }
    }
}

impl Manifest {
    /// The shard whose range holds `key`.
    pub fn shard_of(&self, key: &str) -> usize {
        self.shards
            .partition_point(|first| first.as_str() <= key)
            .saturating_sub(1)
    }

    /// The shards whose ranges can hold keys starting with `prefix` (usually one).
    pub fn shards_with_prefix(&self, prefix: &str) -> Range<usize> {
        let start = self.shard_of(prefix);
        let more = self.shards[(start + 1).min(self.shards.len())..]
            .iter()
            .take_while(|first| first.starts_with(prefix))
            .count();
        start..start + 1 + more
    }

    /// The keys a whole word may be found under, in the order to try them: the word,
    /// then what each ending gives, longest first. A word still being typed may also end
    /// with the start of an ending ("relapsi", on its way to "relapsing": "relaps").
    pub fn candidates(&self, word: &str, typing: bool) -> Vec<String> {
        let mut candidates = vec![word.to_string()];
        for pair in self.endings.chunks_exact(2) {
            let (ending, replacement) = (pair[0].as_str(), pair[1].as_str());
            let starts = ending.char_indices().map(|(i, _)| i).skip(1);
            let typed = starts.filter(|_| typing).map(|i| &ending[..i]);
            for end in std::iter::once(ending).chain(typed) {
                if let Some(stem) = word.strip_suffix(end)
                    && stem.chars().count() >= 2
                {
                    let candidate = format!("{stem}{replacement}");
                    if !candidates.contains(&candidate) {
                        candidates.push(candidate);
                    }
                }
            }
        }
        candidates[1..].sort_by_key(|c| std::cmp::Reverse(c.len()));
        candidates
    }

    /// Every shard `query` needs, in order.
    pub fn shards_for(&self, query: &Query) -> Vec<usize> {
        let mut shards = Vec::new();
        for (i, term) in query.terms.iter().enumerate() {
            let typing = query.last_is_prefix && i + 1 == query.terms.len();
            let candidates = self.candidates(term, typing);
            shards.extend(candidates.iter().map(|c| self.shard_of(c)));
            if typing {
                shards.extend(self.shards_with_prefix(term));
            }
        }
        shards.sort_unstable();
        shards.dedup();
        shards.retain(|&i| i < self.shard_hashes.len());
        shards
    }

    pub fn shard_file(&self, shard: usize) -> Option<FileRef> {
        let hash = self.shard_hashes.get(shard)?;
        Some(FileRef::new("shard", hash))
    }

    /// The block of results' metadata that holds `post`, and where in it.
    pub fn block_of(&self, post: u32) -> (usize, usize) {
        let size = self.block_size.max(1);
        ((post / size) as usize, (post % size) as usize)
    }

    pub fn block_file(&self, block: usize) -> Option<FileRef> {
        let hash = self.block_hashes.get(block)?;
        Some(FileRef::new("posts", hash))
    }
}

impl Shard {
    /// The stem `key` points at.
    pub fn find(&self, key: &str) -> Option<usize> {
        let i = self.keys.binary_search_by(|k| k.as_str().cmp(key)).ok()?;
        self.stems.get(i).map(|&s| s as usize)
    }

    /// The stems of the keys that start with `prefix`.
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = usize> + 'a {
        let start = self.keys.partition_point(|k| k.as_str() < prefix);
        self.keys[start..]
            .iter()
            .zip(&self.stems[start.min(self.stems.len())..])
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(_, &s)| s as usize)
    }

    /// A stem's posts and weights.
    pub fn postings(&self, stem: usize) -> impl Iterator<Item = (u32, u8)> + '_ {
        let mut post = 0u32;
        self.postings
            .get(stem)
            .into_iter()
            .flatten()
            .map(move |&code| {
                post = post.saturating_add(code >> 2);
                (post, (code & 3) as u8)
            })
    }
}

/// The posts that match `query`, best first, from the shards it needs ([`Manifest::shards_for`];
/// `shard` gives the fetched ones: one missing only loses its words).
pub fn search<'a>(
    manifest: &Manifest,
    shard: impl Fn(usize) -> Option<&'a Shard>,
    query: &Query,
) -> Vec<u32> {
    let terms: Vec<Vec<(u32, u8)>> = query
        .terms
        .iter()
        .enumerate()
        .map(|(i, term)| {
            let prefix = query.last_is_prefix && i + 1 == query.terms.len();
            let mut found: Vec<(u32, u8)> = Vec::new();
            let whole = manifest
                .candidates(term, prefix)
                .into_iter()
                .find_map(|key| {
                    let shard = shard(manifest.shard_of(&key))?;
                    Some((shard, shard.find(&key)?))
                });
            if let Some((shard, stem)) = whole {
                found.extend(shard.postings(stem));
            }
            if prefix {
                for n in manifest.shards_with_prefix(term) {
                    if let Some(shard) = shard(n) {
                        for stem in shard.with_prefix(term) {
                            found.extend(shard.postings(stem));
                        }
                    }
                }
            }
            found
        })
        .collect();
    rank(&terms)
}

/// Posts ordered by how many terms they contain, then by the terms' summed weights, then
/// newest (lowest number) first. `terms`: each term's posts with their weights (a post
/// may repeat: its highest weight counts).
pub fn rank(terms: &[Vec<(u32, u8)>]) -> Vec<u32> {
    // (post, term, weight), one per post and term.
    let mut all: Vec<(u32, usize, u8)> = Vec::new();
    for (term, postings) in terms.iter().enumerate() {
        all.extend(postings.iter().map(|&(post, weight)| (post, term, weight)));
    }
    all.sort_unstable_by(|a, b| (a.0, a.1, b.2).cmp(&(b.0, b.1, a.2)));
    all.dedup_by_key(|(post, term, _)| (*post, *term));
    // (post, terms, weight)
    let mut scores: Vec<(u32, u32, u32)> = Vec::new();
    for (post, _, weight) in all {
        match scores.last_mut() {
            Some(last) if last.0 == post => {
                last.1 += 1;
                last.2 += u32::from(weight);
            }
            _ => scores.push((post, 1, u32::from(weight))),
        }
    }
    scores.sort_unstable_by(|a, b| (b.1, b.2, a.0).cmp(&(a.1, a.2, b.0)));
    scores.into_iter().map(|(post, _, _)| post).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        fold(text).collect()
    }

    #[test]
    fn words_are_folded_and_split() {
        assert_eq!(
            folded("Don’t RELAPSE: l'été, ÁÉÍÓÚ Ü Ñ ñandú—Çà ÂÊÎÔÛ äëïö"),
            [
                "dont", "relapse", "lete", "aeiou", "u", "n", "nandu", "ca", "aeiou", "aeio"
            ]
        );
        assert_eq!(
            folded("'quoted' students' (877)920-6583 e\u{301}xito"),
            ["quoted", "students", "877", "920", "6583", "exito"]
        );
        assert_eq!(folded("9–15 hours…“IOP”"), ["9", "15", "hours", "iop"]);
        assert_eq!(words("Recaídas").collect::<Vec<_>>(), ["recaídas"]);
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(folded(&format!("before {long} after")), ["before", "after"]);
        assert_eq!(folded(&"a".repeat(MAX_WORD_CHARS)).len(), 1);
        assert!(folded("<>&;!? — … ").is_empty());
    }

    #[test]
    fn queries_are_capped_and_know_their_last_word() {
        let q = Query::parse("Relapse prevention");
        assert_eq!(q.terms, ["relapse", "prevention"]);
        assert!(q.last_is_prefix);
        assert!(!Query::parse("relapse prevention ").last_is_prefix);
        assert!(!Query::parse("relapse pr").last_is_prefix, "two letters");
        let many: String = (0..500).map(|i| format!("w{i} ")).collect();
        let q = Query::parse(&many);
        assert_eq!(q.terms.len(), MAX_TERMS);
        let q = Query::parse(&"x".repeat(1000));
        assert!(q.terms.is_empty(), "one 200-letter word is too long a word");
        assert_eq!(
            Query::parse("<script>alert(1)</script>").terms,
            ["script", "alert", "1"]
        );
        assert_eq!(Query::parse("iop IOP iop").terms, ["iop"]);
    }

    fn manifest(shards: &[&str]) -> Manifest {
        Manifest {
            posts: 40,
            block_size: 16,
            endings: ["ing", "", "es", "", "s", "", "y", "i"]
                .map(String::from)
                .to_vec(),
            shards: shards.iter().map(|s| s.to_string()).collect(),
            shard_hashes: vec![String::new(); shards.len()],
            block_hashes: Vec::new(),
        }
    }

    #[test]
    fn keys_and_prefixes_find_their_shards() {
        let m = manifest(&["", "d", "rel", "rela", "relap", "s"]);
        assert_eq!(m.shard_of("apple"), 0);
        assert_eq!(m.shard_of("d"), 1);
        assert_eq!(m.shard_of("re"), 1);
        assert_eq!(m.shard_of("relapse"), 4);
        assert_eq!(m.shard_of("zebra"), 5);
        assert_eq!(m.shards_with_prefix("rel"), 2..5);
        assert_eq!(m.shards_with_prefix("rela"), 3..5);
        assert_eq!(m.shards_with_prefix("relat"), 4..5);
        assert_eq!(m.shards_with_prefix("zz"), 5..6);
        assert_eq!(m.shards_with_prefix("ab"), 0..1);
        assert_eq!(
            m.candidates("relapses", false),
            ["relapses", "relapse", "relaps"],
            "the word, then its stems, longest first"
        );
        assert_eq!(m.candidates("happy", false), ["happy", "happi"]);
        assert_eq!(
            m.candidates("is", false),
            ["is"],
            "a stem keeps two letters"
        );
        assert_eq!(m.candidates("relapsi", false), ["relapsi"]);
        assert_eq!(m.candidates("relapsi", true), ["relapsi", "relaps"]);
        let q = Query::parse("apple rel");
        assert_eq!(m.shards_for(&q), [0, 2, 3, 4]);
    }

    #[test]
    fn hashes_name_files() {
        // SHA-256("abc"): ba7816bf8f01cfea…, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=".
        let file = FileRef::new("shard", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0");
        assert_eq!(file.name, "shard-ba7816bf8f01cfea.json");
        assert_eq!(
            file.integrity,
            "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
    }

    fn shard() -> Shard {
        // relaps: posts 0 (title), 3 (body); relationship: post 1 (heading); sober: 2, 3.
        Shard {
            keys: ["relaps", "relapse", "relationship", "sober"]
                .map(String::from)
                .to_vec(),
            stems: vec![0, 0, 1, 2],
            postings: vec![
                vec![3, 3 << 2 | 1],
                vec![1 << 2 | 2],
                vec![2 << 2 | 1, 1 << 2 | 1],
            ],
        }
    }

    #[test]
    fn shards_decode_their_postings() {
        let s = shard();
        assert_eq!(s.find("relapse"), Some(0));
        assert_eq!(s.find("relapses"), None);
        assert_eq!(s.postings(0).collect::<Vec<_>>(), [(0, 3), (3, 1)]);
        assert_eq!(s.with_prefix("rela").collect::<Vec<_>>(), [0, 0, 1]);
        assert_eq!(s.with_prefix("zz").count(), 0);
        assert_eq!(s.postings(9).count(), 0);
    }

    #[test]
    fn search_finds_forms_stems_and_prefixes() {
        let m = manifest(&[""]);
        let s = shard();
        let run = |q: &str| search(&m, |_| Some(&s), &Query::parse(q));
        assert_eq!(run("relapses "), [0, 3], "an ending removed");
        assert_eq!(run("relapse sober"), [3, 0, 2], "both words first");
        assert_eq!(run("rela"), [0, 1, 3], "a prefix: title, heading, body");
        assert_eq!(run("rela "), Vec::<u32>::new(), "a whole word");
        assert_eq!(run("relapsin"), [0, 3], "the start of an ending");
        assert_eq!(run("re"), Vec::<u32>::new(), "too short a prefix");
        assert_eq!(run("unknown"), Vec::<u32>::new());
        assert_eq!(
            search(&m, |_| None, &Query::parse("sober")),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn ranking_puts_all_terms_then_weight_then_newest() {
        let terms = vec![
            vec![(5, BODY), (2, BODY), (9, TITLE), (7, BODY), (7, TITLE)],
            vec![(5, BODY), (2, BODY), (8, TITLE), (7, BODY)],
        ];
        // 7 has both (title 3 + body 1), 2 and 5 both (body + body), then 8 and 9 alone.
        assert_eq!(rank(&terms), [7, 2, 5, 8, 9]);
        assert!(rank(&[]).is_empty());
    }
}

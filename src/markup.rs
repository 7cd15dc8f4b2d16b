//! The inline mini-markup used in content text fields.
//!
//! Content stays readable prose; three things are marked up:
//! - `[label](href)` is a link,
//! - `**term**` is emphasised (list item lead-ins such as "Group therapy:"),
//! - every occurrence of the site's phone number becomes a `tel:` link on its own,
//!   so no editor can forget one.
//!
//! Anything that does not close properly is kept as literal text.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline<'a> {
    Text(&'a str),
    Strong(&'a str),
    Link { label: &'a str, href: &'a str },
    Phone(&'a str),
}

impl Inline<'_> {
    /// The text a reader sees.
    pub fn text(&self) -> &str {
        match self {
            Inline::Text(t) | Inline::Strong(t) | Inline::Phone(t) => t,
            Inline::Link { label, .. } => label,
        }
    }
}

/// Splits `text` into inline parts. `phone` is the number as printed in the content.
pub fn parse<'a>(text: &'a str, phone: &str) -> Vec<Inline<'a>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut pos = 0;
    // `pos` walks `rest`; everything before it is plain text.
    while pos < rest.len() {
        let tail = &rest[pos..];
        let token = if let Some(after) = tail.strip_prefix("**") {
            after
                .find("**")
                .map(|end| &after[..end])
                .filter(|inner| is_emphasis(inner))
                .map(|inner| (Inline::Strong(inner), inner.len() + 4))
        } else if tail.starts_with('[') {
            parse_link(tail)
        } else {
            None
        };
        match token {
            Some((inline, len)) => {
                push_text(&mut out, &rest[..pos], phone);
                out.push(inline);
                rest = &rest[pos + len..];
                pos = 0;
            }
            None => pos += tail.chars().next().map_or(1, char::len_utf8),
        }
    }
    push_text(&mut out, rest, phone);
    out
}

/// Like Markdown, `**` only emphasises text that does not start or end with a space.
fn is_emphasis(inner: &str) -> bool {
    !inner.is_empty()
        && !inner.starts_with(char::is_whitespace)
        && !inner.ends_with(char::is_whitespace)
}

/// `[label](href)` at the start of `s`: the link and the bytes it spans.
fn parse_link(s: &str) -> Option<(Inline<'_>, usize)> {
    let close = s.find("](")?;
    let label = &s[1..close];
    if label.is_empty() || label.contains('[') {
        return None;
    }
    let href_start = close + 2;
    let href_len = s[href_start..].find(')')?;
    let href = &s[href_start..href_start + href_len];
    if href.is_empty() || href.contains(char::is_whitespace) {
        return None;
    }
    Some((Inline::Link { label, href }, href_start + href_len + 1))
}

/// Plain text, with each occurrence of the phone number split out as a `Phone`.
fn push_text<'a>(out: &mut Vec<Inline<'a>>, mut text: &'a str, phone: &str) {
    if !phone.is_empty() {
        while let Some(at) = text.find(phone) {
            if at > 0 {
                out.push(Inline::Text(&text[..at]));
            }
            out.push(Inline::Phone(&text[at..at + phone.len()]));
            text = &text[at + phone.len()..];
        }
    }
    if !text.is_empty() {
        out.push(Inline::Text(text));
    }
}

/// The text a reader sees, markup removed.
pub fn plain_text(text: &str, phone: &str) -> String {
    parse(text, phone).iter().map(Inline::text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    const PHONE: &str = "(877)920-6583";

    #[test]
    fn plain_text_is_one_part() {
        assert_eq!(parse("It’s not.", PHONE), vec![Text("It’s not.")]);
        assert_eq!(parse("", PHONE), vec![]);
    }

    #[test]
    fn strong_link_and_phone() {
        let parts = parse(
            "**Term:** call (877)920-6583 or see [our center](https://x.test/a) now.",
            PHONE,
        );
        assert_eq!(
            parts,
            vec![
                Strong("Term:"),
                Text(" call "),
                Phone(PHONE),
                Text(" or see "),
                Link {
                    label: "our center",
                    href: "https://x.test/a"
                },
                Text(" now."),
            ]
        );
    }

    #[test]
    fn phone_at_both_ends_and_twice() {
        assert_eq!(
            parse("(877)920-6583 and (877)920-6583", PHONE),
            vec![Phone(PHONE), Text(" and "), Phone(PHONE)]
        );
    }

    #[test]
    fn unclosed_markup_stays_literal() {
        for text in [
            "a ** b",
            "[x](y",
            "[x] (y)",
            "[](y)",
            "[x]()",
            "** **x",
            "[a b](c d)",
        ] {
            assert_eq!(plain_text(text, PHONE), text, "{text}");
        }
    }

    #[test]
    fn multibyte_text_around_tokens() {
        assert_eq!(
            parse("“Could I?” **—yes—** ‘ok’", PHONE),
            vec![Text("“Could I?” "), Strong("—yes—"), Text(" ‘ok’")]
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("**A:** see [b](/c) or (877)920-6583", PHONE),
            "A: see b or (877)920-6583"
        );
    }
}

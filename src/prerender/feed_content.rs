//! A post as the feed carries it: the whole article as plain HTML (headings, prose, the
//! article's own comparison table, every question and answer, the disclaimer), every
//! link absolute, since a feed reader shows it away from the site.

use lol_html::{RewriteStrSettings, element, rewrite_str};

use crate::compile::escape;
use crate::model::{Block, Comparison, FaqItem, Post, Site};

/// `post`'s HTML for its feed entry; `post_url` is its page, `origin` the site's.
pub fn post_html(post: &Post, site: &Site, post_url: &str, origin: &str) -> String {
    let mut html = format!(
        "<p>{} {}</p>",
        escape(&site.text.reviewed_by),
        escape(&post.reviewer)
    );
    for section in &post.sections {
        if let Some(heading) = &section.heading {
            html.push_str(&format!("<h2>{}</h2>", escape(&heading.text)));
        }
        for block in &section.blocks {
            match block {
                Block::Prose { html: prose } => html.push_str(prose.as_str()),
                Block::Comparison(table) => html.push_str(&comparison_html(table)),
                Block::Faq { items } => {
                    for item in items {
                        html.push_str(&faq_html(item, site));
                    }
                }
            }
        }
    }
    html.push_str(post.disclaimer.as_str());
    absolute_links(&html, post_url, origin)
}

/// The article's own table: its default programs, as the source prints it.
fn comparison_html(table: &Comparison) -> String {
    let programs: Vec<_> = table.default_programs().collect();
    let mut html = format!(
        "<table><caption>{}</caption><thead><tr><th>{}</th>",
        escape(&table.caption),
        escape(&table.feature_heading)
    );
    for program in &programs {
        html.push_str(&format!("<th>{}</th>", escape(&program.name)));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        html.push_str(&format!("<tr><th>{}</th>", escape(&row.feature)));
        for program in &programs {
            let cell = row.cell(&program.id).map_or("", |cell| cell.as_str());
            html.push_str(&format!("<td>{cell}</td>"));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

fn faq_html(item: &FaqItem, site: &Site) -> String {
    let mut html = format!(
        "<h3>{}</h3>{}",
        escape(&item.question),
        item.answer.as_str()
    );
    if let Some(call) = &item.call {
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>",
            escape(&site.phone.href()),
            escape(call)
        ));
    }
    html
}

/// Site paths (`/…`) become `origin/…`, in-page links (`#…`) the post's page with them;
/// so do the images' (`src`, every `srcset` candidate), which are always site paths.
fn absolute_links(html: &str, post_url: &str, origin: &str) -> String {
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!("img[src]", |img| {
                let src = img.get_attribute("src").unwrap_or_default();
                img.set_attribute("src", &format!("{origin}{src}"))?;
                if let Some(srcset) = img.get_attribute("srcset") {
                    let absolute: Vec<String> = srcset
                        .split(", ")
                        .map(|candidate| format!("{origin}{candidate}"))
                        .collect();
                    img.set_attribute("srcset", &absolute.join(", "))?;
                }
                Ok(())
            }),
            element!("a[href]", |a| {
                let href = a.get_attribute("href").unwrap_or_default();
                let absolute = if href.starts_with('/') && !href.starts_with("//") {
                    Some(format!("{origin}{href}"))
                } else if href.starts_with('#') {
                    Some(format!("{post_url}{href}"))
                } else {
                    None
                };
                if let Some(absolute) = absolute {
                    a.set_attribute("href", &absolute)?;
                }
                Ok(())
            }),
        ],
        ..RewriteStrSettings::new()
    };
    rewrite_str(html, settings).expect("the compiled post is HTML lol_html reads")
}

#[cfg(test)]
mod tests {
    use super::absolute_links;

    #[test]
    fn links_are_made_absolute() {
        assert_eq!(
            absolute_links(
                r##"<a href="/blog/x/">a</a><a href="#faq">b</a><a href="https://o.org/">c</a><a href="tel:988">d</a>"##,
                "https://blog.org/blog/y/",
                "https://blog.org"
            ),
            r##"<a href="https://blog.org/blog/x/">a</a><a href="https://blog.org/blog/y/#faq">b</a><a href="https://o.org/">c</a><a href="tel:988">d</a>"##
        );
        assert_eq!(
            absolute_links(
                r#"<img src="/images/a-960-0123456789abcdef.jpg" srcset="/images/a-480-0123456789abcdef.jpg 480w, /images/a-960-0123456789abcdef.jpg 960w" alt="A">"#,
                "https://blog.org/blog/y/",
                "https://blog.org"
            ),
            r#"<img src="https://blog.org/images/a-960-0123456789abcdef.jpg" srcset="https://blog.org/images/a-480-0123456789abcdef.jpg 480w, https://blog.org/images/a-960-0123456789abcdef.jpg 960w" alt="A">"#
        );
    }
}

//! A post as the feed carries it: its reviewer, then the article's body as the app
//! renders it (prose, contents, the comparison table, every question and answer, the
//! disclaimer), made for a feed reader, which runs no script and shows the post away
//! from the site: without the controls that need the app, every answer open, every link
//! absolute.

use std::sync::Arc;

use leptos::prelude::*;
use lol_html::{RewriteStrSettings, element, rewrite_str};

use crate::components::article::PostBody;
use crate::model::{Post, Site};
use crate::render::render_static;
use crate::route::Base;
use crate::takeover;

/// `post`'s HTML for its feed entry; `post_url` is its page, `origin` the site's.
pub fn post_html(
    post: &Post,
    site: &Arc<Site>,
    base: &Base,
    post_url: &str,
    origin: &str,
) -> String {
    let Post {
        reviewer,
        sections,
        disclaimer,
        ..
    } = post.clone();
    let reviewed_by = site.text.reviewed_by.clone();
    let html = render_static(
        post_url.strip_prefix(origin).unwrap_or(post_url),
        base,
        Arc::clone(site),
        move || {
            view! {
                <p>{reviewed_by} " " {reviewer}</p>
                <PostBody sections disclaimer />
            }
        },
    );
    for_feed_readers(&html, post_url, origin)
}

/// What needs the app ([`takeover::NEEDS_APP`], which the page hides without scripting
/// too) and what is hidden (the columns of the programs the table does not show at first)
/// are left out; every answer is open. Site paths (`/…`) become `origin/…`, in-page links
/// (`#…`) the post's page with them; so do the images' (`src`, every `srcset` candidate),
/// which are always site paths.
fn for_feed_readers(html: &str, post_url: &str, origin: &str) -> String {
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!(format!("[{}], [hidden]", takeover::NEEDS_APP), |el| {
                el.remove();
                Ok(())
            }),
            element!("details", |details| {
                details.set_attribute("open", "")?;
                Ok(())
            }),
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
    rewrite_str(html, settings).expect("the renderer writes HTML lol_html reads")
}

#[cfg(test)]
mod tests {
    use super::for_feed_readers;

    #[test]
    fn links_are_made_absolute() {
        assert_eq!(
            for_feed_readers(
                r##"<a href="/blog/x/">a</a><a href="#faq">b</a><a href="https://o.org/">c</a><a href="tel:988">d</a>"##,
                "https://blog.org/blog/y/",
                "https://blog.org"
            ),
            r##"<a href="https://blog.org/blog/x/">a</a><a href="https://blog.org/blog/y/#faq">b</a><a href="https://o.org/">c</a><a href="tel:988">d</a>"##
        );
        assert_eq!(
            for_feed_readers(
                r#"<img src="/images/a-960-0123456789abcdef.jpg" srcset="/images/a-480-0123456789abcdef.jpg 480w, /images/a-960-0123456789abcdef.jpg 960w" alt="A">"#,
                "https://blog.org/blog/y/",
                "https://blog.org"
            ),
            r#"<img src="https://blog.org/images/a-960-0123456789abcdef.jpg" srcset="https://blog.org/images/a-480-0123456789abcdef.jpg 480w, https://blog.org/images/a-960-0123456789abcdef.jpg 960w" alt="A">"#
        );
    }

    #[test]
    fn what_needs_the_app_or_is_hidden_is_left_out_and_answers_are_open() {
        assert_eq!(
            for_feed_readers(
                r#"<div><p class="controls" data-needs-app><button>x</button></p><table><tr><th>a</th><td hidden>b</td><td>c</td></tr></table><details class="faq-item"><summary>q</summary>a</details></div>"#,
                "https://blog.org/blog/y/",
                "https://blog.org"
            ),
            r#"<div><table><tr><th>a</th><td>c</td></tr></table><details class="faq-item" open=""><summary>q</summary>a</details></div>"#
        );
    }
}

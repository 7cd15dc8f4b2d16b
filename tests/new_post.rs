//! A content editor's workflow: adding a post means adding files under the content
//! folder only. With the unpublished sample post from the fixtures added, the post
//! appears in the index, its route is prerendered, and it is in the sitemap.
//! (Its own test binary: it points REHAB_CONTENT_DIR at a temporary content folder.)
#![cfg(feature = "ssr")]

use std::path::Path;

use rehab_blog::prerender::build_site;
use rehab_blog::validate::Library;

const SLUG: &str = "what-to-bring-to-your-first-iop-session";

#[test]
fn a_new_post_flows_through_index_route_and_sitemap() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("rehab-new-post-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("posts")).unwrap();
    std::fs::copy(
        root.join("public/content/posts/iop-instead-of-rehab.json"),
        dir.join("posts/iop-instead-of-rehab.json"),
    )
    .unwrap();
    std::fs::copy(
        root.join("tests/fixtures/sample-post.json"),
        dir.join(format!("posts/{SLUG}.json")),
    )
    .unwrap();
    let mut site: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("public/content/site.json")).unwrap(),
    )
    .unwrap();
    site["posts"] = serde_json::json!([SLUG, "iop-instead-of-rehab"]);
    std::fs::write(dir.join("site.json"), site.to_string()).unwrap();
    // SAFETY: this test binary runs this one test; nothing else reads the environment.
    unsafe { std::env::set_var("REHAB_CONTENT_DIR", &dir) };

    let library = Library::load(&dir).expect("the sample post validates");
    let shell = std::fs::read_to_string(root.join("tests/fixtures/trunk-shell.html")).unwrap();
    let files = build_site(&shell, &library, "https://blog.example").expect("builds");
    let page = |p: &str| {
        files
            .iter()
            .find(|f| f.path == p)
            .unwrap_or_else(|| panic!("{p} not written"))
            .contents
            .clone()
    };

    let index = page("index.html");
    let new_link = format!("href=\"/blog/{SLUG}/\"");
    assert!(index.contains(&new_link), "listed in the index");
    assert!(
        index.find(&new_link) < index.find("href=\"/blog/iop-instead-of-rehab/\""),
        "newest first, as site.json orders them"
    );
    let post = page(&format!("blog/{SLUG}/index.html"));
    assert!(post.contains("<h1 id=\"title\">What to Bring to Your First IOP Session</h1>"));
    assert!(post.contains("<strong>A notebook:</strong>"));
    assert!(post.contains("href=\"tel:+18779206583\""));
    assert!(page("sitemap.xml").contains(&format!("<loc>https://blog.example/blog/{SLUG}/</loc>")));
    let summaries: serde_json::Value = serde_json::from_str(&page("content/index.json")).unwrap();
    assert_eq!(summaries[0]["slug"], SLUG);
    assert_eq!(summaries[0]["reading_minutes"], 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

//! Components mounted in headless Chromium and interacted with (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use rehab_blog::comparison_state::{ComparisonState, TooFewPrograms};
use rehab_blog::components::faq::Faq;
use rehab_blog::model::{Block, Comparison, FaqItem, Post, Site, slugify};
use rehab_blog::pages::not_found::NotFound;
use rehab_blog::route::Base;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlAnchorElement, HtmlDetailsElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The site settings as the build writes them: without the build's own settings (page
/// sizes; the offline wording, which only the service worker carries; the dates, printed at
/// build time), the language as its code, and the crisis lines left uncompiled, which these
/// tests do not look at.
fn site() -> Site {
    let mut settings: serde_json::Value =
        serde_json::from_str(include_str!("../content/site.json")).unwrap();
    let settings_object = settings.as_object_mut().unwrap();
    for build_only in ["posts_per_page", "feed_entries", "offline", "dates"] {
        settings_object.remove(build_only);
    }
    let language = settings_object.remove("language").unwrap();
    settings_object.insert("lang".into(), language["code"].clone());
    serde_json::from_value(settings).unwrap()
}

/// A post in the compiled form the browser fetches (the wasm has no Markdown compiler).
fn blocks() -> impl Iterator<Item = Block> {
    let post: Post = serde_json::from_str(include_str!("fixtures/compiled-post.json")).unwrap();
    post.sections.into_iter().flat_map(|s| s.blocks)
}

fn faq_items() -> Vec<FaqItem> {
    blocks()
        .find_map(|b| match b {
            Block::Faq { items } => Some(items),
            _ => None,
        })
        .unwrap()
}

fn comparison() -> Comparison {
    blocks()
        .find_map(|b| match b {
            Block::Comparison(table) => Some(table),
            _ => None,
        })
        .unwrap()
}

/// A fresh container in the test page, with the view mounted in it.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + Send + 'static) -> HtmlElement {
    let document = document();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = mount_to(container.clone(), move || {
        provide_context(Arc::new(site()));
        provide_context(Base::default());
        view! { <Router>{view()}</Router> }
    });
    handle.forget();
    container
}

#[wasm_bindgen_test]
fn faq_question_toggles_its_answer() {
    let root = mount(|| view! { <Faq items=faq_items() /> });
    let items = root.query_selector_all("details.faq-item").unwrap();
    assert_eq!(items.length() as usize, faq_items().len());
    let details: HtmlDetailsElement = root
        .query_selector(&format!("#{}", faq_items()[1].id))
        .unwrap()
        .unwrap()
        .unchecked_into();
    let summary: HtmlElement = details
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!details.open());
    summary.click();
    assert!(details.open(), "a click on the question opens it");
    summary.click();
    assert!(!details.open(), "a second click closes it");
}

/// The element's HTML without its comment nodes: placeholders the framework leaves when it
/// renders on the client (it appends one inside an `inner_html` element), which no reader
/// sees and the prerendered page does not have.
fn html_without_comments(element: &web_sys::Element) -> String {
    let clone: web_sys::Element = element.clone_node_with_deep(true).unwrap().unchecked_into();
    let children = clone.child_nodes();
    for i in (0..children.length()).rev() {
        let node = children.item(i).unwrap();
        if node.node_type() == web_sys::Node::COMMENT_NODE {
            clone.remove_child(&node).unwrap();
        }
    }
    clone.inner_html()
}

#[wasm_bindgen_test]
fn faq_answers_are_the_compiled_fragments() {
    let root = mount(|| view! { <Faq items=faq_items() /> });
    for item in faq_items() {
        let answer = root
            .query_selector(&format!("#{} .faq-answer .prose", item.id))
            .unwrap()
            .unwrap();
        assert_eq!(html_without_comments(&answer), item.answer.as_str());
    }
    assert_eq!(
        slugify("  Is IOP — really — covered?? "),
        "is-iop-really-covered"
    );
}

#[wasm_bindgen_test]
fn not_found_links_home_and_to_the_phone() {
    let root = mount(|| view! { <NotFound /> });
    let site = site();
    let home: HtmlAnchorElement = root
        .query_selector("a.button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(home.get_attribute("href").as_deref(), Some("/"));
    assert_eq!(home.text_content(), Some(site.text.not_found_home));
    let tel: HtmlAnchorElement = root
        .query_selector("a[href^='tel:']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(tel.get_attribute("href"), Some(site.phone.href()));
    assert_eq!(
        root.query_selector("h1").unwrap().unwrap().text_content(),
        Some(site.text.not_found_title)
    );
}

#[wasm_bindgen_test]
fn comparison_state_round_trips_through_the_url() {
    let table = comparison();
    let state = ComparisonState::from_query(&table, Some("iop,php"), Some("1"));
    assert_eq!(state.selected, ["php", "iop"]);
    let query = state.to_query(&table);
    assert_eq!(
        query,
        vec![
            ("compare", "php,iop".to_string()),
            ("diff", "1".to_string())
        ]
    );
    assert_eq!(
        ComparisonState::from_query(&table, Some(&query[0].1), Some(&query[1].1)),
        state
    );
    let default = ComparisonState::from_query(&table, Some("<script>"), Some("true"));
    assert_eq!(default, ComparisonState::default_for(&table));
    assert!(default.to_query(&table).is_empty());
}

#[wasm_bindgen_test]
fn comparison_keeps_two_programs_and_hides_identical_rows() {
    let table = comparison();
    let state = ComparisonState::default_for(&table);
    assert_eq!(state.toggle(&table, "iop"), Err(TooFewPrograms));
    let php_iop = state
        .toggle(&table, "php")
        .unwrap()
        .toggle(&table, "inpatient")
        .unwrap();
    assert_eq!(php_iop.selected, ["php", "iop"]);
    let mut only = php_iop.clone();
    only.only_differences = true;
    // PHP and IOP both mean living at home in the fixture: that row is hidden.
    assert_eq!(only.hidden_rows(&table), 1);
    assert!(only.hides(&table.rows[0]));
    assert_eq!(php_iop.hidden_rows(&table), 0);
}

#[wasm_bindgen_test]
async fn faq_expand_all_opens_every_answer_and_then_collapses_them() {
    let root = mount(|| view! { <Faq items=faq_items() /> });
    let text = site().text.faq;
    // Effects run after mount: the FAQ reads which answers are already open.
    leptos::task::tick().await;
    let button: HtmlElement = root
        .query_selector(".faq-controls button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content(), Some(text.expand_all));
    button.click();
    leptos::task::tick().await;
    let details = root.query_selector_all("details").unwrap();
    for i in 0..details.length() {
        let d: HtmlDetailsElement = details.get(i).unwrap().unchecked_into();
        assert!(d.open(), "answer {i} open");
    }
    assert_eq!(button.text_content(), Some(text.collapse_all));
    button.click();
    leptos::task::tick().await;
    let d: HtmlDetailsElement = details.get(0).unwrap().unchecked_into();
    assert!(!d.open());
}

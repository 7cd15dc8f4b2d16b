use leptos::prelude::*;

use crate::components::rich_text::RichText;
use crate::model::FaqItem;

/// Questions and answers as native disclosures: they open with or without JavaScript.
#[component]
pub fn Faq(items: Vec<FaqItem>) -> impl IntoView {
    view! {
        <div class="faq">
            {items
                .into_iter()
                .map(|item| {
                    let id = item.anchor();
                    view! {
                        <details class="faq-item" id=id>
                            <summary>
                                <h3 class="faq-question">{item.question}</h3>
                            </summary>
                            <div class="faq-answer">
                                {item
                                    .answer
                                    .into_iter()
                                    .map(|text| view! { <p><RichText text /></p> })
                                    .collect_view()}
                            </div>
                        </details>
                    }
                })
                .collect_view()}
        </div>
    }
}

use leptos::prelude::*;

use crate::context::use_base;
use crate::model::Translation;

/// Links to this page in the site's other languages, each named in its own language and
/// marked as such; nothing when there is no translation. `target="_self"` keeps the
/// router from taking them: a page in another language loads whole (see `CurrentPage`),
/// with the browser's own history.
#[component]
pub fn LanguageSwitch(translations: Vec<Translation>) -> impl IntoView {
    let base = use_base();
    (!translations.is_empty()).then(move || {
        let links = translations
            .into_iter()
            .map(|t| {
                view! {
                    <a href=base.href(&t.path) hreflang=t.lang.clone() lang=t.lang target="_self">
                        {t.name}
                    </a>
                }
            })
            .collect_view();
        view! { <p class="language-switch">{links}</p> }
    })
}

//! Views shared by the pages.

pub mod announcement;
pub mod article;
pub mod byline;
pub mod call_bar;
pub mod comparison;
pub mod copy_status;
pub mod crisis_notice;
pub mod faq;
pub mod hydrate_later;
pub mod in_page_link;
pub mod language_switch;
pub mod load_states;
pub mod phone_link;
pub mod share_page;
pub mod site_footer;
pub mod site_header;
pub mod table_of_contents;
pub mod toggle_button;

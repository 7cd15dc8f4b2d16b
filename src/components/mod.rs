//! Views shared by the pages.

pub mod article;
pub mod comparison;
pub mod faq;
pub mod load_states;
pub mod rich_text;
pub mod site_footer;
pub mod site_header;

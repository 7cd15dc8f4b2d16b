//! One component per kind of page; [`crate::app`] picks which one a URL shows.

pub mod index;
pub mod not_found;
pub mod post;

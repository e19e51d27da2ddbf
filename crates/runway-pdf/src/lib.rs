//! PDF rendering (D9): report models from runway-domain laid out on pages ([`compose`],
//! [`chart`], [`poster`]) into a [`page::Document`] — the list of marks per page that the app's
//! preview draws — and written as PDF bytes by [`write`]. Where the bytes go is the caller's
//! business.

pub mod chart;
pub mod compose;
pub mod font;
pub mod page;
pub mod poster;
pub mod reports;
pub mod sheet;
pub mod write;

pub use compose::{Frame, Paper, Sheet};
pub use page::{Bookmark, Document, Mark, Page, Rgb};

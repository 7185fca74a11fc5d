//! The ground floor: the domain's shared vocabulary, with no other module of the crate below it.
//!
//! Every rule of the domain that more than one floor needs is written here once: the calendar
//! date and its ISO form ([`date`]), the level of an issuing body and its ranking ([`level`]),
//! what a deadline is and how precise ([`deadline`]), how a cited directive is named
//! ([`label`]), the plan-to-directive lag and when it counts for uptake ([`lag`]) and the
//! content fingerprint ([`hash`]). This module imports nothing of `crate::` (std and serde
//! only), so that any module may import it without making a circle.

pub mod date;
pub mod deadline;
pub(crate) mod hash;
pub(crate) mod label;
pub(crate) mod lag;
pub(crate) mod level;

pub use date::Date;
pub use deadline::{DeadlineKind, Precision};
pub use hash::{fnv1a, Fnv};
pub use level::Level;

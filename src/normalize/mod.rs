//! Normalize: text, numbers, units, headers, and the matching of units and
//! indicators, turning raw cells into tidy rows.

pub mod formula;
pub mod fraction;
pub mod header;
pub mod indicator;
pub mod legacy;
#[cfg(test)]
mod proptests;
mod rate_label;
pub mod sheets;
pub mod stamp;
pub mod store;
pub mod submission;
pub mod title;
pub mod year_months;

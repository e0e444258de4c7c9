//! Normalize: text, numbers, units, headers, and the matching of units and
//! indicators, turning raw cells into tidy rows.

pub mod number;
pub mod text;

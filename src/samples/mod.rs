//! Sample submissions, made deterministically from a seed: the shipped
//! sample district with its planted mistakes (`district`), and batches of
//! any size for practice and benchmarks (`batch`).
//!
//! ```text
//! rng         splitmix64: the only source of randomness
//! figures     consistent figures per unit (relations, rates, KH/TH/LK/CK)
//! submission  figures → the rows, names and percents a clerk writes
//! layout      the three layouts, written with rust_xlsxwriter
//! district    the 16-ward sample district and its expected findings
//! template_batch  a batch for any template folder: its registry's units,
//!             mistakes planted by what its catalog offers
//! batch       N wards with their own registry, or a few huge workbooks
//! large       the catalog of the huge workbooks: every row its own indicator
//! ```
//!
//! The same seed gives the same bytes: no clock, no hash order, and a
//! fixed creation date in every workbook's properties.

pub mod batch;
pub mod district;
pub mod figures;
pub mod large;
pub mod layout;
pub mod rng;
pub mod submission;
pub mod template_batch;

#[cfg(test)]
mod tests;

//! rules stage.

pub mod rounding;

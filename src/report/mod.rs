//! Report: the workbooks and error lists the users open.

pub mod annotate;
pub mod atomic;
pub mod detail;
pub mod errors;
pub mod feedback;
pub mod fit;
pub mod form;
pub mod layout;
pub mod limits;
pub mod marks;
pub mod workbook;

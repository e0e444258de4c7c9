//! Rules: the template's rule language (relations between indicators and
//! the definitions of rates).

pub mod expr;
pub mod rounding;

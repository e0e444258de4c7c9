//! tonghop: consolidate and check the quarterly Excel submissions of
//! Vietnamese local government units.
//!
//! The pipeline, one module a stage:
//!
//! ```text
//! ingest     files → sheets of cells, each with its origin
//! normalize  text, numbers, headers, unit and indicator matching → tidy rows
//! rules      the rule language of the template (relations, rates)
//! reconcile  polars over the tidy table: totals, rates, checks → findings
//! report     workbooks and error lists
//! ```
//!
//! `commands/` holds one file per subcommand; `diagnostic` the finding type
//! every stage emits.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod annex;
pub mod commands;
pub mod consolidation;
pub mod diagnostic;
pub mod error;
pub mod ingest;
pub mod memo;
pub mod memory;
pub mod messages;
pub mod model;
pub mod normalize;
pub mod number;
pub mod outputs;
pub mod reconcile;
pub mod report;
pub mod rules;
pub mod samples;
pub mod template;
pub mod text;
pub mod textcheck;

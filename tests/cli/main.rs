//! Integration tests: the real `tonghop` binary on real files in a temp
//! folder. One test binary; one module per subcommand.

mod annex;
mod annex_printed;
mod check;
mod check_text;
mod checks;
mod common;
mod consolidate;
mod corpus;
mod fatal;
mod feedback;
mod forms;
mod formulas;
mod fuzz;
mod hidden;
mod hostile;
mod ingest;
mod layering;
mod namesakes;
mod office;
mod one_voice;
mod page_breaks;
mod periods;
mod printed;
mod printed_tong_hop;
mod rate_units;
mod rates;
mod sample_district;
mod sample_province;
mod samples;
mod senders;
mod sheets;
mod short_totals;
mod trust;
mod ward_clerk;
mod year_chain;

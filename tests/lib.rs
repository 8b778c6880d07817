//! Integration tests: one binary, one module per concern.

mod api;
mod cases;
// the command-line tool is built with the `cli` feature only (cargo names
// its path without it too, so a stale build would be run)
#[cfg(feature = "cli")]
mod cli;
mod common;
mod docs;
mod formats;
mod graph;
mod invariants;
mod outline;

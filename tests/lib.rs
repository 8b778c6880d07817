//! Integration tests: one binary, one module per concern.

mod api;
mod cases;
mod cli;
mod common;
mod docs;
mod formats;
mod graph;
mod invariants;
mod outline;

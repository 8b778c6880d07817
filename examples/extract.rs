//! Prints the citations in one file as pretty JSON.
//!
//! ```text
//! cargo run --example extract -- FILE
//! cargo run --example extract < FILE        # or `-- -`: read stdin
//! ```
//!
//! Each citation is printed as a [`vanban::export::CitationRecord`]; a file
//! that cannot be read exits with status 2.

use std::io::{ErrorKind, Read, Write};
use std::process::ExitCode;
use vanban::export::CitationRecord;

fn main() -> ExitCode {
    let path = std::env::args().nth(1).filter(|p| p != "-");
    let (source, read) = match &path {
        Some(p) => (p.as_str(), std::fs::read_to_string(p)),
        None => {
            let mut s = String::new();
            ("<stdin>", std::io::stdin().read_to_string(&mut s).map(|_| s))
        }
    };
    let text = match read {
        Ok(text) => text,
        Err(e) => {
            eprintln!("extract: cannot read {source}: {e}");
            return ExitCode::from(2);
        }
    };
    let records: Vec<CitationRecord> = vanban::extract(&text).iter().map(CitationRecord::from).collect();
    let json = match serde_json::to_string_pretty(&records) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("extract: cannot serialise citations: {e}");
            return ExitCode::FAILURE;
        }
    };
    match writeln!(std::io::stdout().lock(), "{json}") {
        // a closed pipe (`| head`) is not an error
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            eprintln!("extract: cannot write output: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

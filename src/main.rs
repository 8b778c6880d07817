//! The `vanban` command-line tool.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vanban::export::{DocumentRecord, ErrorRecord, ExtractReport};
use vanban::input::{expand_paths, read_document};
use vanban::Extractor;

/// Find and type citations in Vietnamese Party and State documents.
#[derive(Parser, Debug)]
#[command(name = "vanban", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print every citation in the inputs as JSON (format_version 1).
    Extract {
        /// Files or directories (walked recursively); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Build the citation graph of the inputs (default: the bundled fixtures).
    Graph {
        /// Files or directories; the bundled `fixtures/` corpus when none.
        paths: Vec<PathBuf>,
    },
}

fn run_extract(paths: &[PathBuf], pretty: bool) -> Result<bool, vanban::Error> {
    let ex = Extractor::new();
    let mut report = ExtractReport::new();
    for p in expand_paths(paths) {
        let doc = p.and_then(|p| read_document(&p));
        match doc {
            Ok(doc) => {
                // extraction never panics by design; should a bug make it, the
                // file is reported and the run goes on
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ex.extract(&doc.text))) {
                    Ok(cites) => report.documents.push(DocumentRecord::new(doc.source, &cites)),
                    Err(_) => {
                        eprintln!("vanban: internal error while extracting `{}`", doc.source);
                        report.errors.push(ErrorRecord {
                            error: format!("internal error while extracting `{}`", doc.source),
                            source: doc.source,
                        });
                    }
                }
            }
            Err(e) => {
                let source = match &e {
                    vanban::Error::Io { path, .. }
                    | vanban::Error::NotText { path, .. }
                    | vanban::Error::Binary { path } => path.display().to_string(),
                    _ => String::new(),
                };
                eprintln!("vanban: {e}");
                report.errors.push(ErrorRecord { source, error: e.to_string() });
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if pretty {
        serde_json::to_writer_pretty(&mut out, &report)?;
    } else {
        serde_json::to_writer(&mut out, &report)?;
    }
    let _ = writeln!(out);
    Ok(report.errors.is_empty())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract { paths, pretty } => run_extract(&paths, pretty),
        Command::Graph { paths } => {
            let paths =
                if paths.is_empty() { vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")] } else { paths };
            run_extract(&paths, true)
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("vanban: {e}");
            ExitCode::from(2)
        }
    }
}

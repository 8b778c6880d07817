//! The `vanban` command-line tool.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vanban::decode::{DecodeOptions, Encoding};
use vanban::export::{DocumentRecord, ErrorRecord, ExtractReport, InputRecord};
use vanban::graph::export::{Format, write_csv, write_dot, write_graphml, write_json, write_jsonl};
use vanban::input::{Document, expand_paths, read_document_with};
use vanban::{Analysis, DocId, Extractor, Graph, GraphBuilder, Relation};

/// Find, type and resolve citations in Vietnamese Party and State documents.
#[derive(Parser, Debug)]
#[command(name = "vanban", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Read inputs in this encoding instead of detecting it: utf-8,
    /// utf-16le, utf-16be, windows-1258, tcvn3, vni, tcvn3-unicode,
    /// vni-unicode, utf-8-mojibake.
    #[arg(long, global = true, value_name = "ENCODING")]
    encoding: Option<String>,
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
        /// json, jsonl, csv, graphml or dot.
        #[arg(long, default_value = "json")]
        format: String,
        /// Write here instead of standard output (a directory for csv:
        /// nodes.csv and edges.csv).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Answer a question from a saved graph (the JSON of `vanban graph`).
    Query {
        /// The graph JSON file.
        graph: PathBuf,
        #[command(subcommand)]
        question: Question,
        /// Print JSON instead of a table.
        #[arg(long, global = true)]
        json: bool,
    },
    /// Print the text vanban reads from a file (decoded; for a .docx, the
    /// text that citation offsets count in).
    Text {
        /// The file.
        file: PathBuf,
    },
    /// Print a document's structure: header, title, preamble and its
    /// grounds, body divisions, signature, recipients, appendices.
    Outline {
        /// The document.
        file: PathBuf,
        /// Print the tree as JSON (spans in the file's offsets) instead of
        /// an indented outline.
        #[arg(long)]
        json: bool,
    },
    /// Write a document as HTML with each citation linked to its node id.
    Annotate {
        /// The document.
        file: PathBuf,
        /// Write here instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Prefix for the links (default: anchors in the page itself).
        #[arg(long)]
        base: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum Question {
    /// Documents that cite DOC.
    CitedBy {
        /// A node id or a code (`178-KL/TW`).
        doc: String,
        /// Only edges with this relation (implements, based_on, …).
        #[arg(long)]
        relation: Option<String>,
    },
    /// Documents DOC cites.
    Cites {
        /// A node id or a code.
        doc: String,
        /// Only edges with this relation.
        #[arg(long)]
        relation: Option<String>,
    },
    /// Everything that implements DOC, directly or through other documents.
    Implements {
        /// A node id or a code.
        doc: String,
    },
    /// The most cited documents.
    MostCited {
        /// How many.
        #[arg(short, default_value_t = 20)]
        n: usize,
    },
    /// Documents cited but not in the corpus.
    Missing,
}

/// Reads, analyses and hands each input to `each`; unreadable inputs and
/// internal errors go to the returned list, and the run goes on.
fn for_each_document(
    paths: &[PathBuf],
    opts: &DecodeOptions,
    mut each: impl FnMut(&Document, Analysis),
) -> Vec<ErrorRecord> {
    let ex = Extractor::new();
    let mut errors = Vec::new();
    for p in expand_paths(paths) {
        match p.and_then(|p| read_document_with(&p, opts)) {
            Ok(doc) => {
                // analysis never panics by design; should a bug make it, the
                // file is reported and the run goes on
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| doc.analyze(&ex))) {
                    Ok(a) => each(&doc, a),
                    Err(_) => {
                        eprintln!("vanban: internal error while reading `{}`", doc.source);
                        errors.push(ErrorRecord {
                            error: format!("internal error while reading `{}`", doc.source),
                            source: doc.source,
                        });
                    }
                }
            }
            Err(e) => {
                let source = e.path().map(|p| p.display().to_string()).unwrap_or_default();
                eprintln!("vanban: {e}");
                errors.push(ErrorRecord { source, error: e.to_string() });
            }
        }
    }
    errors
}

fn run_extract(paths: &[PathBuf], opts: &DecodeOptions, pretty: bool) -> Result<bool, vanban::Error> {
    let mut report = ExtractReport::new();
    report.errors = for_each_document(paths, opts, |doc, a| {
        let mut r = DocumentRecord::from_analysis(doc.source.clone(), &a);
        r.input = Some(InputRecord::of(&doc.decoded));
        report.documents.push(r);
    });
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

fn io_err(path: &Path, source: std::io::Error) -> vanban::Error {
    vanban::Error::Io { path: path.to_path_buf(), source }
}

fn run_graph(paths: &[PathBuf], opts: &DecodeOptions, format: &str, out: Option<&Path>) -> Result<bool, vanban::Error> {
    let format: Format = format.parse().map_err(vanban::Error::Usage)?;
    if format == Format::Csv && out.is_none() {
        return Err(vanban::Error::Usage("--format csv needs --out DIR (it writes nodes.csv and edges.csv)".into()));
    }
    let mut b = GraphBuilder::new();
    let errors = for_each_document(paths, opts, |doc, a| b.add(&doc.source, &a));
    let g = b.finish();
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        match format {
            Format::JsonLines => write_jsonl(&g, w),
            Format::GraphMl => write_graphml(&g, w),
            Format::Dot => write_dot(&g, w),
            _ => write_json(&g, w),
        }
    };
    match (format, out) {
        (Format::Csv, Some(dir)) => {
            std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
            let open = |name: &str| {
                let p = dir.join(name);
                std::fs::File::create(&p).map(std::io::BufWriter::new).map_err(|e| io_err(&p, e))
            };
            write_csv(&g, open("nodes.csv")?, open("edges.csv")?).map_err(|e| io_err(dir, e))?;
        }
        (_, Some(path)) => {
            let mut f = std::fs::File::create(path).map(std::io::BufWriter::new).map_err(|e| io_err(path, e))?;
            write(&mut f).map_err(|e| io_err(path, e))?;
        }
        (_, None) => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            write(&mut lock).map_err(|e| io_err(Path::new("-"), e))?;
        }
    }
    Ok(errors.is_empty())
}

fn relation_arg(r: Option<&str>) -> Result<Option<Relation>, vanban::Error> {
    r.map(|r| r.parse::<Relation>().map_err(|e| vanban::Error::Usage(e.to_string()))).transpose()
}

fn resolve_doc(g: &Graph, doc: &str) -> Result<Vec<DocId>, vanban::Error> {
    let found: Vec<DocId> = g.find(doc).into_iter().map(|n| n.id.clone()).collect();
    if found.is_empty() {
        return Err(vanban::Error::Usage(format!("no node `{doc}` in the graph")));
    }
    Ok(found)
}

fn run_query(path: &Path, q: &Question, json: bool) -> Result<bool, vanban::Error> {
    let text = std::fs::read_to_string(path).map_err(|e| io_err(path, e))?;
    let g = Graph::from_json(&text)
        .map_err(|e| vanban::Error::Usage(format!("{}: not a vanban graph: {e}", path.display())))?;
    // rows: (id, relation or count, code, date, issuer)
    let mut rows: Vec<(String, String)> = Vec::new();
    match q {
        Question::CitedBy { doc, relation } | Question::Cites { doc, relation } => {
            let rel = relation_arg(relation.as_deref())?;
            for id in resolve_doc(&g, doc)? {
                let edges =
                    if matches!(q, Question::CitedBy { .. }) { g.cited_by(&id, rel) } else { g.cites(&id, rel) };
                for e in edges {
                    let other = if matches!(q, Question::CitedBy { .. }) { &e.source } else { &e.target };
                    rows.push((other.to_string(), format!("{} ×{}", e.relation.id(), e.count)));
                }
            }
        }
        Question::Implements { doc } => {
            for id in resolve_doc(&g, doc)? {
                for n in g.implementing(&id) {
                    rows.push((n.id.to_string(), "implements".into()));
                }
            }
        }
        Question::MostCited { n } => {
            for (node, k) in g.most_cited(*n) {
                rows.push((node.id.to_string(), k.to_string()));
            }
        }
        Question::Missing => {
            for n in g.not_in_corpus() {
                rows.push((n.id.to_string(), String::new()));
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let describe = |id: &str| g.node(&DocId::new(id)).cloned();
    if json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|(id, what)| serde_json::json!({ "id": id, "value": what, "node": describe(id) }))
            .collect();
        serde_json::to_writer_pretty(&mut out, &v)?;
        let _ = writeln!(out);
    } else {
        for (id, what) in &rows {
            let n = describe(id);
            let date = n.as_ref().and_then(|n| n.date).map(|d| d.to_string()).unwrap_or_default();
            let issuer = n.as_ref().and_then(|n| n.issuer.clone()).unwrap_or_default();
            let _ = writeln!(out, "{id:<36} {what:<16} {date:<10} {issuer}");
        }
    }
    Ok(true)
}

fn run_text(file: &Path, opts: &DecodeOptions) -> Result<bool, vanban::Error> {
    let doc = read_document_with(file, opts)?;
    let d = &doc.decoded;
    eprintln!("vanban: {}: {} {}, confidence {:.2}", doc.source, d.format, d.encoding, d.confidence);
    std::io::stdout().lock().write_all(d.text.as_bytes()).map_err(|e| io_err(Path::new("-"), e))?;
    Ok(true)
}

fn run_outline(file: &Path, opts: &DecodeOptions, json: bool) -> Result<bool, vanban::Error> {
    let doc = read_document_with(file, opts)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        let mut o = vanban::outline::outline(doc.text());
        if !doc.decoded.is_identity() {
            o.map_spans(|s| doc.decoded.to_source(s));
        }
        serde_json::to_writer_pretty(&mut out, &o)?;
        let _ = writeln!(out);
    } else {
        // the indented form shows offsets of the text as read
        let o = vanban::outline::outline(doc.text());
        let _ = out.write_all(o.to_text(doc.text()).as_bytes());
    }
    Ok(true)
}

fn run_annotate(
    file: &Path,
    opts: &DecodeOptions,
    out: Option<&Path>,
    base: Option<&str>,
) -> Result<bool, vanban::Error> {
    let doc = read_document_with(file, opts)?;
    // the page shows the decoded text, so its spans stay text offsets
    let a = Extractor::new().analyze(doc.text());
    let html = vanban::annotate::to_html(&doc.source, doc.text(), &a, base);
    match out {
        Some(p) => std::fs::write(p, html).map_err(|e| io_err(p, e))?,
        None => {
            let _ = std::io::stdout().lock().write_all(html.as_bytes());
        }
    }
    Ok(true)
}

fn decode_options(encoding: Option<&str>) -> Result<DecodeOptions, vanban::Error> {
    let encoding = encoding
        .filter(|e| !e.eq_ignore_ascii_case("auto"))
        .map(|e| e.parse::<Encoding>().map_err(|e| vanban::Error::Usage(e.to_string())))
        .transpose()?;
    Ok(DecodeOptions { encoding, format: None })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = decode_options(cli.encoding.as_deref()).and_then(|opts| match &cli.command {
        Command::Extract { paths, pretty } => run_extract(paths, &opts, *pretty),
        Command::Graph { paths, format, out } => {
            let paths = if paths.is_empty() {
                // the bundled corpus: official documents and the press excerpt
                // (fixtures/encodings holds the same documents re-encoded)
                let f = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
                vec![f.join("docs"), f.join("articles")]
            } else {
                paths.clone()
            };
            run_graph(&paths, &opts, format, out.as_deref())
        }
        Command::Query { graph, question, json } => run_query(graph, question, *json),
        Command::Text { file } => run_text(file, &opts),
        Command::Outline { file, json } => run_outline(file, &opts, *json),
        Command::Annotate { file, out, base } => run_annotate(file, &opts, out.as_deref(), base.as_deref()),
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("vanban: {e}");
            ExitCode::from(2)
        }
    }
}

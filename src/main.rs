//! The `vanban` command-line tool.

use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vanban::batch::{self, Item};
use vanban::decode::{DecodeOptions, Encoding};
use vanban::export::{DocumentRecord, ErrorRecord, InputRecord, ReportWriter, document_json};
use vanban::graph::export::{Format, write_csv, write_dot, write_graphml, write_json, write_jsonl};
use vanban::input::{Document, expand_paths_with, has_known_extension, read_document_with};
use vanban::{Analysis, DocId, Extractor, Graph, GraphBuilder, Relation};

/// The allocator of the tool (not of the library): see Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        #[arg(required_unless_present = "jsonl")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        run: RunArgs,
        /// json (one report) or jsonl (one document per line); both are
        /// written a document at a time, as each is done: bounded memory.
        #[arg(long, default_value = "json")]
        format: String,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Build the citation graph of the inputs (default: the bundled fixtures).
    Graph {
        /// Files or directories; the bundled `fixtures/` corpus when none.
        paths: Vec<PathBuf>,
        #[command(flatten)]
        run: RunArgs,
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

/// How a run over many inputs reads them.
#[derive(clap::Args, Debug)]
struct RunArgs {
    /// JSON Lines files of `{"id": …, "text": …}` records, one document a
    /// line (`-` reads standard input); repeatable.
    #[arg(long, value_name = "FILE")]
    jsonl: Vec<PathBuf>,
    /// Only files matching this glob when walking directories (`*.txt`,
    /// `**/2025/*.md`; matched against the path below the directory);
    /// repeatable. Without it, the known extensions are read.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// Threads (default: all cores). Output is the same for any number;
    /// 1 runs strictly one document after another.
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// No progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(long, short)]
    quiet: bool,
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

/// Reads and analyses each input, turns it into what `render` makes of it
/// (reading, analysis and `render` run on `--jobs` threads), and hands
/// that to `each` in input order on the calling thread; unreadable inputs
/// and internal errors go to `failed` as they come, and the run goes on,
/// until `each` or `failed` breaks it (their output was closed).
/// Returns the number of inputs that failed.
fn for_each_document<R: Send>(
    paths: &[PathBuf],
    run: &RunArgs,
    opts: &DecodeOptions,
    render: impl Fn(&Document, Analysis) -> R + Sync,
    mut each: impl FnMut(R) -> ControlFlow<()>,
    mut failed: impl FnMut(ErrorRecord) -> ControlFlow<()>,
) -> Result<usize, vanban::Error> {
    let keep = glob_filter(&run.glob)?;
    let jobs = run.jobs.unwrap_or_else(batch::default_jobs).max(1);
    // directories are walked once; the progress bar sizes the same list
    let files = expand_paths_with(paths, &keep);
    let mut progress = Progress::new(&files, &run.jsonl, run.quiet || !std::io::stderr().is_terminal());
    let shown = progress.bar.is_some();
    let ex = Extractor::new();
    let items = batch::items(files, &run.jsonl);
    let mut errors = 0;
    let work = |item: Result<Item, vanban::Error>| -> (u64, Result<R, ErrorRecord>) {
        let item = match item {
            Ok(i) => i,
            Err(e) => return (0, Err(error_record(&e))),
        };
        // a stat per file only when a bar will show it
        let size = if shown { item.size() } else { 0 };
        let name = item.name();
        let doc = match item.read(opts) {
            Ok(d) => d,
            Err(e) => return (size, Err(error_record(&e))),
        };
        // analysis never panics by design; should a bug make it, the
        // document is reported and the run goes on
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| doc.analyze(&ex))) {
            Ok(a) => (size, Ok(render(&doc, a))),
            Err(_) => {
                (size, Err(ErrorRecord { error: format!("internal error while reading `{name}`"), source: doc.source }))
            }
        }
    };
    // a break means the output is gone: the error is the caller's to tell
    let _ = batch::try_for_each_ordered(items, jobs, work, |(size, r)| {
        let flow = match r {
            Ok(r) => each(r),
            Err(e) => {
                progress.println(&format!("vanban: {}", e.error));
                errors += 1;
                failed(e)
            }
        };
        progress.advance(size);
        flow
    });
    progress.finish();
    Ok(errors)
}

/// The error record of an input that failed.
fn error_record(e: &vanban::Error) -> ErrorRecord {
    ErrorRecord { source: e.location().unwrap_or_default(), error: e.to_string() }
}

/// The `--glob` filter for files found in directories (the known
/// extensions when there is none).
fn glob_filter(globs: &[String]) -> Result<impl Fn(&Path) -> bool + Sync, vanban::Error> {
    let set = if globs.is_empty() {
        None
    } else {
        let mut b = globset::GlobSetBuilder::new();
        for g in globs {
            let glob = globset::GlobBuilder::new(g)
                .literal_separator(true)
                .build()
                .map_err(|e| vanban::Error::Usage(format!("--glob `{g}`: {e}")))?;
            b.add(glob);
        }
        Some(b.build().map_err(|e| vanban::Error::Usage(format!("--glob: {e}")))?)
    };
    Ok(move |p: &Path| match &set {
        // `*.txt` matches a file in any subdirectory: try the file name too
        Some(set) => set.is_match(p) || p.file_name().is_some_and(|n| set.is_match(n)),
        None => has_known_extension(p),
    })
}

/// The progress bar on stderr: bytes read of the total, throughput, ETA
/// and files done; hidden when stderr is not a terminal or with `--quiet`.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    files: u64,
}

impl Progress {
    fn new(files: &[Result<PathBuf, vanban::Error>], jsonl: &[PathBuf], hidden: bool) -> Progress {
        if hidden {
            return Progress { bar: None, files: 0 };
        }
        // the total is known only for files on disk; standard input makes it open-ended
        let mut total = Some(0u64);
        for p in files.iter().flatten().chain(jsonl) {
            match (p.as_os_str() == "-", std::fs::metadata(p)) {
                (false, Ok(m)) => total = total.map(|t| t + m.len()),
                _ => total = None,
            }
        }
        let bar = match total {
            Some(t) => indicatif::ProgressBar::new(t),
            None => indicatif::ProgressBar::no_length(),
        };
        let style = indicatif::ProgressStyle::with_template(
            "{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} · {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
        Progress { bar: Some(bar), files: 0 }
    }

    fn advance(&mut self, bytes: u64) {
        if let Some(b) = &self.bar {
            self.files += 1;
            b.inc(bytes);
            b.set_message(format!("{} documents", self.files));
        }
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// The output record of one analysed document, with how its input was read.
fn document_record(doc: &Document, a: Analysis) -> DocumentRecord {
    let mut r = DocumentRecord::from_analysis_owned(doc.source.clone(), a);
    r.input = Some(InputRecord::of(&doc.decoded));
    r
}

fn run_extract(
    paths: &[PathBuf],
    run: &RunArgs,
    opts: &DecodeOptions,
    format: &str,
    pretty: bool,
) -> Result<bool, vanban::Error> {
    // each document's JSON is made on the thread that read it and written
    // as soon as the documents before it are: memory stays bounded
    match format {
        "json" => {
            let render = |doc: &Document, a: Analysis| document_json(&document_record(doc, a), pretty);
            let mut report = ReportWriter::new(stdout_buffered(), pretty);
            let mut errors = Vec::new();
            let mut failure = None;
            for_each_document(
                paths,
                run,
                opts,
                render,
                |json| match json.map_err(json_err).and_then(|j| report.document(&j).map_err(stdout_err)) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(e) => {
                        failure = Some(e);
                        ControlFlow::Break(())
                    }
                },
                |e| {
                    errors.push(e);
                    ControlFlow::Continue(())
                },
            )?;
            if let Some(e) = failure {
                return Err(e);
            }
            report.finish(&errors).and_then(|mut out| out.flush()).map_err(stdout_err)?;
            Ok(errors.is_empty())
        }
        "jsonl" => {
            // one line per input as it is done: a document record, or
            // `{"source", "error"}` for an input that could not be read
            let render = |doc: &Document, a: Analysis| document_json(&document_record(doc, a), false);
            let out = std::cell::RefCell::new(JsonLinesOut { w: stdout_buffered(), error: None });
            let n = for_each_document(
                paths,
                run,
                opts,
                render,
                |json| out.borrow_mut().raw(json),
                |e| out.borrow_mut().line(&e),
            )?;
            out.into_inner().finish()?;
            Ok(n == 0)
        }
        other => Err(vanban::Error::Usage(format!("unknown --format `{other}` for extract (json, jsonl)"))),
    }
}

/// A failure to write JSON output: the writer's, or the value's.
fn json_err(e: serde_json::Error) -> vanban::Error {
    if e.is_io() { stdout_err(e.into()) } else { vanban::Error::Json(e) }
}

/// A failure to write standard output.
fn stdout_err(source: std::io::Error) -> vanban::Error {
    vanban::Error::Write { path: "-".into(), source }
}

fn write_err(path: &Path, source: std::io::Error) -> vanban::Error {
    vanban::Error::Write { path: path.to_path_buf(), source }
}

fn io_err(path: &Path, source: std::io::Error) -> vanban::Error {
    vanban::Error::Io { path: path.to_path_buf(), source }
}

/// Standard output as JSON Lines; the first write error is kept (and later
/// lines skipped) to be reported at the end.
/// Standard output for the large outputs, buffered. On Unix it is written
/// through a duplicate of its file descriptor: `Stdout` is line-buffered,
/// and searches every write for a line break (a pretty-printed graph writes
/// a line at a time; for the bulk corpus's 18.6 MB of JSON the search cost
/// a third of an instruction per input byte), which this buffer makes
/// needless.
fn stdout_buffered() -> std::io::BufWriter<Box<dyn Write>> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return std::io::BufWriter::new(Box::new(std::fs::File::from(fd)));
        }
    }
    std::io::BufWriter::new(Box::new(std::io::stdout()))
}

struct JsonLinesOut<W: Write> {
    w: W,
    error: Option<vanban::Error>,
}

impl<W: Write> JsonLinesOut<W> {
    fn line<T: serde::Serialize>(&mut self, v: &T) -> ControlFlow<()> {
        self.raw(serde_json::to_vec(v))
    }

    /// A line already serialised (on a worker thread); breaks once a
    /// write failed.
    fn raw(&mut self, json: serde_json::Result<Vec<u8>>) -> ControlFlow<()> {
        if self.error.is_some() {
            return ControlFlow::Break(());
        }
        let r = json
            .map_err(json_err)
            .and_then(|j| self.w.write_all(&j).and_then(|()| self.w.write_all(b"\n")).map_err(stdout_err));
        match r {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                self.error = Some(e);
                ControlFlow::Break(())
            }
        }
    }

    fn finish(mut self) -> Result<(), vanban::Error> {
        if let Some(e) = self.error {
            return Err(e);
        }
        self.w.flush().map_err(stdout_err)
    }
}

fn run_graph(
    paths: &[PathBuf],
    run: &RunArgs,
    opts: &DecodeOptions,
    format: &str,
    out: Option<&Path>,
) -> Result<bool, vanban::Error> {
    let format: Format = format.parse().map_err(vanban::Error::Usage)?;
    if format == Format::Csv && out.is_none() {
        return Err(vanban::Error::Usage("--format csv needs --out DIR (it writes nodes.csv and edges.csv)".into()));
    }
    let mut b = GraphBuilder::new();
    let errors = for_each_document(
        paths,
        run,
        opts,
        |doc, a| (doc.source.clone(), a),
        |(source, a)| {
            b.add(&source, &a);
            ControlFlow::Continue(())
        },
        |_| ControlFlow::Continue(()),
    )?;
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
            std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
            let open = |name: &str| {
                let p = dir.join(name);
                std::fs::File::create(&p).map(std::io::BufWriter::new).map_err(|e| write_err(&p, e))
            };
            write_csv(&g, open("nodes.csv")?, open("edges.csv")?).map_err(|e| write_err(dir, e))?;
        }
        (_, Some(path)) => {
            let mut f = std::fs::File::create(path).map(std::io::BufWriter::new).map_err(|e| write_err(path, e))?;
            write(&mut f).and_then(|()| f.flush()).map_err(|e| write_err(path, e))?;
        }
        (_, None) => {
            let mut out = stdout_buffered();
            write(&mut out).and_then(|()| out.flush()).map_err(stdout_err)?;
        }
    }
    Ok(errors == 0)
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
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let describe = |id: &str| g.node(&DocId::new(id)).cloned();
    if json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|(id, what)| serde_json::json!({ "id": id, "value": what, "node": describe(id) }))
            .collect();
        serde_json::to_writer_pretty(&mut out, &v).map_err(json_err)?;
        let _ = writeln!(out);
    } else {
        for (id, what) in &rows {
            let n = describe(id);
            let date = n.as_ref().and_then(|n| n.date).map(|d| d.to_string()).unwrap_or_default();
            let issuer = n.as_ref().and_then(|n| n.issuer.clone()).unwrap_or_default();
            let _ = writeln!(out, "{id:<36} {what:<16} {date:<10} {issuer}");
        }
    }
    out.flush().map_err(stdout_err)?;
    Ok(true)
}

fn run_text(file: &Path, opts: &DecodeOptions) -> Result<bool, vanban::Error> {
    let doc = read_document_with(file, opts)?;
    let d = &doc.decoded;
    eprintln!("vanban: {}: {} {}, confidence {:.2}", doc.source, d.format, d.encoding, d.confidence);
    std::io::stdout().lock().write_all(d.text.as_bytes()).map_err(stdout_err)?;
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
        serde_json::to_writer_pretty(&mut out, &o).map_err(json_err)?;
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
        Command::Extract { paths, run, format, pretty } => run_extract(paths, run, &opts, format, *pretty),
        Command::Graph { paths, run, format, out } => {
            let paths = if paths.is_empty() && run.jsonl.is_empty() {
                // the bundled corpus: official documents and the press excerpt
                // (fixtures/encodings holds the same documents re-encoded)
                let f = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
                vec![f.join("docs"), f.join("articles")]
            } else {
                paths.clone()
            };
            run_graph(&paths, run, &opts, format, out.as_deref())
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

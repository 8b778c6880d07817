//! Throughput of vanban on real text, single-threaded.
//!
//! Run: `cargo bench --manifest-path benches/Cargo.toml` (see BENCHMARKS.md).
//! Inputs:
//! - the committed official documents in `fixtures/docs`;
//! - the shared bulk corpus (`../shared/corpus/bulk/vn_legal_bulk.jsonl`, or
//!   the file named by `VANBAN_BULK`), when present: a fixed one-in-eight
//!   sample of its records, and prefixes of 1, 2, 4 and 8 MB to show that
//!   time grows linearly with input;
//! - pathological input: a 1 MB line of repeated type words, of numbers
//!   that almost make codes, and random bytes through the decoder.
//!
//! Each stage is measured on the same text: `decode` (bytes to text),
//! `normalize`, `extract` (citations only), `analyze` (citations, identity,
//! resolution, outline: what `vanban extract` runs per document), and a
//! plain-regex baseline that only finds code-shaped strings (the patterns
//! of a hand-written script), for an in-process ratio.

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use regex::Regex;
use std::path::PathBuf;
use std::sync::LazyLock;
use vanban::Extractor;

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    // this package lives in benches/; the project root is its parent
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The committed official documents, in name order.
static FIXTURES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/docs"))
        .expect("fixtures/docs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("fixture text")).collect()
});

/// The bulk corpus's texts, in file order (empty when it is not there).
static BULK: LazyLock<Vec<String>> = LazyLock::new(|| {
    let path = std::env::var_os("VANBAN_BULK")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus/bulk/vn_legal_bulk.jsonl"));
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("bench: no bulk corpus at {} (bulk benches skipped)", path.display());
        return Vec::new();
    };
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect()
});

/// One record in eight of the bulk corpus.
static BULK_SAMPLE: LazyLock<Vec<String>> = LazyLock::new(|| BULK.iter().step_by(8).cloned().collect());

/// The first records of the bulk corpus adding up to `mb` megabytes.
fn bulk_prefix(mb: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    for t in BULK.iter() {
        if total >= mb << 20 {
            break;
        }
        total += t.len();
        out.push(t.clone());
    }
    out
}

fn bytes(texts: &[String]) -> BytesCount {
    BytesCount::new(texts.iter().map(String::len).sum::<usize>())
}

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// The document-number patterns of a hand-written regex script (Party
/// `N-XX/YY` and State `N/YYYY/XX-YY` codes), for the baseline.
static BASELINE: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let l = "A-Za-zĐđƯưÐ";
    [
        Regex::new(&format!(
            r"(\d{{1,5}})\s*\\?[-‐–—]\s*([A-ZĐÐ][{l}]{{0,6}})\s*/\s*([A-ZĐÐƯ][{l}0-9]{{0,14}}(?:-[A-ZĐÐ][{l}0-9]{{0,10}})?)"
        ))
        .expect("party pattern"),
        Regex::new(&format!(
            r"(\d{{1,6}})\s*/\s*(?:((?:19|20)\d{{2}})\s*/\s*)?([A-ZĐÐ][{l}0-9]{{0,10}}(?:\s*[-‐–]\s*[A-ZĐÐ][{l}0-9]{{0,12}}){{0,4}})"
        ))
        .expect("state pattern"),
    ]
});

fn baseline_count(t: &str) -> usize {
    BASELINE.iter().map(|r| r.find_iter(t).count()).sum()
}

fn corpus(name: &str) -> Vec<String> {
    match name {
        "fixtures" => FIXTURES.clone(),
        _ => BULK_SAMPLE.clone(),
    }
}

const CORPORA: &[&str] = &["fixtures", "bulk-sample"];

/// The citations found in `texts` (for a citations-per-second counter).
fn citations(texts: &[String]) -> ItemsCount {
    ItemsCount::new(texts.iter().map(|t| EXTRACTOR.extract(t).len()).sum::<usize>())
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn analyze(b: Bencher, name: &str) {
    let texts = corpus(name);
    b.counter(bytes(&texts))
        .counter(citations(&texts))
        .bench(|| texts.iter().map(|t| EXTRACTOR.analyze(t).citations.len()).sum::<usize>());
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn extract(b: Bencher, name: &str) {
    let texts = corpus(name);
    b.counter(bytes(&texts))
        .counter(citations(&texts))
        .bench(|| texts.iter().map(|t| EXTRACTOR.extract(t).len()).sum::<usize>());
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn normalize(b: Bencher, name: &str) {
    let texts = corpus(name);
    b.counter(bytes(&texts)).bench(|| texts.iter().map(|t| vanban::normalize(t).as_str().len()).sum::<usize>());
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn decode(b: Bencher, name: &str) {
    let texts = corpus(name);
    let opts = vanban::DecodeOptions::default();
    b.counter(bytes(&texts)).bench(|| {
        texts
            .iter()
            .map(|t| vanban::decode::decode(t.as_bytes().to_vec(), &opts).map_or(0, |d| d.text.len()))
            .sum::<usize>()
    });
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn baseline_regex(b: Bencher, name: &str) {
    let texts = corpus(name);
    b.counter(bytes(&texts)).bench(|| texts.iter().map(|t| baseline_count(t)).sum::<usize>());
}

/// Time against input size: analyse the first 1, 2, 4 and 8 MB of the bulk
/// corpus (throughput should stay flat).
#[divan::bench(args = [1, 2, 4, 8], sample_count = 5)]
fn analyze_bulk_prefix(b: Bencher, mb: usize) {
    let texts = bulk_prefix(mb);
    b.counter(bytes(&texts)).bench(|| texts.iter().map(|t| EXTRACTOR.analyze(t).citations.len()).sum::<usize>());
}

/// Pathological input, 1 MB each: a line of type words with nothing after
/// them, numbers that almost make codes, and random bytes to decode.
mod pathological {
    use super::*;

    fn repeat(unit: &str) -> String {
        unit.repeat((1 << 20) / unit.len())
    }

    #[divan::bench(args = ["Luật ", "số 1-", "Nghị định số ", "khoản 2 Điều 5 "], sample_count = 5)]
    fn analyze_repeated(b: Bencher, unit: &str) {
        let t = repeat(unit);
        b.counter(BytesCount::of_str(&t)).bench(|| EXTRACTOR.analyze(&t).citations.len());
    }

    #[divan::bench(sample_count = 5)]
    fn decode_random_bytes(b: Bencher) {
        // a fixed xorshift stream: the same bytes every run
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let data: Vec<u8> = (0..1 << 20)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        let opts = vanban::DecodeOptions::default();
        b.counter(BytesCount::new(data.len()))
            .bench(|| vanban::decode::decode(data.clone(), &opts).map_or(0, |d| d.text.len()));
    }
}

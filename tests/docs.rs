//! Real documents: every fixture's citations against its reviewed snapshot
//! (`fixtures/expected/NAME.json`), and accuracy against the gold
//! annotations (`fixtures/docs/NAME.gold.json`) at the project's bar.
//!
//! Re-record snapshots with `VANBAN_BLESS=1 cargo test docs` and review the
//! diff before committing it.

use crate::common::{check_json, root};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use vanban::export::{CitationRecord, DocumentRecord};

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("fixtures/docs"))
        .expect("fixtures/docs")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".txt")).map(str::to_string))
        .collect();
    names.sort();
    names
}

#[test]
fn fixtures_match_snapshots() {
    let ex = vanban::Extractor::new();
    let mut failures = Vec::new();
    for name in fixture_names() {
        let text = std::fs::read_to_string(root().join(format!("fixtures/docs/{name}.txt"))).unwrap();
        let record = DocumentRecord::from_analysis(format!("{name}.txt"), &ex.analyze(&text));
        for r in &record.citations {
            assert_eq!(&text[r.start..r.end], r.text, "{name}: span/text mismatch");
        }
        let value = serde_json::to_value(&record).unwrap();
        if let Some(d) = check_json(&root().join(format!("fixtures/expected/{name}.json")), &value) {
            failures.push(d);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The matching key of score.py: code for coded, type + name for named,
/// type + number for short.
fn key(c: &serde_json::Value) -> String {
    let s = |k: &str| c.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    match s("form").as_str() {
        "coded" => {
            let code: String = s("code").nfc().collect::<String>().replace('Ð', "Đ").replace(char::is_whitespace, "");
            let code = code.to_uppercase();
            format!("coded|{}", code.trim_start_matches('0'))
        }
        "named" => {
            let n: String = s("name").nfc().collect::<String>().to_lowercase();
            format!("named|{}|{}", s("doc_type"), n.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        f => format!("{f}|{}|{}", s("doc_type"), s("number").trim_start_matches('0')),
    }
}

#[derive(Default)]
struct Tally {
    tp: HashMap<&'static str, (usize, usize, usize)>,
    date: (usize, usize),
    doc_type: (usize, usize),
}

#[test]
fn fixtures_meet_the_accuracy_bar() {
    let ex = vanban::Extractor::new();
    let mut tally = Tally::default();
    for name in fixture_names() {
        let gold_path = root().join(format!("fixtures/docs/{name}.gold.json"));
        let Ok(gold) = std::fs::read_to_string(&gold_path) else { continue };
        let gold: serde_json::Value = serde_json::from_str(&gold).unwrap();
        let self_code = gold["self"]["code"].as_str().map(|c| key(&serde_json::json!({"form": "coded", "code": c})));
        let text = std::fs::read_to_string(root().join(format!("fixtures/docs/{name}.txt"))).unwrap();
        let preds: Vec<serde_json::Value> =
            ex.extract(&text).iter().map(|c| serde_json::to_value(CitationRecord::from(c)).unwrap()).collect();
        let keep = |c: &&serde_json::Value| Some(key(c)) != self_code;
        let mut gk: HashMap<String, Vec<&serde_json::Value>> = HashMap::new();
        let mut pk: HashMap<String, Vec<&serde_json::Value>> = HashMap::new();
        for c in gold["citations"].as_array().unwrap().iter().filter(keep) {
            gk.entry(key(c)).or_default().push(c);
        }
        for c in preds.iter().filter(keep) {
            pk.entry(key(c)).or_default().push(c);
        }
        let mut keys: Vec<&String> = gk.keys().chain(pk.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let form: &'static str = match k.split('|').next().unwrap() {
                "coded" => "coded",
                "named" => "named",
                _ => "short",
            };
            let (a, b) = (gk.get(k).map_or(&[][..], |v| v), pk.get(k).map_or(&[][..], |v| v));
            let e = tally.tp.entry(form).or_default();
            e.0 += a.len().min(b.len());
            e.1 += a.len();
            e.2 += b.len();
            for (g, p) in a.iter().zip(b) {
                let (gd, pd) = (g["date"].as_str(), p["date"].as_str());
                if gd.is_some() || pd.is_some() {
                    tally.date.1 += 1;
                    tally.date.0 += usize::from(gd == pd);
                }
                if g["doc_type"].is_string() {
                    tally.doc_type.1 += 1;
                    tally.doc_type.0 += usize::from(g["doc_type"] == p["doc_type"]);
                }
            }
        }
    }
    let f1 = |form: &str| {
        let (tp, g, p) = tally.tp.get(form).copied().unwrap_or_default();
        let (pr, rc) = (tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64);
        2.0 * pr * rc / (pr + rc).max(f64::EPSILON)
    };
    let acc = |(ok, n): (usize, usize)| ok as f64 / n.max(1) as f64;
    let report = format!(
        "coded F1 {:.4}, named F1 {:.4}, short F1 {:.4}, date {:.4}, doc_type {:.4}",
        f1("coded"),
        f1("named"),
        f1("short"),
        acc(tally.date),
        acc(tally.doc_type)
    );
    eprintln!("fixtures: {report}");
    assert!(f1("coded") >= 0.99, "{report}");
    assert!(f1("named") >= 0.90, "{report}");
    assert!(f1("short") >= 0.80, "{report}");
    assert!(acc(tally.date) >= 0.97, "{report}");
    assert!(acc(tally.doc_type) >= 0.97, "{report}");
}

/// The document's own number (`self`) against the gold, as score.py scores
/// it: the code, or null for a text without a number of its own.
#[test]
fn self_identity_meets_the_bar() {
    let ex = vanban::Extractor::new();
    let (mut ok, mut n) = (0, 0);
    let mut misses = Vec::new();
    for name in fixture_names() {
        let Ok(gold) = std::fs::read_to_string(root().join(format!("fixtures/docs/{name}.gold.json"))) else {
            continue;
        };
        let gold: serde_json::Value = serde_json::from_str(&gold).unwrap();
        let text = std::fs::read_to_string(root().join(format!("fixtures/docs/{name}.txt"))).unwrap();
        let a = ex.analyze(&text);
        let got = a.identity.as_ref().and_then(|i| i.code.as_ref()).map(|c| c.canonical.to_uppercase());
        let want = gold["self"]["code"].as_str().map(|c| c.nfc().collect::<String>().to_uppercase());
        n += 1;
        if got == want {
            ok += 1;
        } else {
            misses.push(format!("{name}: got {got:?}, gold {want:?}"));
        }
    }
    let acc = ok as f64 / n.max(1) as f64;
    eprintln!("self accuracy {acc:.3} ({ok}/{n}); misses: {misses:?}");
    assert!(acc >= 0.90, "self accuracy {acc:.3}: {misses:?}");
}

//! Rule cases: one minimal input per rule and real variant
//! (`fixtures/cases/*.json`). Each expected citation lists only the fields
//! the case is about; `"expect": []` means no citation at all.

use crate::common::root;
use vanban::export::CitationRecord;

#[test]
fn rule_cases() {
    let dir = root().join("fixtures/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for f in files {
        let cases: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for case in cases.as_array().unwrap() {
            count += 1;
            let name = case["name"].as_str().unwrap();
            let input = case["input"].as_str().unwrap();
            let got: Vec<serde_json::Value> =
                vanban::extract(input).iter().map(|c| serde_json::to_value(CitationRecord::from(c)).unwrap()).collect();
            let expect = case["expect"].as_array().unwrap();
            if got.len() != expect.len() {
                failures.push(format!(
                    "{name}: expected {} citations, got {}: {:?}",
                    expect.len(),
                    got.len(),
                    got.iter().map(|g| g["text"].clone()).collect::<Vec<_>>()
                ));
                continue;
            }
            for (e, g) in expect.iter().zip(&got) {
                for (k, v) in e.as_object().unwrap() {
                    let actual = if k == "issuer_bodies" || k == "pinpoint" {
                        if k == "pinpoint" { g["pinpoint"]["text"].clone() } else { g[k].clone() }
                    } else {
                        g[k].clone()
                    };
                    if &actual != v {
                        failures.push(format!("{name}: {k}: expected {v}, got {actual} (text {})", g["text"]));
                    }
                }
            }
        }
    }
    assert!(count >= 40, "only {count} cases");
    assert!(failures.is_empty(), "{} failing:\n{}", failures.len(), failures.join("\n"));
}

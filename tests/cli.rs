//! The command-line tool: JSON contract, errors and exit codes.

use crate::common::root;
use std::process::Command;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

#[test]
fn extract_prints_the_contract() {
    let out = vanban().args(["extract"]).arg(root().join("fixtures/docs/003.txt")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format_version"], 1);
    assert!(v["errors"].as_array().unwrap().is_empty());
    let doc = &v["documents"][0];
    assert!(doc["source"].as_str().unwrap().ends_with("003.txt"));
    assert!(doc.get("self").is_some());
    let c = &doc["citations"][0];
    for field in [
        "start", "end", "text", "form", "code", "doc_type", "number", "date", "year", "name", "issuer", "pinpoint",
        "relation",
    ] {
        assert!(c.get(field).is_some(), "missing {field}");
    }
}

#[test]
fn bad_inputs_are_reported_and_skipped() {
    let dir = std::env::temp_dir().join(format!("vanban-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "Căn cứ Nghị định số 30/2020/NĐ-CP;").unwrap();
    std::fs::write(dir.join("b.txt"), [0u8, 159, 146, 150]).unwrap();
    std::fs::write(dir.join("c.txt"), [b'S', 0xe1, 0xbb]).unwrap();
    let out = vanban().arg("extract").arg(&dir).arg(dir.join("missing.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert_eq!(v["documents"][0]["citations"][0]["code"], "30/2020/NĐ-CP");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3, "{errors:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stdin_and_usage_errors() {
    use std::io::Write;
    let mut child = vanban()
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("theo Kết luận số 178-KL/TW".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"][0]["citations"][0]["code"], "178-KL/TW");
    let bad = vanban().arg("frobnicate").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

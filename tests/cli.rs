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

/// Output that cannot be written is an error that names where it went,
/// exit code 2: standard output, a graph file, a CSV folder.
#[cfg(target_os = "linux")]
#[test]
fn write_errors_name_the_output() {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let docs = root().join("fixtures/docs");
    for args in [&["extract"][..], &["extract", "--format", "jsonl"], &["graph"]] {
        let out = vanban().args(args).arg("--quiet").arg(&docs).stdout(full()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot write `-`"), "{args:?}: {err}");
    }
    let out = vanban().args(["graph", "--quiet", "--out", "/dev/full"]).arg(&docs).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write `/dev/full`"));
}

/// When standard output is closed (`vanban extract … | head`), the run
/// stops instead of reading the rest of the archive: here an endless
/// stream of records on standard input, of which only the first few are
/// read before the tool gives up, with exit code 2.
#[test]
fn a_closed_output_stops_the_run() {
    use std::io::{Read, Write};
    use std::process::Stdio;
    const OFFERED: usize = 200_000;
    for format in ["json", "jsonl"] {
        for jobs in ["1", "2"] {
            let mut child = vanban()
                .args(["extract", "--quiet", "--jsonl", "-", "--format", format, "--jobs", jobs])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdin = child.stdin.take().unwrap();
            let feeder = std::thread::spawn(move || {
                let line = "{\"id\":\"a\",\"text\":\"Căn cứ Nghị định số 30/2020/NĐ-CP;\"}\n".repeat(100);
                let mut sent = 0;
                while sent < OFFERED && stdin.write_all(line.as_bytes()).is_ok() {
                    sent += 100;
                }
                sent
            });
            let mut stdout = child.stdout.take().unwrap();
            let mut first = [0u8; 64];
            stdout.read_exact(&mut first).unwrap();
            drop(stdout);
            let status = child.wait().unwrap();
            let sent = feeder.join().unwrap();
            assert_eq!(status.code(), Some(2), "{format}, {jobs} jobs");
            assert!(sent < OFFERED / 4, "{format}, {jobs} jobs: {sent} records taken");
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            assert!(err.contains("cannot write `-`"), "{err}");
        }
    }
}

/// The report is written a document at a time: compact and pretty give
/// the same JSON, with documents and with an unreadable input among them.
#[test]
fn pretty_and_compact_reports_agree() {
    let dir = std::env::temp_dir().join(format!("vanban-pretty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.txt"), [0u8, 159, 146, 150]).unwrap();
    let run = |pretty: bool| {
        let mut cmd = vanban();
        cmd.args(["extract", "--quiet"]);
        if pretty {
            cmd.arg("--pretty");
        }
        let out = cmd.arg(root().join("fixtures/docs/003.txt")).arg(&dir).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.ends_with(b"}\n"));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let (compact, pretty) = (run(false), run(true));
    assert_eq!(compact, pretty);
    assert_eq!(compact["documents"].as_array().unwrap().len(), 1);
    assert_eq!(compact["errors"].as_array().unwrap().len(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

/// `--jobs N` changes nothing but speed: extract and graph over the
/// fixtures give the same bytes for 1, 2 and 5 threads.
#[test]
fn output_is_the_same_for_any_number_of_jobs() {
    let run = |args: &[&str], jobs: &str| {
        let out = vanban()
            .args(args)
            .args(["--quiet", "--jobs", jobs])
            .arg(root().join("fixtures/docs"))
            .arg(root().join("fixtures/encodings"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    for args in [&["extract"][..], &["extract", "--format", "jsonl"][..], &["graph"][..]] {
        let one = run(args, "1");
        assert!(one.len() > 10_000, "{args:?}");
        assert_eq!(one, run(args, "2"), "{args:?}");
        assert_eq!(one, run(args, "5"), "{args:?}");
    }
}

/// `--format jsonl`: one line per input in input order, documents and
/// errors alike; `--jsonl` reads `{id, text}` records with bad lines
/// reported by line number; `--glob` filters directory walks.
#[test]
fn json_lines_in_and_out_and_globs() {
    let dir = std::env::temp_dir().join(format!("vanban-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let records = dir.join("in.jsonl");
    std::fs::write(
        &records,
        "{\"id\":\"r1\",\"text\":\"Căn cứ Nghị định số 30/2020/NĐ-CP;\"}\n\
         not json\n\
         {\"id\":2,\"text\":\"theo Kết luận số 178-KL/TW\"}\n",
    )
    .unwrap();
    let out = vanban().args(["extract", "--quiet", "--format", "jsonl", "--jsonl"]).arg(&records).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["source"], "r1");
    assert_eq!(lines[0]["input"]["offsets"], "record-text");
    assert_eq!(lines[0]["citations"][0]["code"], "30/2020/NĐ-CP");
    assert!(lines[1]["source"].as_str().unwrap().ends_with("in.jsonl:2"), "{}", lines[1]);
    assert!(lines[1]["error"].as_str().is_some());
    assert_eq!(lines[2]["source"], "2");
    assert_eq!(lines[2]["citations"][0]["code"], "178-KL/TW");

    std::fs::write(dir.join("a.txt"), "Căn cứ Nghị định số 30/2020/NĐ-CP;").unwrap();
    std::fs::write(dir.join("sub/b.md"), "theo Kết luận số 178-KL/TW").unwrap();
    std::fs::write(dir.join("sub/c.txt"), "theo Quy định số 253-QĐ/TW").unwrap();
    let sources = |glob: &[&str]| -> Vec<String> {
        let mut cmd = vanban();
        cmd.args(["extract", "--quiet"]);
        for g in glob {
            cmd.args(["--glob", g]);
        }
        let out = cmd.arg(dir.join("a.txt")).arg(dir.join("sub")).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["source"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(sources(&[]), ["a.txt", "b.md", "c.txt"]);
    // files named on the command line are read whatever the glob
    assert_eq!(sources(&["*.txt"]), ["a.txt", "c.txt"]);
    assert_eq!(sources(&["*.md"]), ["a.txt", "b.md"]);
    let bad = vanban().args(["extract", "--glob", "a[", "x.txt"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

//! Document structure: reviewed outlines of one fixture of each kind, the
//! location of citations, and pinpoints resolved to divisions of documents
//! in the corpus.

use crate::common::root;
use vanban::outline::{PartKind, outline};
use vanban::{Extractor, GraphBuilder};

/// One document of each kind: Party regulation with articles (008),
/// provincial decision with an attached regulation (016), web-page copy of a
/// công văn (106), Party guide with Roman and decimal headings and an
/// appendix (165), a State công văn (269), a Prime Minister's decision (324).
const KINDS: [&str; 6] = ["008", "016", "106", "165", "269", "324"];

fn snapshot(name: &str, actual: &str) -> Option<String> {
    let path = root().join("fixtures/expected/outline").join(format!("{name}.txt"));
    if std::env::var_os("VANBAN_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    (expected != actual).then(|| {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        format!(
            "{}: line {}\n  expected: {:?}\n  actual:   {:?}",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        )
    })
}

#[test]
fn outlines_match_reviewed_snapshots() {
    let mut diffs = Vec::new();
    for name in KINDS {
        let text = std::fs::read_to_string(root().join("fixtures/docs").join(format!("{name}.txt"))).unwrap();
        let o = outline(&text);
        // spans are byte ranges of the file, nested in their parents
        fn check(parts: &[vanban::Part], outer: (usize, usize), text: &str) {
            for p in parts {
                assert!(p.span.start >= outer.0 && p.span.end <= outer.1, "{p:?} outside {outer:?}");
                assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
                check(&p.children, (p.span.start, p.span.end), text);
            }
        }
        check(&o.parts, (0, text.len()), &text);
        if let Some(d) = snapshot(name, &o.to_text(&text)) {
            diffs.push(d);
        }
    }
    assert!(diffs.is_empty(), "outlines changed (review, then VANBAN_BLESS=1):\n{}", diffs.join("\n"));
}

#[test]
fn every_fixture_has_an_outline() {
    for entry in std::fs::read_dir(root().join("fixtures/docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            let o = outline(&text);
            let kinds: Vec<PartKind> = o.parts.iter().map(|p| p.kind).collect();
            assert!(
                kinds.contains(&PartKind::Body) || kinds.contains(&PartKind::Header),
                "{}: {kinds:?}",
                path.display()
            );
        }
    }
}

#[test]
fn citations_know_where_they_stand() {
    let text = std::fs::read_to_string(root().join("fixtures/docs/324.txt")).unwrap();
    let a = Extractor::new().analyze(&text);
    let locations: Vec<(String, String)> = (0..a.citations.len())
        .map(|i| {
            (a.citations[i].text.split_whitespace().collect::<Vec<_>>().join(" "), a.location_of(i).unwrap_or_default())
        })
        .collect();
    let at = |prefix: &str| locations.iter().find(|(t, _)| t.starts_with(prefix)).map(|(_, l)| l.as_str()).unwrap();
    // grounds of the preamble, even in a flattened header line
    assert_eq!(at("Luật Tổ chức Chính phủ"), "preamble > ground");
    assert_eq!(at("Luật Đất đai ngày 18 tháng 01 năm 2024"), "preamble > ground");
    // mentions in the body, down to the point
    assert_eq!(at("Luật Việc làm số 38/2013/QH13"), "body > Điều 3");
    assert!(locations.iter().any(|(_, l)| l == "body > Điều 2 > khoản 1 > điểm a"), "{locations:?}");
    assert_eq!(at("Quyết định số 63/2015/QĐ-TTg"), "body > Điều 10 > khoản 1");
}

#[test]
fn pinpoints_lead_to_divisions_in_the_corpus() {
    let decree = "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 30/2020/NĐ-CP\nHà Nội, ngày 05 tháng 3 năm 2020\n\
                  NGHỊ ĐỊNH\nVề công tác văn thư\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n\
                  Chính phủ ban hành Nghị định về công tác văn thư.\nĐiều 1. Phạm vi\nNội dung.\n\
                  Điều 5. Trách nhiệm\n1. Người đứng đầu cơ quan chỉ đạo.\n2. Văn thư cơ quan quản lý con dấu.\n";
    let plan = "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ\nSố: 12/KH-UBND\nPhú Thọ, ngày 10 tháng 4 năm 2024\nKẾ HOẠCH\n\
                Thực hiện công tác văn thư\nI. NỘI DUNG\n1. Thực hiện khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP \
                ngày 05/3/2020 của Chính phủ.\n";
    let ex = Extractor::new();
    let mut b = GraphBuilder::new();
    b.add("decree.txt", &ex.analyze(decree));
    b.add("plan.txt", &ex.analyze(plan));
    let g = b.finish();
    let e = g.edges.iter().find(|e| e.target.as_str() == "30/2020/NĐ-CP").expect("edge to the decree");
    let c = &e.citations[0];
    assert_eq!(c.pinpoint.as_deref(), Some("khoản 2 Điều 5"));
    assert_eq!(c.location.as_deref(), Some("body > heading I > heading 1"));
    let d = c.division.as_ref().expect("the cited clause");
    assert_eq!(d.file, "decree.txt");
    assert_eq!(&decree[d.start..d.end], "2. Văn thư cơ quan quản lý con dấu.\n");
}

#[test]
#[cfg(feature = "cli")]
fn outline_command() {
    use std::process::Command;
    let exe = env!("CARGO_BIN_EXE_vanban");
    let file = root().join("fixtures/docs/324.txt");
    let out = Command::new(exe).arg("outline").arg(&file).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  Điều 10 ["), "{text}");
    let out = Command::new(exe).args(["outline", "--json"]).arg(&file).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["parts"][0]["kind"], "header");
    // annotate gives divisions anchors and pinpoint links their division
    let out = Command::new(exe).args(["annotate", "--base", "https://example.org/doc/"]).arg(&file).output().unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains(r#"<span class="division" id="dieu-5-khoan-2"></span>"#));
    assert!(html.contains(r#"href="https://example.org/doc/38%2F2013%2FQH13#dieu-3-khoan-1""#), "{html}");
    assert!(html.contains(r#"data-division="dieu-109-khoan-2""#));
}

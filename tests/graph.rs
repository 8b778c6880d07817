//! Identity, resolution and the citation graph: the seed article's
//! acceptance facts, the graph of all fixtures against its reviewed
//! snapshot (`fixtures/expected/graph.json`), exports and queries.

use crate::common::{check_json, root};
use std::path::PathBuf;
use vanban::graph::export::{write_csv, write_dot, write_graphml, write_jsonl};
use vanban::{DocId, Extractor, Graph, GraphBuilder, Relation};

/// The seed article: the shared dev copy when it is there, else the
/// committed excerpt that keeps every citation sentence.
fn seed() -> (String, String) {
    let shared = root().join("../shared/corpus/dev/seed-phu-tho-73-CV-TU.txt");
    let path = if shared.exists() { shared } else { root().join("fixtures/articles/phu-tho-73-CV-TU.txt") };
    (path.display().to_string(), std::fs::read_to_string(&path).unwrap())
}

fn one(g: &Graph, code: &str) -> DocId {
    let found = g.find(code);
    assert_eq!(found.len(), 1, "{code}: {:?}", found.iter().map(|n| &n.id).collect::<Vec<_>>());
    found[0].id.clone()
}

#[test]
fn seed_article_acceptance() {
    let (source, text) = seed();
    let a = Extractor::new().analyze(&text);
    assert!(a.identity.is_none(), "a press report has no header of its own");
    let mut b = GraphBuilder::new();
    b.add(&source, &a);
    let g = b.finish();

    let cv = one(&g, "73-CV/TU");
    let node = g.node(&cv).unwrap();
    assert_eq!(node.place.as_deref(), Some("Phú Thọ"));
    assert_eq!(node.date.unwrap().to_string(), "2025-07-18");
    assert!(node.issuer.as_deref().unwrap().contains("Tỉnh ủy Phú Thọ"), "{:?}", node.issuer);
    // the article reports the công văn
    let article = DocId::of_file(&source);
    let reports = g.cites(&article, Some(Relation::Reports));
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].target, cv);

    let out: Vec<_> = g.cites(&cv, None);
    let edge_to = |code: &str| {
        let id = one(&g, code);
        out.iter().find(|e| e.target == id).unwrap_or_else(|| panic!("no edge 73-CV/TU → {code}"))
    };
    let kl = edge_to("178-KL/TW");
    assert_eq!(kl.relation, Relation::Implements);
    let n178 = g.node(&kl.target).unwrap();
    assert_eq!(n178.date.unwrap().to_string(), "2025-07-17");
    assert_eq!(n178.issuer.as_deref(), Some("Bộ Chính trị, Ban Bí thư"));
    assert_eq!(n178.term.as_deref(), Some("XIII"));
    for code in ["177-KL/TW", "02-KH/BCĐTW", "04-KH/TU", "9068-CV/BTCTW", "253-QĐ/TW", "255-QĐ/TW"] {
        edge_to(code);
    }
    let plan = edge_to("02-KH/TU");
    assert_eq!(plan.count, 4, "the four mentions of Kế hoạch 02-KH/TU on one edge");
    let p = g.node(&plan.target).unwrap();
    assert_eq!(p.place.as_deref(), Some("Phú Thọ"));
    assert_eq!(p.date.unwrap().to_string(), "2025-07-15");
    assert!(p.title.as_deref().unwrap().starts_with("tiếp tục hoàn thiện tổ chức bộ máy"), "{:?}", p.title);
    for code in ["253-QĐ/TW", "255-QĐ/TW"] {
        let n = g.node(&one(&g, code)).unwrap();
        assert_eq!(n.date.unwrap().to_string(), "2025-01-24", "{code}");
    }
    // a relation between two other documents: 04-KH/TU → 204-QĐ/TW
    let kh04 = one(&g, "04-KH/TU");
    let qd = one(&g, "204-QĐ/TW");
    let e = g.cites(&kh04, None).into_iter().find(|e| e.target == qd).expect("04-KH/TU → 204-QĐ/TW");
    assert_eq!(e.relation, Relation::Implements);
    assert_eq!(e.citations[0].reported_by.as_ref(), Some(&article));
    // and 73-CV/TU is what implements 178-KL/TW
    let implementing: Vec<&str> = g.implementing(&kl.target).iter().map(|n| n.id.as_str()).collect();
    assert!(implementing.contains(&cv.as_str()), "{implementing:?}");
}

fn fixture_graph() -> Graph {
    let ex = Extractor::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["fixtures/docs", "fixtures/articles"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut b = GraphBuilder::new();
    for p in files {
        let text = std::fs::read_to_string(&p).unwrap();
        let name = p.strip_prefix(root()).unwrap().display().to_string();
        b.add(&name, &ex.analyze(&text));
    }
    b.finish()
}

#[test]
fn fixture_graph_matches_snapshot() {
    let g = fixture_graph();
    // every supporting citation's span is the cited text in its file
    for e in &g.edges {
        for c in &e.citations {
            let text = std::fs::read_to_string(root().join(&c.file)).unwrap();
            assert_eq!(&text[c.start..c.end], c.text, "{}", c.file);
        }
        assert_eq!(e.count, e.citations.len());
    }
    // files with a number of their own are nodes with that file as source
    let with_self = g.nodes.iter().filter(|n| n.in_corpus() && n.code.is_some()).count();
    assert!(with_self >= 20, "{with_self} fixture documents identified by number");
    let value = serde_json::to_value(&g).unwrap();
    if let Some(d) = check_json(&root().join("fixtures/expected/graph.json"), &value) {
        panic!("{d}");
    }
}

#[test]
fn graph_round_trips_and_exports() {
    let g = fixture_graph();
    let json = serde_json::to_string(&g).unwrap();
    let back = Graph::from_json(&json).unwrap();
    assert_eq!(back, g);
    assert_eq!(back.most_cited(3), g.most_cited(3));

    let mut jl = Vec::new();
    write_jsonl(&g, &mut jl).unwrap();
    let lines: Vec<serde_json::Value> =
        String::from_utf8(jl).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), g.nodes.len() + g.edges.len());
    assert_eq!(lines[0]["type"], "node");
    assert_eq!(lines.last().unwrap()["type"], "edge");

    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    write_csv(&g, &mut nodes, &mut edges).unwrap();
    let nodes = String::from_utf8(nodes).unwrap();
    assert!(nodes.starts_with("id,kind,code,doc_type,date,issuer,place,title,term,in_corpus,sources\n"));
    let edges = String::from_utf8(edges).unwrap();
    assert_eq!(edges.lines().count(), g.edges.len() + 1);

    let mut gm = Vec::new();
    write_graphml(&g, &mut gm).unwrap();
    let gm = String::from_utf8(gm).unwrap();
    assert_eq!(gm.matches("<node id=").count(), g.nodes.len());
    assert_eq!(gm.matches("<edge id=").count(), g.edges.len());

    let mut dot = Vec::new();
    write_dot(&g, &mut dot).unwrap();
    let dot = String::from_utf8(dot).unwrap();
    assert_eq!(dot.matches(" -> ").count(), g.edges.len());
}

#[test]
#[cfg(feature = "cli")]
fn cli_graph_query_and_annotate() {
    use std::process::Command;
    let exe = env!("CARGO_BIN_EXE_vanban");
    let dir = std::env::temp_dir().join(format!("vanban-graph-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let graph = dir.join("g.json");
    let out = Command::new(exe)
        .args(["graph"])
        .arg(root().join("fixtures/articles"))
        .arg("--out")
        .arg(&graph)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::new(exe).arg("query").arg(&graph).args(["cited-by", "178-KL/TW", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.iter().any(|i| i.starts_with("73-CV/TU@phu-tho")), "{ids:?}");
    let out = Command::new(exe).arg("query").arg(&graph).args(["cited-by", "999-KL/TW"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(exe)
        .args(["graph", "--format", "csv", "--out"])
        .arg(dir.join("csv"))
        .arg(root().join("fixtures/articles"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.join("csv/nodes.csv").exists() && dir.join("csv/edges.csv").exists());

    let out =
        Command::new(exe).arg("annotate").arg(root().join("fixtures/articles/phu-tho-73-CV-TU.txt")).output().unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains(r#"data-id="178-KL/TW#XIII""#));
    assert!(html.starts_with("<!DOCTYPE html>"));
    let _ = std::fs::remove_dir_all(&dir);
}

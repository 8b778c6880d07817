//! Writing a [`Graph`] for other tools: JSON, JSON Lines, CSV (nodes and
//! edges, for pandas, networkx and graph-database bulk import), GraphML
//! (Gephi, networkx) and DOT (Graphviz). Every format lists nodes by id and
//! edges by source and target, so output is deterministic.

use super::{Edge, Graph, Node};
use std::io::{self, Write};

/// An output format for a graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `{"format_version": 1, "nodes": [...], "edges": [...]}`.
    Json,
    /// One JSON object a line: `{"type": "node", ...}` then `{"type": "edge", ...}`.
    JsonLines,
    /// Two tables, `nodes.csv` and `edges.csv` (see [`write_csv`]).
    Csv,
    /// GraphML XML.
    GraphMl,
    /// Graphviz DOT.
    Dot,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::JsonLines),
            "csv" => Ok(Format::Csv),
            "graphml" => Ok(Format::GraphMl),
            "dot" => Ok(Format::Dot),
            _ => Err(format!("unknown format `{s}` (json, jsonl, csv, graphml, dot)")),
        }
    }
}

/// Writes the graph as pretty JSON.
pub fn write_json<W: Write>(g: &Graph, mut w: W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut w, g)?;
    writeln!(w)
}

/// Writes one JSON object a line, nodes first, each tagged with `"type"`.
pub fn write_jsonl<W: Write>(g: &Graph, mut w: W) -> io::Result<()> {
    for n in &g.nodes {
        let mut v = serde_json::to_value(n)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("type".into(), "node".into());
        }
        serde_json::to_writer(&mut w, &v)?;
        writeln!(w)?;
    }
    for e in &g.edges {
        let mut v = serde_json::to_value(e)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("type".into(), "edge".into());
        }
        serde_json::to_writer(&mut w, &v)?;
        writeln!(w)?;
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn node_row(n: &Node) -> Vec<String> {
    vec![
        n.id.to_string(),
        format!("{:?}", n.kind).to_lowercase(),
        opt(&n.code),
        n.doc_type.map(|d| d.id().to_string()).unwrap_or_default(),
        opt(&n.date),
        opt(&n.issuer),
        opt(&n.place),
        opt(&n.title),
        opt(&n.term),
        n.in_corpus().to_string(),
        n.sources.join(";"),
    ]
}

fn edge_row(e: &Edge) -> Vec<String> {
    let mut files: Vec<&str> = e.citations.iter().map(|c| c.file.as_str()).collect();
    files.dedup();
    let mut reporters: Vec<&str> =
        e.citations.iter().filter_map(|c| c.reported_by.as_ref()).map(|d| d.as_str()).collect();
    reporters.sort_unstable();
    reporters.dedup();
    vec![
        e.source.to_string(),
        e.target.to_string(),
        e.relation.id().to_string(),
        e.count.to_string(),
        files.join(";"),
        reporters.join(";"),
    ]
}

const NODE_COLUMNS: &[&str] =
    &["id", "kind", "code", "doc_type", "date", "issuer", "place", "title", "term", "in_corpus", "sources"];
const EDGE_COLUMNS: &[&str] = &["source", "target", "relation", "count", "files", "reported_by"];

fn write_rows<W: Write>(mut w: W, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> io::Result<()> {
    writeln!(w, "{}", header.join(","))?;
    for r in rows {
        let line: Vec<String> = r.iter().map(|f| csv_field(f)).collect();
        writeln!(w, "{}", line.join(","))?;
    }
    // a buffered writer's last failure would otherwise be lost on drop
    w.flush()
}

/// Writes the nodes table (`id,kind,code,doc_type,date,issuer,place,title,
/// term,in_corpus,sources`) and the edges table
/// (`source,target,relation,count,files,reported_by`) as RFC 4180 CSV;
/// lists inside a field are `;`-separated.
pub fn write_csv<W: Write, V: Write>(g: &Graph, nodes: W, edges: V) -> io::Result<()> {
    write_rows(nodes, NODE_COLUMNS, g.nodes.iter().map(node_row))?;
    write_rows(edges, EDGE_COLUMNS, g.edges.iter().map(edge_row))
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes GraphML with the node and edge columns of [`write_csv`] as keys.
pub fn write_graphml<W: Write>(g: &Graph, mut w: W) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#)?;
    for k in &NODE_COLUMNS[1..] {
        let ty = if *k == "in_corpus" { "boolean" } else { "string" };
        writeln!(w, r#"  <key id="n_{k}" for="node" attr.name="{k}" attr.type="{ty}"/>"#)?;
    }
    for k in &EDGE_COLUMNS[2..] {
        let ty = if *k == "count" { "int" } else { "string" };
        writeln!(w, r#"  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="{ty}"/>"#)?;
    }
    writeln!(w, r#"  <graph id="vanban" edgedefault="directed">"#)?;
    for n in &g.nodes {
        let row = node_row(n);
        writeln!(w, r#"    <node id="{}">"#, xml(&row[0]))?;
        for (k, v) in NODE_COLUMNS.iter().zip(&row).skip(1) {
            if !v.is_empty() {
                writeln!(w, r#"      <data key="n_{k}">{}</data>"#, xml(v))?;
            }
        }
        writeln!(w, "    </node>")?;
    }
    for (i, e) in g.edges.iter().enumerate() {
        let row = edge_row(e);
        writeln!(w, r#"    <edge id="e{i}" source="{}" target="{}">"#, xml(&row[0]), xml(&row[1]))?;
        for (k, v) in EDGE_COLUMNS.iter().zip(&row).skip(2) {
            if !v.is_empty() {
                writeln!(w, r#"      <data key="e_{k}">{}</data>"#, xml(v))?;
            }
        }
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>\n</graphml>")
}

fn dot_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " "))
}

/// Writes Graphviz DOT: files of the corpus as boxes, other documents as
/// ellipses, edges labelled with their relation and count.
pub fn write_dot<W: Write>(g: &Graph, mut w: W) -> io::Result<()> {
    writeln!(w, "digraph vanban {{\n  rankdir=LR;\n  node [fontsize=10];")?;
    for n in &g.nodes {
        let label = n.code.clone().unwrap_or_else(|| n.id.to_string());
        let shape = if n.in_corpus() { "box" } else { "ellipse" };
        writeln!(w, "  {} [label={}, shape={shape}];", dot_str(n.id.as_str()), dot_str(&label))?;
    }
    for e in &g.edges {
        let label =
            if e.count > 1 { format!("{} ×{}", e.relation.id(), e.count) } else { e.relation.id().to_string() };
        writeln!(w, "  {} -> {} [label={}];", dot_str(e.source.as_str()), dot_str(e.target.as_str()), dot_str(&label))?;
    }
    writeln!(w, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("Bộ Chính trị, Ban Bí thư"), "\"Bộ Chính trị, Ban Bí thư\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(xml("a<b&\"c\u{1}"), "a&lt;b&amp;&quot;c");
        assert_eq!("jsonl".parse::<Format>(), Ok(Format::JsonLines));
        assert!("pdf".parse::<Format>().is_err());
    }
}

//! The citation graph of an archive: one node per document, one edge per
//! (citing, cited) pair with every supporting mention.
//!
//! Build it with a [`GraphBuilder`], one [`Analysis`] per file, then
//! [`GraphBuilder::finish`]. Finishing merges what the files say about each
//! document (a file's own header wins over what citations say about it),
//! and resolves partial ids (`178-KL/TW#?`) to the one complete id with the
//! same code when the corpus has exactly one; with several, the citation
//! keeps its partial node and the node lists the candidates. A statute cited
//! by name and year (`Luật Đất đai năm 2024`) joins the coded law the corpus
//! cites with that name and year (`Luật Đất đai số 31/2024/QH15`).
//!
//! Edges come from three places: a document citing another; a press report
//! (`reports` edge to the document it reports, whose citations then become
//! that document's edges, `reported_by` the article); and a relation the
//! text states between two other documents (`Kế hoạch … về triển khai thực
//! hiện Quyết định …`), also marked `reported_by` the text that states it.
//!
//! ```
//! use vanban::{Extractor, GraphBuilder, Relation};
//! let ex = Extractor::new();
//! let mut b = GraphBuilder::new();
//! b.add("a.txt", &ex.analyze("CHÍNH PHỦ\nSố: 01/2025/NĐ-CP\nHà Nội, ngày 02 tháng 01 năm 2025\n\nNGHỊ ĐỊNH\n\nCăn cứ Luật số 77/2015/QH13;"));
//! b.add("b.txt", &ex.analyze("BỘ NỘI VỤ\nSố: 05/2025/TT-BNV\nHà Nội, ngày 03 tháng 3 năm 2025\n\nTHÔNG TƯ\n\nHướng dẫn Nghị định số 01/2025/NĐ-CP."));
//! let g = b.finish();
//! let cited = g.cited_by(&"01/2025/NĐ-CP".into(), None);
//! assert_eq!(cited[0].source.as_str(), "05/2025/TT-BNV");
//! assert_eq!(cited[0].relation, Relation::Guides);
//! assert_eq!(g.node(&"01/2025/NĐ-CP".into()).unwrap().sources, ["a.txt"]);
//! ```

pub mod export;

use crate::analysis::Analysis;
use crate::citation::{Date, DocType, Form, Pinpoint, Relation};
use crate::outline::Outline;
use crate::resolve::{DocId, Resolution};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// The version of the graph JSON layout.
pub const GRAPH_FORMAT_VERSION: u32 = 1;

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NodeKind {
    /// A document identified by its number code.
    Document,
    /// A statute identified by name (`Luật Đất đai năm 2024`).
    Statute,
    /// A short citation that its document did not pin down (`Nghị quyết 57`).
    Unresolved,
    /// A file of the corpus without a number of its own: a press report or
    /// an unnumbered document.
    File,
}

impl From<DocId> for String {
    fn from(d: DocId) -> String {
        d.as_str().to_string()
    }
}

impl From<&str> for DocId {
    fn from(s: &str) -> DocId {
        DocId::new(s)
    }
}

/// One document in the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Its canonical id.
    pub id: DocId,
    /// What it stands for.
    pub kind: NodeKind,
    /// Its number code, when known.
    pub code: Option<String>,
    /// Its type.
    pub doc_type: Option<DocType>,
    /// Its issue date (its own header first, else the date its citations give).
    pub date: Option<Date>,
    /// Its issuer (its own header first, else the commonest `của …` phrase).
    pub issuer: Option<String>,
    /// The place of a local issuer.
    pub place: Option<String>,
    /// Its title (its header, else a `… về <title>` phrase).
    pub title: Option<String>,
    /// The Central Committee term of a Party document.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub term: Option<String>,
    /// The corpus files that are this document.
    pub sources: Vec<String>,
    /// Complete ids this partial node may be (when the corpus has several).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub candidates: Vec<DocId>,
}

impl Node {
    /// Whether a file of the corpus is this document.
    pub fn in_corpus(&self) -> bool {
        !self.sources.is_empty()
    }
}

/// One mention supporting an edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeCitation {
    /// The file the mention is in.
    pub file: String,
    /// Its first byte in that file.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The mention as printed.
    pub text: String,
    /// The relation its wording states.
    pub relation: Relation,
    /// How firmly the target is known from this mention.
    pub resolution: Resolution,
    /// The text that reports this relation, when it is not the source
    /// document itself (a press report, or a third document).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reported_by: Option<DocId>,
    /// Where the mention stands in the citing file (`preamble > ground`,
    /// `body > Điều 3 > khoản 2`): grounds of the preamble are told apart
    /// from mentions in the body.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<String>,
    /// The pinpoint of the mention (`khoản 2 Điều 5`), as printed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pinpoint: Option<String>,
    /// The cited division in the cited document's file, when that file is
    /// in the corpus and has the division.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub division: Option<DivisionRef>,
}

/// A division of a document in the corpus: where a pinpoint leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DivisionRef {
    /// The file.
    pub file: String,
    /// First byte of the division in that file.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Its first line (`Điều 5. Hiệu lực thi hành`).
    pub heading: String,
}

/// A citing → cited edge with every mention that supports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The citing document.
    pub source: DocId,
    /// The cited document.
    pub target: DocId,
    /// The relation of the edge: the commonest specific relation among its
    /// mentions (`mentions` only when no mention says more).
    pub relation: Relation,
    /// The number of mentions.
    pub count: usize,
    /// The mentions, in file and text order.
    pub citations: Vec<EdgeCitation>,
}

impl Edge {
    /// Whether any mention states `relation`.
    pub fn has_relation(&self, relation: Relation) -> bool {
        self.relation == relation || self.citations.iter().any(|c| c.relation == relation)
    }
}

/// The citation graph (see the module docs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Graph {
    /// Always [`GRAPH_FORMAT_VERSION`].
    pub format_version: u32,
    /// Nodes sorted by id.
    pub nodes: Vec<Node>,
    /// Edges sorted by source, then target.
    pub edges: Vec<Edge>,
    #[serde(skip)]
    index: HashMap<DocId, usize>,
}

/// What one file says about one document.
#[derive(Clone, Debug, Default)]
struct Facts {
    code: Option<String>,
    kind: Option<NodeKind>,
    doc_type: BTreeMap<DocType, usize>,
    dates: BTreeMap<Date, usize>,
    issuers: Vec<String>,
    place: Option<String>,
    title: Option<String>,
    sources: BTreeSet<String>,
    own: Option<OwnFacts>,
}

/// Header facts of a file that is the document.
#[derive(Clone, Debug, Default)]
struct OwnFacts {
    doc_type: Option<DocType>,
    date: Option<Date>,
    issuer: Option<String>,
    title: Option<String>,
}

/// Builds a [`Graph`] one analysed file at a time.
#[derive(Debug, Default)]
pub struct GraphBuilder {
    facts: BTreeMap<DocId, Facts>,
    /// statute-name ids (`luat:dat-dai#2024`) → the coded ids cited with that name and year
    names: BTreeMap<DocId, BTreeMap<DocId, usize>>,
    edges: Vec<(DocId, DocId, EdgeCitation, Option<Pinpoint>)>,
    /// The outlines of files that are documents, for pinpoints.
    outlines: BTreeMap<String, Outline>,
}

fn relation_rank(r: Relation) -> u8 {
    match r {
        Relation::Replaces => 7,
        Relation::Repeals => 6,
        Relation::Amends => 5,
        Relation::Guides => 4,
        Relation::Implements => 3,
        Relation::BasedOn => 2,
        Relation::Reports => 1,
        _ => 0,
    }
}

impl GraphBuilder {
    /// An empty builder.
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    fn facts(&mut self, id: &DocId) -> &mut Facts {
        self.facts.entry(id.clone()).or_default()
    }

    /// Adds one analysed file; `source` is its path as it should appear in
    /// the graph.
    pub fn add(&mut self, source: &str, a: &Analysis) {
        let me = a.self_id.clone().unwrap_or_else(|| DocId::of_file(source));
        if a.is_document() {
            let divisions = a.outline.divisions_only();
            if !divisions.parts.is_empty() {
                self.outlines.insert(source.to_string(), divisions);
            }
        }
        {
            let own = a.identity.as_ref().map(|i| OwnFacts {
                doc_type: i.doc_type,
                date: i.date,
                issuer: i.issuer.clone(),
                title: i.title.clone(),
            });
            let place = a.identity.as_ref().and_then(|i| i.place.clone());
            let code = a.identity.as_ref().and_then(|i| i.code.as_ref()).map(|c| c.canonical.clone());
            let f = self.facts(&me);
            f.kind = Some(if code.is_some() { NodeKind::Document } else { NodeKind::File });
            f.code = f.code.take().or(code);
            f.place = f.place.take().or(place);
            f.sources.insert(source.to_string());
            if f.own.is_none() {
                f.own = own;
            }
        }
        // facts every citation gives about its target
        for (c, t) in a.citations.iter().zip(&a.targets) {
            let kind = match (c.code.is_some(), c.form, t.resolution) {
                (true, _, _) => NodeKind::Document,
                (false, Form::Named, _) => NodeKind::Statute,
                (false, _, Resolution::Contextual | Resolution::Exact) => NodeKind::Document,
                _ => NodeKind::Unresolved,
            };
            // `Luật Đất đai số 31/2024/QH15`: the name and year now point to the code
            if let (Some(code), Some(name), Some(kind)) = (&c.code, &c.name, c.doc_type)
                && let Some(year) = code.year
                && kind.is_named_type()
            {
                let key = crate::resolve::named_id(kind, name, Some(year));
                *self.names.entry(key).or_default().entry(t.id.clone()).or_default() += 1;
            }
            let f = self.facts(&t.id);
            if f.kind.is_none() || f.kind == Some(NodeKind::Unresolved) {
                f.kind = Some(kind);
            }
            if let Some(code) = &c.code {
                f.code.get_or_insert_with(|| code.canonical.clone());
            }
            if let Some(k) = c.doc_type {
                *f.doc_type.entry(k).or_default() += 1;
            }
            if let Some(d) = c.date {
                *f.dates.entry(d).or_default() += 1;
            }
            if let Some(i) = &c.issuer {
                f.issuers.push(i.text.clone());
            }
            if f.place.is_none() {
                f.place = t.place.clone();
            }
            if f.title.is_none() {
                f.title = t.title.clone();
            }
        }
        // reported documents take the lead's date and issuer
        for r in &a.reported {
            if let Some(t) = a.targets.get(r.citation) {
                let f = self.facts(&t.id);
                if let Some(d) = r.date {
                    *f.dates.entry(d).or_default() += 1;
                }
                if let Some(i) = &r.issuer {
                    f.issuers.push(i.clone());
                }
                if f.place.is_none() {
                    f.place = r.place.clone();
                }
            }
        }
        // edges
        let linked_to: HashMap<usize, (usize, Relation)> =
            a.links.iter().map(|l| (l.to, (l.from, l.relation))).collect();
        let reported_at: Vec<usize> = a.reported.iter().map(|r| r.citation).collect();
        for (i, (c, t)) in a.citations.iter().zip(&a.targets).enumerate() {
            let mut cite = EdgeCitation {
                file: source.to_string(),
                start: c.span.start,
                end: c.span.end,
                text: c.text.clone(),
                relation: c.relation,
                resolution: t.resolution,
                reported_by: None,
                location: a.location_of(i),
                pinpoint: c.pinpoint.as_ref().map(|p| p.text.clone()),
                division: None,
            };
            let from = if let Some(&(k, rel)) = linked_to.get(&i) {
                cite.relation = rel;
                cite.reported_by = Some(me.clone());
                a.targets[k].id.clone()
            } else if reported_at.contains(&i) {
                cite.relation = Relation::Reports;
                me.clone()
            } else if !reported_at.is_empty() {
                let k = reported_at.iter().rev().find(|&&k| k < i).or(reported_at.first()).copied().unwrap_or(0);
                cite.reported_by = Some(me.clone());
                a.targets[k].id.clone()
            } else {
                me.clone()
            };
            if from != t.id {
                self.edges.push((from, t.id.clone(), cite, c.pinpoint.clone()));
            }
        }
        for r in &a.references {
            let (Some(c), Some(t)) = (a.citations.get(r.antecedent), a.targets.get(r.antecedent)) else { continue };
            let cite = EdgeCitation {
                file: source.to_string(),
                start: r.span.start,
                end: r.span.end,
                text: r.text.clone(),
                relation: if r.relation == Relation::Mentions { c.relation } else { r.relation },
                resolution: t.resolution,
                reported_by: None,
                location: a.outline.location(r.span),
                pinpoint: None,
                division: None,
            };
            if me != t.id {
                self.edges.push((me.clone(), t.id.clone(), cite, None));
            }
        }
    }

    /// Merges what every file said and returns the graph.
    pub fn finish(self) -> Graph {
        let GraphBuilder { facts, edges, names, outlines } = self;
        // partial ids: merge into the one complete id with the same parts
        // (complete ids by their code part, in id order: a partial id only
        // fits ids with its own code, and comparing it with every id made
        // this step grow with the square of the archive)
        let mut complete: HashMap<&str, Vec<&DocId>> = HashMap::new();
        for k in facts.keys().filter(|k| !k.is_partial()) {
            complete.entry(parts(k).0).or_default().push(k);
        }
        let mut remap: HashMap<DocId, DocId> = HashMap::new();
        let mut candidates: HashMap<DocId, Vec<DocId>> = HashMap::new();
        for id in facts.keys().filter(|k| k.is_partial()) {
            let same_code = complete.get(parts(id).0).map_or(&[][..], Vec::as_slice);
            let found: Vec<DocId> = same_code.iter().filter(|c| fits(id, c)).map(|c| (*c).clone()).collect();
            if found.len() == 1 {
                remap.insert(id.clone(), found[0].clone());
            } else if found.len() > 1 {
                candidates.insert(id.clone(), found);
            }
        }
        // a statute cited by name and year is the coded law the corpus cites
        // with that name and year: the only one, or one cited at least three
        // times as often as any other (a stray mislabelled mention)
        for (name_id, ids) in names {
            let mut v: Vec<(DocId, usize)> = ids.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let clear = v.len() == 1 || v.len() > 1 && v[0].1 >= 3 * v[1].1;
            if clear && facts.contains_key(&name_id) {
                remap.insert(name_id, v.swap_remove(0).0);
            }
        }
        let map = |id: &DocId| remap.get(id).cloned().unwrap_or_else(|| id.clone());
        let mut merged: BTreeMap<DocId, Facts> = BTreeMap::new();
        for (id, f) in facts {
            let m = merged.entry(map(&id)).or_default();
            merge(m, f);
        }
        let nodes: Vec<Node> = merged
            .into_iter()
            .map(|(id, f)| {
                let own = f.own.unwrap_or_default();
                let commonest_issuer = {
                    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                    for i in &f.issuers {
                        *counts.entry(i.as_str()).or_default() += 1;
                    }
                    let best = counts.values().copied().max().unwrap_or(0);
                    f.issuers.iter().find(|i| counts.get(i.as_str()) == Some(&best)).cloned()
                };
                let date = own.date.or_else(|| most(&f.dates));
                let term = (!id.as_str().starts_with("file:"))
                    .then(|| id.as_str().rsplit_once('#').map(|(_, e)| e.to_string()))
                    .flatten()
                    .filter(|e| e.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) && !e.is_empty());
                Node {
                    candidates: candidates.get(&id).cloned().unwrap_or_default(),
                    kind: f.kind.unwrap_or(NodeKind::Unresolved),
                    code: f.code,
                    doc_type: own.doc_type.or_else(|| most(&f.doc_type)),
                    date,
                    issuer: own.issuer.or(commonest_issuer),
                    place: f.place,
                    title: own.title.or(f.title),
                    term,
                    sources: f.sources.into_iter().collect(),
                    id,
                }
            })
            .collect();
        let files: HashMap<&DocId, &[String]> = nodes.iter().map(|n| (&n.id, n.sources.as_slice())).collect();
        let mut grouped: BTreeMap<(DocId, DocId), Vec<EdgeCitation>> = BTreeMap::new();
        for (s, t, mut c, pinpoint) in edges {
            let (s, t) = (map(&s), map(&t));
            if s == t {
                continue;
            }
            // a pinpoint into a document of the corpus: find the division
            if let Some(p) = &pinpoint {
                c.division = files.get(&t).into_iter().flat_map(|fs| fs.iter()).find_map(|file| {
                    let part = outlines.get(file)?.find(p)?;
                    Some(DivisionRef {
                        file: file.clone(),
                        start: part.span.start,
                        end: part.span.end,
                        heading: part.heading.clone(),
                    })
                });
            }
            grouped.entry((s, t)).or_default().push(c);
        }
        let edges = grouped
            .into_iter()
            .map(|((source, target), mut citations)| {
                citations.sort_by(|a, b| (&a.file, a.start).cmp(&(&b.file, b.start)));
                let mut counts: BTreeMap<Relation, usize> = BTreeMap::new();
                for c in &citations {
                    *counts.entry(c.relation).or_default() += 1;
                }
                let relation = counts
                    .iter()
                    .filter(|(r, _)| **r != Relation::Mentions)
                    .max_by_key(|(r, n)| (**n, relation_rank(**r)))
                    .map_or(Relation::Mentions, |(r, _)| *r);
                Edge { source, target, relation, count: citations.len(), citations }
            })
            .collect();
        Graph::from_parts(nodes, edges)
    }
}

fn most<K: Copy + Ord>(m: &BTreeMap<K, usize>) -> Option<K> {
    let best = m.values().copied().max()?;
    m.iter().find(|(_, n)| **n == best).map(|(k, _)| *k)
}

fn merge(into: &mut Facts, f: Facts) {
    into.code = into.code.take().or(f.code);
    into.kind = match (into.kind, f.kind) {
        (Some(NodeKind::Unresolved) | None, k) => k.or(into.kind),
        (k, _) => k,
    };
    for (k, n) in f.doc_type {
        *into.doc_type.entry(k).or_default() += n;
    }
    for (k, n) in f.dates {
        *into.dates.entry(k).or_default() += n;
    }
    into.issuers.extend(f.issuers);
    into.place = into.place.take().or(f.place);
    into.title = into.title.take().or(f.title);
    into.sources.extend(f.sources);
    if into.own.is_none() {
        into.own = f.own;
    }
}

/// The parts of an id: code, place (`Some(None)` when unknown) and epoch.
fn parts(id: &DocId) -> (&str, Option<&str>, Option<&str>) {
    let s = id.as_str();
    let (rest, epoch) = match s.rsplit_once('#') {
        Some((r, e)) => (r, Some(e)),
        None => (s, None),
    };
    let (code, place) = match rest.rsplit_once('@') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    (code, place, epoch)
}

/// Whether the partial id `p` can be the complete id `c`.
fn fits(p: &DocId, c: &DocId) -> bool {
    let (pc, pp, pe) = parts(p);
    let (cc, cp, ce) = parts(c);
    let part = |a: Option<&str>, b: Option<&str>| a == b || a == Some("?") && b.is_some();
    pc == cc && part(pp, cp) && part(pe, ce)
}

impl Graph {
    fn from_parts(nodes: Vec<Node>, edges: Vec<Edge>) -> Graph {
        let index = nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
        Graph { format_version: GRAPH_FORMAT_VERSION, nodes, edges, index }
    }

    /// Reads a graph saved as JSON (the output of `vanban graph`).
    pub fn from_json(json: &str) -> Result<Graph, serde_json::Error> {
        let g: Graph = serde_json::from_str(json)?;
        Ok(Graph::from_parts(g.nodes, g.edges))
    }

    /// The node with this id.
    pub fn node(&self, id: &DocId) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// The nodes a user means by `query`: the node with that id, or else
    /// every node with that code (`178-KL/TW` finds `178-KL/TW#XIII`).
    pub fn find(&self, query: &str) -> Vec<&Node> {
        if let Some(n) = self.node(&DocId::new(query)) {
            return vec![n];
        }
        let q = query.parse::<crate::DocCode>().map(|c| c.canonical).unwrap_or_else(|_| query.to_string());
        self.nodes.iter().filter(|n| n.code.as_deref() == Some(q.as_str())).collect()
    }

    /// Edges out of `id` (what it cites), optionally only those stating `relation`.
    pub fn cites(&self, id: &DocId, relation: Option<Relation>) -> Vec<&Edge> {
        self.edges.iter().filter(|e| &e.source == id && relation.is_none_or(|r| e.has_relation(r))).collect()
    }

    /// Edges into `id` (what cites it), optionally only those stating `relation`.
    pub fn cited_by(&self, id: &DocId, relation: Option<Relation>) -> Vec<&Edge> {
        self.edges.iter().filter(|e| &e.target == id && relation.is_none_or(|r| e.has_relation(r))).collect()
    }

    /// The `n` documents cited by the most distinct documents, with that
    /// number; ties by mention count, then id.
    pub fn most_cited(&self, n: usize) -> Vec<(&Node, usize)> {
        let mut by: HashMap<&DocId, (usize, usize)> = HashMap::new();
        for e in &self.edges {
            let v = by.entry(&e.target).or_default();
            v.0 += 1;
            v.1 += e.count;
        }
        let mut v: Vec<(&Node, (usize, usize))> =
            by.into_iter().filter_map(|(id, c)| self.node(id).map(|n| (n, c))).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));
        v.into_iter().take(n).map(|(n, (d, _))| (n, d)).collect()
    }

    /// Every document that implements `id`, directly or through a chain of
    /// implementing documents (a plan implementing a plan implementing a
    /// conclusion), in breadth-first order.
    pub fn implementing(&self, id: &DocId) -> Vec<&Node> {
        let mut seen: BTreeSet<&DocId> = BTreeSet::new();
        let mut out = Vec::new();
        let mut queue: VecDeque<&DocId> = VecDeque::from([id]);
        seen.insert(id);
        while let Some(cur) = queue.pop_front() {
            for e in self.edges.iter().filter(|e| &e.target == cur && e.has_relation(Relation::Implements)) {
                if seen.insert(&e.source) {
                    if let Some(n) = self.node(&e.source) {
                        out.push(n);
                    }
                    queue.push_back(&e.source);
                }
            }
        }
        out
    }

    /// Documents that are cited but are not a file of the corpus.
    pub fn not_in_corpus(&self) -> Vec<&Node> {
        let cited: BTreeSet<&DocId> = self.edges.iter().map(|e| &e.target).collect();
        self.nodes.iter().filter(|n| !n.in_corpus() && cited.contains(&n.id)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_partial_ids_merge_across_files() {
        let ex = crate::Extractor::new();
        let mut b = GraphBuilder::new();
        b.add("a.txt", &ex.analyze("Căn cứ Luật Đất đai số 31/2024/QH15; Kết luận số 178-KL/TW, ngày 17/7/2025;"));
        b.add("b.txt", &ex.analyze("theo Luật Đất đai năm 2024 và Kết luận số 178-KL/TW."));
        let g = b.finish();
        let law = g.node(&DocId::new("31/2024/QH15")).unwrap();
        assert_eq!(g.cited_by(&law.id, None).len(), 2);
        assert!(g.node(&DocId::new("luat:dat-dai#2024")).is_none());
        let kl = g.cited_by(&DocId::new("178-KL/TW#XIII"), None);
        assert_eq!(kl.len(), 2, "the undated mention joins the dated one");
        assert_eq!(g.not_in_corpus().len(), 2);
    }

    #[test]
    fn partial_ids_fit_complete_ones() {
        let p = DocId::new("178-KL/TW#?");
        assert!(fits(&p, &DocId::new("178-KL/TW#XIII")));
        assert!(!fits(&p, &DocId::new("177-KL/TW#XIII")));
        assert!(fits(&DocId::new("02-KH/TU@?#2025"), &DocId::new("02-KH/TU@phu-tho#2025")));
        assert!(!fits(&DocId::new("02-KH/TU@?#2025"), &DocId::new("02-KH/TU@phu-tho#2024")));
    }
}

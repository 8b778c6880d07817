//! The stable JSON output of `vanban extract` (`format_version` 1).
//!
//! ```text
//! { "format_version": 1,
//!   "documents": [ { "source": PATH, "input": InputRecord, "self": SelfRecord | null,
//!                    "citations": [ CitationRecord, ... ],
//!                    "reports": [ ... ], "links": [ ... ], "references": [ ... ] } ],
//!   "errors": [ { "source": PATH, "error": MESSAGE } ] }
//! ```
//! Each [`CitationRecord`] has `start` and `end` (byte offsets into the
//! file), `text`, `form`, `code`, `doc_type`, `number`, `date`, `year`,
//! `name`, `issuer`, `issuer_bodies`, `type_word`, `pinpoint`, `relation`,
//! `target` / `resolution`: the id of the cited document ([`DocId`]) and
//! how firmly it is known, and `location`: where it stands in the citing
//! document (`preamble > ground`, `body > Điều 3 > khoản 2`). [`InputRecord`] says how the file
//! was read (format, encoding, detector confidence) and what the offsets
//! count: the file's bytes, or for a `.docx` the extracted text.

use crate::Date;
use crate::analysis::Analysis;
use crate::citation::{Body, Citation, DocType, Form, Pinpoint, Relation};
use crate::decode::{Decoded, Encoding, Format, Offsets};
use crate::identity::{Identity, IdentitySource, Reported};
use crate::resolve::{DocId, Link, Reference, Resolution, Target};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The version of the JSON layout; bumped on any breaking change.
pub const FORMAT_VERSION: u32 = 1;

/// The whole output of `vanban extract`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ExtractReport {
    /// Always [`FORMAT_VERSION`].
    pub format_version: u32,
    /// One entry per input read, in input order.
    pub documents: Vec<DocumentRecord>,
    /// Inputs that could not be read.
    pub errors: Vec<ErrorRecord>,
}

/// The citations of one document.
// (written field by field in `compact` too, like `CitationRecord`)
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocumentRecord {
    /// The input path (or `-`).
    pub source: String,
    /// How the file was decoded (absent for text handed to the library
    /// directly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<InputRecord>,
    /// The document's own identity; null for a press report or a page
    /// without a header.
    #[serde(rename = "self")]
    pub self_: Option<SelfRecord>,
    /// Citations in document order (mentions of its own number excluded).
    pub citations: Vec<CitationRecord>,
    /// Documents a press report says were issued.
    #[serde(default)]
    pub reports: Vec<ReportRecord>,
    /// Relations the text states between two cited documents (indices
    /// into `citations`).
    #[serde(default)]
    pub links: Vec<Link>,
    /// Anaphoric mentions (`Kết luận nêu trên`), `antecedent` an index into
    /// `citations`.
    #[serde(default)]
    pub references: Vec<Reference>,
}

/// The document's own identity in the JSON contract.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SelfRecord {
    /// Its id, when it prints its number.
    pub id: Option<DocId>,
    /// Its number code, or null for an unnumbered document.
    pub code: Option<String>,
    /// Its type.
    pub doc_type: Option<DocType>,
    /// Its issue date.
    pub date: Option<Date>,
    /// Its issuing body.
    pub issuer: Option<String>,
    /// The place of a local issuer.
    pub place: Option<String>,
    /// Its title or `V/v` subject.
    pub title: Option<String>,
    /// The signer, when found.
    pub signer: Option<String>,
    /// Where the facts were read.
    pub source: IdentitySource,
    /// Where the text names its own number.
    pub mentions: Vec<Span>,
}

/// A document a press report says was issued.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ReportRecord {
    /// The index of its citation in `citations`.
    pub citation: usize,
    /// Its id.
    pub target: DocId,
    /// Its issue date (the lead's date, the year from the article's dates).
    pub date: Option<Date>,
    /// The body that issued it.
    pub issuer: Option<String>,
}

/// How an input file was read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InputRecord {
    /// `text`, `html` or `docx`.
    pub format: Format,
    /// The character encoding found (or given with `--encoding`).
    pub encoding: Encoding,
    /// Whether the file starts with a byte-order mark.
    pub bom: bool,
    /// The detector's confidence, 0–1.
    pub confidence: f32,
    /// What `start` and `end` count: `file-bytes`, or `extracted-text` for
    /// a `.docx` (offsets into the text `vanban text FILE` prints).
    pub offsets: Offsets,
}

impl InputRecord {
    /// The record of a decoded input.
    pub fn of(d: &Decoded) -> InputRecord {
        InputRecord {
            format: d.format,
            encoding: d.encoding,
            bom: d.bom,
            confidence: d.confidence,
            offsets: d.offsets(),
        }
    }
}

/// An input that could not be read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ErrorRecord {
    /// The input path.
    pub source: String,
    /// Why it could not be read.
    pub error: String,
}

/// One citation in the JSON contract.
// (its compact JSON is written field by field in `compact`: a field added
// here goes there too; the tests compare the two writers)
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CitationRecord {
    /// First byte of the cited text in the input.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The cited text as printed.
    pub text: String,
    /// `coded`, `named` or `short`.
    pub form: Form,
    /// The canonical code, or null.
    pub code: Option<String>,
    /// The document type id, or null.
    pub doc_type: Option<DocType>,
    /// The number as printed, or null.
    pub number: Option<String>,
    /// The stated issue date (`YYYY-MM-DD`), or null.
    pub date: Option<Date>,
    /// The year of a named citation, or null.
    pub year: Option<u16>,
    /// The name of a named citation (or coded law), or null.
    pub name: Option<String>,
    /// The issuer phrase as printed, or null.
    pub issuer: Option<String>,
    /// The bodies recognised in the issuer phrase.
    pub issuer_bodies: Vec<Body>,
    /// The type word as printed, or null.
    pub type_word: Option<String>,
    /// The pinpoint in front of the citation, or null.
    pub pinpoint: Option<Pinpoint>,
    /// The relation of the citing text to the cited document.
    pub relation: Relation,
    /// The id of the cited document (filled by [`DocumentRecord::from_analysis`]).
    #[serde(default)]
    pub target: Option<DocId>,
    /// How firmly `target` is known.
    #[serde(default)]
    pub resolution: Option<Resolution>,
    /// The possible targets when ambiguous.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<DocId>,
    /// Where the citation stands in the citing document's outline
    /// (`preamble > ground`, `body > Chương I > Điều 3 > khoản 2`; filled
    /// by [`DocumentRecord::from_analysis`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl From<Citation> for CitationRecord {
    /// The record of a citation, its strings moved, not copied.
    fn from(c: Citation) -> CitationRecord {
        let (issuer, issuer_bodies) = match c.issuer {
            Some(i) => (Some(i.text), i.bodies),
            None => (None, Vec::new()),
        };
        CitationRecord {
            start: c.span.start,
            end: c.span.end,
            text: c.text,
            form: c.form,
            code: c.code.map(|x| x.to_string()),
            doc_type: c.doc_type,
            number: c.number,
            date: c.date,
            year: c.year,
            name: c.name,
            issuer,
            issuer_bodies,
            type_word: c.type_word,
            pinpoint: c.pinpoint,
            relation: c.relation,
            target: None,
            resolution: None,
            candidates: Vec::new(),
            location: None,
        }
    }
}

impl From<&Citation> for CitationRecord {
    fn from(c: &Citation) -> CitationRecord {
        CitationRecord::from(c.clone())
    }
}

impl DocumentRecord {
    /// A record for `source` with its citations.
    pub fn new(source: impl Into<String>, citations: &[Citation]) -> DocumentRecord {
        DocumentRecord::of_citations(source.into(), citations.iter().map(Into::into).collect())
    }

    fn of_citations(source: String, citations: Vec<CitationRecord>) -> DocumentRecord {
        DocumentRecord {
            source,
            input: None,
            self_: None,
            citations,
            reports: Vec::new(),
            links: Vec::new(),
            references: Vec::new(),
        }
    }

    /// The record of a fully read document: its identity, citations with
    /// their targets, reports, links and references.
    pub fn from_analysis(source: impl Into<String>, a: &Analysis) -> DocumentRecord {
        let locations = (0..a.citations.len()).map(|i| a.location_of(i)).collect();
        DocumentRecord::assemble(
            source.into(),
            Parts {
                citations: a.citations.clone(),
                locations,
                targets: a.targets.clone(),
                identity: a.identity.clone(),
                self_id: a.self_id.clone(),
                self_mentions: a.self_mentions.clone(),
                reported: a.reported.clone(),
                links: a.links.clone(),
                references: a.references.clone(),
            },
        )
    }

    /// The record of a fully read document, as [`DocumentRecord::from_analysis`]
    /// makes it, from an analysis no longer needed: its strings are moved
    /// into the record rather than copied (what a run over an archive
    /// does, once per document).
    pub fn from_analysis_owned(source: impl Into<String>, a: Analysis) -> DocumentRecord {
        let locations = (0..a.citations.len()).map(|i| a.location_of(i)).collect();
        DocumentRecord::assemble(
            source.into(),
            Parts {
                citations: a.citations,
                locations,
                targets: a.targets,
                identity: a.identity,
                self_id: a.self_id,
                self_mentions: a.self_mentions,
                reported: a.reported,
                links: a.links,
                references: a.references,
            },
        )
    }

    fn assemble(source: String, p: Parts) -> DocumentRecord {
        let mut r = DocumentRecord::of_citations(source, Vec::with_capacity(p.citations.len()));
        r.reports = p
            .reported
            .into_iter()
            .filter_map(|x| {
                Some(ReportRecord {
                    citation: x.citation,
                    target: p.targets.get(x.citation)?.id.clone(),
                    date: x.date,
                    issuer: x.issuer,
                })
            })
            .collect();
        // (a citation without a target, which analysis never makes, keeps
        // those fields empty)
        let mut targets = p.targets.into_iter();
        for (c, location) in p.citations.into_iter().zip(p.locations) {
            let mut c = CitationRecord::from(c);
            if let Some(t) = targets.next() {
                c.location = location;
                c.target = Some(t.id);
                c.resolution = Some(t.resolution);
                c.candidates = t.candidates;
            }
            r.citations.push(c);
        }
        r.self_ = p.identity.map(|i| SelfRecord {
            id: p.self_id,
            code: i.code.map(|c| c.canonical),
            doc_type: i.doc_type,
            date: i.date,
            issuer: i.issuer,
            place: i.place,
            title: i.title,
            signer: i.signer,
            source: i.source,
            mentions: p.self_mentions,
        });
        r.links = p.links;
        r.references = p.references;
        r
    }
}

/// What a [`DocumentRecord`] is made from.
struct Parts {
    citations: Vec<Citation>,
    locations: Vec<Option<String>>,
    targets: Vec<Target>,
    identity: Option<Identity>,
    self_id: Option<DocId>,
    self_mentions: Vec<Span>,
    reported: Vec<Reported>,
    links: Vec<Link>,
    references: Vec<Reference>,
}

impl ExtractReport {
    /// An empty report.
    pub fn new() -> ExtractReport {
        ExtractReport { format_version: FORMAT_VERSION, documents: Vec::new(), errors: Vec::new() }
    }
}

impl Default for ExtractReport {
    fn default() -> ExtractReport {
        ExtractReport::new()
    }
}

/// One document's JSON as [`ReportWriter::document`] takes it: in the
/// pretty form, indented for its place in the `documents` list of a
/// pretty report.
pub fn document_json(doc: &DocumentRecord, pretty: bool) -> serde_json::Result<Vec<u8>> {
    if !pretty {
        let mut out = Vec::with_capacity(256 + 512 * doc.citations.len());
        compact::document(&mut out, doc)?;
        return Ok(out);
    }
    let json = serde_json::to_vec_pretty(doc)?;
    // two levels deeper than alone: every line but the first moves
    // four spaces right (JSON strings hold no raw line breaks, so
    // every line break is the formatter's)
    let breaks = json.iter().filter(|&&b| b == b'\n').count();
    let mut out = Vec::with_capacity(json.len() + 4 * breaks);
    for (k, line) in json.split(|&b| b == b'\n').enumerate() {
        if k > 0 {
            out.extend_from_slice(b"\n    ");
        }
        out.extend_from_slice(line);
    }
    Ok(out)
}

/// The compact JSON of a document record written field by field, the
/// same bytes as `serde_json::to_vec` gives (tests compare them on every
/// committed document and on random records): serde_json spends some 130
/// instructions on each key and value it writes, and a document's JSON
/// has some forty of them for every citation, most of them keys known in
/// advance and strings that need no escaping. The parts written once a
/// document (the input, the identity, the lists after the citations) are
/// left to serde_json.
mod compact {
    use super::{CitationRecord, DocumentRecord};
    use crate::citation::Pinpoint;
    use crate::resolve::Resolution;

    type Out = Vec<u8>;

    /// `doc` as `serde_json::to_vec(doc)` writes it.
    pub(super) fn document(out: &mut Out, doc: &DocumentRecord) -> serde_json::Result<()> {
        out.extend_from_slice(b"{\"source\":");
        string(out, &doc.source)?;
        if let Some(input) = &doc.input {
            out.extend_from_slice(b",\"input\":");
            serde_json::to_writer(&mut *out, input)?;
        }
        out.extend_from_slice(b",\"self\":");
        serde_json::to_writer(&mut *out, &doc.self_)?;
        out.extend_from_slice(b",\"citations\":[");
        for (k, c) in doc.citations.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            citation(out, c)?;
        }
        out.extend_from_slice(b"],\"reports\":");
        serde_json::to_writer(&mut *out, &doc.reports)?;
        out.extend_from_slice(b",\"links\":");
        serde_json::to_writer(&mut *out, &doc.links)?;
        out.extend_from_slice(b",\"references\":");
        serde_json::to_writer(&mut *out, &doc.references)?;
        out.push(b'}');
        Ok(())
    }

    /// One citation record, its fields in declaration order.
    fn citation(out: &mut Out, c: &CitationRecord) -> serde_json::Result<()> {
        out.extend_from_slice(b"{\"start\":");
        int(out, c.start);
        out.extend_from_slice(b",\"end\":");
        int(out, c.end);
        out.extend_from_slice(b",\"text\":");
        string(out, &c.text)?;
        out.extend_from_slice(b",\"form\":");
        string(out, c.form.id())?;
        out.extend_from_slice(b",\"code\":");
        opt_string(out, c.code.as_deref())?;
        out.extend_from_slice(b",\"doc_type\":");
        opt_string(out, c.doc_type.map(|d| d.id()))?;
        out.extend_from_slice(b",\"number\":");
        opt_string(out, c.number.as_deref())?;
        out.extend_from_slice(b",\"date\":");
        match c.date {
            Some(d) => string(out, &d.to_string())?,
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"year\":");
        match c.year {
            Some(y) => int(out, usize::from(y)),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"name\":");
        opt_string(out, c.name.as_deref())?;
        out.extend_from_slice(b",\"issuer\":");
        opt_string(out, c.issuer.as_deref())?;
        out.extend_from_slice(b",\"issuer_bodies\":");
        strings(out, c.issuer_bodies.iter().map(|b| b.id()))?;
        out.extend_from_slice(b",\"type_word\":");
        opt_string(out, c.type_word.as_deref())?;
        out.extend_from_slice(b",\"pinpoint\":");
        match &c.pinpoint {
            Some(p) => pinpoint(out, p)?,
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"relation\":");
        string(out, c.relation.id())?;
        out.extend_from_slice(b",\"target\":");
        opt_string(out, c.target.as_ref().map(|t| t.as_str()))?;
        out.extend_from_slice(b",\"resolution\":");
        opt_string(out, c.resolution.map(resolution_id))?;
        if !c.candidates.is_empty() {
            out.extend_from_slice(b",\"candidates\":");
            serde_json::to_writer(&mut *out, &c.candidates)?;
        }
        if let Some(l) = &c.location {
            out.extend_from_slice(b",\"location\":");
            string(out, l)?;
        }
        out.push(b'}');
        Ok(())
    }

    /// A pinpoint: its parts, text and span.
    fn pinpoint(out: &mut Out, p: &Pinpoint) -> serde_json::Result<()> {
        out.extend_from_slice(b"{\"parts\":[");
        for (k, part) in p.parts.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"division\":");
            string(out, part.division.id())?;
            out.extend_from_slice(b",\"labels\":");
            strings(out, part.labels.iter().map(String::as_str))?;
            out.extend_from_slice(if part.range { b",\"range\":true}" } else { b",\"range\":false}" });
        }
        out.extend_from_slice(b"],\"text\":");
        string(out, &p.text)?;
        out.extend_from_slice(b",\"span\":{\"start\":");
        int(out, p.span.start);
        out.extend_from_slice(b",\"end\":");
        int(out, p.span.end);
        out.extend_from_slice(b"}}");
        Ok(())
    }

    /// The name serde gives a resolution (snake case).
    fn resolution_id(r: Resolution) -> &'static str {
        match r {
            Resolution::Exact => "exact",
            Resolution::Contextual => "contextual",
            Resolution::Partial => "partial",
            Resolution::Ambiguous => "ambiguous",
            Resolution::Unresolved => "unresolved",
        }
    }

    fn int(out: &mut Out, n: usize) {
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// A list of strings.
    fn strings<'a>(out: &mut Out, items: impl Iterator<Item = &'a str>) -> serde_json::Result<()> {
        out.push(b'[');
        for (k, s) in items.enumerate() {
            if k > 0 {
                out.push(b',');
            }
            string(out, s)?;
        }
        out.push(b']');
        Ok(())
    }

    fn opt_string(out: &mut Out, s: Option<&str>) -> serde_json::Result<()> {
        match s {
            Some(s) => string(out, s),
            None => {
                out.extend_from_slice(b"null");
                Ok(())
            }
        }
    }

    /// A JSON string: copied between quotes when nothing in it needs an
    /// escape (no `"`, `\\` or control character), else left to serde_json.
    fn string(out: &mut Out, s: &str) -> serde_json::Result<()> {
        if needs_escape(s.as_bytes()) {
            return serde_json::to_writer(&mut *out, s);
        }
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        Ok(())
    }

    /// Whether any byte of `b` is one JSON escapes: tested sixteen bytes at
    /// a time without branches (the compiler makes it vector code).
    fn needs_escape(b: &[u8]) -> bool {
        let bad = |c: u8| (c < 0x20) | (c == b'"') | (c == b'\\');
        let mut chunks = b.chunks_exact(16);
        let blocks = chunks.by_ref().any(|ch| ch.iter().fold(false, |acc, &c| acc | bad(c)));
        blocks || chunks.remainder().iter().any(|&c| bad(c))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn escape_test_matches_serde_json() {
            for s in [
                "",
                "a",
                "\"",
                "\\",
                "\n",
                "\u{1f}",
                "\u{7f}",
                "Nghị định số 30/2020/NĐ-CP",
                "x\ty",
                "0123456789abcdef\"",
                "0123456789abcdefg",
            ] {
                let mut fast = Vec::new();
                string(&mut fast, s).unwrap();
                assert_eq!(fast, serde_json::to_vec(s).unwrap(), "{s:?}");
                let plain = serde_json::to_vec(s).unwrap() == [b"\"", s.as_bytes(), b"\""].concat();
                assert_eq!(needs_escape(s.as_bytes()), !plain, "{s:?}");
            }
        }

        #[test]
        fn resolution_ids_are_serde_names() {
            for r in [
                Resolution::Exact,
                Resolution::Contextual,
                Resolution::Partial,
                Resolution::Ambiguous,
                Resolution::Unresolved,
            ] {
                assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", resolution_id(r)));
            }
        }
    }
}

/// Writes an [`ExtractReport`] a document at a time, byte for byte as
/// serialising the whole report would (compact, or pretty with two-space
/// indents), so that an archive of any size is written in bounded memory
/// and each document's JSON can be made on the thread that read it
/// ([`document_json`]).
///
/// ```
/// use vanban::export::{document_json, DocumentRecord, ExtractReport, ReportWriter};
///
/// let doc = DocumentRecord::new("a.txt", &vanban::extract("Căn cứ Nghị định số 30/2020/NĐ-CP;"));
/// let mut out = Vec::new();
/// let mut w = ReportWriter::new(&mut out, false);
/// w.document(&document_json(&doc, false).unwrap()).unwrap();
/// w.finish(&[]).unwrap();
///
/// let whole = ExtractReport { documents: vec![doc], ..ExtractReport::new() };
/// let mut expected = serde_json::to_vec(&whole).unwrap();
/// expected.push(b'\n');
/// assert_eq!(out, expected);
/// ```
#[derive(Debug)]
pub struct ReportWriter<W: std::io::Write> {
    w: W,
    pretty: bool,
    /// Documents written so far.
    count: usize,
}

impl<W: std::io::Write> ReportWriter<W> {
    /// A writer of one report into `w`, pretty-printed or compact.
    pub fn new(w: W, pretty: bool) -> ReportWriter<W> {
        ReportWriter { w, pretty, count: 0 }
    }

    /// The report's opening, up to the documents list's `[`.
    fn head(&mut self) -> std::io::Result<()> {
        if self.pretty {
            write!(self.w, "{{\n  \"format_version\": {FORMAT_VERSION},\n  \"documents\": [")
        } else {
            write!(self.w, "{{\"format_version\":{FORMAT_VERSION},\"documents\":[")
        }
    }

    /// Writes the next document, as [`document_json`] made it.
    pub fn document(&mut self, json: &[u8]) -> std::io::Result<()> {
        if self.count == 0 {
            self.head()?;
        } else {
            self.w.write_all(b",")?;
        }
        if self.pretty {
            self.w.write_all(b"\n    ")?;
        }
        self.count += 1;
        self.w.write_all(json)
    }

    /// Closes the documents list, writes the errors and a final line
    /// break, and returns the writer.
    pub fn finish(mut self, errors: &[ErrorRecord]) -> std::io::Result<W> {
        let errors = if self.pretty { serde_json::to_vec_pretty(errors) } else { serde_json::to_vec(errors) }
            .map_err(std::io::Error::other)?;
        if self.count == 0 {
            self.head()?;
        } else if self.pretty {
            self.w.write_all(b"\n  ")?;
        }
        if self.pretty {
            self.w.write_all(b"],\n  \"errors\": ")?;
            for (k, line) in errors.split(|&b| b == b'\n').enumerate() {
                if k > 0 {
                    self.w.write_all(b"\n  ")?;
                }
                self.w.write_all(line)?;
            }
            self.w.write_all(b"\n}\n")?;
        } else {
            self.w.write_all(b"],\"errors\":")?;
            self.w.write_all(&errors)?;
            self.w.write_all(b"}\n")?;
        }
        Ok(self.w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::citation::{Division, PinpointPart};

    /// The record made from an analysis moved and from one borrowed are
    /// the same, for every fixture document.
    /// The compact JSON written field by field is serde_json's, for every
    /// committed document (with its resolution and locations filled).
    #[test]
    fn compact_json_is_serde_json() {
        let ex = crate::Extractor::new();
        let mut cited = 0;
        for (k, t) in crate::fixtures::doc_texts().iter().enumerate() {
            let mut doc = DocumentRecord::from_analysis(format!("dir/\"{k}\".txt"), &ex.analyze(t));
            doc.input = Some(InputRecord {
                format: Format::Text,
                encoding: Encoding::Utf8,
                bom: false,
                confidence: 0.75,
                offsets: Offsets::FileBytes,
            });
            cited += doc.citations.len();
            assert_eq!(document_json(&doc, false).unwrap(), serde_json::to_vec(&doc).unwrap(), "document {k}");
        }
        assert!(cited > 500, "{cited}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..proptest::prelude::ProptestConfig::default() })]
        /// Citation records with any strings (quotes, back slashes,
        /// control characters, any letters) and any numbers.
        #[test]
        fn compact_json_is_serde_json_on_random_records(
            strings in proptest::collection::vec("[\\x00-\\x1f\"\\\\a-zđư ạ\u{1F600}\u{7f}]{0,20}", 8),
            numbers in proptest::collection::vec(proptest::num::usize::ANY, 3),
            some in proptest::collection::vec(proptest::bool::ANY, 8),
        ) {
            let opt = |k: usize| some[k].then(|| strings[k].clone());
            let c = CitationRecord {
                start: numbers[0],
                end: numbers[1],
                text: strings[0].clone(),
                form: Form::ALL[numbers[2] % Form::ALL.len()],
                code: opt(1),
                doc_type: some[0].then_some(DocType::ALL[numbers[2] % DocType::ALL.len()]),
                number: opt(2),
                date: some[1].then(|| crate::Date::new(2025, 7, 17).unwrap()),
                year: some[2].then_some((numbers[2] % 65536) as u16),
                name: opt(3),
                issuer: opt(4),
                issuer_bodies: Body::ALL.iter().copied().take(numbers[2] % 4).collect(),
                type_word: opt(5),
                pinpoint: some[5].then(|| Pinpoint {
                    parts: (0..numbers[2] % 3)
                        .map(|k| PinpointPart {
                            division: Division::ALL[(numbers[0] % Division::ALL.len() + k) % Division::ALL.len()],
                            labels: strings[..k + numbers[1] % 3].to_vec(),
                            range: some[6 + k % 2],
                        })
                        .collect(),
                    text: strings[4].clone(),
                    span: crate::Span::new(numbers[0], numbers[1]),
                }),
                relation: Relation::ALL[numbers[2] % Relation::ALL.len()],
                target: opt(6).map(DocId::new),
                resolution: some[3].then_some(Resolution::Partial),
                candidates: if some[4] { vec![DocId::new(strings[7].clone())] } else { Vec::new() },
                location: opt(7),
            };
            let doc = DocumentRecord {
                source: strings[7].clone(),
                input: None,
                self_: None,
                citations: vec![c.clone(), c],
                reports: Vec::new(),
                links: Vec::new(),
                references: Vec::new(),
            };
            proptest::prop_assert_eq!(document_json(&doc, false).unwrap(), serde_json::to_vec(&doc).unwrap());
        }
    }

    /// The streamed report is the whole report serialised, compact and
    /// pretty, with and without documents and errors.
    #[test]
    fn streamed_report_is_the_whole_report() {
        let ex = crate::Extractor::new();
        let docs: Vec<DocumentRecord> = crate::fixtures::doc_texts()
            .iter()
            .take(3)
            .enumerate()
            .map(|(k, t)| DocumentRecord::from_analysis(format!("d{k}.txt"), &ex.analyze(t)))
            .collect();
        let errors = [
            ErrorRecord { source: "x.bin".into(), error: "not text: \"x\"\nsecond line".into() },
            ErrorRecord { source: "y".into(), error: "gone".into() },
        ];
        for pretty in [false, true] {
            for n in [0, 1, 3] {
                for e in [0, 1, 2] {
                    let whole = ExtractReport {
                        format_version: FORMAT_VERSION,
                        documents: docs[..n].to_vec(),
                        errors: errors[..e].to_vec(),
                    };
                    let mut expected =
                        if pretty { serde_json::to_vec_pretty(&whole) } else { serde_json::to_vec(&whole) }.unwrap();
                    expected.push(b'\n');
                    let mut w = ReportWriter::new(Vec::new(), pretty);
                    for d in &docs[..n] {
                        w.document(&document_json(d, pretty).unwrap()).unwrap();
                    }
                    let got = w.finish(&errors[..e]).unwrap();
                    assert_eq!(
                        String::from_utf8(got).unwrap(),
                        String::from_utf8(expected).unwrap(),
                        "pretty {pretty}, {n} documents, {e} errors"
                    );
                }
            }
        }
        assert!(docs.iter().any(|d| !d.citations.is_empty()));
    }

    #[test]
    fn owned_and_borrowed_records_agree() {
        let ex = crate::Extractor::new();
        let mut cited = 0;
        for t in crate::fixtures::doc_texts() {
            let a = ex.analyze(&t);
            let borrowed = DocumentRecord::from_analysis("x.txt", &a);
            cited += borrowed.citations.len();
            assert_eq!(DocumentRecord::from_analysis_owned("x.txt", a), borrowed);
        }
        assert!(cited > 100, "{cited}");
    }
}

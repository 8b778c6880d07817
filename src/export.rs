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
use crate::identity::IdentitySource;
use crate::resolve::{DocId, Link, Reference, Resolution};
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

impl From<&Citation> for CitationRecord {
    fn from(c: &Citation) -> CitationRecord {
        CitationRecord {
            start: c.span.start,
            end: c.span.end,
            text: c.text.clone(),
            form: c.form,
            code: c.code.as_ref().map(|x| x.to_string()),
            doc_type: c.doc_type,
            number: c.number.clone(),
            date: c.date,
            year: c.year,
            name: c.name.clone(),
            issuer: c.issuer.as_ref().map(|i| i.text.clone()),
            issuer_bodies: c.issuer.as_ref().map(|i| i.bodies.clone()).unwrap_or_default(),
            type_word: c.type_word.clone(),
            pinpoint: c.pinpoint.clone(),
            relation: c.relation,
            target: None,
            resolution: None,
            candidates: Vec::new(),
            location: None,
        }
    }
}

impl DocumentRecord {
    /// A record for `source` with its citations.
    pub fn new(source: impl Into<String>, citations: &[Citation]) -> DocumentRecord {
        DocumentRecord {
            source: source.into(),
            input: None,
            self_: None,
            citations: citations.iter().map(Into::into).collect(),
            reports: Vec::new(),
            links: Vec::new(),
            references: Vec::new(),
        }
    }

    /// The record of a fully read document: its identity, citations with
    /// their targets, reports, links and references.
    pub fn from_analysis(source: impl Into<String>, a: &Analysis) -> DocumentRecord {
        let mut r = DocumentRecord::new(source, &a.citations);
        for (i, (c, t)) in r.citations.iter_mut().zip(&a.targets).enumerate() {
            c.location = a.location_of(i);
            c.target = Some(t.id.clone());
            c.resolution = Some(t.resolution);
            c.candidates = t.candidates.clone();
        }
        r.self_ = a.identity.as_ref().map(|i| SelfRecord {
            id: a.self_id.clone(),
            code: i.code.as_ref().map(|c| c.canonical.clone()),
            doc_type: i.doc_type,
            date: i.date,
            issuer: i.issuer.clone(),
            place: i.place.clone(),
            title: i.title.clone(),
            signer: i.signer.clone(),
            source: i.source,
            mentions: a.self_mentions.clone(),
        });
        r.reports = a
            .reported
            .iter()
            .filter_map(|p| {
                Some(ReportRecord {
                    citation: p.citation,
                    target: a.targets.get(p.citation)?.id.clone(),
                    date: p.date,
                    issuer: p.issuer.clone(),
                })
            })
            .collect();
        r.links = a.links.clone();
        r.references = a.references.clone();
        r
    }
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

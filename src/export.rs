//! The stable JSON output of `vanban extract` (`format_version` 1).
//!
//! ```text
//! { "format_version": 1,
//!   "documents": [ { "source": PATH, "self": null,
//!                    "citations": [ CitationRecord, ... ] } ],
//!   "errors": [ { "source": PATH, "error": MESSAGE } ] }
//! ```
//! Each [`CitationRecord`] has `start` and `end` (byte offsets into the
//! file), `text`, `form`, `code`, `doc_type`, `number`, `date`, `year`,
//! `name`, `issuer`, `issuer_bodies`, `type_word`, `pinpoint`, `relation`.

use crate::citation::{Body, Citation, DocType, Form, Pinpoint, Relation};
use crate::Date;
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
    /// The document's own identity, when known (filled by document identity).
    #[serde(rename = "self")]
    pub self_: Option<serde_json::Value>,
    /// Citations in document order.
    pub citations: Vec<CitationRecord>,
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
        }
    }
}

impl DocumentRecord {
    /// A record for `source` with its citations.
    pub fn new(source: impl Into<String>, citations: &[Citation]) -> DocumentRecord {
        DocumentRecord { source: source.into(), self_: None, citations: citations.iter().map(Into::into).collect() }
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

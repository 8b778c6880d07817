//! One document read in full: its own identity, its citations and what each
//! resolves to, the documents it reports, and the relations it states
//! between other documents. [`Extractor::analyze`](crate::Extractor::analyze)
//! makes it; the graph is built from these.

use crate::citation::Citation;
use crate::identity::{Identity, Reported};
use crate::outline::Outline;
use crate::resolve::{DocId, Link, Reference, Target};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Everything vanban reads from one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The document's own header facts; `None` for a press report or a page
    /// without a header.
    pub identity: Option<Identity>,
    /// The document's own id when it prints its number.
    pub self_id: Option<DocId>,
    /// Where the text names its own number (header, `Số hiệu`, a title line);
    /// these are not citations.
    pub self_mentions: Vec<Span>,
    /// The citations, in document order.
    pub citations: Vec<Citation>,
    /// What each citation resolves to (same order as `citations`).
    pub targets: Vec<Target>,
    /// Documents a press report says were issued.
    pub reported: Vec<Reported>,
    /// Relations stated between two cited documents.
    pub links: Vec<Link>,
    /// Anaphoric mentions (`Kết luận nêu trên`) and what they point to.
    pub references: Vec<Reference>,
    /// The document's structure.
    #[serde(default)]
    pub outline: Outline,
}

impl Analysis {
    /// Whether the text is a document of its own (it has a header) rather
    /// than a report about documents.
    pub fn is_document(&self) -> bool {
        self.identity.is_some()
    }

    /// Applies `f` to every span (citations, their issuers and pinpoints,
    /// the document's own number, anaphoric references): used to carry
    /// spans of decoded text back to the file they came from
    /// ([`Decoded::to_source`](crate::decode::Decoded::to_source)).
    pub fn map_spans(&mut self, f: impl Fn(Span) -> Span) {
        for c in &mut self.citations {
            c.span = f(c.span);
            if let Some(i) = &mut c.issuer {
                i.span = f(i.span);
            }
            if let Some(p) = &mut c.pinpoint {
                p.span = f(p.span);
            }
        }
        if let Some(id) = &mut self.identity
            && let Some(s) = &mut id.code_span
        {
            *s = f(*s);
        }
        for s in &mut self.self_mentions {
            *s = f(*s);
        }
        for r in &mut self.references {
            r.span = f(r.span);
        }
        self.outline.map_spans(f);
    }

    /// Where a citation stands in the document (`body > Điều 3 > khoản 2`).
    pub fn location_of(&self, citation: usize) -> Option<String> {
        self.outline.location(self.citations.get(citation)?.span)
    }
}

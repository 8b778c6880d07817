//! # vanban
//!
//! Find every reference to another document in a Vietnamese Party or State
//! document — a directive, a decree, a provincial plan or a press report —
//! and return it as a typed citation with an exact byte span.
//!
//! ```
//! use vanban::{extract, DocType, Form, Relation};
//!
//! let text = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;\n\
//!             Triển khai Kết luận số 178-KL/TW, ngày 17/7/2025 của Bộ Chính trị, Ban Bí thư \
//!             và khoản 2 Điều 5 Luật Đất đai năm 2024.";
//! let cites = extract(text);
//! assert_eq!(cites.len(), 3);
//!
//! let decree = &cites[0];
//! assert_eq!(&text[decree.span], "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020");
//! assert_eq!(decree.doc_type, Some(DocType::NghiDinh));
//! assert_eq!(decree.relation, Relation::BasedOn);
//! assert_eq!(decree.date.unwrap().to_string(), "2020-03-05");
//!
//! let conclusion = &cites[1];
//! assert_eq!(conclusion.code.as_ref().unwrap().to_string(), "178-KL/TW");
//! assert_eq!(conclusion.relation, Relation::Implements);
//!
//! let law = &cites[2];
//! assert_eq!(law.form, Form::Named);
//! assert_eq!(law.name.as_deref(), Some("Đất đai"));
//! assert_eq!(law.year, Some(2024));
//! assert_eq!(law.pinpoint.as_ref().unwrap().text, "khoản 2 Điều 5");
//! ```
//!
//! ## Why not a regular expression?
//!
//! Real documents break every simple pattern: `QĐ` is the code of both
//! Quyết định and Quy định (the word in front decides); dates come as
//! `17/7/2025`, `17-7-2025` and `ngày 17 tháng 7 năm 2025` and are shared by
//! coordinated lists; numbers wrap across lines, lose hyphens or gain spaces
//! (`367 - QĐ/TWĐTN-VP`, `15 /2020 /NĐ - CP`); text arrives in NFD, with
//! Latin `Ð` for `Đ`, old tone placement (`uỷ`), en dashes, NBSP, markdown
//! escapes and HTML entities. Dates (`11/7/2025`), standards
//! (`QCVN 06:2022/BXD`) and form numbers look like document numbers and are
//! not. Laws are cited by name (`Luật Cán bộ, công chức`) with commas inside.
//!
//! ## Pipeline
//!
//! file bytes → [`decode`] (encoding, HTML, `.docx`; with a map back to the
//! bytes) → text → [`normalize`] (with an offset map) → candidate scan → nom parsers
//! for codes, dates and pinpoints → typed [`Citation`]s with context
//! (type word, date, issuer, pinpoint, relation) → spans mapped back to the
//! caller's bytes.
//!
//! Many documents: [`batch`] reads files, directory walks and JSON Lines
//! records of `{id, text}` on several threads, results in input order;
//! [`GraphBuilder`] then joins the analyses into a citation [`Graph`].
//!
//! ## Spans
//!
//! Every [`Span`] is a byte range of the caller's original input:
//! `&input[citation.span] == citation.text`, whatever the input's Unicode
//! form or look-alike characters.
//!
//! ## Tables
//!
//! Document types, type codes, issuer codes, body names and statute names
//! are TSV files compiled into the crate ([`tables`]); extend them with
//! [`Tables`] and [`Extractor::with_tables`].
//!
//! ## Crate features
//!
//! - `cli` (default): the `vanban` command-line tool and its dependencies;
//!   turns on `html` and `docx`.
//! - `html`: read `.html` pages (dependency `html5gum`).
//! - `docx`: read `.docx` files (dependencies `zip`, `flate2`, `quick-xml`).
//!
//! Library users can depend on `vanban` with `default-features = false`
//! (and add `html` or `docx` as needed); the encodings (UTF-16, TCVN3, VNI,
//! Windows-1258) need no feature.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod analysis;
pub mod annotate;
pub mod batch;
mod chars;
mod citation;
mod code;
mod context;
pub mod decode;
mod error;
pub mod export;
mod extract;
pub mod graph;
pub mod identity;
pub mod input;
mod normalize;
pub mod outline;
mod parse;
mod relation;
pub mod resolve;
mod scan;
mod span;
pub mod tables;

pub use analysis::Analysis;
pub use citation::{Body, Citation, Date, Division, DocType, Form, Issuer, Pinpoint, PinpointPart, Relation};
pub use code::{CodeStyle, DocCode};
pub use decode::{DecodeOptions, Decoded, Encoding};
pub use error::{Error, ParseError, ParseErrorKind, UnknownId};
pub use extract::{Extractor, extract};
pub use graph::{Graph, GraphBuilder};
pub use identity::{Identity, Reported};
pub use normalize::{Normalized, normalize};
pub use outline::{Outline, Part, PartKind};
pub use resolve::{DocId, Resolution, Target};
pub use span::Span;
pub use tables::Tables;

/// Inputs shared by the unit tests.
#[cfg(test)]
mod fixtures {
    /// The text of every file in `fixtures/docs`: the committed documents
    /// and their gold files (more real text for tests that compare a
    /// short cut with the code it stands for).
    pub(crate) fn doc_texts() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/docs");
        std::fs::read_dir(dir).unwrap().map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap()).collect()
    }
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

//! Error types.
//!
//! Scanning text never fails: a citation that cannot be parsed is simply not
//! reported. Errors come from reading and decoding inputs
//! ([`DecodeError`](crate::decode::DecodeError) says what is wrong with a
//! file's bytes), from writing output, and from the strict parsers
//! (`"178-KL/TW".parse::<DocCode>()`, `"2025-07-17".parse::<Date>()`).

use std::path::PathBuf;

/// An error reading or writing documents.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A file was read but is not a document vanban can decode: binary,
    /// an unsupported format, no recognisable encoding, a broken `.docx`.
    #[error("cannot read `{path}`: {source}")]
    Decode {
        /// The path of the input.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: crate::decode::DecodeError,
    },
    /// A record of a JSON Lines input is not `{"id": …, "text": …}`.
    #[error("cannot read record `{path}:{line}`: {message}")]
    Record {
        /// The JSON Lines file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// JSON could not be written or read.
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Output could not be written (a closed pipe, a full disk).
    #[error("cannot write `{path}`: {source}")]
    Write {
        /// The output path, `-` for standard output.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A strict parser rejected its input.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The command line or its arguments are wrong (unknown format, no such
    /// node in a graph, a file that is not a vanban graph).
    #[error("{0}")]
    Usage(String),
}

/// A strict parser rejected its input.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct ParseError {
    kind: ParseErrorKind,
}

impl Error {
    /// The input path the error is about, if it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Io { path, .. } | Error::Decode { path, .. } | Error::Record { path, .. } => Some(path),
            _ => None,
        }
    }

    /// Where the error is, for messages and error records: the path, or
    /// `file:line` for a JSON Lines record; `None` when it is about no input.
    ///
    /// ```
    /// let e = vanban::Error::Record { path: "in.jsonl".into(), line: 7, message: "no text".into() };
    /// assert_eq!(e.location().as_deref(), Some("in.jsonl:7"));
    /// ```
    pub fn location(&self) -> Option<String> {
        match self {
            Error::Record { path, line, .. } => Some(record_location(path, *line)),
            _ => self.path().map(|p| p.display().to_string()),
        }
    }
}

/// How a JSON Lines record is named in messages: `file:line`.
pub(crate) fn record_location(path: &std::path::Path, line: usize) -> String {
    format!("{}:{line}", path.display())
}

impl ParseError {
    pub(crate) fn new(kind: ParseErrorKind) -> ParseError {
        ParseError { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ParseErrorKind {
        &self.kind
    }
}

/// What a strict parser rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// Not a document number code.
    #[error("`{0}` is not a document number code")]
    InvalidCode(String),
    /// Not a valid date.
    #[error("`{0}` is not a valid date (expected YYYY-MM-DD)")]
    InvalidDate(String),
}

/// An id that names no variant of an enum (`"nope".parse::<DocType>()`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{id}`")]
pub struct UnknownId {
    /// The enum's name.
    pub kind: &'static str,
    /// The id that was not recognised.
    pub id: String,
}

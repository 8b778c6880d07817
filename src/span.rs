//! Byte spans into the caller's original input.
//!
//! Every span vanban hands out is a half-open byte range into the text the
//! caller passed in, never into an internal normalised copy, so
//! `&input[span.start..span.end]` is always the cited text.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Index, Range};

/// A half-open byte range `start..end` into the caller's original input.
///
/// Like `std::ops::Range<usize>`, but `Copy`, serialisable and printed as
/// `start..end`.
///
/// ```
/// use vanban::Span;
/// let text = "Nghị định số 30/2020/NĐ-CP";
/// let span = Span::new(text.find("30").unwrap(), text.len());
/// assert_eq!(&text[span], "30/2020/NĐ-CP");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not be greater than `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span as a `Range<usize>`.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Range<usize> {
        s.range()
    }
}

impl Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_and_debug() {
        let s = Span::new(2, 5);
        assert_eq!(&"abcdefg"[s], "cde");
        assert_eq!(format!("{s:?}"), "2..5");
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
        assert!(s.contains(Span::new(3, 4)));
        assert_eq!(s.cover(Span::new(0, 3)), Span::new(0, 5));
        let r: Range<usize> = s.into();
        assert_eq!(Span::from(r), s);
    }
}

//! nom parsers for the pieces around a document number: dates and
//! pinpoints. Internal: no nom type appears in the public API.

pub(crate) mod date;
pub(crate) mod pinpoint;

use nom::bytes::complete::take_while;
use nom::{IResult, Parser};

/// Result type of the internal parsers.
pub(crate) type Res<'a, T> = IResult<&'a str, T>;

/// Any run of whitespace, line breaks included.
pub(crate) fn ws0(i: &str) -> Res<'_, &str> {
    take_while(char::is_whitespace).parse(i)
}

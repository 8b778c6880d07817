//! nom parsers for the pieces around a document number: dates and
//! pinpoints. Internal: no nom type appears in the public API.

pub(crate) mod date;
pub(crate) mod pinpoint;

use nom::bytes::complete::take_while;
use nom::{IResult, Parser};

/// Result type of the internal parsers.
pub(crate) type Res<'a, T> = IResult<&'a str, T>;

/// `tag` at the start of the input, in any case: nom's `tag_no_case`
/// compares the same way (character by character, each lower-cased), but
/// then takes as many bytes as the tag has, and an input letter whose case
/// partner is longer or shorter in UTF-8 than the tag's (the Kelvin sign
/// for `k`) made it cut the input inside a character and panic. This takes
/// the input's own characters.
pub(crate) fn tag_ci<'a>(tag: &'static str) -> impl Fn(&'a str) -> Res<'a, &'a str> {
    move |i: &'a str| {
        let mut input = i.char_indices();
        for t in tag.chars() {
            match input.next() {
                Some((_, c)) if same_ci(c, t) => {}
                _ => return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag))),
            }
        }
        let used = input.next().map_or(i.len(), |(k, _)| k);
        Ok((&i[used..], &i[..used]))
    }
}

/// Whether `a` and `b` are the same lower-cased (`char::to_lowercase`,
/// answered by range for ASCII and the Vietnamese letters' blocks).
fn same_ci(a: char, b: char) -> bool {
    a == b
        || match (crate::chars::lower_by_range(a), crate::chars::lower_by_range(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a.to_lowercase().eq(b.to_lowercase()),
        }
}

/// Any run of whitespace, line breaks included.
pub(crate) fn ws0(i: &str) -> Res<'_, &str> {
    take_while(char::is_whitespace).parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::bytes::complete::tag_no_case;

    /// The case-blind tag answers as nom's wherever the input's letters are
    /// as long as the tag's, and takes whole characters where they are not.
    #[test]
    fn tag_ci_as_nom_tag_no_case() {
        let tags = ["khoản", "điều", "ban hành", "năm", "tháng", "phụ", "các"];
        let inputs = [
            "khoản 2",
            "KHOẢN 2",
            "Khoản",
            "khoả",
            "",
            "Điều 5",
            "ĐIỀU",
            "điềụ",
            "Ban Hành",
            "ban  hành",
            "NĂM 2024",
            "năm",
            "Tháng 7",
            "THÁNG",
            "phụ lục",
            "Các",
            "x",
            "İ",
        ];
        for t in tags {
            for i in inputs {
                let nom: Res<'_, &str> = tag_no_case(t).parse(i);
                assert_eq!(tag_ci(t)(i).ok(), nom.ok(), "{t:?} on {i:?}");
            }
        }
        // the Kelvin sign lower-cases to `k` and is three bytes long
        assert_eq!(tag_ci("khoản")("\u{212A}hoản 2"), Ok((" 2", "\u{212A}hoản")));
        assert!(tag_ci("khoản")("\u{212A}ho").is_err());
    }
}

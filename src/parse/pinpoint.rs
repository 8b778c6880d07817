//! Pinpoints: the divisions named in front of a citation
//! (`điểm a khoản 2 Điều 5`, `Điều 3, 4 và 5`, `Mục II`, `từ Điều 5 đến Điều 10`).
//!
//! ```text
//! pinpoint ::= part (ws? ","? ws? part)*
//! part     ::= ("các" ws)? ("từ" ws)? division ws label (list_sep (division ws)? label)*
//! division ::= "điểm" | "khoản" | "điều" | "tiểu mục" | "mục" | "chương" | "phần" | "phụ lục" | "tiết"
//! label    ::= digit+ letter? ("." digit+)* | roman | letter digit?
//! list_sep ::= ws? ("," | "và" | "hoặc" | "đến" | "-") ws?
//! ```

use super::{Res, tag_ci, ws0};
use crate::citation::{Division, PinpointPart};
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::combinator::{opt, recognize};
use nom::multi::many0;
use nom::sequence::preceded;

fn ws1(i: &str) -> Res<'_, &str> {
    take_while1(char::is_whitespace).parse(i)
}

fn division(i: &str) -> Res<'_, Division> {
    alt((
        tag_ci("điểm").map(|_| Division::Diem),
        tag_ci("khoản").map(|_| Division::Khoan),
        tag_ci("điều").map(|_| Division::Dieu),
        (tag_ci("tiểu"), ws1, tag_ci("mục")).map(|_| Division::TieuMuc),
        tag_ci("mục").map(|_| Division::Muc),
        tag_ci("chương").map(|_| Division::Chuong),
        tag_ci("phần").map(|_| Division::Phan),
        (tag_ci("phụ"), ws1, tag_ci("lục")).map(|_| Division::PhuLuc),
        tag_ci("tiết").map(|_| Division::Tiet),
    ))
    .parse(i)
}

fn is_roman(c: char) -> bool {
    matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')
}

// label ::= digit+ letter? ("." digit+)* | roman | letter digit?
fn label(i: &str) -> Res<'_, &str> {
    let (rest, l) = alt((
        recognize((
            take_while1(|c: char| c.is_ascii_digit()),
            opt(nom::character::complete::satisfy(|c| c.is_ascii_lowercase() || c == 'đ')),
            many0((tag("."), take_while1(|c: char| c.is_ascii_digit()))),
        )),
        take_while1(is_roman),
        recognize((
            nom::character::complete::satisfy(|c| c.is_ascii_lowercase() || c == 'đ'),
            take_while(|c: char| c.is_ascii_digit()),
        )),
    ))
    .parse(i)?;
    // a label ends the word
    if rest.starts_with(crate::chars::is_alphanumeric) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, l))
}

fn list_sep(i: &str) -> Res<'_, bool> {
    let (i, _) = ws0(i)?;
    let (i, range) = alt((
        tag(",").map(|_| false),
        tag_ci("và").map(|_| false),
        tag_ci("hoặc").map(|_| false),
        tag_ci("đến").map(|_| true),
        tag("-").map(|_| true),
    ))
    .parse(i)?;
    let (i, _) = ws0(i)?;
    Ok((i, range))
}

fn part(i: &str) -> Res<'_, PinpointPart> {
    let (i, _) = opt((tag_ci("các"), ws1)).parse(i)?;
    let (i, from) = opt((tag_ci("từ"), ws1)).parse(i)?;
    let (i, div) = division(i)?;
    let (i, _) = ws1(i)?;
    let (mut i, first) = label(i)?;
    let mut labels = vec![first.to_string()];
    let mut range = false;
    // further labels of the same division: `khoản 1, 2 và 3`, `Điều 5 đến Điều 10`
    loop {
        let attempt = (list_sep, opt((division, ws1)), label).parse(i);
        match attempt {
            Ok((rest, (is_range, d, l))) if d.is_none_or(|(d, _)| d == div) => {
                range |= is_range;
                labels.push(l.to_string());
                i = rest;
            }
            _ => break,
        }
    }
    let range = (range || from.is_some()) && labels.len() == 2;
    Ok((i, PinpointPart { division: div, labels, range }))
}

/// Parses a whole pinpoint chain; `None` unless all of `text` (trailing
/// whitespace, commas and `của`/`tại` aside) is a chain.
pub(crate) fn pinpoint(text: &str) -> Option<Vec<PinpointPart>> {
    let (rest, first) = part(text).ok()?;
    let (rest, more) = many0(preceded((ws0, opt(tag(",")), ws0), part)).parse(rest).ok()?;
    let mut parts = vec![first];
    parts.extend(more);
    let tail = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let tail = tail
        .strip_prefix("của")
        .or_else(|| tail.strip_prefix("tại"))
        .or_else(|| tail.strip_prefix("trong"))
        .unwrap_or(tail);
    tail.trim().is_empty().then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str) -> String {
        pinpoint(s)
            .unwrap()
            .iter()
            .map(|p| format!("{}{}{:?}", p.division, if p.range { "~" } else { "" }, p.labels))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn chains() {
        assert_eq!(show("điểm a khoản 2 Điều 5 "), r#"diem["a"] khoan["2"] dieu["5"]"#);
        assert_eq!(show("Điều 3, 4 và 5 của "), r#"dieu["3", "4", "5"]"#);
        assert_eq!(show("Mục II "), r#"muc["II"]"#);
        assert_eq!(show("từ Điều 5 đến Điều 10 "), r#"dieu~["5", "10"]"#);
        assert_eq!(show("điểm b, c khoản 1 Điều 8 "), r#"diem["b", "c"] khoan["1"] dieu["8"]"#);
        assert_eq!(show("khoản 1a Điều 5a "), r#"khoan["1a"] dieu["5a"]"#);
        assert_eq!(show("Điểm 1.3 Khoản 1 Mục II "), r#"diem["1.3"] khoan["1"] muc["II"]"#);
        assert_eq!(show("điểm đ khoản 1 Điều 4 tại "), r#"diem["đ"] khoan["1"] dieu["4"]"#);
        assert_eq!(show("Phụ lục I "), r#"phu_luc["I"]"#);
        assert_eq!(show("các khoản 1, 2 và 3 Điều 9 "), r#"khoan["1", "2", "3"] dieu["9"]"#);
    }

    #[test]
    fn not_chains() {
        assert!(pinpoint("Điều lệ ").is_none());
        assert!(pinpoint("khoản tiền ").is_none());
        assert!(pinpoint("Điều 5 quy định ").is_none());
    }
}

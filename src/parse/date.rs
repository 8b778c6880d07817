//! Issue dates in the forms real text uses.
//!
//! ```text
//! date    ::= numeric | long
//! numeric ::= day ws? sep ws? month ws? sep ws? year          sep ::= "/" | "-" | "."
//! long    ::= day ws "tháng" ws month ws "năm" ws year          (any case, line breaks allowed)
//! day     ::= digit{1,2}     month ::= digit{1,2}     year ::= digit{4}
//! ```

use super::{Res, tag_ci, ws0};
use crate::citation::Date;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{take_while_m_n, take_while1};
use nom::character::complete::one_of;
use nom::combinator::{map_res, not, peek};
use nom::sequence::terminated;

fn num(min: usize, max: usize) -> impl FnMut(&str) -> Res<'_, u16> {
    move |i| {
        map_res(
            terminated(take_while_m_n(min, max, |c: char| c.is_ascii_digit()), not(peek(one_of("0123456789")))),
            str::parse::<u16>,
        )
        .parse(i)
    }
}

fn sep(i: &str) -> Res<'_, char> {
    let (i, _) = take_while_m_n(0, 2, |c: char| c == ' ').parse(i)?;
    let (i, c) = one_of("/-.").parse(i)?;
    let (i, _) = take_while_m_n(0, 2, |c: char| c == ' ').parse(i)?;
    Ok((i, c))
}

// numeric ::= day sep month sep year   (the same separator twice)
fn numeric(i: &str) -> Res<'_, (u16, u16, u16)> {
    let (i, d) = num(1, 2)(i)?;
    let (i, s1) = sep(i)?;
    let (i, m) = num(1, 2)(i)?;
    let (i, s2) = sep(i)?;
    if s1 != s2 {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    let (i, y) = num(4, 4)(i)?;
    Ok((i, (d, m, y)))
}

fn ws1(i: &str) -> Res<'_, &str> {
    take_while1(char::is_whitespace).parse(i)
}

/// Whitespace that does not cross a blank line (a paragraph break).
fn gap(i: &str) -> Option<(&str, &str)> {
    let (rest, w) = ws0(i).ok()?;
    (w.matches('\n').count() <= 1).then_some((rest, w))
}

// long ::= day ws "tháng" ws month ws "năm" ws year
fn long(i: &str) -> Res<'_, (u16, u16, u16)> {
    let (i, d) = num(1, 2)(i)?;
    let (i, _) = (ws1, tag_ci("tháng"), ws1).parse(i)?;
    let (i, m) = num(1, 2)(i)?;
    let (i, _) = (ws1, tag_ci("năm"), ws1).parse(i)?;
    let (i, y) = num(4, 4)(i)?;
    Ok((i, (d, m, y)))
}

/// A date at the start of `i`; `None` for text that is not a date or a
/// date that does not exist (31/2).
pub(crate) fn date(i: &str) -> Option<(Date, usize)> {
    let (rest, (d, m, y)) = alt((long, numeric)).parse(i).ok()?;
    let date = Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)?;
    Some((date, i.len() - rest.len()))
}

/// A date introduced by `ngày` (or in parentheses) right after a citation:
/// `, ngày 17/7/2025`, ` ngày 17 tháng 7 năm 2025`, `ngày06/5/2005`,
/// ` (17/7/2025)`. Returns the date and the bytes consumed.
pub(crate) fn date_after(i: &str) -> Option<(Date, usize)> {
    let (j, _) = gap(i)?;
    let j = j.strip_prefix(',').unwrap_or(j);
    let (j, _) = gap(j)?;
    // `57-NQ/TW năm 2024, ngày 22/12/2024`: a year note before the date
    let j = match (tag_ci("năm"), ws1, num(4, 4)).parse(j) {
        Ok((r, _)) => {
            let (r, _) = gap(r)?;
            let r = r.strip_prefix(',').unwrap_or(r);
            gap(r)?.0
        }
        Err(_) => j,
    };
    // `(ban hành) ngày …`
    let j = match tag_ci("ban hành").parse(j) {
        Ok((r, _)) => ws0(r).ok()?.0,
        Err(_) => j,
    };
    if let Ok((r, _)) = alt((tag_ci("ngày"), tag_ci("ngay"))).parse(j) {
        let (r, _) = ws0(r).ok()?;
        let r = r.strip_prefix(':').unwrap_or(r);
        let (r, _) = ws0(r).ok()?;
        let (d, used) = date(r)?;
        return Some((d, i.len() - r.len() + used));
    }
    // a bare date right after the number in a table cell: `110/GP-UBND 13/11/2020`
    if !i.starts_with(',')
        && j.len() < i.len()
        && let Some((d, used)) = date(j).filter(|_| j.starts_with(|c: char| c.is_ascii_digit()))
    {
        let gapped = &i[..i.len() - j.len()];
        if gapped.chars().all(char::is_whitespace) && !j[used..].starts_with(crate::chars::is_alphanumeric) {
            return Some((d, i.len() - j.len() + used));
        }
    }
    if let Some(r) = j.strip_prefix('(') {
        let (r, _) = ws0(r).ok()?;
        let (d, used) = date(r)?;
        let after = &r[used..];
        let (after, _) = ws0(after).ok()?;
        if let Some(a) = after.strip_prefix(')') {
            return Some((d, i.len() - a.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        date_after(s).map(|(d, _)| d.to_string())
    }

    #[test]
    fn forms() {
        assert_eq!(iso(", ngày 17/7/2025 của").as_deref(), Some("2025-07-17"));
        assert_eq!(iso(" ngày 24/01/2025").as_deref(), Some("2025-01-24"));
        assert_eq!(iso(" ngày 18-2-2019").as_deref(), Some("2019-02-18"));
        assert_eq!(iso(" ngày 17.7.2025").as_deref(), Some("2025-07-17"));
        assert_eq!(iso(" ngày 17 tháng 7 năm 2025").as_deref(), Some("2025-07-17"));
        assert_eq!(iso(" NGÀY 26 THÁNG 6 NĂM 2024").as_deref(), Some("2024-06-26"));
        assert_eq!(iso(" ngày 23 tháng\n4 năm 2018").as_deref(), Some("2018-04-23"));
        assert_eq!(iso(",\nngày 15/8/2011").as_deref(), Some("2011-08-15"));
        assert_eq!(iso("ngày06/5/2005").as_deref(), Some("2005-05-06"));
        assert_eq!(iso(" (17/4/2023)").as_deref(), Some("2023-04-17"));
        assert_eq!(iso(" ban hành ngày 01/4/2025").as_deref(), Some("2025-04-01"));
        assert_eq!(iso(" năm 2024, ngày 22/12/2024").as_deref(), Some("2024-12-22"));
        assert_eq!(iso(" 13/11/2020\n|").as_deref(), Some("2020-11-13"));
    }

    #[test]
    fn rejects() {
        assert_eq!(iso(" ngày 31/2/2025"), None);
        assert_eq!(iso(" ngày 17/7"), None);
        assert_eq!(iso(" ngày 17/7-2025"), None);
        assert_eq!(iso(", 17/7/2025"), None);
        assert_eq!(iso("\n\nNgày 30/8/2025"), None);
        assert_eq!(iso(" ngày 123/7/2025"), None);
        assert_eq!(iso(" ngày 17/7/20251"), None);
    }

    #[test]
    fn consumed_length() {
        let s = ", ngày 17/7/2025 của";
        let (_, used) = date_after(s).unwrap();
        assert_eq!(&s[..used], ", ngày 17/7/2025");
    }
}

//! Document number codes (`178-KL/TW`, `30/2020/NĐ-CP`): the typed value,
//! its canonical form and the nom grammar that reads it.
//!
//! ```text
//! code       ::= number ws? (party_tail | state_tail)
//! number     ::= digit{1,6} ("." digit{1,3})? lower?          -- 66.7, 473a
//! party_tail ::= ("-" | " ") ws? type ws? "/" ws? issuer (ws? "-" ws? issuer)*
//! state_tail ::= "/" ws? (year ws? ("/" | "-") ws?)? part (ws? "-" ws? part)* ("/" part)?
//! ```

use crate::error::{ParseError, ParseErrorKind};
use crate::tables::Tables;
use nom::branch::alt;
use nom::bytes::complete::{take_while, take_while_m_n, take_while1};
use nom::character::complete::{char as nchar, satisfy};
use nom::combinator::{opt, recognize};
use nom::multi::fold_many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Which numbering system a code follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CodeStyle {
    /// Party style: `NUMBER-TYPE/ISSUER` (`178-KL/TW`).
    Party,
    /// State style: `NUMBER/YEAR/TYPE-ISSUER`, `NUMBER/TYPE-ISSUER`,
    /// `NUMBER/YEAR/QH15`, `NUMBER/ISSUER-UNIT` (công văn).
    State,
}

/// A parsed document number code.
///
/// ```
/// use vanban::{CodeStyle, DocCode};
/// let c: DocCode = "30 / 2020 / ND – CP".parse().unwrap();
/// assert_eq!(c.to_string(), "30/2020/NĐ-CP");
/// assert_eq!(c.number, "30");
/// assert_eq!(c.year, Some(2020));
/// assert_eq!(c.type_code.as_deref(), Some("NĐ"));
/// assert_eq!(c.issuers, ["CP"]);
/// assert_eq!(c.style, CodeStyle::State);
///
/// let p: DocCode = "178-KL/TW".parse().unwrap();
/// assert_eq!((p.style, p.type_code.as_deref()), (CodeStyle::Party, Some("KL")));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocCode {
    /// The sequence number as printed (`178`, `02`, `66.7`, `473a`).
    pub number: String,
    /// The year inside a State legal code (`2020` in `30/2020/NĐ-CP`).
    pub year: Option<u16>,
    /// The type code (`KL`, `NĐ`, `QĐi`); `None` for công văn and laws.
    pub type_code: Option<String>,
    /// The issuer parts after the type (`["TW"]`, `["BTC", "BNV"]`,
    /// `["UBND", "KT"]`, `["QH13"]`).
    pub issuers: Vec<String>,
    /// Party or State style.
    pub style: CodeStyle,
    /// The canonical text: no spaces, ASCII `-` and `/`, `Đ` restored.
    pub canonical: String,
}

impl fmt::Display for DocCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

impl FromStr for DocCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<DocCode, ParseError> {
        let n = crate::normalize::normalize(s.trim());
        match parse_code(n.as_str(), Tables::builtin()) {
            Some((code, used)) if used == n.as_str().len() => Ok(code),
            _ => Err(ParseError::new(ParseErrorKind::InvalidCode(s.to_string()))),
        }
    }
}

type Res<'a, T> = IResult<&'a str, T>;

fn is_hspace(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Up to three spaces or tabs, a line break, up to three more: the white
/// space allowed around a code's separators (a code may wrap). The parser
/// `recognize((take_while_m_n(0, 3, is_hspace), opt(alt((tag("\r\n"),
/// tag("\n")))), take_while_m_n(0, 3, is_hspace)))`, read by bytes: it runs
/// several times for every number a code may start at, and the combinators
/// cost some hundreds of instructions a run.
fn ws(i: &str) -> Res<'_, &str> {
    let (r, _) = hspace3(i)?;
    let r = r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n')).unwrap_or(r);
    let (r, _) = hspace3(r)?;
    let k = i.len() - r.len();
    Ok((r, &i[..k]))
}

/// Up to three spaces or tabs (`take_while_m_n(0, 3, is_hspace)`, by bytes).
fn hspace3(i: &str) -> Res<'_, &str> {
    let k = i.bytes().take(3).take_while(|&c| is_hspace(char::from(c))).count();
    Ok((&i[k..], &i[..k]))
}

fn digits(i: &str) -> Res<'_, &str> {
    take_while_m_n(1, 6, |c: char| c.is_ascii_digit()).parse(i)
}

// number ::= digit{1,6} ("." digit{1,3})? lower?
fn number(i: &str) -> Res<'_, &str> {
    recognize((
        digits,
        opt((nchar('.'), take_while_m_n(1, 3, |c: char| c.is_ascii_digit()))),
        opt(satisfy(|c| c.is_ascii_lowercase())),
    ))
    .parse(i)
}

fn is_code_upper(c: char) -> bool {
    c.is_ascii_uppercase() || matches!(c, 'Đ' | 'Ư' | 'Ơ' | 'Â' | 'Ă' | 'Ê' | 'Ô')
}

fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, 'Đ' | 'đ' | 'Ư' | 'ư' | 'Ơ' | 'ơ' | '&' | 'Â' | 'Ă' | 'Ê' | 'Ô')
}

// part ::= upper code_char{0,19}
fn part(i: &str) -> Res<'_, &str> {
    let (rest, p) = recognize((satisfy(is_code_upper), take_while(is_code_char))).parse(i)?;
    // a part ends the word: `Gi` of `Giấy` is no issuer
    if p.chars().count() > 20 || rest.starts_with(crate::chars::is_alphabetic) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::TooLarge)));
    }
    Ok((rest, p))
}

/// A hyphen with spaces around it; a line break only after it (a line that
/// starts with `- ` is a list bullet, not the rest of a code).
fn dash(i: &str) -> Res<'_, char> {
    preceded(hspace3, nchar('-')).parse(i).and_then(|(r, c)| ws(r).map(|(r, _)| (r, c)))
}

fn slash(i: &str) -> Res<'_, char> {
    preceded(ws, nchar('/')).parse(i).and_then(|(r, c)| ws(r).map(|(r, _)| (r, c)))
}

// party_tail ::= ("-" | " ") ws? type ws? "/" ws? issuer (ws? "-" ws? issuer)*
fn party_tail(i: &str) -> Res<'_, (bool, &str, Vec<&str>)> {
    let (i, hyphen) = alt((dash.map(|_| true), take_while1(is_hspace).map(|_| false))).parse(i)?;
    let (i, ty) = take_while_m_n(1, 6, crate::chars::is_alphabetic).parse(i)?;
    if !ty.starts_with(is_code_upper) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    let (i, _) = slash(i)?;
    let (i, first) = part(i)?;
    let (i, issuers) = more_parts(first, i)?;
    Ok((i, (hyphen, ty, issuers)))
}

/// `first` and the parts that follow it after dashes (`(ws? "-" ws?
/// part)*`), gathered into one list (`many0` would build a second).
fn more_parts<'a>(first: &'a str, i: &'a str) -> Res<'a, Vec<&'a str>> {
    fold_many0(
        preceded(dash, part),
        // room for three more parts (`05-QC/BTCTU-BDVTU`) before it grows
        move || {
            let mut parts = Vec::with_capacity(4);
            parts.push(first);
            parts
        },
        |mut parts, p| {
            parts.push(p);
            parts
        },
    )
    .parse(i)
}

fn year(i: &str) -> Res<'_, u16> {
    let (rest, y) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit()).parse(i)?;
    let v: u16 = y.parse().unwrap_or(0);
    if !(1945..=2100).contains(&v) || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, v))
}

// state_tail ::= "/" ws? (year ws? ("/" | "-") ws?)? part (ws? "-" ws? part)* ("/" part)?
#[allow(clippy::type_complexity)]
fn state_tail(i: &str) -> Res<'_, (Option<u16>, Vec<&str>, Option<&str>)> {
    let (i, _) = slash(i)?;
    let (i, yr) = opt((year, alt((slash, dash))).map(|(y, _)| y)).parse(i)?;
    let (i, first) = part(i)?;
    let (i, parts) = more_parts(first, i)?;
    let (i, tail) = opt(preceded(nchar('/'), part)).parse(i)?;
    Ok((i, (yr, parts, tail)))
}

/// Restores an obviously missing diacritic in a known code (`QD` → `QĐ`).
fn fix_type(tables: &Tables, ty: &str) -> String {
    if tables.doc_type_of_code(ty).is_some() {
        return ty.to_string();
    }
    tables.code_with_diacritics(ty).unwrap_or(ty).to_string()
}

fn fix_issuer(tables: &Tables, part: &str) -> String {
    tables.issuer_with_diacritics(part).unwrap_or(part).to_string()
}

fn is_law_issuer(p: &str) -> bool {
    let stem = p.trim_end_matches(|c: char| c.is_ascii_digit());
    (stem == "QH" || stem == "UBTVQH") && stem.len() < p.len()
}

/// Appends `parts` joined by `-` (as `parts.join("-")`, without the
/// intermediate string).
fn push_joined(out: &mut String, parts: &[String]) {
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            out.push('-');
        }
        out.push_str(p);
    }
}

/// Parses a code at the start of `i` (normalised text). Returns the code and
/// the number of bytes it covers, or `None` when the text is not a code.
pub(crate) fn parse_code(i: &str, tables: &Tables) -> Option<(DocCode, usize)> {
    let (after_num, num) = number(i).ok()?;
    if let Ok((rest, (hyphen, ty, issuers))) = party_tail(after_num) {
        let known = tables.doc_type_of_code(ty).is_some() || tables.code_with_diacritics(ty).is_some();
        // without the hyphen (`84 QĐ/TWĐTN`) only a known type code will do
        if hyphen || known {
            let ty = fix_type(tables, ty);
            let issuers: Vec<String> = issuers.iter().map(|p| fix_issuer(tables, p)).collect();
            let used = i.len() - rest.len();
            // the code as printed, less its spaces, plus a letter's diacritic or two
            let mut canonical = String::with_capacity(used + 4);
            canonical.push_str(num);
            canonical.push('-');
            canonical.push_str(&ty);
            canonical.push('/');
            push_joined(&mut canonical, &issuers);
            return Some((
                DocCode {
                    number: num.to_string(),
                    year: None,
                    type_code: Some(ty),
                    issuers,
                    style: CodeStyle::Party,
                    canonical,
                },
                used,
            ));
        }
    }
    let (rest, (yr, parts, tail)) = state_tail(after_num).ok()?;
    let used = i.len() - rest.len();
    if let Some(t) = tail {
        // half Party, half State: `66/QĐ/TW`
        if yr.is_some() || parts.len() != 1 {
            return None;
        }
        let ty = fix_type(tables, parts[0]);
        tables.doc_type_of_code(&ty)?;
        let t = fix_issuer(tables, t);
        let canonical = format!("{num}/{ty}/{t}");
        return Some((
            DocCode {
                number: num.into(),
                year: None,
                type_code: Some(ty),
                issuers: vec![t],
                style: CodeStyle::Party,
                canonical,
            },
            used,
        ));
    }
    let law = parts.len() == 1 && is_law_issuer(parts[0]);
    if parts.len() < 2 && !(law && yr.is_some()) {
        return None;
    }
    let first_fixed = fix_type(tables, parts[0]);
    let (type_code, issuer_parts) = if !law && tables.doc_type_of_code(&first_fixed).is_some() {
        (Some(first_fixed), &parts[1..])
    } else {
        (None, &parts[..])
    };
    let issuers: Vec<String> = issuer_parts.iter().map(|p| fix_issuer(tables, p)).collect();
    let mut canonical = String::with_capacity(used + 4);
    canonical.push_str(num);
    canonical.push('/');
    if let Some(y) = yr {
        canonical.push_str(&y.to_string());
        canonical.push('/');
    }
    if let Some(t) = &type_code {
        canonical.push_str(t);
        canonical.push('-');
    }
    push_joined(&mut canonical, &issuers);
    Some((DocCode { number: num.into(), year: yr, type_code, issuers, style: CodeStyle::State, canonical }, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code read at the start of a long text keeps a canonical form
    /// sized to the code, not to the text after it (every citation holds
    /// one).
    #[test]
    fn canonical_form_sized_to_the_code() {
        let text = format!("{}{}", "30/2020/NĐ-CP ", "ngày 5 tháng 3 năm 2020 ".repeat(400));
        let text2 = format!("{}{}", "178-KL/TW ", "ngày 5 tháng 3 năm 2020 ".repeat(400));
        for t in [text, text2] {
            let (code, used) = parse_code(&t, Tables::builtin()).unwrap();
            assert!(used < 16, "{used}");
            assert!(code.canonical.capacity() <= used + 4, "{}", code.canonical.capacity());
        }
    }

    /// The white-space readers by bytes against the combinators they
    /// stand for, on every string of up to seven characters over white
    /// space, line breaks and letters.
    #[test]
    fn white_space_as_the_combinators() {
        use nom::bytes::complete::tag;
        let by_combinators = |i| -> Res<'_, &str> {
            recognize((
                take_while_m_n(0, 3, is_hspace),
                opt(alt((tag("\r\n"), tag("\n")))),
                take_while_m_n(0, 3, is_hspace),
            ))
            .parse(i)
        };
        let hspace_by_combinator = |i| -> Res<'_, &str> { take_while_m_n(0, 3, is_hspace).parse(i) };
        let alphabet = [" ", "\t", "\r", "\n", "x", "ư", "\u{a0}"];
        let mut cases = vec![String::new()];
        for _ in 0..7 {
            let longer: Vec<String> =
                cases.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            cases = longer.into_iter().chain(cases).collect();
            cases.sort();
            cases.dedup();
        }
        assert!(cases.len() > 900_000, "{}", cases.len());
        for s in &cases {
            assert_eq!(ws(s), by_combinators(s), "{s:?}");
            assert_eq!(hspace3(s), hspace_by_combinator(s), "{s:?}");
        }
    }

    fn canon(s: &str) -> Option<String> {
        parse_code(s, Tables::builtin()).map(|(c, _)| c.canonical)
    }

    #[test]
    fn party_codes() {
        assert_eq!(canon("178-KL/TW").as_deref(), Some("178-KL/TW"));
        assert_eq!(canon("02-KH/BCĐTW").as_deref(), Some("02-KH/BCĐTW"));
        assert_eq!(canon("07-QĐi/TW").as_deref(), Some("07-QĐi/TW"));
        assert_eq!(canon("05-QC/BTCTU-BDVTU").as_deref(), Some("05-QC/BTCTU-BDVTU"));
        assert_eq!(canon("367 - QĐ/TWĐTN-VP").as_deref(), Some("367-QĐ/TWĐTN-VP"));
        assert_eq!(canon("94- KH/BTGDVTW").as_deref(), Some("94-KH/BTGDVTW"));
        assert_eq!(canon("84 QĐ/TWĐTN").as_deref(), Some("84-QĐ/TWĐTN"));
        assert_eq!(canon("11-QDi/TW").as_deref(), Some("11-QĐi/TW"));
        assert_eq!(canon("66/QĐ/TW").as_deref(), Some("66/QĐ/TW"));
        assert_eq!(canon("3260-KH/ĐĐQH15").as_deref(), Some("3260-KH/ĐĐQH15"));
    }

    #[test]
    fn state_codes() {
        assert_eq!(canon("30/2020/NĐ-CP").as_deref(), Some("30/2020/NĐ-CP"));
        assert_eq!(canon("30/2020/ND-CP").as_deref(), Some("30/2020/NĐ-CP"));
        assert_eq!(canon("759/QD-TTg").as_deref(), Some("759/QĐ-TTg"));
        assert_eq!(canon("15 /2020 /NĐ - CP").as_deref(), Some("15/2020/NĐ-CP"));
        assert_eq!(canon("77/2015/QH13").as_deref(), Some("77/2015/QH13"));
        assert_eq!(canon("76/2025/UBTVQH15").as_deref(), Some("76/2025/UBTVQH15"));
        assert_eq!(canon("01/2011/TTLT-BTC-BNV").as_deref(), Some("01/2011/TTLT-BTC-BNV"));
        assert_eq!(canon("123/UBND-KT").as_deref(), Some("123/UBND-KT"));
        assert_eq!(canon("92/VBHN-BQP").as_deref(), Some("92/VBHN-BQP"));
        assert_eq!(canon("66.7/2025/NQ-CP").as_deref(), Some("66.7/2025/NQ-CP"));
        assert_eq!(canon("2231/SNV-CCHC&PC").as_deref(), Some("2231/SNV-CCHC&PC"));
        assert_eq!(canon("1676/NQ-UBTVQH15").as_deref(), Some("1676/NQ-UBTVQH15"));
        assert_eq!(canon("82/2005-QĐ-UBND").as_deref(), Some("82/2005/QĐ-UBND"));
        assert_eq!(canon("95/2023/NĐ-CP\n- Giấy").as_deref(), Some("95/2023/NĐ-CP"));
        assert_eq!(canon("10/GP- UBND").as_deref(), Some("10/GP-UBND"));
    }

    #[test]
    fn not_codes() {
        assert_eq!(canon("19/6/2025"), None);
        assert_eq!(canon("11/2025"), None);
        assert_eq!(canon("2022/BXD"), None);
        assert_eq!(canon("03/KBS/GSQL"), None);
        assert_eq!(canon("12/2020"), None);
        assert_eq!(canon("5/QH15"), None);
    }

    #[test]
    fn parts() {
        let (c, used) = parse_code("01/2011/TTLT-BTC-BNV ngày", Tables::builtin()).unwrap();
        assert_eq!(used, "01/2011/TTLT-BTC-BNV".len());
        assert_eq!(c.type_code.as_deref(), Some("TTLT"));
        assert_eq!(c.issuers, ["BTC", "BNV"]);
        let (c, _) = parse_code("123/UBND-KT", Tables::builtin()).unwrap();
        assert_eq!(c.type_code, None);
        assert_eq!(c.issuers, ["UBND", "KT"]);
        assert!("12 con mèo".parse::<DocCode>().is_err());
    }
}

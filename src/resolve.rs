//! Resolving citations to canonical document identities, in the context of
//! the document that makes them.
//!
//! # Document ids
//!
//! A [`DocId`] is built from what identifies a document (conventions.md §0):
//!
//! | kind | id | example |
//! |---|---|---|
//! | code that names its document on its own (State legal code with a year, a code with a National Assembly term) | the canonical code | `30/2020/NĐ-CP`, `1676/NQ-UBTVQH15` |
//! | central Party code: numbers restart every Central Committee term | code `#` term | `178-KL/TW#XIII` |
//! | State administrative code: numbers restart every year | code `#` year | `759/QĐ-TTg#2021` |
//! | local code (`TU`, `HU`, `ĐU`, `UBND`, `HĐND`, `S…` departments) | code `@` place slug, then the epoch | `02-KH/TU@phu-tho#2025`, `27/2025/QĐ-UBND@thai-nguyen` |
//! | statute cited by name | type `:` name slug, `#` year when stated | `luat:dat-dai#2024` |
//! | short citation not resolved in its document | type `:` number | `nghi_quyet:57` |
//! | a file without a number of its own | `file:` path | `file:news/0193.txt` |
//!
//! An unknown part is written `?` (`178-KL/TW#?`, `02-KH/TU@?#2025`): the
//! evidence did not say, and [`Resolution::Partial`] or
//! [`Resolution::Ambiguous`] says so. Local Party documents take the year of
//! their date as epoch, because local committee terms are not in any table.
//!
//! # In one document
//!
//! A repeated citation without a date takes the epoch of a dated mention of
//! the same code; a short citation (`Kết luận số 178`) and a statute named
//! without a code take the id of the one coded citation in the document
//! that matches them; `Kết luận nêu trên` points to the latest citation of
//! that type. `A … về triển khai thực hiện B` and `B được sửa đổi, bổ sung
//! bởi A` are [`Link`]s between two cited documents.

use crate::citation::{Citation, Date, DocType, Form, Relation};
use crate::code::{CodeStyle, DocCode};
use crate::identity::{Identity, Reported, place_of};
use crate::normalize::Normalized;
use crate::span::Span;
use crate::tables::{IssuerScope, KeyMap, Tables};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;
use std::sync::LazyLock;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A canonical document id (see the module docs for its grammar).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(String);

impl DocId {
    /// Wraps an id string as it is (ids read back from a saved graph).
    pub fn new(id: impl Into<String>) -> DocId {
        DocId(id.into())
    }

    /// The id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id of a file with no number of its own.
    pub fn of_file(source: &str) -> DocId {
        DocId(format!("file:{source}"))
    }

    /// Whether some part of the id is unknown (`#?`, `@?`).
    pub fn is_partial(&self) -> bool {
        self.0.contains("#?") || self.0.contains("@?")
    }

    /// The id with its unknown epoch or place, for matching a partial id
    /// against complete ones: `178-KL/TW#?` and `178-KL/TW#XIII` share
    /// `178-KL/TW`.
    pub fn stem(&self) -> &str {
        let s = &self.0;
        let cut = s.find(['#', '@']).unwrap_or(s.len());
        &s[..cut]
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How firmly a citation's target is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Resolution {
    /// Every part of the id is printed in the mention itself.
    Exact,
    /// Parts came from the document: a dated mention of the same code, the
    /// issuing body's place, the one coded citation a short one matches.
    Contextual,
    /// Some part is unknown (`#?`): no date, no place.
    Partial,
    /// The document points to several documents; `candidates` lists them.
    Ambiguous,
    /// A short citation or name that nothing in the document pins down.
    Unresolved,
}

/// What one citation refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The id of the cited document.
    pub id: DocId,
    /// How firmly it is known.
    pub resolution: Resolution,
    /// The possible ids when ambiguous.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub candidates: Vec<DocId>,
    /// The place of a local issuer (`Phú Thọ`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub place: Option<String>,
    /// The cited document's title from a `… về <title>` phrase.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
}

/// A relation the text states between two cited documents: `Kế hoạch số
/// 04-KH/TU … về triển khai thực hiện Quyết định số 204-QĐ/TW` links the
/// plan (`from`) to the decision (`to`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The index of the citation of the document that relates.
    pub from: usize,
    /// The index of the citation of the document it relates to.
    pub to: usize,
    /// How it relates.
    pub relation: Relation,
}

/// An anaphoric mention (`Kết luận nêu trên`) and what it refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// Where it is, in the caller's input.
    pub span: Span,
    /// The mention as printed.
    pub text: String,
    /// The index of the citation it refers back to.
    pub antecedent: usize,
    /// The relation its wording states.
    pub relation: Relation,
}

/// Central Committee terms: (first day, term). Conventions.md §1.3.
const TERMS: &[((u16, u8, u8), &str)] = &[
    ((1996, 7, 1), "VIII"),
    ((2001, 4, 22), "IX"),
    ((2006, 4, 25), "X"),
    ((2011, 1, 19), "XI"),
    ((2016, 1, 27), "XII"),
    ((2021, 1, 31), "XIII"),
    ((2026, 1, 23), "XIV"),
];

/// The Central Committee term a date falls in (`2025-07-17` → `XIII`).
pub fn party_term(d: Date) -> Option<&'static str> {
    let key = (d.year(), d.month(), d.day());
    TERMS.iter().rev().find(|(start, _)| *start <= key).map(|(_, t)| *t)
}

/// An ASCII slug of a name: `Phú Thọ` → `phu-tho`.
pub fn slug(s: &str) -> String {
    fn push(out: &mut String, c: char) {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = String::new();
    // the letters of the canonical decomposition (NFD without its marks),
    // character by character: reordering moves only marks, which are
    // dropped
    for c in s.chars() {
        if c.is_ascii() {
            push(&mut out, c);
        } else {
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    push(&mut out, d);
                }
            });
        }
    }
    out.trim_end_matches('-').to_string()
}

/// What a code needs besides itself to name one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Epoch {
    /// Nothing: the code carries its year or term.
    None,
    /// The Central Committee term of the date.
    Term,
    /// The year of the date.
    Year,
}

fn needs(code: &DocCode, tables: &Tables) -> (bool, Epoch) {
    let scope = |p: &String| tables.issuer_scope(p);
    match code.style {
        CodeStyle::Party => {
            let local = code.issuers.first().and_then(scope) == Some(IssuerScope::Local);
            (local, if local { Epoch::Year } else { Epoch::Term })
        }
        CodeStyle::State => {
            let local = code.issuers.iter().take(1).any(|p| scope(p) == Some(IssuerScope::Local));
            let termed = code.issuers.iter().any(|p| p.ends_with(|c: char| c.is_ascii_digit()));
            (local, if code.year.is_some() || termed { Epoch::None } else { Epoch::Year })
        }
    }
}

/// The id of a coded document from its code, place and date. The second
/// value says whether every needed part was known.
pub(crate) fn coded_id(code: &DocCode, place: Option<&str>, date: Option<Date>, tables: &Tables) -> (DocId, bool) {
    let (local, epoch) = needs(code, tables);
    let mut id = code.canonical.clone();
    let mut complete = true;
    if local {
        match place {
            Some(p) => {
                id.push('@');
                id.push_str(&slug(p));
            }
            None => {
                id.push_str("@?");
                complete = false;
            }
        }
    }
    let e = match (epoch, date) {
        (Epoch::None, _) => None,
        (Epoch::Term, Some(d)) => party_term(d).map(str::to_string),
        (Epoch::Year, Some(d)) => Some(d.year().to_string()),
        (_, None) => {
            complete = false;
            Some("?".to_string())
        }
    };
    if let Some(e) = e {
        id.push('#');
        id.push_str(&e);
    }
    (DocId(id), complete)
}

pub(crate) fn named_id(kind: DocType, name: &str, year: Option<u16>) -> DocId {
    let mut id = format!("{}:{}", kind.id(), slug(name));
    if let Some(y) = year {
        id.push_str(&format!("#{y}"));
    }
    DocId(id)
}

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^,?\s*(?:(?:ban hành\s+)?ngày\s+\d[\d/.\-]*(?:\s+tháng\s+\d{1,2}\s+năm\s+\d{4})?\s*,?\s*)?(?:(?:của|do)\s+[^,;.\n()]{1,90}?\s+)?về\s+(?:việc\s+)?",
    )
    .unwrap()
});
static TITLE_STOP: LazyLock<Regex> = LazyLock::new(|| {
    // the word boundary after a type word is checked in `title_stop`: a
    // Unicode `\b` makes the regex engine give up its DFA on Vietnamese text
    Regex::new(r"[;(\n]|\.\s|\.$|,\s+(?:Kế hoạch|Kết luận|Nghị quyết|Quyết định|Quy định|Chỉ thị|Công văn|Hướng dẫn|Thông báo|Nghị định|Thông tư|Luật)|\s(?:và|theo|tại)\s+(?:Kế hoạch|Kết luận|Nghị quyết|Quyết định|Quy định|Chỉ thị|Công văn)")
        .unwrap()
});

/// Where a title ends in `body`: the first [`TITLE_STOP`] whose type word,
/// if it ends in one, is a whole word.
fn title_stop(body: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(m) = TITLE_STOP.find_at(body, from) {
        // only the type word alternatives end in a letter
        let word_end = m.as_str().chars().next_back().is_some_and(crate::chars::is_alphabetic);
        if !word_end || !body[m.end()..].chars().next().is_some_and(crate::chars::is_regex_word) {
            return Some(m.start());
        }
        // no other alternative matches where this one did: go on from the
        // next character
        from = m.start() + body[m.start()..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The title a `… về <title>` phrase gives the document cited just before.
fn title_after(t: &str, end: usize) -> Option<String> {
    let rest = &t[end..crate::context::floor_boundary(t, (end + 400).min(t.len()))];
    let m = TITLE.find(rest)?;
    let body = &rest[m.end()..];
    // no stop inside the window: end at the last whole word
    let stop = title_stop(body).unwrap_or_else(|| body.rfind(' ').unwrap_or(body.len()));
    let title = body[..stop].trim().trim_end_matches([',', ':']).trim();
    (title.chars().count() >= 8).then(|| title.split_whitespace().collect::<Vec<_>>().join(" "))
}

static LINK_ACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|\s)(về\s+(?:việc\s+)?(?:tiếp tục\s+)?)?(triển khai(?:\s+thực hiện)?|thực hiện|quán triệt|cụ thể hóa|sửa đổi,?\s*bổ sung(?:\s+một số điều)?(?:\s+của)?|thay thế|bãi bỏ|hướng dẫn(?:\s+thi hành|\s+thực hiện)?(?:\s+một số điều)?(?:\s+của)?|quy định chi tiết(?:\s+thi hành)?(?:\s+một số điều)?(?:\s+của)?)\s*$",
    )
    .unwrap()
});
static LINK_PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|\s)(?:đã\s+)?được\s+(sửa đổi,?\s*bổ sung(?:\s+một số điều)?|thay thế|bãi bỏ|hướng dẫn(?:\s+thi hành)?|quy định chi tiết)\s+(?:bởi|tại|theo)\s*$",
    )
    .unwrap()
});
/// The type words an anaphor (`Kết luận nêu trên`) starts with.
const ANAPHOR_WORDS: [&str; 12] = [
    "Nghị quyết",
    "Kết luận",
    "Quyết định",
    "Quy định",
    "Chỉ thị",
    "Kế hoạch",
    "Hướng dẫn",
    "Công văn",
    "Nghị định",
    "Thông tư",
    "Thông báo",
    "Văn bản",
];
/// What follows the type word: `nêu trên`, `đã dẫn`, …
const ANAPHOR_TAILS: &str = "nêu trên|nói trên|đã nêu|đã dẫn|trên";
static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    // no `\b`: a Unicode word boundary keeps the regex engine off its DFA
    // over the whole text; `is_whole_word` checks the boundaries instead
    Regex::new(&format!(r"(?i)({})\s+({ANAPHOR_TAILS})", ANAPHOR_WORDS.join("|"))).unwrap()
});
static ANAPHOR_TAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("(?i){ANAPHOR_TAILS}")).unwrap());

/// The matches of [`ANAPHOR`] in `t`, found from their tails.
///
/// Searching for the whole pattern costs about 11 instructions a byte of
/// Vietnamese text (a case-blind set of common words gives the regex
/// engine no good prefilter); the tails alone cost under 2. Every match's
/// tail starts where a tail match starts (no type word ends in `nêu`,
/// `nói` or `đã`, so no tail match runs into it from before), and type
/// words are at most a few characters long, so the pattern is run only on
/// the few characters before each tail.
fn anaphora(t: &str) -> Vec<regex::Captures<'_>> {
    let longest = ANAPHOR_WORDS.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let mut out: Vec<regex::Captures<'_>> = Vec::new();
    for tail in ANAPHOR_TAIL.find_iter(t) {
        let before = &t[..tail.start()];
        // the white space between the type word and the tail
        let gap = before.trim_end().len();
        if gap == tail.start() {
            continue;
        }
        if !ends_in_anaphor_word(&before[..gap]) {
            continue;
        }
        let from = before[..gap].char_indices().rev().take(longest).last().map_or(gap, |(i, _)| i);
        let Some(c) = ANAPHOR.captures_at(&t[..tail.end()], from) else { continue };
        let Some(m) = c.get(0) else { continue };
        if m.end() == tail.end() && out.last().and_then(|p| p.get(0)).is_none_or(|p| p.end() <= m.start()) {
            out.push(c);
        }
    }
    out
}

/// Whether `before` ends with the last word of one of [`ANAPHOR_WORDS`],
/// whatever its case: what [`ANAPHOR`] needs before the white space ahead
/// of a tail. Most tails (`trên địa bàn`) follow no type word, and this
/// test turns them away without running the pattern. The last words hold
/// no `k` or `s`, the only letters Unicode case folding reaches from
/// outside the ranges [`crate::chars::lower_by_range`] reads.
fn ends_in_anaphor_word(before: &str) -> bool {
    static LAST_WORDS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
        let mut words: Vec<Vec<char>> = ANAPHOR_WORDS
            .iter()
            .filter_map(|w| w.rsplit(' ').next())
            .map(|w| crate::chars::lower(w).chars().rev().collect())
            .collect();
        words.sort();
        words.dedup();
        words
    });
    LAST_WORDS.iter().any(|w| {
        let mut printed = before.chars().rev();
        w.iter().all(|&c| printed.next().and_then(crate::chars::lower_by_range) == Some(c))
    })
}

fn cue_relation(cue: &str) -> Relation {
    let c = crate::chars::lower(cue);
    if c.starts_with("sửa đổi") {
        Relation::Amends
    } else if c.starts_with("thay thế") {
        Relation::Replaces
    } else if c.starts_with("bãi bỏ") {
        Relation::Repeals
    } else if c.starts_with("hướng dẫn") || c.starts_with("quy định chi tiết") {
        Relation::Guides
    } else {
        Relation::Implements
    }
}

/// The relations the text states between two cited documents.
fn links(t: &str, spans: &[Span]) -> Vec<Link> {
    let mut out = Vec::new();
    for j in 1..spans.len() {
        let (a, b) = (spans[j - 1], spans[j]);
        if a.end > b.start || b.start - a.end > 260 {
            continue;
        }
        let gap = &t[a.end..b.start];
        if gap.contains(';') || gap.contains("\n\n") || gap.contains(". ") || gap.contains(".\n") {
            continue;
        }
        if let Some(c) = LINK_PASSIVE.captures(gap) {
            out.push(Link { from: j, to: j - 1, relation: cue_relation(&c[1]) });
        } else if let Some(c) = LINK_ACTIVE.captures(gap) {
            let cue = c.get(2).map_or("", |m| m.as_str());
            let near = c.get(0).map_or(0, |m| m.start()) <= 100;
            let lower = crate::chars::lower(cue);
            let strong = !["triển khai", "thực hiện", "quán triệt", "cụ thể"].iter().any(|w| lower.starts_with(w));
            if c.get(1).is_some() || (near && strong && !gap.contains(',')) {
                out.push(Link { from: j - 1, to: j, relation: cue_relation(cue) });
            }
        }
    }
    out
}

/// A document type with a number or a lower-cased name.
type TypedKey = (Option<DocType>, String);

/// Resolves a target to the one id of `known`, or marks it ambiguous.
fn settle(target: &mut Target, known: &BTreeSet<DocId>) {
    match known.len() {
        0 => {}
        1 => {
            target.id = known.iter().next().cloned().unwrap_or_else(|| target.id.clone());
            target.resolution = Resolution::Contextual;
        }
        _ => {
            target.resolution = Resolution::Ambiguous;
            target.candidates = known.iter().cloned().collect();
        }
    }
}

/// The result of resolving one document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Resolved {
    pub targets: Vec<Target>,
    pub links: Vec<Link>,
    pub references: Vec<Reference>,
    pub self_id: Option<DocId>,
}

/// Resolves the citations of one document (normalised spans in `spans`).
pub(crate) fn resolve(
    norm: &Normalized<'_>,
    tables: &Tables,
    cites: &[Citation],
    spans: &[Span],
    identity: Option<&Identity>,
    reported: &[Reported],
) -> Resolved {
    let t = norm.as_str();
    let doc_place: Option<String> =
        identity.and_then(|i| i.place.clone()).or_else(|| reported.iter().find_map(|r| r.place.clone()));
    // dates known for a citation: its own, or the lead date of a reported document
    let mut dates: Vec<Option<Date>> = cites.iter().map(|c| c.date).collect();
    for r in reported {
        if let Some(d) = dates.get_mut(r.citation) {
            *d = d.or(r.date);
        }
    }
    // the place each citation's own `của …` phrase names
    let own_places: Vec<Option<String>> =
        cites.iter().map(|c| c.issuer.as_ref().and_then(|x| place_of(&x.text))).collect();
    let places: Vec<Option<String>> = own_places
        .iter()
        .enumerate()
        .map(|(i, own)| {
            let own = own.clone();
            let rep = reported.iter().find(|r| r.citation == i).and_then(|r| r.place.clone());
            own.or(rep).or_else(|| doc_place.clone())
        })
        .collect();
    let mut targets: Vec<Target> = Vec::with_capacity(cites.len());
    // pass 1: coded citations with what the mention itself says
    for (i, c) in cites.iter().enumerate() {
        let title = title_after(t, spans[i].end);
        let target = match (&c.code, c.form) {
            (Some(code), _) => {
                let local = needs(code, tables).0;
                let place = if local { places[i].clone() } else { None };
                let (id, complete) = coded_id(code, place.as_deref(), dates[i], tables);
                let own_place = own_places[i].is_some();
                let resolution = if !complete {
                    Resolution::Partial
                } else if (local && !own_place) || c.date.is_none() && dates[i].is_some() {
                    Resolution::Contextual
                } else {
                    Resolution::Exact
                };
                Target { id, resolution, candidates: Vec::new(), place, title }
            }
            (None, Form::Named) => {
                let kind = c.doc_type.unwrap_or(DocType::Luat);
                let year = c.year.or(c.date.map(Date::year));
                let id = named_id(kind, c.name.as_deref().unwrap_or(""), year);
                let resolution = if year.is_some() { Resolution::Exact } else { Resolution::Partial };
                Target { id, resolution, candidates: Vec::new(), place: None, title }
            }
            _ => {
                let kind = c.doc_type.map_or("van_ban", |k| k.id());
                let num = c.number.as_deref().unwrap_or("?").trim_start_matches('0');
                let id = DocId(format!("{kind}:{num}"));
                Target { id, resolution: Resolution::Unresolved, candidates: Vec::new(), place: None, title }
            }
        };
        targets.push(target);
    }
    // pass 2: partial coded ids take the epoch of a dated mention of the same
    // code (indexed once: documents can hold thousands of citations)
    let stem_place = |id: &DocId| id.as_str().split('#').next().unwrap_or("").to_string();
    let mut by_stem: KeyMap<String, BTreeSet<DocId>> = KeyMap::default();
    for (c, tg) in cites.iter().zip(&targets) {
        if c.code.is_some() && tg.resolution != Resolution::Partial {
            by_stem.entry(stem_place(&tg.id)).or_default().insert(tg.id.clone());
        }
    }
    for i in 0..cites.len() {
        if cites[i].code.is_none() || targets[i].resolution != Resolution::Partial {
            continue;
        }
        if let Some(known) = by_stem.get(&stem_place(&targets[i].id)) {
            settle(&mut targets[i], known);
        }
    }
    // pass 3: names and short citations matched against the coded ones
    // a name in lower case with single spaces, built in one string
    let name_key = crate::tables::key;
    let mut by_number: KeyMap<TypedKey, BTreeSet<DocId>> = KeyMap::default();
    let mut by_name: KeyMap<TypedKey, Vec<(Option<u16>, DocId)>> = KeyMap::default();
    for (c, tg) in cites.iter().zip(&targets) {
        let Some(code) = &c.code else { continue };
        let num = code.number.trim_start_matches('0').to_string();
        by_number.entry((c.doc_type, num)).or_default().insert(tg.id.clone());
        if let Some(n) = &c.name {
            by_name.entry((c.doc_type, name_key(n))).or_default().push((code.year, tg.id.clone()));
        }
    }
    for i in 0..cites.len() {
        let c = &cites[i];
        if c.code.is_some() {
            continue;
        }
        let matches: BTreeSet<DocId> = match c.form {
            Form::Named => by_name
                .get(&(c.doc_type, name_key(c.name.as_deref().unwrap_or(""))))
                .into_iter()
                .flatten()
                .filter(|(y, _)| c.year.is_none() || *y == c.year)
                .map(|(_, id)| id.clone())
                .collect(),
            _ => {
                let num = c.number.as_deref().unwrap_or("").trim_start_matches('0').to_string();
                by_number.get(&(c.doc_type, num)).cloned().unwrap_or_default()
            }
        };
        settle(&mut targets[i], &matches);
    }
    let self_id = identity.and_then(|id| {
        let code = id.code.as_ref()?;
        Some(coded_id(code, id.place.as_deref(), id.date, tables).0)
    });
    // anaphora: `Kết luận nêu trên` → the latest earlier citation of that type
    let mut references = Vec::new();
    // an anaphor refers back to an earlier citation: none without one
    let anaphors: Vec<_> = if cites.is_empty() { Vec::new() } else { anaphora(t) }
        .into_iter()
        .filter(|m| m.get(0).is_some_and(|g| crate::scan::is_whole_word(t, g.start(), g.end())))
        .collect();
    let at: Vec<usize> = anaphors.iter().filter_map(|m| m.get(0)).map(|m| m.start()).collect();
    let relation_index = crate::relation::RelationIndex::new(t, &at);
    for m in anaphors {
        let (Some(all), Some(word)) = (m.get(0), m.get(1)) else { continue };
        let kind = tables.doc_type_of_word(word.as_str());
        let prev = spans.iter().rposition(|s| s.end <= all.start());
        let Some(prev) = prev else { continue };
        let ante = (0..=prev).rev().take(30).find(|&k| kind.is_none() || cites[k].doc_type == kind);
        if let Some(k) = ante {
            let span = norm.to_original(Span::new(all.start(), all.end()));
            let relation = relation_index.classify(all.start());
            references.push(Reference { span, text: norm.original()[span].to_string(), antecedent: k, relation });
        }
    }
    Resolved { links: links(t, spans), targets, references, self_id }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slug by character decompositions is the slug of the NFD text:
    /// every character NFD reorders is a mark, and marks are dropped.
    #[test]
    fn slug_as_of_nfd() {
        use unicode_normalization::UnicodeNormalization;
        use unicode_normalization::char::canonical_combining_class;
        let by_nfd = |s: &str| -> String {
            let mut out = String::new();
            for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
                let c = match c {
                    'đ' | 'Đ' => 'd',
                    c => c.to_ascii_lowercase(),
                };
                if c.is_ascii_alphanumeric() {
                    out.push(c);
                } else if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
            out.trim_end_matches('-').to_string()
        };
        let all = (0..=0x10FFFFu32).filter_map(char::from_u32);
        assert!(all.clone().all(|c| canonical_combining_class(c) == 0 || is_combining_mark(c)));
        for c in all.take_while(|&c| c <= '\u{FFFF}') {
            let s = format!("Phú {c}Thọ\u{0301}{c}");
            assert_eq!(slug(&s), by_nfd(&s), "{c:?}");
        }
        for s in ["Phú Thọ", "Đắk Lắk", "Cán bộ, công chức", "Hòa Bình", "  ", "", "Nghi\u{0323} đi\u{0323}nh"]
        {
            assert_eq!(slug(s), by_nfd(s), "{s:?}");
        }
    }

    fn code(s: &str) -> DocCode {
        s.parse().unwrap()
    }

    #[test]
    fn ids_by_kind() {
        let t = Tables::builtin();
        let d = |y, m, dd| Date::new(y, m, dd);
        assert_eq!(coded_id(&code("30/2020/NĐ-CP"), None, None, t).0.as_str(), "30/2020/NĐ-CP");
        assert_eq!(coded_id(&code("178-KL/TW"), None, d(2025, 7, 17), t).0.as_str(), "178-KL/TW#XIII");
        assert_eq!(coded_id(&code("18-NQ/TW"), None, d(2017, 10, 25), t).0.as_str(), "18-NQ/TW#XII");
        assert_eq!(coded_id(&code("178-KL/TW"), None, None, t), (DocId::new("178-KL/TW#?"), false));
        assert_eq!(coded_id(&code("759/QĐ-TTg"), None, d(2021, 1, 5), t).0.as_str(), "759/QĐ-TTg#2021");
        assert_eq!(coded_id(&code("02-KH/TU"), Some("Phú Thọ"), d(2025, 7, 15), t).0.as_str(), "02-KH/TU@phu-tho#2025");
        assert_eq!(
            coded_id(&code("27/2025/QĐ-UBND"), Some("Thái Nguyên"), None, t).0.as_str(),
            "27/2025/QĐ-UBND@thai-nguyen"
        );
        assert_eq!(coded_id(&code("1676/NQ-UBTVQH15"), None, None, t).0.as_str(), "1676/NQ-UBTVQH15");
        assert_eq!(
            coded_id(&code("5095/SGDĐT-CTTTHSSV"), None, d(2025, 12, 3), t).0.as_str(),
            "5095/SGDĐT-CTTTHSSV@?#2025"
        );
    }

    #[test]
    fn terms_and_slugs() {
        assert_eq!(party_term(Date::new(2026, 1, 22).unwrap()), Some("XIII"));
        assert_eq!(party_term(Date::new(2026, 4, 8).unwrap()), Some("XIV"));
        assert_eq!(slug("Phú Thọ"), "phu-tho");
        assert_eq!(slug("Đất đai"), "dat-dai");
        assert_eq!(DocId::new("178-KL/TW#?").stem(), "178-KL/TW");
    }

    #[test]
    fn titles_and_links() {
        let t = "Kế hoạch số 04-KH/TU ngày 16/7/2025 của Ban thường vụ Tỉnh ủy về triển khai thực hiện Quyết định số 204-QĐ/TW ngày 29/11/2024, Kế hoạch số 02-KH/TU";
        let a = t.find(" ngày 16").unwrap();
        let b = t.find("Quyết định").unwrap();
        assert_eq!(
            title_after(t, "Kế hoạch số 04-KH/TU ngày 16/7/2025".len()).as_deref(),
            Some("triển khai thực hiện Quyết định số 204-QĐ/TW ngày 29/11/2024")
        );
        let spans = [Span::new(0, a), Span::new(b, b + 40)];
        assert_eq!(links(t, &spans), vec![Link { from: 0, to: 1, relation: Relation::Implements }]);
        let p = "Nghị định số 72/2023/NĐ-CP được sửa đổi, bổ sung bởi Nghị định số 153/2025/NĐ-CP";
        let spans = [Span::new(0, 26), Span::new(p.find("Nghị định số 153").unwrap(), p.len())];
        assert_eq!(links(p, &spans), vec![Link { from: 1, to: 0, relation: Relation::Amends }]);
    }

    /// The stop search with the boundary checked in code finds what the
    /// pattern with `\b` found.
    #[test]
    fn title_stop_as_with_word_boundary() {
        let with_b = Regex::new(r"[;(\n]|\.\s|\.$|,\s+(?:Kế hoạch|Kết luận|Nghị quyết|Quyết định|Quy định|Chỉ thị|Công văn|Hướng dẫn|Thông báo|Nghị định|Thông tư|Luật)\b|\s(?:và|theo|tại)\s+(?:Kế hoạch|Kết luận|Nghị quyết|Quyết định|Quy định|Chỉ thị|Công văn)\b").unwrap();
        for body in [
            "tăng cường công tác phòng, chống tham nhũng, Luật Đất đai",
            "công tác cán bộ, Luậtx và theo Kế hoạch số 5",
            "công tác cán bộ, Luật_ và theo Kế hoạchđ, Quyết định",
            "thi đua khen thưởng và Kế hoạch",
            "thi đua khen thưởng và Kế hoạch\u{0301} tiếp; hết",
            "một tiêu đề không có điểm dừng",
            "kết thúc bằng dấu chấm.",
            "có dấu chấm. Giữa câu",
            "mở ngoặc (ghi chú)",
            "tại Quyết định2 rồi tại Chỉ thị",
            "",
        ] {
            assert_eq!(title_stop(body), with_b.find(body).map(|m| m.start()), "{body:?}");
        }
        // and from every 13th character of the committed documents, over
        // what `title_after` reads
        let mut n = 0;
        for t in crate::fixtures::doc_texts() {
            for i in (0..t.len()).step_by(13).filter(|&i| t.is_char_boundary(i)) {
                let body = &t[i..crate::context::floor_boundary(&t, (i + 400).min(t.len()))];
                assert_eq!(title_stop(body), with_b.find(body).map(|m| m.start()), "{body:?}");
                n += 1;
            }
        }
        assert!(n > 10_000, "{n}");
    }

    /// Anaphora found from their tails are the pattern's matches.
    #[test]
    fn anaphora_as_whole_pattern() {
        let texts = [
            "Thực hiện Kết luận nêu trên và Văn bản trên, Quyết định đã nêu; QUYẾT ĐỊNH NÓI TRÊN",
            "Nghị quyết \n\t  trên. kế hoạch đã dẫn, Văn bản đã nêu trên, trên địa bàn",
            "phía trên trên trên Thông tưtrên Thông báo  nêu trên",
            "Văn bảnnêu trên; Hướng dẫn nói trên Chỉ thị trênx",
            "trên",
            "",
        ];
        for t in texts {
            let by_tails: Vec<_> = anaphora(t).iter().map(|c| (c[0].to_string(), c[1].to_string())).collect();
            let whole: Vec<_> = ANAPHOR.captures_iter(t).map(|c| (c[0].to_string(), c[1].to_string())).collect();
            assert_eq!(by_tails, whole, "{t:?}");
        }
        // every type word in three cases before every tail, and look-alikes
        // whose last word is a type word's or differs from one by a letter
        let mut made = String::new();
        for w in ANAPHOR_WORDS.iter().chain(&["Hoạch", "định", "Bản", "tu", "Báo", "báoo", "hoach"]) {
            for w in [w.to_string(), w.to_uppercase(), w.to_lowercase()] {
                for tail in ANAPHOR_TAILS.split('|') {
                    made.push_str(&format!("{w} {tail}; x{w}\n{}. ", tail.to_uppercase()));
                }
            }
        }
        for t in crate::fixtures::doc_texts().into_iter().chain([made]) {
            let by_tails: Vec<_> = anaphora(&t).iter().map(|c| c.get(0).unwrap().range()).collect();
            let whole: Vec<_> = ANAPHOR.captures_iter(&t).map(|c| c.get(0).unwrap().range()).collect();
            assert_eq!(by_tails, whole);
        }
    }
}

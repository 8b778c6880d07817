//! The candidate scan: one linear pass over normalised text that proposes
//! where citations may start.
//!
//! Three kinds of trigger, each cheap:
//! - a run of digits that can begin a document number code (`178-`, `30/`,
//!   `84 QĐ/`); the code itself is then read by [`crate::code`];
//! - a statute type word (`Luật`, `Bộ luật`, `Hiến pháp`, `Pháp lệnh`,
//!   `Điều lệ`) that can begin a named citation;
//! - a type word or abbreviation followed by a bare number (`Nghị quyết 57`,
//!   `QĐ 66`) that can be a short citation.
//!
//! The regexes here are built once per [`Tables`] and reused.

use crate::tables::Tables;
use regex::Regex;
use std::sync::OnceLock;

/// Compiled patterns for one set of tables.
#[derive(Debug, Clone)]
pub(crate) struct Patterns {
    /// Any type word or abbreviation.
    pub type_word: Regex,
    /// Type word/abbreviation + optional `số` + a bare number, list allowed.
    pub short: Regex,
    /// `short` anchored at the start of the haystack, compiled when first
    /// asked for ([`Patterns::short_anchored`]).
    short_anchored: OnceLock<Regex>,
    /// A statute type word at the start of a named citation.
    pub named: Regex,
    /// A pinpoint chain ending at the end of the haystack.
    pub pinpoint_tail: Regex,
    /// A list of bare numbers ending at the end of the haystack (`187, `).
    pub number_list_tail: Regex,
    /// Qualifier words and `số` between a type word and a number.
    pub qualifier: Regex,
    /// A statute name and `số` between `Luật` and a number.
    pub law_name_tail: Regex,
}

fn word_pattern(w: &str) -> String {
    w.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+")
}

impl Patterns {
    pub(crate) fn new(tables: &Tables) -> Patterns {
        let mut words: Vec<&str> = tables.type_words().collect();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let mut abbrs: Vec<&str> = tables.abbreviations().collect();
        abbrs.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let words_alt = words.iter().map(|w| word_pattern(w)).collect::<Vec<_>>().join("|");
        let abbr_alt = abbrs.iter().map(|a| regex::escape(a)).collect::<Vec<_>>().join("|");
        // abbreviations may be glued to the number in short citations (`TT36/2017`)
        // No `\b` anywhere: a Unicode word boundary forces the regex engine off
        // its fast DFA, so boundaries are checked in code (`at_word_start`).
        let type_alt = format!(r"(?:(?i:{words_alt})|(?:{abbr_alt}))");
        let compile = |p: &str| build(p).unwrap_or_else(|e| panic!("vanban pattern does not compile: {e}"));
        let short = format!(
            r"(?P<tw>{type_alt})(?P<qual>(?:[ \t]*\r?\n?[ \t]*\p{{Ll}}+){{1,4}}?[ \t]*\r?\n?[ \t]*(?i:số))?(?:[ \t]*\r?\n?[ \t]*(?P<so>(?i:số|sô|sổ))[ \t]*:?)?[ \t]*\r?\n?[ \t]*(?P<num>[0-9]{{1,5}}(?:\.[0-9]{{1,3}})?[a-z]?(?:/[0-9]{{4}})?)(?P<more>(?:[ \t]*(?:,|và)[ \t]*[0-9]{{1,5}})*)"
        );
        Patterns {
            type_word: compile(&format!(r"(?:(?i:{words_alt})|(?:{abbr_alt}))")),
            short_anchored: OnceLock::new(),
            short: compile(&short),
            named: compile(
                r"(?P<tw>Bộ\s+[Ll]uật|BỘ\s+LUẬT|Luật|LUẬT|Hiến\s+pháp|HIẾN\s+PHÁP|Pháp\s+lệnh|PHÁP\s+LỆNH|Điều\s+lệ|ĐIỀU\s+LỆ)\s+",
            ),
            pinpoint_tail: compile(
                r"(?i)(?:^|[^\p{L}\p{N}])((?:(?:các\s+)?(?:từ\s+)?(?:điểm|khoản|điều|tiểu\s+mục|mục|chương|phần|phụ\s+lục|tiết)\s+[0-9a-zđ.]+(?:\s*(?:,|và|hoặc|đến|-)\s*(?:(?:điểm|khoản|điều)\s+)?[0-9a-zđ.]+)*[\s,]*)+(?:(?:của|tại|trong)\s+)?)$",
            ),
            number_list_tail: compile(r"(?:(?-u:\b)[0-9]{1,5}[ \t]*(?:,|và)[ \t]*)+$"),
            qualifier: compile(r"^(?:\s+\p{Ll}+){0,4}?\s*(?:(?i:số|sô|sổ)\s*)?:?\s*$"),
            law_name_tail: compile(
                r"^\s+(?P<name>[^;:()\[\]\n]{1,160}?(?:\n[^;:()\[\]\n]{1,160}?)?)\s+(?i:số)\s*:?\s*$",
            ),
        }
    }

    /// `short` anchored at the start of the haystack: the capture search on
    /// a match already found (see `extract::short_groups`). Compiled on
    /// first use, as many runs never need it.
    pub(crate) fn short_anchored(&self) -> &Regex {
        self.short_anchored.get_or_init(|| {
            build(&format!("^(?:{})", self.short.as_str()))
                .unwrap_or_else(|e| panic!("vanban pattern does not compile: {e}"))
        })
    }
}

/// Compiles a scan pattern with room for its lazy DFA to grow.
///
/// The regex engine builds DFA states as the text asks for them, in a cache
/// of 2 MB by default. The scan patterns (every type word in either case,
/// lower-case qualifier words) need more states than fit there on real
/// text, so the engine kept clearing its cache and building the same states
/// again: about a seventh of all the work on the bulk corpus. The cache
/// only grows as states are built; the limit is a ceiling, reached on no
/// corpus measured (BENCHMARKS.md).
pub(crate) fn build(p: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(p).dfa_size_limit(64 << 20).build()
}

/// Whether `t[start..end]` stands as a whole word: no letter or digit
/// touches it on either side.
pub(crate) fn is_whole_word(t: &str, start: usize, end: usize) -> bool {
    let before = t[..start].chars().next_back().is_some_and(crate::chars::is_alphanumeric);
    let after = t[end..].chars().next().is_some_and(crate::chars::is_alphanumeric);
    !before && !after
}

/// Whether no letter or digit comes right before `start`.
pub(crate) fn at_word_start(t: &str, start: usize) -> bool {
    !t[..start].chars().next_back().is_some_and(crate::chars::is_alphanumeric)
}

/// Starts of digit runs that may begin a code: the byte before is not a
/// digit, letter (except a glued `số`), `/`, `.`, `:` or `-`.
///
/// This is the trigger scan over every byte of every document: a tight
/// search for the next digit run, then a few checks at its start.
pub(crate) fn code_starts(t: &str) -> impl Iterator<Item = usize> + '_ {
    let b = t.as_bytes();
    let mut next = 0;
    std::iter::from_fn(move || {
        loop {
            let i = crate::chars::find_byte(b, next, |c| c.is_ascii_digit())?;
            // the rest of the run is no start: skip it
            let mut run_end = i + 1;
            while run_end < b.len() && b[run_end].is_ascii_digit() {
                run_end += 1;
            }
            next = run_end;
            if may_start_code(t, i) {
                return Some(i);
            }
        }
    })
}

/// Whether the digit run at `i` (a run start) may begin a code.
fn may_start_code(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    if i == 0 {
        return true;
    }
    let p = b[i - 1];
    if matches!(p, b'/' | b'.' | b':' | b'-' | b'_') {
        return false;
    }
    // quick filter: a code has `-`, `/` or a space then letters within a few bytes
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.') && j - i < 12 {
        j += 1;
    }
    let window = &b[j..b.len().min(j + 12)];
    if !window.iter().any(|&c| c == b'-' || c == b'/') {
        return false;
    }
    if p.is_ascii_alphabetic() {
        return false;
    }
    if p >= 0x80 {
        // a non-ASCII letter glued to the number: only `số`/`Số`
        let before = &t[..i];
        return before.ends_with("số")
            || before.ends_with("Số")
            || before.ends_with("SỐ")
            || !before.chars().next_back().is_some_and(crate::chars::is_alphanumeric);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_start_positions() {
        let t = "Số: 30/2020/NĐ-CP ngày 19/6/2025, số31-QĐ/TW và x1-AB/C";
        let starts: Vec<&str> = code_starts(t).map(|i| &t[i..i + 2]).collect();
        assert_eq!(starts, ["30", "19", "31"]);
    }

    /// The run-skipping scan gives the positions of a check of every byte.
    #[test]
    fn code_starts_match_a_check_of_every_byte() {
        let texts = [
            "Số: 30/2020/NĐ-CP ngày 19/6/2025, số31-QĐ/TW và x1-AB/C",
            "1-KL/TW 22 33/QĐ 4.5-AB/CD 06-CT/TW_7 8:9-A/B số12/2020/TT-BTC đ3-A/B",
            "123456789012345-QĐ/TW và 1.2.3/AB-CD, (45) 67 /89-XY/Z",
            "",
            "9",
        ];
        for t in texts {
            let b = t.as_bytes();
            let every: Vec<usize> = (0..b.len())
                .filter(|&i| b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) && may_start_code(t, i))
                .collect();
            assert_eq!(code_starts(t).collect::<Vec<_>>(), every, "{t}");
        }
    }

    #[test]
    fn patterns_compile_and_match() {
        let p = Patterns::new(Tables::builtin());
        assert!(p.type_word.is_match("theo Nghị\nđịnh số"));
        assert!(p.type_word.is_match("QĐ 66"));
        let c = p.short.captures("theo Nghị quyết 59, 70 và 71 về").unwrap();
        assert_eq!(&c["num"], "59");
        assert_eq!(&c["more"], ", 70 và 71");
        assert!(p.named.is_match("Căn cứ Luật Đất đai"));
        assert!(p.pinpoint_tail.is_match("theo khoản 2 Điều 5 "));
        assert!(p.qualifier.is_match(" thẩm tra số "));
        assert!(p.qualifier.is_match(" số: "));
        assert!(!p.qualifier.is_match(" của Bộ "));
    }
}

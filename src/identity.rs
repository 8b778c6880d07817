//! Who the document being read is, and which documents a press report is about.
//!
//! An official document names itself in its header: the issuing body lines,
//! `Số: 30/2020/NĐ-CP` or `Số 73-CV/TU`, the place and date line, the type
//! line (`QUYẾT ĐỊNH`) and title or the `V/v` subject of a công văn, and at
//! the end the signer block. Web-page copies add a metadata table (`Số
//! hiệu:`, `Loại văn bản:`, `Nơi ban hành:`, `Ngày ban hành:`). This module
//! reads those facts into an [`Identity`]. Headers come flattened, split over
//! lines and inside markdown tables, so the reader works on cells (line and
//! `|` pieces with markdown emphasis trimmed), not on a fixed layout.
//!
//! A text without such a header is a press report or a page about
//! documents. When its headline or lead says a body *issued* a document
//! (`Ngày 18/7, Ban Thường vụ Tỉnh ủy Phú Thọ ban hành công văn số
//! 73-CV/TU …`), that document is a [`Reported`] document, with the date of
//! the lead (its year taken from the dates the article cites) and the body
//! that issued it.

use crate::citation::{Citation, Date, DocType, Form};
use crate::code::{DocCode, parse_code};
use crate::normalize::Normalized;
use crate::parse::date::date;
use crate::span::Span;
use crate::tables::Tables;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// How far into a document its header may start (bytes of normalised text).
const HEADER_WINDOW: usize = 12_000;
/// How far into a press article its lead may reach.
const LEAD_WINDOW: usize = 1_500;

/// Where the facts about a document's own identity were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IdentitySource {
    /// The document's own header (`Số: …`, place and date, type line).
    Header,
    /// A web page's metadata table (`Số hiệu:`, `Ngày ban hành:`).
    Metadata,
    /// A header without a number (`NGHỊ QUYẾT` and a title, but no `Số`).
    Unnumbered,
}

/// The identity of the document being read, from its header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    /// Its number code (`73-CV/TU`), when printed.
    pub code: Option<DocCode>,
    /// Where the code is printed, in the caller's input.
    pub code_span: Option<Span>,
    /// Its type: the type line, the metadata's `Loại văn bản`, the code, or
    /// `V/v` (a công văn).
    pub doc_type: Option<DocType>,
    /// Its issue date (the place-and-date line or `Ngày ban hành`).
    pub date: Option<Date>,
    /// The issuing body as printed in the header, in normal case
    /// (`Ủy ban nhân dân tỉnh Thái Nguyên`).
    pub issuer: Option<String>,
    /// The place of a local issuer (`Thái Nguyên`, `Phú Thọ`).
    pub place: Option<String>,
    /// The title (`Ban hành quy định …`) or the `V/v` subject.
    pub title: Option<String>,
    /// The signer's name, when a signature block is found.
    pub signer: Option<String>,
    /// Which part of the text these facts come from.
    pub source: IdentitySource,
}

/// A document that a press report says was issued (`… ban hành công văn số
/// 73-CV/TU`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reported {
    /// The index of the citation that names it, in the document's citations.
    pub citation: usize,
    /// Its issue date: the citation's own date, or the lead's `Ngày 18/7`
    /// with the year of the latest date the article cites.
    pub date: Option<Date>,
    /// The body that issued it, from the lead (`Ban Thường vụ Tỉnh ủy Phú Thọ`).
    pub issuer: Option<String>,
    /// The place of that body (`Phú Thọ`).
    pub place: Option<String>,
}

/// A piece of a header line: text with markdown trimmed, and its position
/// in the normalised text.
#[derive(Clone, Copy, Debug)]
struct Cell<'a> {
    text: &'a str,
    start: usize,
}

/// `piece` without white space and markdown marks (`*`, `#`, `_`, `>`,
/// `\`) at its ends.
fn trim_cell(piece: &str) -> &str {
    crate::chars::trim_marked(piece, |c| matches!(c, b'*' | b'#' | b'_' | b'>' | b'\\'))
}

fn cells(t: &str, limit: usize) -> Vec<Cell<'_>> {
    let end = crate::context::floor_boundary(t, limit.min(t.len()));
    let mut out = Vec::new();
    let mut pos = 0;
    // split at `\n` and `|` by bytes: both are ASCII, so the pieces are
    // whole characters (a split at a set of characters decodes each one)
    let bytes = &t.as_bytes()[..end];
    let mut from = 0;
    let pieces = std::iter::from_fn(|| {
        if from > end {
            return None;
        }
        let stop = memchr::memchr2(b'\n', b'|', &bytes[from..]).map_or(end, |i| from + i);
        let piece = t.get(from..stop);
        from = stop + 1;
        piece
    });
    for piece in pieces {
        let trimmed = trim_cell(piece);
        if !trimmed.is_empty() {
            let off = trimmed.as_ptr() as usize - piece.as_ptr() as usize;
            out.push(Cell { text: trimmed, start: pos + off });
        }
        pos += piece.len() + 1;
    }
    out
}

static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:[Bb]ộ\s+)?(?:[Ll]uật|LUẬT)\s+(?:số|Số|SỐ)|[Pp]háp\s+lệnh\s+(?:số|Số|SỐ)|Số|SỐ)(?:\s+hiệu)?\s*:?\s*",
    )
    .unwrap()
});
static PLACE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i),\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}").unwrap());
/// The upper-case type words of a header's type line, longest first where
/// one starts another.
const TYPE_LINE_WORDS: &str = "QUYẾT ĐỊNH|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ LIÊN TỊCH|THÔNG TƯ|KẾT LUẬN|QUY ĐỊNH|CHỈ THỊ|KẾ HOẠCH|HƯỚNG DẪN|THÔNG BÁO|THÔNG TRI|BÁO CÁO|TỜ TRÌNH|CÔNG ĐIỆN|CHƯƠNG TRÌNH|ĐỀ ÁN|QUY CHẾ|PHÁP LỆNH|BỘ LUẬT|LUẬT|LỆNH|CÔNG VĂN";
static TYPE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:^|[\s*#])({TYPE_LINE_WORDS})(?:[\s*:]|$)")).unwrap());
/// [`TYPE_LINE`]'s words and what may follow them, without what must come
/// before (checked by [`type_word_in`]): a pattern that starts with its
/// upper-case words, which the regex engine looks for as literals.
static TYPE_WORD_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"({TYPE_LINE_WORDS})(?:[\s*:]|$)")).unwrap());

/// Where [`TYPE_LINE`]'s first match in `zone` has its type word: the
/// first place its words (with what follows) start that is the zone's
/// start or follows white space, `*` or `#`. Each place a word starts is
/// tried in order, so a word inside a rejected one (`LUẬT` in `xBỘ LUẬT`)
/// is not passed over.
fn type_word_in(zone: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(c) = TYPE_WORD_END.captures_at(zone, from) {
        let w = c.get(1)?;
        if zone[..w.start()].chars().next_back().is_none_or(|p| p.is_whitespace() || matches!(p, '*' | '#')) {
            return Some(w.range());
        }
        from = w.start() + zone[w.start()..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

static REPORT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\s|^)(?:(?:vừa|đã|mới|chính thức)\s+)*(?:ký\s+)?(?:ban hành|(?:vừa|đã|mới)\s+ra|phát hành)\s+$")
        .unwrap()
});
static ATTACHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\(\s*(?:ban hành\s+)?kèm theo\s+(\p{L}+(?:\s+\p{L}+)?)\s+số\s+").unwrap());
static LEAD_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?").unwrap());

/// Whether `t` may hold `kèm` in some case (what [`ATTACHED`] needs): an
/// `è` or `È` with `k`, `K` or the Kelvin sign before it and `m` or `M`
/// after it.
fn may_hold_kem(t: &str) -> bool {
    let b = t.as_bytes();
    let at = |e: &'static [u8]| {
        memchr::memmem::find_iter(b, e).any(|i| {
            matches!(b.get(i + 2), Some(b'm' | b'M'))
                && (matches!(b.get(i.wrapping_sub(1)), Some(b'k' | b'K')) || b[..i].ends_with("\u{212A}".as_bytes()))
        })
    };
    at("è".as_bytes()) || at("È".as_bytes())
}

/// The labels of a web page's metadata table.
const META_LABELS: [&str; 5] = ["số hiệu", "loại văn bản", "nơi ban hành", "ngày ban hành", "người ký"];

/// The metadata label `s` opens (`Số hiệu:`, `NGÀY BAN HÀNH **:`): a
/// label of [`META_LABELS`] in any case, then spaces and `*`, then `:`.
/// Read character by character, lower-cased as it goes, and given up at
/// the first that differs: a cell can be a whole paragraph, and most
/// cells differ from every label within their first few characters.
fn meta_label(s: &str) -> Option<&'static str> {
    META_LABELS.iter().copied().find(|label| {
        let mut lower = s.chars().flat_map(char::to_lowercase).peekable();
        label.chars().all(|l| lower.next() == Some(l)) && {
            while lower.next_if(|&c| matches!(c, ' ' | '*')).is_some() {}
            lower.next() == Some(':')
        }
    })
}

/// Cells that belong to the national motto or Party banner, not to the issuer.
fn is_banner(s: &str) -> bool {
    let u = s.to_uppercase();
    u.contains("CỘNG HÒA")
        || u.contains("CỘNG HOÀ")
        || u.contains("CHỦ NGHĨA VIỆT NAM")
        || u.contains("ĐỘC LẬP")
        || u.contains("HẠNH PHÚC")
        || u.contains("ĐẢNG CỘNG SẢN VIỆT NAM")
}

fn is_rule(s: &str) -> bool {
    s.chars().all(|c| matches!(c, '-' | '_' | '*' | '=' | '.' | '–' | '—') || c.is_whitespace())
}

fn mostly_upper(s: &str) -> bool {
    let (mut up, mut low) = (0, 0);
    for c in s.chars().filter(|&c| crate::chars::is_alphabetic(c)) {
        if crate::chars::is_uppercase(c) {
            up += 1;
        } else {
            low += 1;
        }
    }
    up >= 2 && low * 5 <= up
}

/// Words that stay capitalised when an upper-case body name is re-cased.
const PROPER: &[&str] = &[
    "Trung ương",
    "Quốc hội",
    "Chính phủ",
    "Việt Nam",
    "Đảng",
    "Nhà nước",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Mặt trận Tổ quốc",
    "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao",
];

/// Upper-case header text in normal case: `ỦY BAN NHÂN DÂN TỈNH THÁI
/// NGUYÊN` → `Ủy ban nhân dân tỉnh Thái Nguyên`. Mixed-case text is kept.
pub(crate) fn recase(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if !mostly_upper(&s) {
        return s;
    }
    // abbreviations stay as printed
    const KEEP: &[&str] = &["UBND", "HĐND", "MTTQ", "TP", "TW", "CP"];
    let mut words: Vec<String> =
        s.split(' ').map(|w| if KEEP.contains(&w) { w.to_string() } else { w.to_lowercase() }).collect();
    let cap = |w: &mut String| {
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            *w = f.to_uppercase().chain(cs).collect();
        }
    };
    if let Some(w) = words.first_mut() {
        cap(w);
    }
    // places: the words after tỉnh / thành phố / huyện … up to an organisation word
    const MARKERS: &[&str] = &["tỉnh", "phố", "huyện", "quận", "xã", "phường", "ủy"];
    const STOP: &[&str] = &["trung", "sở", "ban", "văn", "cục", "phòng", "ủy", "đảng", "hội", "chi", "công", "bộ"];
    let mut i = 0;
    while i < words.len() {
        let w = words[i].to_lowercase();
        if MARKERS.contains(&w.as_str()) && i + 1 < words.len() {
            let mut j = i + 1;
            while j < words.len() && j <= i + 4 && !STOP.contains(&words[j].to_lowercase().as_str()) {
                cap(&mut words[j]);
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let mut out = words.join(" ");
    proper_case(&mut out);
    out
}

/// [`PROPER`] in lower case, each with a searcher for it.
static PROPER_LOWER: LazyLock<Vec<(&'static str, memchr::memmem::Finder<'static>)>> = LazyLock::new(|| {
    PROPER.iter().map(|&p| (p, memchr::memmem::Finder::new(&p.to_lowercase()).into_owned())).collect()
});

/// Gives each of [`PROPER`] standing as whole words in `out` its printed
/// case, found in one lower-cased copy of `out` (only when lower-casing
/// keeps its byte layout). Each word and its lower case are as long, so a
/// replacement keeps that copy the lower case of `out`.
fn proper_case(out: &mut String) {
    let lower = out.to_lowercase();
    if lower.len() != out.len() {
        return;
    }
    for (p, lp) in PROPER_LOWER.iter() {
        let mut from = 0;
        while let Some(k) = lp.find(&lower.as_bytes()[from..]) {
            let at = from + k;
            let end = at + lp.needle().len();
            let bounded = !out[..at].chars().next_back().is_some_and(crate::chars::is_alphanumeric)
                && !out[end..].chars().next().is_some_and(crate::chars::is_alphanumeric);
            if bounded && out.is_char_boundary(at) && out.is_char_boundary(end) {
                out.replace_range(at..end, p);
            }
            from = end;
        }
    }
}

/// The place named in a body's name (`Tỉnh ủy Phú Thọ` → `Phú Thọ`).
pub fn place_of(issuer: &str) -> Option<String> {
    let g = place_words(issuer)?;
    // a body named after the place marker is not a place (`tỉnh Ủy ban …`)
    let first = g.split(' ').next().unwrap_or("");
    if matches!(first, "Ủy" | "Ban" | "Hội" | "Đảng") {
        return None;
    }
    Some(g.to_string())
}

/// The place markers of [`place_words`], in the order they are tried at a
/// position.
const PLACE_MARKERS: [&str; 12] = [
    "Tỉnh ủy",
    "tỉnh ủy",
    "Thành ủy",
    "thành ủy",
    "Huyện ủy",
    "huyện ủy",
    "Tỉnh",
    "tỉnh",
    "Thành phố",
    "thành phố",
    "TP.",
    "TP",
];

/// The words after the first place marker of `s` that white space and a
/// capitalised word follow: one to four words, each an upper-case letter
/// and lower-case ones, apart by white space. The same as the first
/// capture of `(?:[Tt]ỉnh ủy|[Tt]hành ủy|[Hh]uyện ủy|[Tt]ỉnh|[Tt]hành
/// phố|TP\.?)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})`, read without
/// the regex engine, whose lazy DFA for those letter classes was costly to
/// build.
fn place_words(s: &str) -> Option<&str> {
    // `w` starts a capitalised word: where it ends
    let word_end = |w: usize| {
        let mut cs = s[w..].char_indices();
        if !cs.next().is_some_and(|(_, c)| crate::chars::is_regex_upper(c)) {
            return None;
        }
        Some(cs.find(|&(_, c)| !crate::chars::is_regex_lower(c)).map_or(s.len(), |(i, _)| w + i))
    };
    // where the white space from `i` ends, if there is any
    let after_space = |i: usize| {
        let n = s[i..].char_indices().find(|&(_, c)| !c.is_whitespace()).map_or(s.len() - i, |(k, _)| k);
        (n > 0).then_some(i + n)
    };
    for (p, first) in s.bytes().enumerate() {
        if !matches!(first, b'T' | b't' | b'H' | b'h') {
            continue;
        }
        for m in PLACE_MARKERS {
            if !s[p..].starts_with(m) {
                continue;
            }
            let Some(w) = after_space(p + m.len()) else { continue };
            let Some(mut end) = word_end(w) else { continue };
            for _ in 0..3 {
                match after_space(end).and_then(word_end) {
                    Some(e) => end = e,
                    None => break,
                }
            }
            return Some(&s[w..end]);
        }
    }
    None
}

/// A code at the start of `s`, with the bytes it takes, when it is followed
/// by a word boundary.
fn code_at(s: &str, tables: &Tables) -> Option<(DocCode, usize)> {
    let (code, used) = parse_code(s, tables)?;
    let next = s[used..].chars().next();
    if next.is_some_and(crate::chars::is_alphanumeric) {
        return None;
    }
    Some((code, used))
}

/// Reads the identity of the document from its header, or `None` when the
/// text has no header (a press report, a page about documents).
pub(crate) fn identify(norm: &Normalized<'_>, tables: &Tables) -> Option<Identity> {
    let t = norm.as_str();
    let cs = cells(t, HEADER_WINDOW);
    let mut id = Identity {
        code: None,
        code_span: None,
        doc_type: None,
        date: None,
        issuer: None,
        place: None,
        title: None,
        signer: None,
        source: IdentitySource::Header,
    };
    let mut meta = false;
    // 1. a web page's metadata table
    let value_after = |i: usize, label_len: usize| -> Option<Cell<'_>> {
        let c = cs[i];
        let rest = c.text[label_len..].trim_start_matches(|ch: char| ch == ':' || ch == '*' || ch.is_whitespace());
        if !rest.is_empty() {
            return Some(Cell { text: rest, start: c.start + (c.text.len() - rest.len()) });
        }
        cs.get(i + 1).copied().filter(|n| !n.text.ends_with(':'))
    };
    for (i, c) in cs.iter().enumerate() {
        // every label starts with `s`, `l` or `n`: most cells are turned
        // away before they are lower-cased
        if !matches!(c.text.as_bytes().first(), Some(b's' | b'S' | b'l' | b'L' | b'n' | b'N')) {
            continue;
        }
        let Some(label) = meta_label(c.text) else { continue };
        let Some(v) = value_after(i, label.len()) else { continue };
        match label {
            "số hiệu" => {
                if id.code.is_none()
                    && let Some((code, used)) = code_at(v.text, tables)
                {
                    id.code_span = Some(norm.to_original(Span::new(v.start, v.start + used)));
                    id.code = Some(code);
                    meta = true;
                }
            }
            "loại văn bản" => id.doc_type = id.doc_type.or_else(|| tables.doc_type_of_word(v.text)),
            "nơi ban hành" => id.issuer = id.issuer.clone().or_else(|| Some(recase(v.text))),
            "ngày ban hành" => id.date = id.date.or_else(|| date(v.text).map(|d| d.0)),
            _ => id.signer = id.signer.clone().or_else(|| Some(v.text.to_string())),
        }
    }
    if meta {
        id.source = IdentitySource::Metadata;
    }
    // 2. the `Số:` line of the header itself
    let mut number_cell = None;
    for (i, c) in cs.iter().enumerate() {
        // the header is over once the preamble or the body begins
        let body = c.text.trim_start_matches(['-', ' ']);
        if body.starts_with("Căn cứ") || body.starts_with("Điều 1") || body.starts_with("Kính gửi") {
            break;
        }
        // the pattern is anchored and opens with `Số`, `Luật`, `Bộ luật`
        // or `Pháp lệnh`: a cell starting otherwise cannot match
        if !matches!(c.text.as_bytes().first(), Some(b'S' | b'L' | b'l' | b'B' | b'b' | b'P' | b'p')) {
            continue;
        }
        let Some(m) = NUMBER_LINE.find(c.text) else { continue };
        let (text, start) = if m.end() < c.text.len() {
            (&c.text[m.end()..], c.start + m.end())
        } else if let Some(n) = cs.get(i + 1) {
            (n.text, n.start)
        } else {
            continue;
        };
        if let Some((code, used)) = code_at(text, tables) {
            if id.code.is_none() {
                id.code_span = Some(norm.to_original(Span::new(start, start + used)));
                id.code = Some(code);
            }
            number_cell = Some(i);
            break;
        }
    }
    // where the header proper is: the number line, or the top of the text
    let anchor = number_cell.map_or(0, |i| cs[i].start);
    let anchor_cell = number_cell.unwrap_or(0);
    // 3. issuing body: the upper-case cells before the number line
    if let Some(ni) = number_cell {
        let mut block: Vec<String> = Vec::new();
        let mut k = ni;
        while k > 0 && block.len() < 6 {
            k -= 1;
            let mut owned = cs[k].text.to_string();
            for banner in
                ["ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
            {
                owned = owned.replace(banner, " ");
            }
            let c = owned.trim_matches(|ch: char| matches!(ch, '-' | '_' | '*') || ch.is_whitespace());
            if c.is_empty() || is_rule(c) || is_banner(c) || c == "*" {
                continue;
            }
            if !mostly_upper(c) {
                break;
            }
            block.push(c.to_string());
        }
        block.reverse();
        if !block.is_empty() && (id.issuer.is_none() || !meta) {
            id.issuer = Some(recase(&block.join(" ")));
        }
    }
    // 4. place and date line, near the number
    let date_zone_end = crate::context::floor_boundary(t, (anchor + 1500).min(t.len()));
    if id.date.is_none()
        && let Some(m) = PLACE_DATE.find(&t[anchor..date_zone_end])
    {
        let s = anchor + m.start() + t[anchor + m.start()..].find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        id.date = date(&t[s..]).map(|d| d.0);
    }
    // 5. type line and title; `V/v` for a công văn
    let zone_end = crate::context::floor_boundary(t, (anchor + 3000).min(t.len()));
    let zone = &t[anchor..zone_end];
    let mut title = None;
    if let Some(g) = type_word_in(zone) {
        let word_ok = number_cell.is_some() || g.start < 400;
        if word_ok {
            id.doc_type = id.doc_type.or_else(|| tables.doc_type_of_word(&zone[g.clone()]));
            let rest = &zone[g.end..];
            let rest = rest.trim_start_matches(|ch: char| ch == '*' || ch == ':' || ch.is_whitespace());
            // (memchr's substring search: the standard one reads the zone a
            // byte at a time when neither is near)
            let find = |w: &str| memchr::memmem::find(rest.as_bytes(), w.as_bytes());
            let end = find("\n\n").or_else(|| find("Căn cứ")).unwrap_or(rest.len()).min(600);
            let end = crate::context::floor_boundary(rest, end);
            let tt = clean_title(&rest[..end]);
            if !tt.is_empty() {
                title = Some(tt);
            }
        }
    }
    for c in cs.iter().skip(anchor_cell).take(12) {
        if let Some(r) = c.text.strip_prefix("V/v").or_else(|| c.text.strip_prefix("V/V")) {
            let tt = clean_title(r);
            if !tt.is_empty() {
                title = title.or(Some(tt));
            }
            id.doc_type = id.doc_type.or(Some(DocType::CongVan));
        } else if let Some(pos) = c.text.find(" V/v ") {
            title = title.or_else(|| Some(clean_title(&c.text[pos + 5..])));
            id.doc_type = id.doc_type.or(Some(DocType::CongVan));
        }
    }
    id.title = title;
    if id.doc_type.is_none()
        && let Some(code) = &id.code
    {
        id.doc_type = crate::extract::type_of_code(tables, code);
    }
    if id.code.is_none() && id.doc_type.is_none() {
        return None;
    }
    if id.code.is_none() {
        // an unnumbered header: the type line must open the text
        if !cs.first().is_some_and(|c| TYPE_LINE.is_match(c.text) && mostly_upper(c.text)) {
            return None;
        }
        id.source = IdentitySource::Unnumbered;
        // an appendix may name the document: `(Kèm theo Hướng dẫn số 40-HD/BTGDVTW …)`
        // (the pattern's `kèm`, looked for by bytes first: the case-blind
        // pattern with its `\p{L}` classes costs far more to run over a
        // text that cannot hold it)
        for c in ATTACHED.captures_iter(if may_hold_kem(t) { t } else { "" }) {
            let (Some(w), Some(all)) = (c.get(1), c.get(0)) else { continue };
            if tables.doc_type_of_word(w.as_str()) != id.doc_type {
                continue;
            }
            if let Some((code, used)) = code_at(&t[all.end()..], tables) {
                id.code_span = Some(norm.to_original(Span::new(all.end(), all.end() + used)));
                id.code = Some(code);
                id.source = IdentitySource::Header;
                break;
            }
        }
    }
    id.place = id.issuer.as_deref().and_then(place_of);
    id.signer = id.signer.or_else(|| signer(t));
    Some(id)
}

/// A title with markdown and line breaks removed; the place-date line and a
/// trailing body name are not part of it.
fn clean_title(s: &str) -> String {
    let s: String = s.chars().filter(|c| *c != '*' && *c != '#').collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(|c: char| c == '-' || c == '_' || c.is_whitespace()).to_string()
}

/// The signer's name: the last short line of capitalised words after a
/// signature heading (`TM.`, `KT.`, `T/M`, `K/T`, `CHỦ TỊCH`, `BÍ THƯ` …).
fn signer(t: &str) -> Option<String> {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^[\s*|]*(?:T/M|TM\.|TM |K/T|KT\.|KT |T/L|TL\.|TUQ\.|Q\. ?|CHỦ TỊCH|BỘ TRƯỞNG|BÍ THƯ|GIÁM ĐỐC|THỦ TƯỚNG|CHỦ NHIỆM|CHÁNH ÁN|TRƯỞNG BAN|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG)")
            .unwrap()
    });
    let from = crate::context::floor_boundary(t, t.len().saturating_sub(4000));
    let tail = &t[from..];
    let m = HEAD.find_iter(tail).last()?;
    for line in tail[m.end()..].lines().take(12) {
        let l = line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '|' | '_' | '(' | ')'));
        let words: Vec<&str> = l.split_whitespace().collect();
        if (2..=5).contains(&words.len())
            && words.iter().all(|w| {
                let mut cs = w.chars();
                cs.next().is_some_and(crate::chars::is_uppercase) && cs.all(crate::chars::is_lowercase)
            })
            && !l.contains("Nơi nhận")
        {
            return Some(words.join(" "));
        }
    }
    None
}

/// The documents a press report says were issued: coded citations in the
/// headline or lead right after `ban hành` / `vừa ra`.
pub(crate) fn reported(norm: &Normalized<'_>, cites: &[Citation], spans: &[Span]) -> Vec<Reported> {
    let t = norm.as_str();
    let latest_year = cites.iter().filter_map(|c| c.date).map(Date::year).max();
    let mut out = Vec::new();
    for (i, (c, sp)) in cites.iter().zip(spans).enumerate() {
        if c.form != Form::Coded || sp.start > LEAD_WINDOW {
            continue;
        }
        // the verb stands before the type word (`ban hành công văn số …`)
        let head_start = crate::context::floor_boundary(t, sp.start.saturating_sub(120));
        let before = &t[head_start..sp.start];
        let Some(v) = REPORT_VERB.find(before) else { continue };
        // the subject: back to the sentence start, after a lead date
        let verb_at = head_start + v.start();
        let sent_start = t[..verb_at].rfind(['.', '\n', ';', ':']).map_or(0, |p| p + 1);
        let sentence = &t[sent_start..verb_at];
        let lead = LEAD_DATE.captures(sentence);
        let subject_from = sentence.rfind(',').map_or(0, |p| p + 1);
        let mut subject = sentence[subject_from..].trim();
        // adverbs of time that end a subject: `Chính phủ mới đây`
        for tail in ["mới đây", "gần đây", "vừa qua", "hôm nay", "đã", "vừa", "mới"] {
            if let Some(s) = subject.strip_suffix(tail) {
                subject = s.trim_end();
            }
        }
        let subject = (!subject.is_empty()
            && subject.split_whitespace().count() <= 12
            && subject.starts_with(crate::chars::is_uppercase))
        .then(|| subject.to_string());
        let date = c.date.or_else(|| {
            let l = lead.as_ref()?;
            let d: u8 = l.get(1)?.as_str().parse().ok()?;
            let m: u8 = l.get(2)?.as_str().parse().ok()?;
            let y: u16 = match l.get(3) {
                Some(y) => y.as_str().parse().ok()?,
                None => latest_year?,
            };
            Date::new(y, m, d)
        });
        let place = subject.as_deref().and_then(place_of);
        out.push(Reported { citation: i, date, issuer: subject, place });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn id(text: &str) -> Option<Identity> {
        identify(&normalize(text), Tables::builtin())
    }

    /// The byte short cut of the cell trim trims as the character trim
    /// does, on every line and table cell of the committed documents and
    /// on made-up edges.
    #[test]
    fn cell_trim_matches_the_character_trim() {
        fn full(p: &str) -> &str {
            p.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '#' | '_' | '>' | '\\'))
        }
        let mut pieces =
            vec!["", " ", "a", "**Số: 1**", "x\\", "> y", "Ă", "\u{00A0}a", "a\u{3000}", "ỦY BAN", "×a", "a_"];
        let texts = crate::fixtures::doc_texts();
        pieces.extend(texts.iter().flat_map(|t| t.split(['\n', '|'])));
        for p in pieces {
            assert_eq!(trim_cell(p), full(p), "{p:?}");
        }
    }

    #[test]
    fn state_header_in_markdown_cells() {
        let text = "|\n**ỦY BAN NHÂN DÂN **\nTỈNH THÁI NGUYÊN\n--------\n|\n**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố:\n27/2025/QĐ-UBND\n|\n*Thái Nguyên, ngày 27 tháng 11 năm 2025*\n|\n\n\n**QUYẾT ĐỊNH**\n\nBAN HÀNH QUY ĐỊNH QUẢN LÝ AN TOÀN ĐIỆN\n\n*Căn cứ Luật …*";
        let i = id(text).unwrap();
        assert_eq!(i.code.unwrap().to_string(), "27/2025/QĐ-UBND");
        assert_eq!(&text[i.code_span.unwrap()], "27/2025/QĐ-UBND");
        assert_eq!(i.doc_type, Some(DocType::QuyetDinh));
        assert_eq!(i.date.unwrap().to_string(), "2025-11-27");
        assert_eq!(i.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Thái Nguyên"));
        assert_eq!(i.place.as_deref(), Some("Thái Nguyên"));
        assert_eq!(i.title.as_deref(), Some("BAN HÀNH QUY ĐỊNH QUẢN LÝ AN TOÀN ĐIỆN"));
    }

    #[test]
    fn party_header() {
        let text = "TỈNH ỦY PHÚ THỌ\n*\nSố 73-CV/TU\nV/v triển khai Kết luận số 178-KL/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nPhú Thọ, ngày 18 tháng 7 năm 2025\n\nKính gửi: …";
        let i = id(text).unwrap();
        assert_eq!(i.code.unwrap().to_string(), "73-CV/TU");
        assert_eq!(i.doc_type, Some(DocType::CongVan));
        assert_eq!(i.issuer.as_deref(), Some("Tỉnh ủy Phú Thọ"));
        assert_eq!(i.place.as_deref(), Some("Phú Thọ"));
        assert_eq!(i.date.unwrap().to_string(), "2025-07-18");
        assert_eq!(i.title.as_deref(), Some("triển khai Kết luận số 178-KL/TW"));
    }

    #[test]
    fn metadata_table() {
        let text = "Đang tải văn bản...\n#\n**Số hiệu:**\n|\n212-KL/TW\n|\n|\n**Loại văn bản:**\n|\nKết luận\n|\n**Nơi ban hành:**\n|\nBan Chấp hành Trung ương\n|\n**Ngày ban hành:**\n|\n18/11/2025\n";
        let i = id(text).unwrap();
        assert_eq!(i.code.unwrap().to_string(), "212-KL/TW");
        assert_eq!(i.doc_type, Some(DocType::KetLuan));
        assert_eq!(i.issuer.as_deref(), Some("Ban Chấp hành Trung ương"));
        assert_eq!(i.date.unwrap().to_string(), "2025-11-18");
        assert_eq!(i.source, IdentitySource::Metadata);
    }

    #[test]
    fn press_report_has_no_identity() {
        let text = "Triển khai thực hiện Kết luận số 178-KL/TW\n\nNgày 18/7, Ban Thường vụ Tỉnh ủy Phú Thọ ban hành công văn số 73-CV/TU về việc triển khai Kết luận số 178-KL/TW, ngày 17/7/2025.";
        assert_eq!(id(text), None);
    }

    #[test]
    fn unnumbered_header() {
        let i = id("**NGHỊ QUYẾT**\n\n**Quy định về bậc Thẩm phán**\n\n**ỦY BAN THƯỜNG VỤ QUỐC HỘI**\n").unwrap();
        assert_eq!(i.code, None);
        assert_eq!(i.doc_type, Some(DocType::NghiQuyet));
        assert_eq!(i.source, IdentitySource::Unnumbered);
        assert_eq!(id("Nghị quyết 57 đã mở đường cho …"), None);
    }

    /// The proper words' case given from one lower-cased copy is what
    /// lower-casing the text again for each word and each find gave: on
    /// made headers and on the first sixty lines of every fixture, as
    /// printed, lower-cased and upper-cased.
    #[test]
    fn proper_case_as_lowering_each_time() {
        let slow = |mut out: String| {
            for p in PROPER {
                let lp = p.to_lowercase();
                let mut from = 0;
                loop {
                    let lower = out.to_lowercase();
                    if lower.len() != out.len() {
                        break;
                    }
                    let Some(k) = lower[from..].find(&lp) else { break };
                    let at = from + k;
                    let end = at + lp.len();
                    let bounded = !out[..at].chars().next_back().is_some_and(crate::chars::is_alphanumeric)
                        && !out[end..].chars().next().is_some_and(crate::chars::is_alphanumeric);
                    if bounded && out.is_char_boundary(at) && out.is_char_boundary(end) {
                        out.replace_range(at..end, p);
                    }
                    from = end;
                }
            }
            out
        };
        for p in PROPER {
            assert_eq!(p.len(), p.to_lowercase().len(), "{p}");
        }
        let mut texts: Vec<String> = [
            "ban chấp hành trung ương đảng cộng sản việt nam",
            "văn phòng chính phủ và chính phủ, quốc hội; nhà nước việt nam",
            "đảngđảng đảng xđảng đảng",
            "mặt trận tổ quốc việt nam tỉnh İzmir ΣΑΣ đảng",
            "bộ chính trịx ban bí thư",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for t in crate::fixtures::doc_texts() {
            for l in t.lines().take(60) {
                texts.push(l.to_lowercase());
                texts.push(l.to_uppercase());
                texts.push(l.to_string());
            }
        }
        let mut changed = 0;
        for t in texts {
            let mut fast = t.clone();
            proper_case(&mut fast);
            let want = slow(t.clone());
            changed += usize::from(want != t);
            assert_eq!(fast, want, "{t:?}");
        }
        assert!(changed > 50, "{changed}");
    }

    #[test]
    fn recasing_and_places() {
        assert_eq!(recase("VĂN PHÒNG CHÍNH PHỦ"), "Văn phòng Chính phủ");
        assert_eq!(recase("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"), "Ủy ban nhân dân thành phố Hồ Chí Minh");
        assert_eq!(recase("Bộ Nội vụ"), "Bộ Nội vụ");
        assert_eq!(place_of("Ban Thường vụ Tỉnh ủy Phú Thọ").as_deref(), Some("Phú Thọ"));
        assert_eq!(place_of("Ban Thường vụ Tỉnh ủy").as_deref(), None);
        assert_eq!(place_of("Ủy ban nhân dân thành phố Hồ Chí Minh").as_deref(), Some("Hồ Chí Minh"));
    }

    /// The place reader finds what the pattern it stands in for captures.
    #[test]
    fn place_words_match_the_pattern() {
        let re = Regex::new(r"(?:[Tt]ỉnh ủy|[Tt]hành ủy|[Hh]uyện ủy|[Tt]ỉnh|[Tt]hành phố|TP\.?)\s+((?:\p{Lu}\p{Ll}*)(?:\s+\p{Lu}\p{Ll}*){0,3})").unwrap();
        let want =
            |s: &'_ str| -> Option<String> { re.captures(s).and_then(|c| c.get(1)).map(|g| g.as_str().to_string()) };
        let mut cases: Vec<String> = [
            "Ban Thường vụ Tỉnh ủy Phú Thọ",
            "Tỉnh ủy",
            "tỉnh  Quảng\tNam Đà Nẵng Huế Xa",
            "TP. HCM",
            "TP.HCM và TP Hà Nội",
            "Thành phố hồ Chí Minh, thành phố Cần Thơ",
            "xTỉnh ủyBắc Ninh",
            "Tỉnh ủy ủy ban Tỉnh Lào Cai",
            "Huyện ủy\u{a0}Ⅰ Ⓐb Σς",
            "tỉnh ǅa ᾈ",
            "Thành ủy Hà Nội\u{2003}Mới",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // every issuer and header line of the fixtures
        for t in crate::fixtures::doc_texts() {
            cases.extend(t.lines().filter(|l| l.len() < 400).map(str::to_string));
        }
        let mut found = 0;
        for c in &cases {
            assert_eq!(place_words(c).map(str::to_string), want(c), "{c:?}");
            found += usize::from(want(c).is_some());
        }
        assert!(found > 50, "{found}");
    }

    #[test]
    fn signer_block() {
        let t = "… thi hành.\n\nNơi nhận:\n- Như Điều 3;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nNguyễn Văn An\n";
        assert_eq!(signer(t).as_deref(), Some("Nguyễn Văn An"));
    }

    /// A text the byte test turns away holds no match of the pattern.
    #[test]
    fn kem_test_never_turns_away_a_match() {
        let made = [
            "(Kèm theo Hướng dẫn số 40-HD/BTGDVTW ngày 1/2/2025)",
            "(ban hành KÈM THEO Quyết định số 12 ngày)",
            "(\u{212A}èm theo Kế hoạch số 3 )",
            "kèm",
            "Kè",
            "",
        ];
        let mut held = 0;
        for t in made.into_iter().map(String::from).chain(crate::fixtures::doc_texts()) {
            let found = ATTACHED.is_match(&t);
            assert!(may_hold_kem(&t) || !found, "{t:?}");
            held += usize::from(found);
        }
        assert!(held >= 3, "{held}");
        assert!(!may_hold_kem("Kế hoạch số 3 (theo Quyết định)"));
    }

    /// The label test read character by character gives what testing the
    /// whole lower-cased cell gives: on made cells and on every cell of
    /// the committed documents' headers.
    #[test]
    fn label_test_matches_the_lower_cased_cell() {
        let whole = |cell: &str| {
            let lower = cell.to_lowercase();
            META_LABELS
                .iter()
                .copied()
                .find(|l| lower.starts_with(*l) && lower[l.len()..].trim_start_matches([' ', '*']).starts_with(':'))
        };
        let made = [
            "Số hiệu:",
            "SỐ HIỆU **: 12/QĐ",
            "Ngày ban hành  * *:27/11/2025",
            "Ngày ban hành                       :27/11/2025",
            "Ngày ban hành là ngày 27",
            "Người ký",
            "NGƯỜI KÝ:",
            "Loại văn bản",
            "Nơi ban hành: Tỉnh Quảng Trị, một đoạn văn rất dài về nhiều nội dung khác nhau",
            "İİİİİİİİİİİİİ:",
            "Số hiệİ:",
            "số",
            "",
        ];
        let mut n = 0;
        for cell in made.into_iter().map(String::from).chain(
            crate::fixtures::doc_texts()
                .into_iter()
                .flat_map(|t| cells(&t, HEADER_WINDOW).into_iter().map(|c| c.text.to_string()).collect::<Vec<_>>()),
        ) {
            assert_eq!(meta_label(&cell), whole(&cell), "{cell:?}");
            n += 1;
        }
        assert!(n > 1000, "{n} cells");
    }

    /// The type word found by trying each start in turn is the one the
    /// whole type-line pattern captures: from every line start of the
    /// committed documents, and on lines made for the edge cases.
    #[test]
    fn type_word_search_matches_the_type_line_pattern() {
        let whole = |z: &str| TYPE_LINE.captures(z).and_then(|c| c.get(1)).map(|g| g.range());
        let mut zones: Vec<String> = [
            "QUYẾT ĐỊNH",
            "xBỘ LUẬT mới",
            "xBỘ LUẬT: x",
            "#LUẬT\n",
            "LUẬTx LUẬT ",
            "THÔNG TƯ LIÊN TỊCH: x",
            "**THÔNG TƯ**",
            "a\u{00A0}KẾ HOẠCH\u{2003}",
            "VĂN BẢN LUẬT",
            "",
        ]
        .iter()
        .map(|z| z.to_string())
        .collect();
        for t in crate::fixtures::doc_texts() {
            let mut at = 0;
            for line in t.split_inclusive('\n') {
                let end = crate::context::floor_boundary(&t, at + 3000);
                zones.push(t[at..end].to_string());
                at += line.len();
            }
        }
        let mut found = 0;
        for z in &zones {
            assert_eq!(type_word_in(z), whole(z), "{z:?}");
            found += usize::from(whole(z).is_some());
        }
        assert!(found > 100, "{found}");
    }
}

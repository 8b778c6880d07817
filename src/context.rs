//! Reading the words around a candidate: the type word in front of a code,
//! the name of a statute, the issuer phrase after a citation and the pinpoint
//! in front of it. Every look is bounded to a short window, so the whole
//! extraction stays linear in the length of the document.

use crate::chars::lower;
use crate::citation::{DocType, PinpointPart};
use crate::parse::pinpoint::pinpoint;
use crate::scan::Patterns;
use crate::tables::{Tables, key};

/// How far back a type word may stand from its number (bytes).
const TYPE_WINDOW: usize = 260;
/// How far back a pinpoint may start (bytes).
const PINPOINT_WINDOW: usize = 160;
/// The most words a name or an issuer phrase may have.
const MAX_NAME_WORDS: usize = 16;

/// The largest char boundary of `t` at or below `i`.
pub(crate) fn floor_boundary(t: &str, mut i: usize) -> usize {
    i = i.min(t.len());
    while i > 0 && !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A type word found in front of a number.
#[derive(Debug, Clone)]
pub(crate) struct TypeHit {
    pub start: usize,
    pub end: usize,
    pub doc_type: DocType,
    /// A statute name between the type word and `số` (`Luật Đất đai số …`).
    pub name: Option<(usize, usize)>,
}

/// The type word governing a number that starts at `pos`, if one stands
/// right before it (`Kết luận số `, `Nghị\nđịnh `, `Báo cáo thẩm tra số `,
/// `Luật Tổ chức Chính phủ số `).
///
/// The type words in the window before `pos` are found left to right;
/// the last one decides, unless it is a statute word whose name does not
/// reach `pos`, when earlier statute words are tried. A type word holds
/// only letters and white space, so none spans the last other character
/// of the window (a digit, a comma): the type words after it are the
/// same whether the search starts there or at the window's start. They
/// are looked for there first, and the whole window is read only when
/// they do not settle it.
pub(crate) fn type_before(p: &Patterns, tables: &Tables, t: &str, pos: usize) -> Option<TypeHit> {
    let ws = floor_boundary(t, pos.saturating_sub(TYPE_WINDOW));
    let window = &t[ws..pos];
    let tail =
        window.char_indices().rev().find(|&(_, c)| !(crate::chars::is_alphabetic(c) || c == ' ' || c.is_whitespace()));
    if let Some((i, c)) = tail
        && let Some(found) = type_hits_from(p, tables, t, ws, window, i + c.len_utf8(), true)
    {
        return found;
    }
    type_hits_from(p, tables, t, ws, window, 0, false).flatten()
}

/// The type words of `window` (`t[ws..pos]`) found from `from` on, read from
/// the last (see [`type_before`]): `Some(answer)` once settled; `None` if
/// `tail_only` and settling it needs the type words before `from`, or if
/// there are none from `from` on.
fn type_hits_from(
    p: &Patterns,
    tables: &Tables,
    t: &str,
    ws: usize,
    window: &str,
    from: usize,
    tail_only: bool,
) -> Option<Option<TypeHit>> {
    // `luật` in `pháp luật` is no type word
    let found = p
        .type_word
        .find_iter(&window[from..])
        .map(|m| (from + m.start(), from + m.end()))
        .filter(|&(s, e)| crate::scan::is_whole_word(t, ws + s, ws + e) && !after_phap(window, s));
    // a window holds a few type words: kept on the stack, on the heap past sixteen
    let (mut first, mut n, mut more) = ([(0, 0); 16], 0, Vec::new());
    for hit in found {
        if n < first.len() {
            first[n] = hit;
            n += 1;
        } else {
            if more.is_empty() {
                more.extend_from_slice(&first);
            }
            more.push(hit);
        }
    }
    let hits: &[(usize, usize)] = if more.is_empty() { &first[..n] } else { &more };
    if hits.is_empty() {
        return if tail_only { None } else { Some(None) };
    }
    for (k, &(s, e)) in hits.iter().enumerate().rev() {
        let rest = &window[e..];
        let Some(ty) = tables.doc_type_of_word(&window[s..e]) else { return Some(None) };
        let last = k + 1 == hits.len();
        if last && crate::scan::is_qualifier_tail(rest) {
            return Some(Some(TypeHit { start: ws + s, end: ws + e, doc_type: ty, name: None }));
        }
        let law = matches!(ty, DocType::Luat | DocType::BoLuat | DocType::PhapLenh);
        if law && let Some(g) = crate::scan::law_name(rest) {
            let name = (ws + e + g.start, ws + e + g.end);
            return Some(Some(TypeHit { start: ws + s, end: ws + e, doc_type: ty, name: Some(name) }));
        }
        if last && !law {
            return Some(None);
        }
        if tail_only {
            return None;
        }
    }
    Some(None)
}

/// Whether the word at `pos` is `luật` inside a compound word: `pháp luật`
/// (law in general), `kỷ luật` (discipline), `quy luật`, `điều luật`.
pub(crate) fn after_phap(t: &str, pos: usize) -> bool {
    let before = t[..pos].trim_end();
    if before.len() == t[..pos].len() {
        return false;
    }
    let prev = before.rsplit(|c: char| !crate::chars::is_alphabetic(c)).next().unwrap_or("");
    let prev = lower(prev);
    // `pháp luật`, `kỷ luật`, `quy luật`, `điều luật`; `Đại học Luật`,
    // `Khoa Luật`, `Trường Luật`, `Viện Luật`, `Dân Luật` are institutions
    matches!(&*prev, "pháp" | "kỷ" | "quy" | "điều" | "học" | "khoa" | "trường" | "viện" | "dân")
}

/// Lower-case words that end a statute name.
const NAME_STOP: &[&str] = &[
    "số", "năm", "ngày", "của", "về", "được", "đã", "có", "thì", "là", "tại", "theo", "trong", "để", "nhằm", "khi",
    "cho", "do", "với", "này", "hiện", "mới", "quy", "sửa", "đối", "từ", "nêu", "trên", "sau", "gồm", "như", "hoặc",
    "hay", "nhưng", "mà", "thuộc", "đến", "vào", "ra", "bởi", "áp", "không", "chưa", "cũng", "đều", "phải", "sẽ",
    "đang", "các", "những", "hướng", "thực", "triển", "ban", "năm", "cùng", "lần", "khoản", "điều", "điểm", "chương",
    "mục", "và",
];

/// Lower-case words that end an issuer phrase.
const ISSUER_STOP: &[&str] = &[
    "về", "đã", "tại", "theo", "trong", "nhằm", "để", "đến", "khi", "thì", "là", "có", "được", "sẽ", "đang", "cho",
    "với", "quy", "ban", "hướng", "triển", "thực", "yêu", "giao", "nêu", "này", "đó", "trên", "số", "ngày", "năm",
    "như", "bằng", "từ", "sau", "trước", "nhưng", "mà", "gồm", "vào", "các", "những", "một", "phê", "đề", "nay", "kèm",
    "bãi", "sửa", "thay", "hết", "áp", "đối", "và", "hoặc", "cùng", "gửi", "xin", "tổ", "lãnh", "chỉ",
];

/// A word of running text: its span and its text without trailing punctuation.
#[derive(Clone, Copy)]
struct Word<'a> {
    start: usize,
    end: usize,
    bare: &'a str,
    /// Punctuation right after the word (`,`, `;`, …), if any.
    punct: Option<char>,
    /// Whether a blank line (paragraph break) precedes the word.
    after_break: bool,
}

/// The most words read for one name or phrase.
const MAX_WORDS: usize = 24;

/// Splits `t[pos..limit]` into words (at most [`MAX_WORDS`]).
fn words(t: &str, pos: usize, limit: usize) -> Vec<Word<'_>> {
    let mut ws = Words::new(t, pos, limit);
    while ws.get(ws.len).is_some() {}
    ws.read[..ws.len].to_vec()
}

/// The words of `t[pos..limit]` (at most [`MAX_WORDS`]), each read when
/// first asked for: most names and issuers end after a few words.
struct Words<'a> {
    t: &'a str,
    /// Where the next word is looked for.
    i: usize,
    limit: usize,
    /// The words read so far: the first `len` (on the stack: a name or
    /// issuer is read for every citation).
    read: [Word<'a>; MAX_WORDS],
    len: usize,
}

impl<'a> Words<'a> {
    fn new(t: &'a str, pos: usize, limit: usize) -> Words<'a> {
        let none = Word { start: pos, end: pos, bare: "", punct: None, after_break: false };
        Words { t, i: pos, limit: floor_boundary(t, limit.min(t.len())), read: [none; MAX_WORDS], len: 0 }
    }

    /// Word `k`, reading up to it if need be.
    fn get(&mut self, k: usize) -> Option<Word<'a>> {
        while self.len <= k && self.len < MAX_WORDS {
            let w = self.next_word()?;
            self.read[self.len] = w;
            self.len += 1;
        }
        self.read[..self.len].get(k).copied()
    }

    fn next_word(&mut self) -> Option<Word<'a>> {
        let (t, limit) = (self.t, self.limit);
        let b = t.as_bytes();
        let mut i = self.i;
        let mut newlines = 0;
        while i < limit && (b[i] as char).is_ascii_whitespace() {
            if b[i] == b'\n' {
                newlines += 1;
            }
            i += 1;
        }
        if i >= limit {
            self.i = i;
            return None;
        }
        let start = i;
        // a word ends at whitespace or at a quote, bracket or ellipsis; read
        // by bytes (`“`, `”` and `…` are E2 80 9C, 9D and A6)
        i = start
            + b[start..limit]
                .iter()
                .enumerate()
                .position(|(k, &c)| {
                    c.is_ascii_whitespace()
                        || matches!(c, b'"' | b'(' | b')' | b'[' | b']')
                        || (c == 0xE2 && matches!(b[start + k + 1..limit], [0x80, 0x9C | 0x9D | 0xA6, ..]))
                })
                .unwrap_or(limit - start);
        if i == start {
            // a lone quote, bracket or ellipsis: its own one-character word
            i = start + t[start..].chars().next().map_or(1, char::len_utf8);
        }
        self.i = i;
        let raw = &t[start..i.min(limit)];
        let bare = raw.trim_end_matches([',', ';', '.', ':', '?', '!', '-']);
        let punct = raw[bare.len()..].chars().next().or_else(|| {
            t[i.min(limit)..].chars().next().filter(|c| matches!(c, '[' | '(' | '"' | '“' | '”' | '…' | ')' | ']'))
        });
        Some(Word { start, end: start + bare.len(), bare, punct, after_break: newlines >= 2 })
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(crate::chars::is_uppercase)
}

fn is_all_upper(s: &str) -> bool {
    s.chars().any(crate::chars::is_alphabetic) && !s.chars().any(crate::chars::is_lowercase)
}

/// Where a statute name starting at `pos` ends (exclusive), or `None` when
/// the words at `pos` are not a name (`Luật này`, `Luật sư`, lower-case
/// generic words). `upper` is set when the type word was all capitals.
/// For the constitution an empty name is allowed (`Hiến pháp năm 2013`).
pub(crate) fn read_name(
    p: &Patterns,
    tables: &Tables,
    kind: DocType,
    t: &str,
    pos: usize,
    upper: bool,
) -> Option<usize> {
    let limit = (pos + 400).min(t.len());
    let mut ws = Words::new(t, pos, limit);
    let first = ws.get(0)?;
    if first.start != pos {
        return None;
    }
    let first_lower = lower(first.bare);
    // amending statutes: `Luật sửa đổi, bổ sung một số điều của Luật X và Luật Y`
    if first_lower == "sửa" && matches!(kind, DocType::Luat | DocType::PhapLenh | DocType::BoLuat) {
        return read_amending(p, tables, t, pos);
    }
    if kind == DocType::HienPhap {
        let k = key(&t[pos..floor_boundary(t, (pos + 120).min(t.len()))]);
        const NUOC: &str = "nước cộng hòa xã hội chủ nghĩa việt nam";
        if k.starts_with(NUOC) {
            // find the end of the phrase in `t`
            let n = NUOC.split(' ').count();
            return ws.get(n - 1).map(|w| w.end);
        }
        return Some(pos);
    }
    if let Some(end) = gazetteer(tables, kind, &mut ws) {
        return Some(end);
    }
    if !starts_upper(first.bare) || NAME_STOP.contains(&first_lower.as_ref()) {
        return None;
    }
    if matches!(&*first_lower, "này" | "sư" | "pháp") {
        return None;
    }
    let mut end = None;
    let mut count = 0;
    for idx in 0.. {
        let Some(w) = ws.get(idx) else { break };
        if idx > 0 && w.after_break {
            break;
        }
        let lw = lower(w.bare);
        if w.bare.is_empty() || w.bare.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '"' || c == '“') {
            break;
        }
        if upper {
            if !is_all_upper(w.bare) || idx > 0 && NAME_STOP.contains(&lw.as_ref()) {
                break;
            }
        } else if idx > 0 {
            if NAME_STOP.contains(&lw.as_ref()) && !(lw == "và" && continues_after_va(&mut ws, idx, p, t)) {
                break;
            }
            if starts_upper(w.bare) && is_type_word_at(p, t, w.start) {
                break;
            }
        }
        end = Some(w.end);
        count += 1;
        if count >= MAX_NAME_WORDS || w.punct.is_some_and(|c| c != ',') {
            break;
        }
        if w.punct == Some(',') && kind != DocType::DieuLe {
            // `Luật Thi đua, khen thưởng`: continue over the comma only into a
            // lower-case word that is no stop word, after a short name
            let next = ws.get(idx + 1);
            let ok = count <= 3
                && next.is_some_and(|n| {
                    let ln = lower(n.bare);
                    !starts_upper(n.bare) && !NAME_STOP.contains(&ln.as_ref()) && !is_type_word_at(p, t, n.start)
                });
            if !ok {
                break;
            }
        }
    }
    let end = end?;
    // a country is no statute name (`Dân Luật Việt Nam`, a forum)
    if key(&t[pos..end]).starts_with("việt nam") {
        return None;
    }
    Some(end)
}

fn continues_after_va(ws: &mut Words<'_>, idx: usize, p: &Patterns, t: &str) -> bool {
    ws.get(idx + 1).is_some_and(|n| {
        let ln = lower(n.bare);
        !starts_upper(n.bare) && !NAME_STOP.contains(&ln.as_ref()) && !is_type_word_at(p, t, n.start)
    })
}

fn is_type_word_at(p: &Patterns, t: &str, pos: usize) -> bool {
    let end = floor_boundary(t, (pos + 40).min(t.len()));
    p.type_word.find(&t[pos..end]).is_some_and(|m| m.start() == 0 && crate::scan::is_whole_word(t, pos, pos + m.end()))
        || t[pos..].starts_with("Luật")
        || t[pos..].starts_with("Bộ luật")
}

/// The longest known statute name at `pos`, if any.
fn gazetteer(tables: &Tables, kind: DocType, ws: &mut Words<'_>) -> Option<usize> {
    let first = lower(ws.get(0)?.bare);
    let cands = tables.laws_starting_with(&first);
    if cands.is_empty() {
        return None;
    }
    // no name is longer than the longest candidate: the key stops past it
    let longest = cands.iter().map(|(_, name)| name.len()).max().unwrap_or(0);
    // the words as a key, with each word's end, commas kept
    let mut k = String::with_capacity(longest + 8);
    let mut ends: Vec<(usize, usize)> = Vec::with_capacity(2 * MAX_WORDS); // (key length, text end)
    for idx in 0..24 {
        if k.len() > longest {
            break;
        }
        let Some(w) = ws.get(idx) else { break };
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(&lower(w.bare));
        ends.push((k.len(), w.end));
        if w.punct == Some(',') {
            k.push(',');
            ends.push((k.len(), w.end));
        } else if w.punct.is_some() {
            break;
        }
    }
    for (kk, name) in cands {
        let kind_ok = *kk == kind || (kind == DocType::Luat && *kk == DocType::BoLuat);
        if !kind_ok || !k.starts_with(name.as_str()) {
            continue;
        }
        if let Some(&(_, end)) = ends.iter().find(|(len, _)| *len == name.len()) {
            return Some(end);
        }
    }
    None
}

fn read_amending(p: &Patterns, tables: &Tables, t: &str, pos: usize) -> Option<usize> {
    // `sửa đổi(,)? bổ sung( một số điều)?( của)? (các )?Luật NAME ((, | và )Luật NAME)*`
    let ws = words(t, pos, (pos + 500).min(t.len()));
    let mut idx = 0;
    let expect = |idx: &mut usize, w: &str| -> bool {
        if ws.get(*idx).is_some_and(|x| lower(x.bare) == w) {
            *idx += 1;
            true
        } else {
            false
        }
    };
    if !(expect(&mut idx, "sửa") && expect(&mut idx, "đổi")) {
        return None;
    }
    let mut end = ws[idx - 1].end;
    if expect(&mut idx, "bổ") && expect(&mut idx, "sung") {
        end = ws[idx - 1].end;
    }
    if expect(&mut idx, "một") && expect(&mut idx, "số") && expect(&mut idx, "điều") {
        end = ws[idx - 1].end;
        if !expect(&mut idx, "của") {
            return Some(end);
        }
    } else {
        // `Luật sửa đổi, bổ sung Luật Dân quân tự vệ`
        let _ = expect(&mut idx, "của");
    }
    let _ = expect(&mut idx, "các");
    loop {
        let w = ws.get(idx)?;
        let (kind, skip) = if w.bare == "Luật" {
            (DocType::Luat, 1)
        } else if w.bare == "Bộ" && ws.get(idx + 1).is_some_and(|n| lower(n.bare) == "luật") {
            (DocType::BoLuat, 2)
        } else if w.bare == "Pháp" && ws.get(idx + 1).is_some_and(|n| lower(n.bare) == "lệnh") {
            (DocType::PhapLenh, 2)
        } else {
            return Some(end);
        };
        let name_pos = ws.get(idx + skip)?.start;
        let Some(inner_end) = read_name(p, tables, kind, t, name_pos, false) else {
            return Some(end);
        };
        end = inner_end;
        // continue with `, Luật …` or `và Luật …`
        let Some(next) = ws.iter().position(|x| x.start >= inner_end) else { return Some(end) };
        let Some(last) = ws.iter().rposition(|x| x.end <= inner_end) else { return Some(end) };
        idx = next;
        if ws[last].punct == Some(',') {
            continue;
        }
        if ws.get(idx).is_some_and(|x| x.bare == "và") {
            idx += 1;
            continue;
        }
        return Some(end);
    }
}

/// The issuer phrase after `pos` (`, của Bộ Chính trị, Ban Bí thư`):
/// the span of the body text without `của`.
pub(crate) fn issuer_after(p: &Patterns, t: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = &t[pos..];
    let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let lead = rest.len() - trimmed.len();
    let intro = ["của", "do"]
        .iter()
        .find(|w| trimmed.starts_with(*w) && trimmed[w.len()..].starts_with(char::is_whitespace))?;
    let body_pos = pos + lead + intro.len();
    let mut ws = Words::new(t, body_pos, (body_pos + 300).min(t.len()));
    let first = ws.get(0)?;
    if !starts_upper(first.bare) {
        return None;
    }
    let mut end = None;
    for idx in 0.. {
        let Some(w) = ws.get(idx) else { break };
        if idx > 0 && w.after_break {
            break;
        }
        let lw = lower(w.bare);
        if w.bare.is_empty() || w.bare.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '"' || c == '“') {
            break;
        }
        if idx > 0 {
            if !starts_upper(w.bare)
                && ISSUER_STOP.contains(&lw.as_ref())
                && !(lw == "và"
                    && ws.get(idx + 1).is_some_and(|n| starts_upper(n.bare) && !is_type_word_at(p, t, n.start)))
            {
                break;
            }
            if starts_upper(w.bare) && is_type_word_at(p, t, w.start) {
                break;
            }
        }
        end = Some(w.end);
        if idx + 1 >= MAX_NAME_WORDS || w.punct.is_some_and(|c| c != ',') {
            break;
        }
        if w.punct == Some(',') {
            let ok = ws.get(idx + 1).is_some_and(|n| starts_upper(n.bare) && !is_type_word_at(p, t, n.start));
            if !ok {
                break;
            }
        }
    }
    end.map(|e| (body_pos + (first.start - body_pos), e))
}

/// A pinpoint chain ending right before `pos`: its span (trailing `của`,
/// commas and spaces excluded) and its parts.
pub(crate) fn pinpoint_before(p: &Patterns, t: &str, pos: usize) -> Option<(usize, usize, Vec<PinpointPart>)> {
    let ws = floor_boundary(t, pos.saturating_sub(PINPOINT_WINDOW));
    let window = &t[ws..pos];
    if !may_end_in_pinpoint(window) {
        return None;
    }
    let (g_start, g_end) = pinpoint_tail(p, window)?;
    let text = &window[g_start..g_end];
    let parts = pinpoint(text)?;
    let mut trimmed = text.trim_end();
    for tail in ["của", "tại", "trong"] {
        if let Some(s) = trimmed.strip_suffix(tail) {
            trimmed = s.trim_end();
        }
    }
    let trimmed = trimmed.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
    Some((ws + g_start, ws + g_start + trimmed.len(), parts))
}

/// Where `pinpoint_tail` finds the pinpoint (its group 1) in `window`: the
/// match without the character before the pinpoint (the pattern's
/// `(?:^|[^\p{L}\p{N}])`), found without a capture search. That character
/// is taken unless the match starts the window with a letter or digit (the
/// pinpoint starts with a letter, so `^` is the way only then).
fn pinpoint_tail(p: &Patterns, window: &str) -> Option<(usize, usize)> {
    let m = p.pinpoint_tail.find(window)?;
    let lead =
        window[m.start()..].chars().next().filter(|&c| m.start() > 0 || !crate::chars::is_regex_letter_or_number(c));
    Some((m.start() + lead.map_or(0, char::len_utf8), m.end()))
}

/// A cheap necessary condition for `pinpoint_tail` to match at the end of
/// `w`: after the trailing spaces, commas and `của`/`tại`/`trong`, the last
/// word is a label (`5`, `a`, `2.1`) and the word before it a division
/// word (`Điều`, `khoản`, …, `lục` of `Phụ lục`), a list word (`và`,
/// `hoặc`, `đến`) or a separator (`,`, `-`). Most citations have none of
/// this in front, and skip the regex.
fn may_end_in_pinpoint(w: &str) -> bool {
    let is_space = |c: char| c.is_whitespace() || c == ',';
    let mut s = w.trim_end_matches(is_space);
    if s.len() < w.len() {
        for tail in ["của", "tại", "trong", "CỦA", "TẠI", "TRONG", "Của", "Tại", "Trong"] {
            if let Some(rest) = s.strip_suffix(tail)
                && rest.ends_with(char::is_whitespace)
            {
                s = rest.trim_end_matches(is_space);
                break;
            }
        }
    }
    let label_len = s
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | 'đ' | 'Đ'))
        .map(char::len_utf8)
        .sum::<usize>();
    if label_len == 0 {
        return false;
    }
    let before = &s[..s.len() - label_len];
    if before.ends_with([',', '-']) {
        return true;
    }
    let before = before.trim_end();
    if before.ends_with([',', '-']) {
        return true;
    }
    // the regex wants no letter or digit before the division word, so
    // `(Điều 12,` and `*Điều 3` count
    let word_len =
        before.chars().rev().take_while(|&c| crate::chars::is_alphabetic(c)).map(char::len_utf8).sum::<usize>();
    let word = &before[before.len() - word_len..];
    const WORDS: &[&str] = &["điểm", "khoản", "điều", "mục", "chương", "phần", "lục", "tiết", "và", "hoặc", "đến"];
    if word.len() > 12 {
        return false;
    }
    let word = crate::chars::lower(word);
    WORDS.contains(&word.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinpoint_prefilter_passes_every_pinpoint() {
        for w in [
            "theo khoản 2 Điều 5 ",
            "tại điểm a, b khoản 1 Điều 3 của ",
            "quy định tại Phụ lục II ",
            "khoản 1, 2 ",
            "Điều 5 - 7 ",
            "các Điều 3 và 4 ",
            "tiết 2.1 tại ",
            "ĐIỀU 7 CỦA ",
            "(Điều 12, ",
            "*Điều 3 ",
            "Cụm từ \"Điều 53 ",
        ] {
            assert!(pats().pinpoint_tail.is_match(w), "{w}");
            assert!(may_end_in_pinpoint(w), "{w}");
        }
        // what the regex rejects, the filter should mostly reject too
        for w in ["Căn cứ ", "theo ", "ngày 17/7/2025 của ", "", "Điều 5-"] {
            assert!(!pats().pinpoint_tail.is_match(w), "{w}");
            assert!(!may_end_in_pinpoint(w), "{w}");
        }
    }

    fn pats() -> Patterns {
        Patterns::new(Tables::builtin())
    }

    fn tw(t: &str) -> Option<(String, DocType)> {
        let p = pats();
        let pos = t.find(|c: char| c.is_ascii_digit()).unwrap();
        type_before(&p, Tables::builtin(), t, pos).map(|h| (t[h.start..h.end].to_string(), h.doc_type))
    }

    #[test]
    fn type_words() {
        assert_eq!(tw("theo Kết luận số 178-KL/TW"), Some(("Kết luận".into(), DocType::KetLuan)));
        assert_eq!(tw("Nghị\nđịnh số\n61/2018/NĐ-CP"), Some(("Nghị\nđịnh".into(), DocType::NghiDinh)));
        assert_eq!(tw("Báo cáo thẩm tra số 435/BC-X"), Some(("Báo cáo".into(), DocType::BaoCao)));
        assert_eq!(tw("Quyết định số: 1206 /QĐ-HVTC"), Some(("Quyết định".into(), DocType::QuyetDinh)));
        assert_eq!(tw("QĐ số 574/QĐ-BNV"), Some(("QĐ".into(), DocType::QuyetDinh)));
        assert_eq!(tw("Văn bản số 794/SDTTG-VP"), None);
        assert_eq!(tw("Quyết định của Bộ số 12/QĐ-X"), None);
        let t = "Luật Tổ chức chính\nquyền địa phương số 72/2025/QH15";
        let p = pats();
        let h = type_before(&p, Tables::builtin(), t, t.find("72").unwrap()).unwrap();
        assert_eq!(h.doc_type, DocType::Luat);
        let (s, e) = h.name.unwrap();
        assert_eq!(&t[s..e], "Tổ chức chính\nquyền địa phương");
    }

    fn name(t: &str) -> Option<String> {
        let p = pats();
        let m = p.named.captures(t).unwrap();
        let tw = m.name("tw").unwrap().as_str();
        let kind = Tables::builtin().doc_type_of_word(tw).unwrap();
        let pos = m.get(0).unwrap().end();
        read_name(&p, Tables::builtin(), kind, t, pos, is_all_upper(tw)).map(|e| t[pos..e].to_string())
    }

    #[test]
    fn names() {
        assert_eq!(name("Luật Đất đai năm 2024").as_deref(), Some("Đất đai"));
        assert_eq!(name("Luật Cán bộ, công chức, Luật Viên chức").as_deref(), Some("Cán bộ, công chức"));
        assert_eq!(name("Luật Thi đua, khen thưởng; ").as_deref(), Some("Thi đua, khen thưởng"));
        assert_eq!(name("Luật DN 2014").as_deref(), Some("DN"));
        assert_eq!(name("Bộ luật Hình sự và").as_deref(), Some("Hình sự"));
        assert_eq!(name("BỘ LUẬT DÂN SỰ\n").as_deref(), Some("DÂN SỰ"));
        assert_eq!(name("Luật này quy định").as_deref(), None);
        assert_eq!(name("Luật sư của").as_deref(), None);
        assert_eq!(name("Điều lệ Đảng;").as_deref(), Some("Đảng"));
        assert_eq!(name("Hiến pháp năm 2013").as_deref(), Some(""));
        assert_eq!(
            name("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;").as_deref(),
            Some("nước Cộng hòa xã hội chủ nghĩa Việt Nam")
        );
        assert_eq!(
            name("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22").as_deref(),
            Some("sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương")
        );
        assert_eq!(name("Luật Tổ chức Tòa án nhân dân số 34").as_deref(), Some("Tổ chức Tòa án nhân dân"));
    }

    #[test]
    fn issuers() {
        let p = pats();
        let t = "178-KL/TW, ngày 17/7/2025 của Bộ Chính trị, Ban Bí thư về tiếp tục";
        let pos = t.find(" của").unwrap();
        let (s, e) = issuer_after(&p, t, pos).unwrap();
        assert_eq!(&t[s..e], "Bộ Chính trị, Ban Bí thư");
        let t = " của Ban thường vụ Tỉnh ủy về triển khai";
        let (s, e) = issuer_after(&p, t, 0).unwrap();
        assert_eq!(&t[s..e], "Ban thường vụ Tỉnh ủy");
        let t = " của Ban Bí thư; Kế hoạch";
        let (s, e) = issuer_after(&p, t, 0).unwrap();
        assert_eq!(&t[s..e], "Ban Bí thư");
        assert!(issuer_after(&p, " về việc", 0).is_none());
    }

    #[test]
    fn pinpoints() {
        let p = pats();
        let t = "theo quy định tại điểm a khoản 2 Điều 5 của Nghị định";
        let pos = t.find("Nghị").unwrap();
        let (s, e, parts) = pinpoint_before(&p, t, pos).unwrap();
        assert_eq!(&t[s..e], "điểm a khoản 2 Điều 5");
        assert_eq!(parts.len(), 3);
        let t = "Căn cứ Nghị định";
        assert!(pinpoint_before(&p, t, t.find("Nghị").unwrap()).is_none());
    }

    /// The pinpoint found without a capture search is the pattern's group 1.
    #[test]
    fn pinpoint_tail_as_captured() {
        let p = pats();
        let mut windows: Vec<String> = [
            "theo quy định tại khoản 2 Điều 5 ",
            "khoản 2 Điều 5 của ",
            "(điểm a khoản 1 Điều 3, ",
            "Điều 12 và Điều 13 tại ",
            "5 Điều 3 ",
            "xĐiều 3 ",
            "phụ lục 2 ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for t in crate::fixtures::doc_texts() {
            let mut from = 0;
            while let Some(k) = t[from..].find(char::is_numeric) {
                let end = floor_boundary(&t, from + k + 3);
                let start = floor_boundary(&t, end.saturating_sub(PINPOINT_WINDOW));
                windows.push(t[start..end].to_string());
                from = end;
            }
        }
        let mut found = 0;
        for w in &windows {
            let want = p.pinpoint_tail.captures(w).and_then(|c| c.get(1)).map(|g| (g.start(), g.end()));
            assert_eq!(pinpoint_tail(&p, w), want, "{w:?}");
            found += usize::from(want.is_some());
        }
        assert!(found >= 20, "{found}");
    }

    /// Every type word and abbreviation is letters and spaces: what lets
    /// `type_before` start its search after the window's last other
    /// character.
    #[test]
    fn type_words_are_letters_and_spaces() {
        let tables = Tables::builtin();
        for w in tables.type_words().chain(tables.abbreviations()) {
            assert!(w.chars().all(|c| crate::chars::is_alphabetic(c) || c == ' '), "{w:?}");
        }
    }

    /// Searching the window's tail first answers as searching the whole
    /// window does, at every number of the committed documents and at
    /// numbers placed after type words, statute names and separators.
    #[test]
    fn type_words_past_the_stack_buffer() {
        // more type words in the window than the sixteen kept on the
        // stack: the last one before the number still decides
        let p = pats();
        let tables = Tables::builtin();
        for word in ["NQ", "Luật", "Quyết định"] {
            for n in 1..=70 {
                let t = format!("{}57", format!("{word} ").repeat(n));
                let pos = t.len() - 2;
                let hit = type_before(&p, tables, &t, pos).map(|h| (h.start, h.end));
                let last = pos - word.len() - 1;
                let want = Some((last, last + word.len()));
                assert_eq!(hit, want, "{word} × {n}");
            }
        }
    }

    #[test]
    fn tail_search_matches_the_whole_window() {
        let p = pats();
        let tables = Tables::builtin();
        let mut texts: Vec<String> = crate::fixtures::doc_texts();
        texts.extend(
            [
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015, Luật Đất đai số 31/2024/QH15",
                "theo Nghị quyết liên tịch số 5, Nghị định số 30/2020/NĐ-CP và Quyết định 12",
                "Luật Đất đai, Bộ luật Dân sự số 91/2015/QH13; Luật số 77",
                "pháp luật số 5; kỷ luật số 6; QĐ 66; NQ57; Kế hoạch hành động số 12",
                "Luật sửa đổi, bổ sung một số điều của Luật Đầu tư công số 03/2022/QH15",
            ]
            .map(str::to_string),
        );
        let mut checked = 0;
        for t in &texts {
            let b = t.as_bytes();
            for pos in (1..b.len()).filter(|&i: &usize| b[i].is_ascii_digit() && !b[i - 1].is_ascii_digit()) {
                let ws = floor_boundary(t, pos.saturating_sub(TYPE_WINDOW));
                let whole = type_hits_from(&p, tables, t, ws, &t[ws..pos], 0, false).flatten();
                let quick = type_before(&p, tables, t, pos);
                let key = |h: &Option<TypeHit>| h.as_ref().map(|h| (h.start, h.end, h.doc_type, h.name));
                assert_eq!(key(&quick), key(&whole), "{:?}", &t[ws..pos]);
                checked += usize::from(whole.is_some());
            }
        }
        assert!(checked > 200, "{checked}");
    }
}

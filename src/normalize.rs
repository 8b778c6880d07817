//! Text normalisation with an offset map back to the caller's bytes.
//!
//! The scanner and parsers work on one canonical form of the text; every
//! span they produce is mapped back through [`Normalized::to_original`], so
//! spans handed to users are always byte ranges of the original input.
//!
//! What is folded:
//! - Unicode composition: NFD and other decomposed sequences become NFC.
//! - Look-alike letters: `Ð`/`ð` (Latin eth) become `Đ`/`đ`.
//! - Old tone placement becomes new: `hoà` → `hòa`, `uỷ` → `ủy`, `khoá` → `khóa`.
//! - Dash, slash and space look-alikes: en and em dashes, minus, non-breaking
//!   hyphen → `-`; fraction and division slash → `/`; NBSP and other spaces → ` `.
//! - Invisible characters are dropped: zero-width space and joiners, BOM,
//!   word joiner, soft hyphen.
//! - Markdown escapes and emphasis: `57\-NQ/TW` → `57-NQ/TW`; `*` dropped.
//! - HTML character references: `ng&agrave;y`, `&#7871;`, `&#x1EBF;`, `&nbsp;`.
//!
//! Text that needs none of this is borrowed, not copied.

use crate::span::Span;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, is_nfc_quick};

/// Text in vanban's canonical form, with a map back to the original bytes.
///
/// ```
/// use vanban::{normalize, Span};
/// let input = "Nghi\u{0323} \u{0111}i\u{0323}nh 30/2020/N\u{00D0}\u{2013}CP";
/// let n = normalize(input);
/// assert_eq!(n.as_str(), "Nghị định 30/2020/NĐ-CP");
/// let code = n.as_str().find("30/").unwrap();
/// let orig = n.to_original(Span::new(code, n.as_str().len()));
/// assert_eq!(&input[orig], "30/2020/N\u{00D0}\u{2013}CP");
/// ```
#[derive(Debug, Clone)]
pub struct Normalized<'t> {
    original: &'t str,
    text: Cow<'t, str>,
    /// `None` when the text is unchanged (identity map).
    map: Option<OffsetMap>,
}

/// Where the normalised text differs from the original: a sorted list of
/// edits, each a normalised byte range and the original range it came
/// from. Between edits the two texts are byte-for-byte equal, so a clean
/// stretch costs nothing to store and a position maps by binary search.
#[derive(Debug, Clone)]
struct OffsetMap {
    edits: Vec<Edit>,
}

/// One edit: normalised bytes `norm..norm_end` came from original bytes
/// `orig..orig_end`. An empty normalised range records dropped characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit {
    norm: u32,
    norm_end: u32,
    orig: u32,
    orig_end: u32,
}

impl OffsetMap {
    /// The original position of normalised byte `p`: the start of its edit,
    /// or its place in the unchanged stretch after the last edit before it.
    fn byte(&self, p: usize) -> (usize, usize) {
        let k = self.edits.partition_point(|e| e.norm as usize <= p);
        match k.checked_sub(1).map(|k| self.edits[k]) {
            None => (p, p + 1),
            Some(e) if p < e.norm_end as usize => (e.orig as usize, e.orig_end as usize),
            Some(e) => {
                let o = e.orig_end as usize + (p - e.norm_end as usize);
                (o, o + 1)
            }
        }
    }
}

impl<'t> Normalized<'t> {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The caller's original input.
    pub fn original(&self) -> &'t str {
        self.original
    }

    /// Whether normalisation changed anything (false means spans are identical).
    pub fn is_changed(&self) -> bool {
        self.map.is_some()
    }

    /// Maps a span of the normalised text back to the original input.
    ///
    /// The result always lies on character boundaries of the original. A span
    /// outside the normalised text is clamped to its end.
    pub fn to_original(&self, span: Span) -> Span {
        let len = self.text.len();
        let (s, e) = (span.start.min(len), span.end.min(len).max(span.start.min(len)));
        match &self.map {
            None => Span::new(s, e),
            Some(m) => {
                let start = if s >= len { self.original.len() } else { m.byte(s).0 };
                let end = if e == s { start } else { m.byte(e - 1).1 };
                Span::new(start, end.max(start))
            }
        }
    }

    /// Maps one position of the normalised text to the original input.
    pub fn original_offset(&self, pos: usize) -> usize {
        self.to_original(Span::new(pos, pos)).start
    }
}

/// Normalises `text` (see the module docs); borrows when nothing changes.
///
/// Works line by line: every fold acts within a line, so a line that needs
/// none is copied as it is and adds nothing to the offset map.
pub fn normalize(text: &str) -> Normalized<'_> {
    if text.len() >= u32::MAX as usize {
        return Normalized { original: text, text: Cow::Borrowed(text), map: None };
    }
    let mut out = String::new();
    let mut edits: Vec<Edit> = Vec::new();
    // start of the clean stretch not yet copied into `out`
    let mut clean_from = 0;
    let bytes = text.as_bytes();
    // every line that ends at or before `done` has been dealt with
    let mut done = 0;
    while done < bytes.len() {
        // stretches of quiet blocks hold nothing any line needs, so only
        // the lines that meet a block that is not quiet are looked at
        let mut i = done;
        while quiet_block(bytes, i) {
            i += 16;
        }
        if i >= bytes.len() {
            break;
        }
        let mut pos = memchr::memrchr(b'\n', &bytes[done..i]).map_or(done, |k| done + k + 1);
        let until = (i + 16).min(bytes.len());
        // the first line's bytes before `i` lie in quiet blocks
        let mut quiet = i - pos;
        for line in crate::chars::lines(&text[pos..]) {
            let work = needs_work(line, std::mem::take(&mut quiet));
            if work != Work::None {
                if out.capacity() == 0 {
                    out.reserve(text.len());
                }
                out.push_str(&text[clean_from..pos]);
                work.fold(text, pos, line, &mut out, &mut edits);
                clean_from = pos + line.len();
            }
            pos += line.len();
            if pos >= until {
                break;
            }
        }
        done = pos;
    }
    if edits.is_empty() {
        // nothing changed (say, a `&` that starts no entity)
        return Normalized { original: text, text: Cow::Borrowed(text), map: None };
    }
    out.push_str(&text[clean_from..]);
    Normalized { original: text, text: Cow::Owned(out), map: Some(OffsetMap { edits }) }
}

/// Folds one line starting at byte `base` of `text` into `out`, recording
/// where the output differs from the input.
fn fold_line(text: &str, base: usize, line: &str, out: &mut String, edits: &mut Vec<Edit>) {
    let pieces = fold_tones(compose(decode_pieces(line, base as u32)));
    let mut expected = base as u32;
    let mut push = |e: Edit| match edits.last_mut() {
        // characters of one composed cluster share one original range
        Some(last) if last.norm_end == e.norm && (last.orig, last.orig_end) == (e.orig, e.orig_end) => {
            last.norm_end = e.norm_end
        }
        _ => edits.push(e),
    };
    for p in pieces {
        let at = out.len() as u32;
        if p.start > expected {
            push(Edit { norm: at, norm_end: at, orig: expected, orig_end: p.start });
        }
        out.push(p.ch);
        let end = out.len() as u32;
        let same = p.end - p.start == end - at && text[p.start as usize..].starts_with(p.ch);
        if !same {
            push(Edit { norm: at, norm_end: end, orig: p.start, orig_end: p.end });
        }
        expected = p.end;
    }
    let line_end = (base + line.len()) as u32;
    if expected < line_end {
        let at = out.len() as u32;
        push(Edit { norm: at, norm_end: at, orig: expected, orig_end: line_end });
    }
}

/// One output character and the original byte range it came from.
#[derive(Clone, Copy, Debug)]
struct Piece {
    ch: char,
    start: u32,
    end: u32,
}

/// What a single input character becomes.
enum Fold {
    Keep,
    Drop,
    Into(char),
}

fn fold_char(c: char) -> Fold {
    match c {
        '\u{00D0}' => Fold::Into('Đ'),
        '\u{00F0}' => Fold::Into('đ'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Fold::Into('-'),
        '\u{2044}' | '\u{2215}' | '\u{FF0F}' => Fold::Into('/'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Fold::Into(' '),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Fold::Drop,
        '*' => Fold::Drop,
        _ => Fold::Keep,
    }
}

/// What a line needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Work {
    /// Nothing: it is copied as it is.
    None,
    /// Only markdown emphasis (`*`) or escapes (`\-`) to drop.
    Markdown,
    /// Only characters to replace one for one (dashes, spaces, the eth).
    Simple,
    /// Old-style tone pairs to move (`hoà`, `thuỷ`) or characters to
    /// replace one for one, with markdown marks to drop (or tone pairs
    /// alone); nothing to compose, no character reference.
    Light,
    /// Anything else: the full fold.
    Full,
}

impl Work {
    /// What a line needs, from what it holds besides letters: characters
    /// to replace one for one, old-style tone pairs, markdown marks to
    /// drop, characters NFC maps to another. (It holds no character
    /// reference, combining mark or dropped character: those take the
    /// full fold at once.)
    fn of(replace: bool, tones: bool, marks: bool, nfc: bool) -> Work {
        // replacing one for one moves no tone pair (no replacement is a
        // letter but the eth, a letter for a letter); a character NFC maps
        // to another (the Kelvin sign to `K`) takes the full fold, whatever
        // else the line holds
        match (replace || tones, marks, nfc) {
            (_, _, true) => Work::Full,
            (true, false, false) if !tones => Work::Simple,
            (true, _, false) => Work::Light,
            (false, true, false) => Work::Markdown,
            (false, false, false) => Work::None,
        }
    }
}

impl Work {
    /// Folds `line`, which starts at byte `base` of `text`, into `out` as
    /// this work asks: a short cut, or the full fold.
    fn fold(self, text: &str, base: usize, line: &str, out: &mut String, edits: &mut Vec<Edit>) {
        match self {
            Work::None => out.push_str(line),
            Work::Markdown => fold_markdown(base, line, out, edits),
            Work::Simple => fold_simple(base, line, out, edits),
            Work::Light => fold_light(base, line, out, edits),
            Work::Full => fold_line(text, base, line, out, edits),
        }
    }
}

/// What [`needs_work`] does at a byte.
#[derive(Clone, Copy)]
enum Class {
    /// Nothing: ASCII but the ones below, the bytes after a character's
    /// first, and the first bytes of U+0100–U+02FF (letters, modifier
    /// letters: none folds, composes or changes under NFC).
    Plain,
    /// `&`: an HTML character reference may start.
    Amp,
    /// `\` or `*`: markdown.
    Mark,
    /// `o`, `O`, `u`, `U`: an old-style tone pair may start.
    OU,
    /// The first byte of U+00C0–U+00FF.
    C3,
    /// The first byte of U+1000–U+1FFF.
    E1,
    /// Any other first byte: the character is decoded.
    Other,
}

/// The class of each byte (see [`Class`]).
static BYTE_CLASS: [Class; 256] = {
    let mut t = [Class::Plain; 256];
    t[b'&' as usize] = Class::Amp;
    t[b'\\' as usize] = Class::Mark;
    t[b'*' as usize] = Class::Mark;
    t[b'o' as usize] = Class::OU;
    t[b'O' as usize] = Class::OU;
    t[b'u' as usize] = Class::OU;
    t[b'U' as usize] = Class::OU;
    t[0xC2] = Class::Other;
    t[0xC3] = Class::C3;
    let mut b = 0xCC;
    while b < 0x100 {
        t[b] = Class::Other;
        b += 1;
    }
    t[0xE1] = Class::E1;
    t
};

/// Cheap pre-check: what does `text` need?
///
/// Runs over every line of every document, so the common characters (ASCII
/// and the precomposed Vietnamese letters) take the shortest path.
///
/// The bytes before `from` are known to lie in quiet blocks (see
/// [`quiet_block`]): nothing there needs work, so the reading starts at
/// `from` (any byte: the bytes after a character's first are plain to
/// it), looking back from there only as a tone pair asks.
fn needs_work(text: &str, from: usize) -> Work {
    let bytes = text.as_bytes();
    let markdown = |bytes: &[u8]| bytes.iter().any(|&b| matches!(b, b'\\' | b'*'));
    if bytes.is_ascii() {
        let rest = text.get(from..).unwrap_or_default();
        return if has_entity(rest) {
            Work::Full
        } else if markdown(rest.as_bytes()) {
            Work::Markdown
        } else {
            Work::None
        };
    }
    // what the line holds besides letters: markdown marks, characters to
    // replace one for one, characters NFC maps to another (U+2126)
    let (mut marks, mut replace, mut nfc, mut tones) = (false, false, false, false);
    // read by bytes: most bytes of Vietnamese text are plain letters or
    // belong to precomposed letters, which a table tells apart without
    // decoding the character
    let mut i = from;
    // the byte loop below stops at `stop`, where the next run of quiet
    // blocks is looked for
    let mut stop = from;
    while i < bytes.len() {
        if i >= stop {
            while quiet_block(bytes, i) {
                i += 16;
            }
            stop = i + 16;
            if i >= bytes.len() {
                break;
            }
            // an `o` or `u` last in the quiet stretch may start a tone pair
            // that marks part (`o**à`: the marks make the next block not
            // quiet): it is read again, which only sets the flags it set
            if i > 0 && matches!(bytes[i - 1] | 0x20, b'o' | b'u') {
                i -= 1;
            }
        }
        let b = bytes[i];
        match BYTE_CLASS[usize::from(b)] {
            Class::Plain => i += 1,
            // a character reference to decode; a `&` that starts none
            // (`Đảng & Nhà nước`) stays as it is
            Class::Amp if html_entity(&text[i..]).is_some() => return Work::Full,
            Class::Amp => i += 1,
            Class::Mark => {
                marks = true;
                i += 1;
            }
            Class::OU => {
                // `o`/`u` then a toned vowel ending its syllable (`hoà`,
                // `thuỷ`): an old-style tone pair; every such vowel starts
                // with byte C3 or E1. The fold drops markdown marks before
                // it pairs characters, so marks are looked past (`ho**à**`)
                let mut j = i + 1;
                while j < bytes.len() && dropped_mark(bytes, j) {
                    j += 1;
                }
                if matches!(bytes.get(j), Some(0xC3 | 0xE1)) {
                    let mut k = i;
                    while k > 0 && dropped_mark(bytes, k - 1) {
                        k -= 1;
                    }
                    let p2 = if k > 0 && matches!(bytes[k - 1], b'q' | b'Q') { 'q' } else { '\0' };
                    let mut rest = text.get(j..).unwrap_or_default().chars();
                    tones |= rest.next().is_some_and(|c| swap_pair(p2, char::from(b), c).is_some())
                        && !rest.next().is_some_and(crate::chars::is_alphabetic);
                }
                i += 1;
            }
            // U+00C0–U+00FF: nothing to fold but the eth
            Class::C3 => {
                replace |= matches!(bytes.get(i + 1), Some(0x90 | 0xB0));
                i += 2;
            }
            // U+1E00–U+1EFF (E1 B8–BB): precomposed letters
            Class::E1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            Class::E1 | Class::Other => {
                let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
                if is_combining_mark(c) {
                    return Work::Full;
                }
                match fold_char(c) {
                    Fold::Drop => return Work::Full,
                    Fold::Into(_) => replace = true,
                    Fold::Keep => nfc |= c >= '\u{0300}' && is_nfc_quick(std::iter::once(c)) == IsNormalized::No,
                }
                i += c.len_utf8();
            }
        }
    }
    Work::of(replace, tones, marks, nfc)
}

/// Whether byte `i` of `b` is a markdown mark the fold drops: `*`, or a
/// backslash before ASCII punctuation (see [`decode_pieces`]).
fn dropped_mark(b: &[u8], i: usize) -> bool {
    b[i] == b'*' || (b[i] == b'\\' && b.get(i + 1).is_some_and(u8::is_ascii_punctuation))
}

/// Whether the sixteen bytes from `i` hold nothing [`needs_work`]'s byte
/// loop acts on (false when fewer than twenty bytes are left): no `&`,
/// `\\` or `*`, no first byte of a character it decodes, no eth, and no
/// `o`/`u` before a toned vowel that no ASCII letter follows. Tested
/// without branches, sixteen bytes at once (the compiler makes it vector
/// code), as most stretches of Vietnamese text hold none of these.
/// A character may straddle the block's end: the bytes after a first
/// byte are plain to the loop, so it may go on from any byte.
#[inline]
fn quiet_block(b: &[u8], i: usize) -> bool {
    let Some(w) = b.get(i..i + 20) else { return false };
    // the block and the block one, three and four bytes on, as four
    // sixteen-byte loads
    let at = |k: usize| -> [u8; 16] { w[k..k + 16].try_into().unwrap_or([0; 16]) };
    let (b0, b1, b3, b4) = (at(0), at(1), at(3), at(4));
    let letter = |c: u8| (c | 0x20).wrapping_sub(b'a') < 26;
    let mut any = false;
    for k in 0..16 {
        let (x0, x1, x3, x4) = (b0[k], b1[k], b3[k], b4[k]);
        let ou = ((x0 | 0x20) == b'o') | ((x0 | 0x20) == b'u');
        any |= (x0 == b'&')
            | (x0 == b'\\')
            | (x0 == b'*')
            | (x0 == 0xC2)
            | ((x0 >= 0xCC) & (x0 != 0xE1))
            | ((x0 == 0xE1) & (x1.wrapping_sub(0xB8) > 3))
            | ((x0 == 0xC3) & ((x1 == 0x90) | (x1 == 0xB0)))
            | (ou & (((x1 == 0xC3) & !letter(x3)) | ((x1 == 0xE1) & !letter(x4))));
    }
    !any
}

/// Where [`fold_simple`] and [`fold_light`] may act, by byte: 1 at the
/// first bytes of the characters [`fold_char`] replaces (U+00A0, U+00D0,
/// U+00F0, U+2000–U+2FFF, U+3000, U+FE58–U+FF0F), 2 at `o`, `O`, `u`, `U`
/// (an old-style tone pair may start), 0 elsewhere.
static FOLD_AT: [u8; 256] = {
    let mut t = [0u8; 256];
    t[0xC2] = 1;
    t[0xC3] = 1;
    t[0xE2] = 1;
    t[0xE3] = 1;
    t[0xEF] = 1;
    t[b'o' as usize] = 2;
    t[b'O' as usize] = 2;
    t[b'u' as usize] = 2;
    t[b'U' as usize] = 2;
    t
};

/// Where [`fold_light`] stops: the bytes [`FOLD_AT`] marks, `*` and `\\`.
static LIGHT_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = FOLD_AT[b] != 0 || b == b'*' as usize || b == b'\\' as usize;
        b += 1;
    }
    t
};

/// Replaces the character starting at byte `i` of `line` if [`fold_char`]
/// replaces it (`i` holds a first byte marked 1 in [`FOLD_AT`]), recording
/// the edit; returns where the character ends.
fn replace_at(base: usize, line: &str, i: usize, copied: &mut usize, out: &mut String, edits: &mut Vec<Edit>) -> usize {
    // two-byte characters: only U+00A0 (C2 A0) and the eths (C3 90, C3 B0)
    // are replaced, and most letters start with C3
    let second = line.as_bytes().get(i + 1).copied();
    match line.as_bytes()[i] {
        0xC2 if second != Some(0xA0) => return i + 2,
        0xC3 if !matches!(second, Some(0x90 | 0xB0)) => return i + 2,
        _ => {}
    }
    let Some(c) = line.get(i..).and_then(|r| r.chars().next()) else { return line.len() };
    let end = i + c.len_utf8();
    if let Fold::Into(f) = fold_char(c) {
        out.push_str(&line[*copied..i]);
        let at = out.len() as u32;
        out.push(f);
        edits.push(Edit {
            norm: at,
            norm_end: out.len() as u32,
            orig: (base + i) as u32,
            orig_end: (base + end) as u32,
        });
        *copied = end;
    }
    end
}

/// The fold of a line whose only work is replacing characters one for one
/// ([`Work::Simple`]): same output and edits as [`fold_line`], written as
/// the line is read; only the first bytes of characters it may replace
/// are decoded.
fn fold_simple(base: usize, line: &str, out: &mut String, edits: &mut Vec<Edit>) {
    let b = line.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        i = if FOLD_AT[usize::from(b[i])] == 1 { replace_at(base, line, i, &mut copied, out, edits) } else { i + 1 };
    }
    out.push_str(&line[copied..]);
}

/// The fold of a line whose work is moving old-style tone marks and
/// replacing characters one for one, with markdown marks to drop
/// ([`Work::Light`]): same output and edits as [`fold_line`], written as
/// the line is read.
///
/// With no character reference and nothing to compose, the full fold's
/// pieces are the line's characters but the dropped marks, replaced one
/// for one; a replacement changes neither whether a character is a letter
/// nor whether it is `q`, so the pairs to swap can be read off the
/// characters themselves, skipping dropped marks. Pairs never overlap: the
/// second character of one is a toned vowel, which starts none.
fn fold_light(base: usize, line: &str, out: &mut String, edits: &mut Vec<Edit>) {
    let b = line.as_bytes();
    // the character starting at or after byte `i` that is not dropped
    let piece_at = |mut i: usize| -> Option<(usize, char)> {
        while i < b.len() && dropped_mark(b, i) {
            i += 1;
        }
        line.get(i..)?.chars().next().map(|c| (i, c))
    };
    let edit = |edits: &mut Vec<Edit>, at: usize, at_end: usize, s: usize, e: usize| {
        edits.push(Edit {
            norm: at as u32,
            norm_end: at_end as u32,
            orig: (base + s) as u32,
            orig_end: (base + e) as u32,
        })
    };
    let (mut copied, mut i) = (0, 0);
    // the start of the run of dropped marks not yet recorded, and whether
    // the last character kept is `q`
    let (mut gap, mut after_q) = (None, false);
    while i < b.len() {
        if dropped_mark(b, i) {
            out.push_str(&line[copied..i]);
            copied = i + 1;
            gap.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(g) = gap.take() {
            edit(edits, out.len(), out.len(), g, i);
        }
        // a run of bytes with nothing to do: no mark, no character to
        // replace, no `o` or `u`
        let run = b[i..].iter().position(|&c| LIGHT_STOP[usize::from(c)]).map_or(b.len(), |k| i + k);
        if run > i {
            after_q = matches!(b[run - 1], b'q' | b'Q');
            i = run;
            continue;
        }
        let here = b[i];
        match FOLD_AT[usize::from(here)] {
            0 => i += 1,
            1 => i = replace_at(base, line, i, &mut copied, out, edits),
            // the second character of a tone pair starts with C3 or E1,
            // perhaps after marks: most `o`s and `u`s are turned away by
            // the byte after them
            _ if !matches!(b.get(i + 1), Some(0xC3 | 0xE1 | b'*' | b'\\')) => i += 1,
            _ => {
                let next = piece_at(i + 1);
                let after = next.and_then(|(j, c)| piece_at(j + c.len_utf8())).map_or(' ', |(_, c)| c);
                let before = if after_q { 'q' } else { '\0' };
                if let Some((j, c)) = next
                    && !crate::chars::is_alphabetic(after)
                    && !is_combining_mark(after)
                    && let Some((x, y)) = swap_pair(before, char::from(here), c)
                {
                    out.push_str(&line[copied..i]);
                    let at = out.len();
                    out.push(x);
                    edit(edits, at, out.len(), i, i + 1);
                    if j > i + 1 {
                        // marks dropped between the pair
                        edit(edits, out.len(), out.len(), i + 1, j);
                    }
                    let at = out.len();
                    out.push(y);
                    edit(edits, at, out.len(), j, j + c.len_utf8());
                    copied = j + c.len_utf8();
                    i = copied;
                } else {
                    i += 1;
                }
            }
        }
        after_q = matches!(here, b'q' | b'Q');
    }
    out.push_str(&line[copied..]);
    if let Some(g) = gap {
        edit(edits, out.len(), out.len(), g, b.len());
    }
}

/// The fold of a line whose only work is markdown: `*` dropped, and the
/// backslash of an escape (`\-`, `\*`). Same output and edits as
/// [`fold_line`], without building its pieces.
fn fold_markdown(base: usize, line: &str, out: &mut String, edits: &mut Vec<Edit>) {
    let b = line.as_bytes();
    // bytes of `line` from `copied` on are not yet in `out`; `gap` is the
    // start of the run of dropped bytes being read; the bytes between
    // marks are skipped with `memchr`
    let (mut copied, mut gap) = (0, None);
    let mut i = 0;
    while i < b.len() {
        if dropped_mark(b, i) {
            out.push_str(&line[copied..i]);
            copied = i + 1;
            gap.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(g) = gap.take() {
            let at = out.len() as u32;
            edits.push(Edit { norm: at, norm_end: at, orig: (base + g) as u32, orig_end: (base + i) as u32 });
        }
        i = memchr::memchr2(b'*', b'\\', &b[i + 1..]).map_or(b.len(), |k| i + 1 + k);
    }
    out.push_str(&line[copied..]);
    if let Some(g) = gap {
        let at = out.len() as u32;
        edits.push(Edit { norm: at, norm_end: at, orig: (base + g) as u32, orig_end: (base + b.len()) as u32 });
    }
}

/// Decodes entities and escapes and folds or drops single characters; each
/// resulting character keeps the original range it came from.
fn decode_pieces(text: &str, base: u32) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else { break };
        let (c, used) = if c == '&' {
            html_entity(&text[i..]).unwrap_or((c, 1))
        } else if c == '\\' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_punctuation() {
            // markdown escape: drop the backslash, keep what it escapes
            i += 1;
            continue;
        } else {
            (c, c.len_utf8())
        };
        let (s, e) = (base + i as u32, base + (i + used) as u32);
        match fold_char(c) {
            Fold::Keep => out.push(Piece { ch: c, start: s, end: e }),
            Fold::Into(f) => out.push(Piece { ch: f, start: s, end: e }),
            Fold::Drop => {}
        }
        i += used;
    }
    out
}

/// Composes each base character with the combining marks after it (NFC).
/// A composed character covers the original range of its whole cluster;
/// marks that compose with nothing keep their own ranges.
fn compose(pieces: Vec<Piece>) -> Vec<Piece> {
    // most lines that come here hold no mark and no character NFC maps
    // elsewhere: each piece is then a lone, composed character
    if pieces.iter().all(|p| composed_alone(p.ch)) {
        return pieces;
    }
    let mut out = Vec::with_capacity(pieces.len());
    let mut i = 0;
    let mut buf = String::new();
    while i < pieces.len() {
        let mut j = i + 1;
        while j < pieces.len() && is_combining_mark(pieces[j].ch) {
            j += 1;
        }
        let cluster = &pieces[i..j];
        // a lone character is already composed unless NFC maps it elsewhere
        // (singletons such as U+2126 OHM SIGN)
        if j == i + 1
            && (cluster[0].ch < '\u{0300}' || is_nfc_quick(std::iter::once(cluster[0].ch)) != IsNormalized::No)
        {
            out.push(cluster[0]);
            i = j;
            continue;
        }
        buf.clear();
        buf.extend(cluster.iter().map(|p| p.ch));
        let composed: Vec<char> = buf.nfc().collect();
        if composed.len() == cluster.len() && composed.iter().zip(cluster).all(|(c, p)| *c == p.ch) {
            out.extend_from_slice(cluster);
        } else {
            let (s, e) = (cluster[0].start, cluster[cluster.len() - 1].end);
            out.extend(composed.into_iter().map(|ch| Piece { ch, start: s, end: e }));
        }
        i = j;
    }
    out
}

/// Whether `c` with no mark after it is already NFC and is no mark itself:
/// what [`compose`] passes through as it is. The precomposed Vietnamese
/// letters (U+1E00–U+1EFF) are answered without the tables.
fn composed_alone(c: char) -> bool {
    c < '\u{0300}'
        || matches!(c, '\u{1E00}'..='\u{1EFF}')
        || (!is_combining_mark(c) && is_nfc_quick(std::iter::once(c)) != IsNormalized::No)
}

/// Whether an HTML character reference starts somewhere in `text`.
fn has_entity(text: &str) -> bool {
    memchr::memchr_iter(b'&', text.as_bytes()).any(|i| html_entity(&text[i..]).is_some())
}

/// Decodes an HTML character reference at the start of `s`.
fn html_entity(s: &str) -> Option<(char, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[1..semi];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        named_entity(body)?
    };
    Some((ch, semi + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "igrave" => 'ì',
        "iacute" => 'í',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "yacute" => 'ý',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Otilde" => 'Õ',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Yacute" => 'Ý',
        "ETH" => 'Ð',
        "eth" => 'ð',
        _ => return None,
    })
}

// Tone marks in the order grave, acute, hook above, tilde, dot below.
const A_TONES: [char; 5] = ['à', 'á', 'ả', 'ã', 'ạ'];
const A_TONES_UP: [char; 5] = ['À', 'Á', 'Ả', 'Ã', 'Ạ'];
const E_TONES: [char; 5] = ['è', 'é', 'ẻ', 'ẽ', 'ẹ'];
const E_TONES_UP: [char; 5] = ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'];
const Y_TONES: [char; 5] = ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'];
const Y_TONES_UP: [char; 5] = ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'];
const O_TONES: [char; 5] = ['ò', 'ó', 'ỏ', 'õ', 'ọ'];
const O_TONES_UP: [char; 5] = ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'];
const U_TONES: [char; 5] = ['ù', 'ú', 'ủ', 'ũ', 'ụ'];
const U_TONES_UP: [char; 5] = ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'];

/// If `first second` ends an open syllable in the old tone style (`oà`,
/// `oẻ`, `uỷ`; not after `q`), returns the new-style pair (`òa`, `ỏe`, `ủy`).
/// The caller checks that no letter follows.
fn swap_pair(before: char, first: char, second: char) -> Option<(char, char)> {
    if matches!(before, 'q' | 'Q') {
        return None;
    }
    let find = |set: &[char; 5], c: char| set.iter().position(|&x| x == c);
    let (tone, plain) = match first {
        'o' | 'O' => {
            if let Some(t) = find(&A_TONES, second) {
                (t, 'a')
            } else if let Some(t) = find(&A_TONES_UP, second) {
                (t, 'A')
            } else if let Some(t) = find(&E_TONES, second) {
                (t, 'e')
            } else if let Some(t) = find(&E_TONES_UP, second) {
                (t, 'E')
            } else {
                return None;
            }
        }
        'u' | 'U' => {
            if let Some(t) = find(&Y_TONES, second) {
                (t, 'y')
            } else if let Some(t) = find(&Y_TONES_UP, second) {
                (t, 'Y')
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let glide = match first {
        'o' => O_TONES[tone],
        'O' => O_TONES_UP[tone],
        'u' => U_TONES[tone],
        _ => U_TONES_UP[tone],
    };
    Some((glide, plain))
}

/// Moves old-style tone marks to the new position in open syllables.
fn fold_tones(mut pieces: Vec<Piece>) -> Vec<Piece> {
    let n = pieces.len();
    for i in 0..n.saturating_sub(1) {
        // only `o` and `u` start an old-style pair (see `swap_pair`)
        if !matches!(pieces[i].ch, 'o' | 'O' | 'u' | 'U') {
            continue;
        }
        let next = if i + 2 < n { pieces[i + 2].ch } else { ' ' };
        if crate::chars::is_alphabetic(next) || is_combining_mark(next) {
            continue;
        }
        let before = if i > 0 { pieces[i - 1].ch } else { '\0' };
        if let Some((a, b)) = swap_pair(before, pieces[i].ch, pieces[i + 1].ch) {
            pieces[i].ch = a;
            pieces[i + 1].ch = b;
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).as_str().to_string()
    }

    #[test]
    fn clean_text_is_borrowed() {
        let n = normalize("Nghị định số 30/2020/NĐ-CP");
        assert!(!n.is_changed());
        assert!(matches!(n.text, Cow::Borrowed(_)));
    }

    #[test]
    fn nfd_becomes_nfc_with_offsets() {
        let nfd: String = "Nghị định số 30/2020/NĐ-CP".nfd().collect();
        let n = normalize(&nfd);
        assert_eq!(n.as_str(), "Nghị định số 30/2020/NĐ-CP");
        let p = n.as_str().find("30/").unwrap();
        let sp = n.to_original(Span::new(p, n.as_str().len()));
        assert_eq!(&nfd.as_str()[sp], "30/2020/NĐ-CP".nfd().collect::<String>());
        let whole = n.to_original(Span::new(0, n.as_str().len()));
        assert_eq!(whole, Span::new(0, nfd.len()));
    }

    /// A character NFC maps to another sends its line to the full fold,
    /// alone or beside markdown marks.
    #[test]
    fn nfc_singletons_take_the_full_fold() {
        assert_eq!(needs_work("theo \u{212A}hoản 2", 0), Work::Full);
        assert_eq!(needs_work("**\u{2126}**", 0), Work::Full);
        assert_eq!(norm("theo \u{212A}hoản 2"), "theo Khoản 2");
        assert_eq!(norm("5 \u{2126}"), "5 \u{3A9}");
    }

    #[test]
    fn look_alikes() {
        assert_eq!(norm("N\u{00D0}-CP"), "NĐ-CP");
        assert_eq!(norm("11\u{2013}NQ/TW"), "11-NQ/TW");
        assert_eq!(norm("số\u{00A0}30"), "số 30");
        assert_eq!(norm("30\u{200B}/2020"), "30/2020");
        assert_eq!(norm("30\u{2044}2020"), "30/2020");
        assert_eq!(norm("ng\u{00AD}ày"), "ngày");
    }

    #[test]
    fn tone_placement() {
        assert_eq!(norm("Tỉnh uỷ"), "Tỉnh ủy");
        assert_eq!(norm("hoà bình"), "hòa bình");
        assert_eq!(norm("KHOÁ XIII"), "KHÓA XIII");
        assert_eq!(norm("khoẻ"), "khỏe");
        // not open syllables, or qu-: unchanged
        assert_eq!(norm("ngoài quý"), "ngoài quý");
        assert_eq!(norm("hoàn"), "hoàn");
    }

    #[test]
    fn markdown_and_entities() {
        assert_eq!(norm(r"57\-NQ/TW"), "57-NQ/TW");
        assert_eq!(norm("**Số 794**/SDTTG"), "Số 794/SDTTG");
        assert_eq!(norm("ng&agrave;y 17"), "ngày 17");
        assert_eq!(norm("ng&#224;y"), "ngày");
        assert_eq!(norm("ng&#xE0;y"), "ngày");
        assert_eq!(norm("CCHC&PC"), "CCHC&PC");
        assert_eq!(norm("a &unknown; b"), "a &unknown; b");
    }

    #[test]
    fn entity_spans_cover_the_reference() {
        let input = "ng&agrave;y 17";
        let n = normalize(input);
        let sp = n.to_original(Span::new(0, 5)); // "ngà" is 4 bytes + "y"
        assert_eq!(&input[sp], "ng&agrave;y");
    }

    #[test]
    fn swap_pair_helper() {
        assert_eq!(swap_pair('h', 'o', 'à'), Some(('ò', 'a')));
        assert_eq!(swap_pair('T', 'U', 'Ỷ'), Some(('Ủ', 'Y')));
        assert_eq!(swap_pair('q', 'u', 'ý'), None);
    }
}

#[cfg(test)]
mod map_tests {
    use super::*;

    /// An old-style tone pair split by markdown marks where a quiet block
    /// ends (`o` its last byte, `**à` in the next): the reading after the
    /// quiet stretch steps back over the `o`, so the pair is folded as the
    /// full fold folds it (found by the random test below).
    #[test]
    fn tone_pair_split_by_marks_at_a_block_end() {
        for lead in 0..24 {
            let text = format!("{}o**à“", "x".repeat(lead));
            let got = normalize(&text);
            let mut want = String::new();
            fold_line(&text, 0, &text, &mut want, &mut Vec::new());
            assert_eq!(got.as_str(), want, "{lead}");
            assert!(want.ends_with("òa“"), "{want}");
        }
    }

    /// The fast pre-check against the plain character-by-character rule it
    /// replaces: folding is needed for an entity or escape start, a
    /// combining mark, a folded character, or an old-style tone pair that
    /// no letter follows.
    #[test]
    fn needs_work_matches_the_plain_rule() {
        fn plain(text: &str) -> bool {
            let (mut p3, mut p2, mut p1) = ('\0', '\0', '\0');
            for (i, c) in text.char_indices() {
                let entity = c == '&' && html_entity(&text[i..]).is_some();
                if entity || c == '\\' || is_combining_mark(c) || !matches!(fold_char(c), Fold::Keep) {
                    return true;
                }
                if !crate::chars::is_alphabetic(c) && swap_pair(p3, p2, p1).is_some() {
                    return true;
                }
                (p3, p2, p1) = (p2, p1, c);
            }
            swap_pair(p3, p2, p1).is_some()
        }
        let alphabet: Vec<char> = "oOuqàáýỷè đÐ–x.\u{0301}\u{00A0}&*×;#".chars().collect();
        // every string of up to four characters over the alphabet
        let mut cases = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                cases.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            cases.extend(longer.into_iter().filter(|s| s.chars().count() <= 4));
            cases.sort();
            cases.dedup();
        }
        for s in &cases {
            assert_eq!(needs_work(s, 0) != Work::None, plain(s), "{s:?}");
        }
        for s in ["Quyết định số 30/2020/NĐ-CP", "hoà bình", "hoàn thành", "quà tặng", "thuỷ lợi", "Ðảng"]
        {
            assert_eq!(needs_work(s, 0) != Work::None, plain(s), "{s:?}");
        }
    }

    /// What `line`'s work (a short cut) and the full fold make of it, as
    /// the second line of a text: (text, edits) of each.
    fn quick_and_full(work: Work, line: &str) -> ((String, Vec<Edit>), (String, Vec<Edit>)) {
        let text = format!("x\n{line}");
        let (mut full, mut full_edits) = (String::new(), Vec::new());
        fold_line(&text, 2, line, &mut full, &mut full_edits);
        let (mut quick, mut quick_edits) = (String::new(), Vec::new());
        work.fold(&text, 2, line, &mut quick, &mut quick_edits);
        ((quick, quick_edits), (full, full_edits))
    }

    /// The markdown short cut gives the full fold's text and edits.
    #[test]
    fn markdown_fold_matches_the_full_fold() {
        let lines = [
            "**Điều 1.** Phạm vi\n",
            "*Căn cứ Nghị định số 30/2020/NĐ\\-CP*",
            "\\*\\*x\\\\y\\a**",
            "***",
            "a*b*c",
            "Số 5\\.1 và \\",
        ];
        for line in lines {
            assert_eq!(needs_work(line, 0), Work::Markdown, "{line:?}");
            let (quick, full) = quick_and_full(Work::Markdown, line);
            assert_eq!(quick, full, "{line:?}");
        }
    }

    /// The offset map against a plain per-byte map of the same pieces.
    #[test]
    fn sparse_map_matches_per_byte_map() {
        let texts = [
            "Nghi\u{0323} \u{0111}i\u{0323}nh **30/2020/N\u{00D0}\u{2013}CP**\nTỉnh uỷ &agrave; x\u{200B}y\n\nclean line\n",
            "\u{0301}lead mark\nho\u{00E0} 57\\-NQ/TW &#7871;&#xE0; a\u{00AD}b\u{2126}",
            "only clean text, then at the end: kho\u{00E1}",
        ];
        for text in texts {
            let n = normalize(text);
            let pieces = fold_tones(compose(decode_pieces(text, 0)));
            let (mut starts, mut ends) = (Vec::new(), Vec::new());
            let mut reference = String::new();
            for p in &pieces {
                reference.push(p.ch);
                for _ in 0..p.ch.len_utf8() {
                    starts.push(p.start as usize);
                    ends.push(p.end as usize);
                }
            }
            assert_eq!(n.as_str(), reference);
            let t = n.as_str();
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for (k, &s) in bounds.iter().enumerate() {
                for &e in &bounds[k + 1..] {
                    let sp = n.to_original(Span::new(s, e));
                    assert_eq!((sp.start, sp.end), (starts[s], ends[e - 1]), "{text:?} {s}..{e}");
                }
            }
        }
    }

    /// The one-for-one, tone and markdown short cuts give the full fold's
    /// text and edits, on lines made for them and on every line of the
    /// committed documents they take.
    #[test]
    fn short_cuts_match_the_full_fold() {
        let mut lines: Vec<String> = [
            "Nghị định 30/2020/NĐ\u{2013}CP\u{00A0}ngày 5\n",
            "ÐẢNG CỘNG SẢN VIỆT NAM",
            "ho\u{00A0}à",
            "hoà\u{00A0}bình",
            "x\u{2126}\u{00A0}y",
            "a\u{2044}b\u{3000}c\u{2212}d\u{FF0F}",
            "*a\u{00A0}b*",
            "Tỉnh uỷ Hoà Bình, thuỷ lợi, khoẻ\u{00A0}mạnh",
            "HOÀ\u{2013}oà oạ uỵ Uỷ qoà Qoà quỷ hoàn hoà",
            "hoàð hoà\u{2013} hoà\u{00A0}x xoè.",
            "oà",
            "ð oà",
            "hoà\n",
            "ho*à x, **Hoà** bình\u{00A0}– thuỷ*",
            "ho\\*à q*oà Q**oà ho*à*n hoà*\u{2013}",
            "*Tỉnh uỷ*\u{00A0}\\- khoá\\.",
            "oà\\",
            "**oà**",
            "o*",
            "\\*hoà\\\\ x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for text in crate::fixtures::doc_texts() {
            lines.extend(text.split_inclusive('\n').map(str::to_string));
        }
        let mut taken = [0; 3];
        for line in &lines {
            let work = needs_work(line, 0);
            if !matches!(work, Work::Simple | Work::Markdown | Work::Light) {
                continue;
            }
            taken[match work {
                Work::Simple => 0,
                Work::Markdown => 1,
                _ => 2,
            }] += 1;
            let (quick, full) = quick_and_full(work, line);
            assert_eq!(quick, full, "{line:?}");
        }
        assert!(taken[0] >= 5 && taken[1] >= 1 && taken[2] >= 6, "{taken:?}");
        assert_eq!(needs_work("hòa\u{00A0}bình", 0), Work::Simple);
        assert_eq!(needs_work("ho\u{00E0}\u{00A0}", 0), Work::Light);
        assert_eq!(needs_work("*ho\u{00E0}*", 0), Work::Light);
        assert_eq!(needs_work("*a\u{00A0}b*", 0), Work::Light);
        // a tone pair split by marks is still one: the fold drops the marks first
        assert_eq!(needs_work("o*à", 0), Work::Light);
        assert_eq!(normalize("ho**à** bình, q*oà").as_str(), "hòa bình, qoà");
        assert_eq!(needs_work("ho\u{00E0} \u{2126}", 0), Work::Full);
        assert_eq!(needs_work("x\u{2126}\u{00A0}y", 0), Work::Full);
    }

    /// The byte-reading pre-check answers as the character-reading one it
    /// replaced, on every line of the committed documents, on lines made
    /// to reach each of its branches, and on every character of the
    /// first planes after a few letters.
    #[test]
    fn needs_work_by_bytes_matches_by_chars() {
        fn by_chars(text: &str) -> Work {
            let bytes = text.as_bytes();
            let markdown = |bytes: &[u8]| bytes.iter().any(|&b| matches!(b, b'\\' | b'*'));
            if bytes.is_ascii() {
                return if (0..bytes.len()).any(|i| bytes[i] == b'&' && html_entity(&text[i..]).is_some()) {
                    Work::Full
                } else if markdown(bytes) {
                    Work::Markdown
                } else {
                    Work::None
                };
            }
            let (mut p2, mut p1) = ('\0', '\0');
            let (mut marks, mut replace, mut nfc, mut tones) = (false, false, false, false);
            let mut chars = text.chars();
            while let Some(c) = chars.next() {
                if c.is_ascii() {
                    if c == '&' && html_entity(&text[text.len() - chars.as_str().len() - 1..]).is_some() {
                        return Work::Full;
                    }
                    marks |= c == '\\' || c == '*';
                    // a dropped mark stands between no pair
                    if c == '*' || (c == '\\' && chars.clone().next().is_some_and(|n| n.is_ascii_punctuation())) {
                        continue;
                    }
                } else if matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') {
                    if matches!(c, '\u{00D0}' | '\u{00F0}') {
                        replace = true;
                    } else if matches!(p1, 'o' | 'O' | 'u' | 'U')
                        && swap_pair(p2, p1, c).is_some()
                        && !chars.clone().next().is_some_and(crate::chars::is_alphabetic)
                    {
                        tones = true;
                    }
                } else if is_combining_mark(c) {
                    return Work::Full;
                } else {
                    match fold_char(c) {
                        Fold::Drop => return Work::Full,
                        Fold::Into(_) => replace = true,
                        Fold::Keep => nfc |= c >= '\u{0300}' && is_nfc_quick(std::iter::once(c)) == IsNormalized::No,
                    }
                }
                (p2, p1) = (p1, c);
            }
            Work::of(replace, tones, marks, nfc)
        }
        let mut lines: Vec<String> = [
            "Tỉnh uỷ Hoà Bình",
            "hoàn toàn",
            "quý",
            "Quỳ",
            "qoà",
            "Qoà",
            "hoà",
            "khoá.",
            "thuỷ",
            "HOÀ",
            "oà",
            "xoè ",
            "Nghị định 30/2020/NĐ-CP",
            "Ðảng",
            "ð",
            "a\u{00A0}b",
            "a\u{2013}b",
            "a\u{200B}b",
            "Nghi\u{0323}",
            "ɐ ɑ ȁ ɏ ʰ ˿",
            "\u{1E9E}\u{1EF9}",
            "**Điều 1.**",
            "57\\-NQ/TW",
            "Bộ & ngành",
            "plain ascii",
            "",
            "ả\u{0301}",
            "ô\u{2126}",
            "uỷ\u{1F600}",
            "x\u{FEFF}",
            "Việt Nam – Lào",
            "x\u{0374}y",
            "\u{037E}",
            "Ω\u{0387}",
            "oỷ",
            "uà",
            "uý",
            "Uỳ,",
            "oẹ",
            "o\u{1E00}",
            "u\u{1F00}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for c in
            (0x80..0x3000u32).chain(0x1E00..0x1F00).chain([0xFEFF, 0xFF0D, 0xFF0F, 0x1F600]).filter_map(char::from_u32)
        {
            for pre in ["", "ho", "qu", "Tỉnh "] {
                lines.push(format!("{pre}{c}"));
                lines.push(format!("{pre}{c}n"));
                lines.push(format!("{pre}{c} *"));
            }
        }
        for text in crate::fixtures::doc_texts() {
            lines.extend(text.split_inclusive('\n').map(str::to_string));
        }
        for line in &lines {
            assert_eq!(needs_work(line, 0), by_chars(line), "{line:?}");
            // and placed across the sixteen-byte blocks, with text after
            for pad in [1, 15, 16, 30] {
                for tail in [" và các văn bản khác", "n và các văn bản khác"] {
                    let long = format!("{}{line}{tail}", "x".repeat(pad));
                    assert_eq!(needs_work(&long, 0), by_chars(&long), "{long:?}");
                }
            }
        }
    }

    /// `composed_alone`'s range short cut answers as the tables do, for
    /// every character.
    #[test]
    fn composed_alone_matches_the_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let by_tables =
                c < '\u{0300}' || (!is_combining_mark(c) && is_nfc_quick(std::iter::once(c)) != IsNormalized::No);
            assert_eq!(composed_alone(c), by_tables, "U+{:04X}", c as u32);
        }
    }

    /// `compose` passes lines of lone composed characters through, and
    /// still composes a mark anywhere in a line.
    #[test]
    fn compose_short_cut_keeps_marks() {
        let pieces = |s: &str| decode_pieces(s, 0);
        let plain = pieces("Nghị định số 30, hoà bình\u{00A0}–");
        assert_eq!(compose(plain.clone()).iter().map(|p| p.ch).collect::<String>(), "Nghị định số 30, hoà bình -");
        let marked = compose(pieces("Nghi\u{0323} định"));
        assert_eq!(marked.iter().map(|p| p.ch).collect::<String>(), "Nghị định");
        assert_eq!((marked[3].start, marked[3].end), (3, 6));
        let ohm = compose(pieces("x\u{2126}"));
        assert_eq!(ohm.iter().map(|p| p.ch).collect::<String>(), "x\u{03A9}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..proptest::prelude::ProptestConfig::with_cases(512) })]

        /// On random lines made of tone pairs, marks, escapes, replaced
        /// characters and letters, every short-cut fold gives the full
        /// fold's text and edits.
        #[test]
        fn short_cuts_match_the_full_fold_on_random_lines(pieces in proptest::collection::vec(
            proptest::sample::select(&[
                "o", "O", "u", "U", "q", "Q", "à", "À", "è", "ẻ", "ỷ", "Ý", "ạ", "a", "n", " ", "-", ".", ",",
                "*", "**", "\\", "\\*", "\\-", "\u{00A0}", "\u{2013}", "\u{2044}", "\u{3000}", "ð", "Ð",
                "hoà", "thuỷ", "khoẻ", "qoà", "\n", "&", "&amp;", "&#7843;", "&x;", "\\&",
            ][..]),
            0..24,
        )) {
            let line = pieces.concat();
            let work = needs_work(&line, 0);
            if matches!(work, Work::None | Work::Full) {
                return Ok(());
            }
            let (quick, full) = quick_and_full(work, &line);
            proptest::prop_assert_eq!(&quick, &full, "{:?} ({:?})", line, work);
        }

        /// The block test gives the answer of its rule read byte by byte,
        /// at every place of random byte strings of the bytes it tests.
        #[test]
        fn quiet_block_matches_its_rule(pieces in proptest::collection::vec(
            // mostly plain text, so that many blocks are quiet
            proptest::prop_oneof![
                6 => proptest::sample::select(&["ab", " ", "xyz1", "đ", "ư", "ạ", "Nam ", "\n"][..]),
                1 => proptest::sample::select(&[
                    "oà", "oàn", "Uể", "uển", "oá.", "uỷ", "&", "\\", "*", "\u{a0}", "\u{2013}", "ð", "Ð", "\u{1e00}",
                    "\u{1ef9}", "\u{1df0}", "o\u{300}", "Ω",
                ][..]),
            ],
            4..30,
        )) {
            let bytes = pieces.concat().into_bytes();
            // the rule byte by byte, as the doc comment of `quiet_block` states it
            let letter = |c: u8| c.is_ascii_alphabetic();
            let rule = |w: &[u8]| (0..16).all(|k| {
                let (x0, x1, x3, x4) = (w[k], w[k + 1], w[k + 3], w[k + 4]);
                let ou = matches!(x0, b'o' | b'O' | b'u' | b'U');
                !(matches!(x0, b'&' | b'\\' | b'*' | 0xC2)
                    || (x0 >= 0xCC && x0 != 0xE1)
                    || (x0 == 0xE1 && !(0xB8..=0xBB).contains(&x1))
                    || (x0 == 0xC3 && matches!(x1, 0x90 | 0xB0))
                    || (ou && ((x1 == 0xC3 && !letter(x3)) || (x1 == 0xE1 && !letter(x4)))))
            });
            for i in 0..bytes.len() {
                let want = bytes.len() >= i + 20 && rule(&bytes[i..]);
                proptest::prop_assert_eq!(quiet_block(&bytes, i), want, "{:x?} at {}", bytes, i);
            }
        }

        /// On random texts of long clean stretches and lines that need
        /// work, [`normalize`] (which looks only at the lines that meet a
        /// block that is not quiet) gives the text and edits of the full
        /// fold applied to every line.
        #[test]
        fn skipping_quiet_blocks_matches_folding_every_line(pieces in proptest::collection::vec(
            proptest::sample::select(&[
                "Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư; ",
                "thực hiện Kết luận số 177-KL/TW ngày 11/7/2025 của Bộ Chính trị ",
                "abcdefghijklmnopqrstuvwxyz0123456789 ", "người dân được hưởng ",
                "hoà", "thuỷ", "quả.", "**", "\\-", "&amp;", "Đảng & Nhà nước", "&", "\u{00A0}", "\u{2013}", "“", "o\u{0300}", "ð",
                "\n", "\n", "\r\n", "o", "u", "à", "ả ",
            ][..]),
            0..40,
        )) {
            let text = pieces.concat();
            let got = normalize(&text);
            let (mut want, mut want_edits) = (String::new(), Vec::new());
            let mut pos = 0;
            for line in crate::chars::lines(&text) {
                fold_line(&text, pos, line, &mut want, &mut want_edits);
                pos += line.len();
            }
            proptest::prop_assert_eq!(got.text.as_ref(), want.as_str());
            let got_edits = got.map.as_ref().map_or(&[][..], |m| &m.edits[..]);
            proptest::prop_assert_eq!(got_edits, &want_edits[..]);
        }
    }
}

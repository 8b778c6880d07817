//! Document structure: the outline of a document as a tree of parts with
//! byte spans.
//!
//! This step owns the layout of a document: header block, title and `V/v`
//! subject, preamble (its `Căn cứ …` grounds as a list), body divisions
//! (`Phần`, `Chương`, `Mục`, `Tiểu mục`, `Điều`, `khoản`, `điểm`; the
//! Party style of `I-`, `1.`, `1.3`, `1.3.1`, `a)` headings), appendices
//! (`Phụ lục`), signature block (`T/M`, `K/T`, …) and recipients
//! (`Nơi nhận:`). It reads lines of the normalised text, so flattened
//! headers, markdown tables and headings are tolerated; text it does not
//! place (page furniture before a web copy's header) is listed in
//! [`Outline::unrecognised`], never an error.
//!
//! With an outline, a citation knows where it stands ([`Outline::locate`])
//! and a pinpoint (`khoản 2 Điều 5`) finds its division in the cited
//! document's file ([`Outline::find`]).
//!
//! ```
//! use vanban::outline::{outline, PartKind};
//! let text = "QUYẾT ĐỊNH\nVề việc ban hành Quy chế\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\
//!             QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n\
//!             Điều 2. Hiệu lực\n1. Quyết định có hiệu lực từ ngày ký.\n2. Các sở thi hành.\n";
//! let o = outline(text);
//! let kinds: Vec<PartKind> = o.parts.iter().map(|p| p.kind).collect();
//! assert_eq!(kinds, [PartKind::Title, PartKind::Preamble, PartKind::Body]);
//! let clause = o.find_division(&[("dieu", "2"), ("khoan", "2")]).unwrap();
//! assert_eq!(&text[clause.span], "2. Các sở thi hành.\n");
//! ```

use crate::citation::{Division, Pinpoint};
use crate::normalize::{Normalized, normalize};
use crate::span::Span;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::LazyLock;

/// What a part of a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PartKind {
    /// The header block: issuing body, national motto, number, place and date.
    Header,
    /// The document type line and its title.
    Title,
    /// The `V/v` subject of a công văn.
    Subject,
    /// The grounds before the body (`Căn cứ …`, `Xét đề nghị …`).
    Preamble,
    /// One ground of the preamble.
    Ground,
    /// The body (its divisions, or its paragraphs when it has none).
    Body,
    /// `Phần` — part.
    Part,
    /// `Chương` — chapter.
    Chapter,
    /// `Mục` — section.
    Section,
    /// `Tiểu mục` — subsection.
    Subsection,
    /// `Điều` — article.
    Article,
    /// `khoản` — clause (a numbered paragraph of an article).
    Clause,
    /// `điểm` — point (a lettered item of a clause).
    Point,
    /// A heading of a document without articles: Roman (`I-`), decimal
    /// (`1.`, `1.3`, `1.3.1`) or lettered (`a)`); see [`Part::level`].
    Heading,
    /// `Phụ lục` — appendix.
    Appendix,
    /// A document issued with this one and printed after its signature
    /// (`QUY ĐỊNH … (Ban hành kèm theo Quyết định số …)`).
    Attachment,
    /// The signature block (`T/M`, `K/T`, title, name).
    Signature,
    /// `Nơi nhận:` — the recipients.
    Recipients,
}

impl PartKind {
    /// The division a pinpoint uses for this kind, if any.
    pub fn division(self) -> Option<Division> {
        Some(match self {
            PartKind::Part => Division::Phan,
            PartKind::Chapter => Division::Chuong,
            PartKind::Section => Division::Muc,
            PartKind::Article => Division::Dieu,
            PartKind::Clause => Division::Khoan,
            PartKind::Point => Division::Diem,
            PartKind::Appendix => Division::PhuLuc,
            _ => return None,
        })
    }

    /// The name used in the indented outline and anchors.
    pub fn id(self) -> &'static str {
        match self {
            PartKind::Header => "header",
            PartKind::Title => "title",
            PartKind::Subject => "subject",
            PartKind::Preamble => "preamble",
            PartKind::Ground => "ground",
            PartKind::Body => "body",
            PartKind::Part => "phan",
            PartKind::Chapter => "chuong",
            PartKind::Section => "muc",
            PartKind::Subsection => "tieu_muc",
            PartKind::Article => "dieu",
            PartKind::Clause => "khoan",
            PartKind::Point => "diem",
            PartKind::Heading => "heading",
            PartKind::Appendix => "phu_luc",
            PartKind::Attachment => "attachment",
            PartKind::Signature => "signature",
            PartKind::Recipients => "recipients",
        }
    }

    /// Nesting rank: a part contains the parts after it of a higher rank.
    fn rank(self, level: u8) -> u8 {
        match self {
            PartKind::Header
            | PartKind::Title
            | PartKind::Preamble
            | PartKind::Body
            | PartKind::Appendix
            | PartKind::Attachment
            | PartKind::Signature
            | PartKind::Recipients => 0,
            PartKind::Subject | PartKind::Ground => 1,
            PartKind::Part => 1,
            PartKind::Chapter => 2,
            PartKind::Section => 3,
            PartKind::Subsection => 4,
            PartKind::Article => 5,
            PartKind::Clause => 6,
            PartKind::Point => 7,
            PartKind::Heading => 1 + level,
        }
    }
}

/// One part of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// What it is.
    pub kind: PartKind,
    /// Its label as printed (`5`, `II`, `a`, `1.3.1`), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// For headings: 1 for Roman, 2 for `1.`, 3 for `1.3`, 4 for `1.3.1`,
    /// 5 for `a)`; 0 otherwise.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub level: u8,
    /// Its first line, markdown trimmed, at most 100 characters.
    pub heading: String,
    /// From its first line to the start of the next part of the same or a
    /// higher rank, in the caller's input.
    pub span: Span,
    /// The parts inside it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Part>,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

impl Part {
    fn clone_shallow(&self) -> Part {
        Part {
            kind: self.kind,
            label: self.label.clone(),
            level: self.level,
            heading: String::new(),
            span: self.span,
            children: Vec::new(),
        }
    }

    /// An anchor for the part (`dieu-5`, `dieu-5-khoan-2` when given its
    /// parent's anchor).
    pub fn anchor(&self, parent: Option<&str>) -> String {
        let own = match &self.label {
            Some(l) => format!("{}-{}", self.kind.id(), slug(l)),
            None => self.kind.id().to_string(),
        };
        match parent {
            Some(p) if !p.is_empty() => format!("{p}-{own}"),
            _ => own,
        }
    }
}

fn slug(s: &str) -> String {
    crate::resolve::slug(s)
}

/// The structure of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline {
    /// The top-level parts, in document order.
    pub parts: Vec<Part>,
    /// Text outside every part (before the header, typically page
    /// furniture of a web copy), in the caller's input.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unrecognised: Vec<Span>,
}

impl Outline {
    /// The parts containing `span`, outermost first (empty when it lies in
    /// no part).
    pub fn locate(&self, span: Span) -> Vec<&Part> {
        let mut path = Vec::new();
        let mut level = &self.parts;
        while let Some(p) = level.iter().find(|p| p.span.start <= span.start && span.end <= p.span.end) {
            path.push(p);
            level = &p.children;
        }
        path
    }

    /// Applies `f` to every span (to carry spans of decoded text back to
    /// the file).
    pub fn map_spans(&mut self, f: impl Fn(Span) -> Span) {
        fn parts(ps: &mut [Part], f: &dyn Fn(Span) -> Span) {
            for p in ps {
                p.span = f(p.span);
                parts(&mut p.children, f);
            }
        }
        parts(&mut self.parts, &f);
        for s in &mut self.unrecognised {
            *s = f(*s);
        }
    }

    /// The outline reduced to what pinpoints can name: divisions (and the
    /// parts that contain them), headings cut to 60 characters. What a
    /// graph keeps per document.
    pub fn divisions_only(&self) -> Outline {
        fn keep(parts: &[Part]) -> Vec<Part> {
            parts
                .iter()
                .filter_map(|p| {
                    let children = keep(&p.children);
                    if p.kind.division().is_none() && children.is_empty() {
                        return None;
                    }
                    let heading = match p.heading.char_indices().nth(60) {
                        Some((i, _)) => format!("{}…", &p.heading[..i]),
                        None => p.heading.clone(),
                    };
                    Some(Part { children, heading, ..p.clone_shallow() })
                })
                .collect()
        }
        Outline { parts: keep(&self.parts), unrecognised: Vec::new() }
    }

    /// A readable location (`Điều 3 > khoản 2`, `preamble > ground 2`).
    pub fn location(&self, span: Span) -> Option<String> {
        let path = self.locate(span);
        if path.is_empty() {
            return None;
        }
        // room for most paths (`body > Chương II > Điều 12 > khoản 3`)
        let mut out = String::with_capacity(64);
        for (k, p) in path.iter().enumerate() {
            if k > 0 {
                out.push_str(" > ");
            }
            describe_into(&mut out, p);
        }
        Some(out)
    }

    /// The division a pinpoint names, largest division first
    /// (`[("dieu", "5"), ("khoan", "2")]`); the first label of each level.
    pub fn find_division(&self, path: &[(&str, &str)]) -> Option<&Part> {
        let mut level: Vec<&Part> = self.parts.iter().collect();
        let mut found = None;
        for (kind, label) in path {
            let hit = find_in(&level, kind, label)?;
            found = Some(hit);
            level = hit.children.iter().collect();
        }
        found
    }

    /// The division a citation's pinpoint names in this document.
    pub fn find(&self, pinpoint: &Pinpoint) -> Option<&Part> {
        let path: Vec<(&str, &str)> =
            pinpoint.parts.iter().rev().filter_map(|p| Some((p.division.id(), p.labels.first()?.as_str()))).collect();
        if path.is_empty() { None } else { self.find_division(&path) }
    }

    /// The outline as indented lines, for a terminal.
    pub fn to_text(&self, input: &str) -> String {
        let mut out = String::new();
        fn walk(out: &mut String, parts: &[Part], depth: usize, input: &str) {
            for p in parts {
                let lines = input.get(p.span.start..p.span.end).map_or(0, |s| s.lines().count());
                let _ = writeln!(
                    out,
                    "{:indent$}{} [{}..{}, {} lines] {}",
                    "",
                    describe(p),
                    p.span.start,
                    p.span.end,
                    lines,
                    p.heading,
                    indent = depth * 2
                );
                walk(out, &p.children, depth + 1, input);
            }
        }
        walk(&mut out, &self.parts, 0, input);
        for u in &self.unrecognised {
            let _ = writeln!(out, "(unrecognised) [{}..{}]", u.start, u.end);
        }
        out
    }
}

/// The first part of `kind` labelled `label` among `parts` and their
/// descendants, in document order.
fn find_in<'a>(parts: &[&'a Part], kind: &str, label: &str) -> Option<&'a Part> {
    let want = label.to_lowercase();
    for p in parts {
        if p.kind.id() == kind && p.label.as_deref().is_some_and(|l| l.to_lowercase() == want) {
            return Some(p);
        }
        let children: Vec<&Part> = p.children.iter().collect();
        if let Some(hit) = find_in(&children, kind, label) {
            return Some(hit);
        }
    }
    None
}

fn describe(p: &Part) -> String {
    let mut out = String::new();
    describe_into(&mut out, p);
    out
}

/// Appends how a location names `p` (`Điều 3`, `khoản 2`, `preamble`).
fn describe_into(out: &mut String, p: &Part) {
    let name = match p.kind {
        PartKind::Part => "Phần",
        PartKind::Chapter => "Chương",
        PartKind::Section => "Mục",
        PartKind::Subsection => "Tiểu mục",
        PartKind::Article => "Điều",
        PartKind::Clause => "khoản",
        PartKind::Point => "điểm",
        PartKind::Appendix => "Phụ lục",
        other => other.id(),
    };
    out.push_str(name);
    if let Some(l) = &p.label {
        out.push(' ');
        out.push_str(l);
    }
}

/// A line's classification.
struct Entry {
    kind: PartKind,
    level: u8,
    label: Option<String>,
    heading: String,
    /// Start of the line in the normalised text.
    start: usize,
}

static PHAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:PHẦN|Phần)\s+(?:THỨ|thứ)?\s*([IVXLC]+|\d+|\p{L}+)\b").unwrap());
static CHUONG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d+)\b").unwrap());
static MUC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:MỤC|Mục)\s+(\d+|[IVXLC]+)(?:[.:\s]|$)").unwrap());
static TIEU_MUC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:TIỂU MỤC|Tiểu mục)\s+(\d+)\b").unwrap());
static DIEU: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:Điều|ĐIỀU)\s+(\d+[a-z]?)\s*(?:[.:]|$)").unwrap());
static KHOAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+[a-z]?)\.\s").unwrap());
static DIEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([a-zđ]\d?)\)\s").unwrap());
static ROMAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([IVX]{1,5})\s*[.\-–/]\s*\S").unwrap());
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2})[.)]\s*\p{L}").unwrap());
static DECIMAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){1,2})\.?\s+\p{L}").unwrap());
static PHU_LUC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ\s+|số\s+)?([IVXLC]+|\d+[a-z]?))?\s*(?:[.:\-–]|$|\s)").unwrap()
});
static SIGNATURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:T/M|TM\.?|K/T|KT\.?|Q\.|TL\.|T/L|TUQ\.|Q/)\s*\p{Lu}").unwrap());
static RECIPIENTS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:Nơi nhận|NƠI NHẬN)\s*:?").unwrap());
/// The words a ground of the preamble opens with.
const GROUND_WORDS: [&str; 5] = ["Căn cứ", "Thực hiện", "Theo đề nghị", "Xét đề nghị", "Xét"];

/// Whether `line` opens a ground: perhaps `-` and white space, then one of
/// [`GROUND_WORDS`] as a whole word (`Thực hiện`, not `Thực hiệnx`). The
/// pattern `^(?:-\s*)?(?:Căn cứ|…|Xét)\b` read by hand: for its Unicode
/// `\b` the regex engine's DFA gives up at the first letter outside ASCII
/// and hands the line to a slower engine, and the test is asked of most
/// lines of a press report that start with `C`, `T` or `-`.
fn is_ground(line: &str) -> bool {
    let rest = line.strip_prefix('-').map_or(line, |r| r.trim_start_matches(char::is_whitespace));
    GROUND_WORDS.iter().any(|w| {
        rest.strip_prefix(w).is_some_and(|after| !after.chars().next().is_some_and(crate::chars::is_regex_word))
    })
}

static ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|NGHỊ QUYẾT|BAN HÀNH|CHỈ THỊ|KẾT LUẬN|QUY ĐỊNH)\s*:\s*$|^(?:Kính gửi)\s*:")
        .unwrap()
});
static TYPE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:QUYẾT ĐỊNH|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ LIÊN TỊCH|THÔNG TƯ|KẾT LUẬN|QUY ĐỊNH|CHỈ THỊ|KẾ HOẠCH|HƯỚNG DẪN|THÔNG BÁO|THÔNG TRI|BÁO CÁO|TỜ TRÌNH|CÔNG ĐIỆN|CHƯƠNG TRÌNH|ĐỀ ÁN|QUY CHẾ|PHÁP LỆNH|LUẬT|CÔNG VĂN)(?:\s+[\p{Lu}\d][\p{Lu}\d\s,.\-–]*)?\s*$",
    )
    .unwrap()
});
static HEADER_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|Kính gửi").unwrap());
static HEADER_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"CỘNG HÒA XÃ HỘI|ĐẢNG CỘNG SẢN|^Số\s*:?\s*\S|^Số hiệu|Độc lập\s*-\s*Tự do").unwrap());

/// The label (the first group) of a numbered-heading pattern's match on
/// `line`, read off the match by `label` instead of the regex engine's
/// capture search: on a long line that search clears a table the size of
/// the line, while the match itself ends a few bytes in.
fn numbered_label(pattern: &Regex, line: &str, label: fn(&str) -> &str) -> Option<String> {
    pattern.find(line).map(|m| label(m.as_str()).to_string())
}

/// The label of a [`KHOAN`] match (`12a. ` → `12a`) or a [`DIEM`] match
/// (`b1) ` → `b1`): what comes before the first `.` or `)`.
fn before_stop(m: &str) -> &str {
    m.split(['.', ')']).next().unwrap_or(m)
}

/// The label of a [`ROMAN`] match (`IV.` → `IV`): its Roman numeral.
fn roman_label(m: &str) -> &str {
    &m[..m.find(|c| !matches!(c, 'I' | 'V' | 'X')).unwrap_or(m.len())]
}

/// The label of a [`NUMBERED`] match (`3.` → `3`): its digits.
fn digits_label(m: &str) -> &str {
    &m[..m.find(|c: char| !c.is_ascii_digit()).unwrap_or(m.len())]
}

/// The label of a [`DECIMAL`] match (`1.2.3. ` → `1.2.3`): its digits and
/// dots up to the white space, but a last `.` (the label ends in a digit).
fn decimal_label(m: &str) -> &str {
    let run = &m[..m.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(m.len())];
    run.strip_suffix('.').unwrap_or(run)
}

/// The literal starts of the anchored line patterns above: a line that
/// starts with none of a pattern's words cannot match it, so the pattern
/// is not run (most body lines start with the same letters as some
/// heading word: `Các`, `Trong`, `Phối hợp`, `Nhằm`).
const PHAN_WORDS: &[&str] = &["PHẦN", "Phần"];
const CHUONG_WORDS: &[&str] = &["CHƯƠNG", "Chương"];
const MUC_WORDS: &[&str] = &["MỤC", "Mục"];
const TIEU_MUC_WORDS: &[&str] = &["TIỂU MỤC", "Tiểu mục"];
const DIEU_WORDS: &[&str] = &["Điều", "ĐIỀU"];
const PHU_LUC_WORDS: &[&str] = &["PHỤ LỤC", "Phụ lục"];
const RECIPIENT_WORDS: &[&str] = &["Nơi nhận", "NƠI NHẬN"];
const SIGNATURE_WORDS: &[&str] = &["T/M", "TM", "K/T", "KT", "Q.", "TL.", "T/L", "TUQ.", "Q/"];

fn starts_with_any(line: &str, words: &[&str]) -> bool {
    words.iter().any(|w| line.starts_with(w))
}

/// Whether a line that starts with an ASCII digit can match [`KHOAN`],
/// [`DECIMAL`] or [`NUMBERED`]: after the digits comes `.`, `)`, a
/// lower-case ASCII letter (`2a.`) or a character past ASCII (the
/// patterns' `\d` takes any decimal digit), not a space or a letter as in
/// `2025 là năm …`.
fn may_number(line: &str) -> bool {
    line.trim_start_matches(|c: char| c.is_ascii_digit())
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '.' | ')') || c.is_ascii_lowercase() || !c.is_ascii())
}

/// Whether a line can match [`ROMAN`]: after its run of `I`, `V`, `X`
/// comes white space or `.`, `-`, `–`, `/` (not a letter, as in `Việc`,
/// `Về`, `Xây dựng`).
fn may_roman(line: &str) -> bool {
    line.trim_start_matches(['I', 'V', 'X'])
        .chars()
        .next()
        .is_some_and(|c| c.is_whitespace() || matches!(c, '.' | '-' | '–' | '/'))
}

/// Reads the outline of `text` (see the module docs).
pub fn outline(text: &str) -> Outline {
    let norm = normalize(text);
    outline_normalized(&norm)
}

/// The line without markdown decoration: emphasis, heading marks, table
/// bars, quote marks and surrounding space.
fn clean_line(line: &str) -> Cow<'_, str> {
    let line = trim_edges(line);
    match memchr::memchr3(b'*', b'#', b'_', line.as_bytes()) {
        None => Cow::Borrowed(line),
        Some(at) => Cow::Owned(drop_marks(line, at)),
    }
}

/// [`clean_line`] for `raw`, the piece of the text at `start`, with
/// `marks` ([`next_mark`]) telling where the text's next mark is (one scan
/// of the text instead of one search a line: most lines hold none).
fn clean_piece<'t>(
    raw: &'t str,
    start: usize,
    marks: &mut NextHit<'_, impl Fn(&[u8]) -> Option<usize>>,
) -> Cow<'t, str> {
    let line = trim_edges(raw);
    // the trimmed line is a piece of `raw`: where it starts
    let at = start + (line.as_ptr() as usize - raw.as_ptr() as usize);
    match marks.first_in(at, at + line.len()) {
        None => Cow::Borrowed(line),
        Some(m) => Cow::Owned(drop_marks(line, m - at)),
    }
}

/// `line` without white space and the marks, table bars and quote marks
/// at its ends. The marks at the edges go with the edge characters: what
/// is left is the same as dropping the marks first and trimming after.
fn trim_edges(line: &str) -> &str {
    crate::chars::trim_marked(line, |c| matches!(c, b'*' | b'#' | b'_' | b'|' | b'>'))
}

/// `line` without its marks (`*`, `#`, `_`), the first at byte `at`.
fn drop_marks(line: &str, mut at: usize) -> String {
    let b = line.as_bytes();
    // the marks are ASCII: the pieces between them are whole characters
    let mut s = String::with_capacity(line.len());
    let mut from = 0;
    loop {
        s.push_str(&line[from..at]);
        from = at + 1;
        match memchr::memchr3(b'*', b'#', b'_', &b[from..]) {
            Some(next) => at = from + next,
            None => break,
        }
    }
    s.push_str(&line[from..]);
    s
}

/// The first two characters of a line (`'\0'` when missing): the anchored
/// line patterns below can only match after certain first characters, so
/// most body lines are turned away without running a regex.
fn first_two(line: &str) -> (char, char) {
    let mut cs = line.chars();
    (cs.next().unwrap_or('\0'), cs.next().unwrap_or('\0'))
}

/// Whether a line starts with two upper-case letters, as every
/// all-capitals type line and enacting word does.
fn caps_start((a, b): (char, char)) -> bool {
    crate::chars::is_uppercase(a) && crate::chars::is_uppercase(b)
}

/// Where the next hit of a search over the text starts, at or after where
/// the text was last asked about: each word or mark is searched for once
/// over the text, however many lines ask (`memchr`'s searches; most lines
/// hold no hit).
struct NextHit<'t, F> {
    find: F,
    text: &'t [u8],
    /// The first hit at or after the last place sought from, or the text's
    /// length.
    at: usize,
}

impl<'t, F: Fn(&[u8]) -> Option<usize>> NextHit<'t, F> {
    fn new(text: &'t str, find: F) -> NextHit<'t, F> {
        let text = text.as_bytes();
        let at = find(text).unwrap_or(text.len());
        NextHit { find, text, at }
    }

    /// The first hit starting in `start..end`, if any (asked in order,
    /// each range past the last).
    fn first_in(&mut self, start: usize, end: usize) -> Option<usize> {
        if self.at < start {
            let rest = self.text.get(start..).unwrap_or_default();
            self.at = (self.find)(rest).map_or(self.text.len(), |i| start + i);
        }
        (self.at < end).then_some(self.at)
    }

    /// Whether a hit starts in `start..end`.
    fn within(&mut self, start: usize, end: usize) -> bool {
        self.first_in(start, end).is_some()
    }
}

/// A [`NextHit`] for a word.
fn next_word<'t>(
    finder: &'static memchr::memmem::Finder<'static>,
    text: &'t str,
) -> NextHit<'t, impl Fn(&[u8]) -> Option<usize>> {
    NextHit::new(text, move |h| finder.find(h))
}

/// A [`NextHit`] for the markdown marks [`clean_line`] drops (`*`, `#`, `_`).
fn next_mark(text: &str) -> NextHit<'_, impl Fn(&[u8]) -> Option<usize>> {
    NextHit::new(text, |h| memchr::memchr3(b'*', b'#', b'_', h))
}

static CAN_CU: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("Căn cứ"));
static DE_NGHI: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("đề nghị"));
static NAM: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("năm "));
static ARTICLE_WORDS: LazyLock<Regex> = LazyLock::new(|| Regex::new("Điều|ĐIỀU").unwrap());
static FLAT_GROUND: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s(?:Căn cứ|Theo đề nghị|Xét đề nghị)\s").unwrap());
static FLAT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"năm \d{4}\s+(?:QUYẾT ĐỊNH|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ|KẾ HOẠCH|HƯỚNG DẪN|QUY ĐỊNH|CHỈ THỊ|KẾT LUẬN|THÔNG BÁO)")
        .unwrap()
});

/// Whether a line holding `năm ` can match [`FLAT_TITLE`]: some `năm ` is
/// followed by four digits, white space and the first letter of one of
/// its upper-case type words (most lines with `năm ` are dates in running
/// text).
fn may_flat_title(line: &str) -> bool {
    NAM.find_iter(line.as_bytes()).any(|at| {
        let mut rest = line[at + "năm ".len()..].chars();
        rest.by_ref().take(4).filter(|c| c.is_numeric()).count() == 4
            && rest.next().is_some_and(char::is_whitespace)
            && rest.find(|c| !c.is_whitespace()).is_some_and(|c| matches!(c, 'Q' | 'N' | 'T' | 'K' | 'H' | 'C'))
    })
}

/// The text's lines, with flattened header lines (`… năm 2024 QUYẾT ĐỊNH
/// VỀ … Căn cứ Luật …; Căn cứ …`) cut before the type word and before each
/// ground. The pieces cover the text exactly, in order.
fn segments(t: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    // the patterns' literal words, each found in one scan of the text: most
    // lines have none (no word holds a line break, so a hit is within
    // one line)
    let (mut can_cu, mut de_nghi, mut nam) = (next_word(&CAN_CU, t), next_word(&DE_NGHI, t), next_word(&NAM, t));
    let mut start = 0;
    for line in crate::chars::lines(t) {
        let end = start + line.len();
        let ground = can_cu.within(start, end) | de_nghi.within(start, end);
        let title = nam.within(start, end) && may_flat_title(line);
        start = end;
        if !ground && !title {
            pieces.push(line);
            continue;
        }
        // after an upper-case title or a closed ground (`… THU HỒI Căn cứ`,
        // `…; Căn cứ`), not inside a sentence (`… thì Căn cứ`) nor after a
        // bullet (`- Căn cứ` is one ground)
        let grounds: Vec<regex::Match<'_>> = if ground { FLAT_GROUND.find_iter(line).collect() } else { Vec::new() };
        let mut cuts: Vec<usize> = grounds
            .into_iter()
            .filter(|m| {
                let before = line[..m.start()].trim_end();
                let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
                before.ends_with(';')
                    || (word.chars().any(crate::chars::is_alphabetic)
                        && word.chars().all(|c| !crate::chars::is_lowercase(c)))
            })
            .map(|m| m.start() + 1)
            .collect();
        // the type word must end its word (`QUYẾT ĐỊNH`, not `QUYẾT ĐỊNHX`)
        if title
            && let Some(m) =
                FLAT_TITLE.find_iter(line).find(|m| !line[m.end()..].starts_with(crate::chars::is_alphanumeric))
        {
            let word = m.as_str().find(crate::chars::is_uppercase).unwrap_or(0);
            cuts.push(m.start() + word);
        }
        cuts.retain(|&c| c > 0 && c < line.len());
        cuts.sort_unstable();
        cuts.dedup();
        let mut from = 0;
        for c in cuts {
            pieces.push(&line[from..c]);
            from = c;
        }
        pieces.push(&line[from..]);
    }
    pieces
}

/// Whether a line can match [`HEADER_MARK`]: each of its alternatives
/// holds `CỘNG`, starts with `Số` or holds `Độc lập` (searched for by
/// `memchr`'s substring search rather than the pattern, as press reports
/// read every line here).
fn may_mark_header(line: &str) -> bool {
    line.starts_with("Số") || CONG.find(line.as_bytes()).is_some() || DOC_LAP.find(line.as_bytes()).is_some()
}

/// [`may_mark_header`] for `line` of `t`: read from the one-scan searches
/// for `CỘNG` and `Độc lập` ([`next_word`]) when the line is a piece of
/// the text, from the line itself when it was rebuilt.
fn may_mark_in(
    t: &str,
    line: &str,
    cong: &mut NextHit<'_, impl Fn(&[u8]) -> Option<usize>>,
    doc_lap: &mut NextHit<'_, impl Fn(&[u8]) -> Option<usize>>,
) -> bool {
    match place_in(t, line) {
        Some((s, e)) => line.starts_with("Số") || cong.within(s, e) || doc_lap.within(s, e),
        None => may_mark_header(line),
    }
}

static CONG: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("CỘNG"));
static DOC_LAP: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("Độc lập"));

/// Where `line` lies in `t`, when it is a piece of it (same place, same
/// length: the same bytes); `None` for a line rebuilt elsewhere.
fn place_in(t: &str, line: &str) -> Option<(usize, usize)> {
    let at = (line.as_ptr() as usize).wrapping_sub(t.as_ptr() as usize);
    let end = at.checked_add(line.len())?;
    t.get(at..end).filter(|piece| std::ptr::eq(*piece, line)).map(|_| (at, end))
}

/// A line above the header's first mark, for [`header_like`]: most are
/// never asked about (a press report has no mark), so a line that is a
/// piece of the text is kept as its place in it and read only if asked.
enum Above {
    /// The line is `t[start..end]`.
    Text(usize, usize),
    /// The line was rebuilt (marks dropped, a word joined): the answer.
    Known(bool),
}

impl Above {
    /// `Text` when `line` is a piece of `t` (same place, same length:
    /// the same bytes), `Known` for a rebuilt line, which lives elsewhere.
    fn new(t: &str, line: &str) -> Above {
        match place_in(t, line) {
            Some((s, e)) => Above::Text(s, e),
            None => Above::Known(header_like(line)),
        }
    }

    fn header_like(&self, t: &str) -> bool {
        match *self {
            Above::Text(s, e) => header_like(t.get(s..e).unwrap_or_default()),
            Above::Known(k) => k,
        }
    }
}

/// A header line: upper-case words, or decoration only.
fn header_like(line: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in line.chars().filter(|&c| crate::chars::is_alphabetic(c)) {
        letters += 1;
        upper += usize::from(crate::chars::is_uppercase(c));
    }
    letters == 0 || upper * 10 >= letters * 8
}

/// `s` with its white space runs made single spaces, cut after 100
/// characters (`…` marks the cut).
fn short(s: &str) -> String {
    // a long line: only its first 101 characters are read when they are
    // plain and the 101st is not a space (then they start the collapsed
    // line, which is cut after the 100th)
    // (a line of at most 100 bytes has at most 100 characters)
    if s.len() > 100
        && let Some((cut, c)) = nth_char(s, 100)
        && c != ' '
        && cut + c.len_utf8() < s.len()
        && plain(&s.as_bytes()[..cut + c.len_utf8()])
    {
        let mut out = String::with_capacity(cut + '…'.len_utf8());
        out.push_str(&s[..cut]);
        out.push('…');
        return out;
    }
    let mut out = if plain(s.as_bytes()) { s.to_string() } else { collapse_space(s) };
    if out.len() > 100
        && let Some((i, _)) = nth_char(&out, 100)
    {
        out.truncate(i);
        out.push('…');
    }
    out
}

/// The `n`th character of `s` (from 0) and where it starts: the same as
/// `s.char_indices().nth(n)`, with the characters before it counted
/// sixteen bytes at a time (a byte starts a character unless it is a
/// continuation byte, 0x80–0xBF) instead of decoded one by one.
fn nth_char(s: &str, n: usize) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let starts = |x: &[u8]| x.iter().map(|&c| usize::from((c as i8) >= -0x40)).sum::<usize>();
    // characters started before `i`
    let (mut i, mut seen) = (0, 0);
    while let Some(block) = b.get(i..i + 16) {
        let k = starts(block);
        if seen + k > n {
            break;
        }
        seen += k;
        i += 16;
    }
    // `i` is at a character's start or within one begun before it (and
    // counted): the characters from the next start on
    while i < b.len() && (b[i] as i8) < -0x40 {
        i += 1;
    }
    s[i..].char_indices().nth(n - seen).map(|(k, c)| (i + k, c))
}

/// Whether `b` needs no collapsing: one space between words and no other
/// white space (tabs, line breaks, the non-ASCII spaces, whose UTF-8
/// starts with 0xC2, 0xE1 0x9A, 0xE2 or 0xE3). Most headings are so.
fn plain(b: &[u8]) -> bool {
    // a byte and the next: two spaces, an Ogham space (E1 9A 80), a
    // control or the first byte of a non-ASCII space
    let bad = |x: u8, y: u8| {
        ((x == b' ') & (y == b' '))
            | ((x == 0xE1) & (y == 0x9A))
            | (x.wrapping_sub(0x09) < 5)
            | (x == 0xC2)
            | (x == 0xE2)
            | (x == 0xE3)
    };
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return false };
    if first == b' ' || last == b' ' {
        return false;
    }
    // sixteen bytes at a time, tested without branches (vector code)
    let mut i = 0;
    while let Some(w) = b.get(i..i + 17).and_then(|w| <&[u8; 17]>::try_from(w).ok()) {
        if (0..16).fold(false, |any, k| any | bad(w[k], w[k + 1])) {
            return false;
        }
        i += 16;
    }
    !(i..b.len()).any(|k| bad(b[k], b.get(k + 1).copied().unwrap_or(0)))
}

/// `s` with its white space runs made single spaces, stopped once past
/// 100 characters (all [`short`] keeps).
fn collapse_space(s: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += w.chars().count();
        if chars > 100 {
            break;
        }
    }
    out
}

/// Whether some line of `t` is an article heading (`Điều 1.`): only the
/// lines that hold the word are read.
fn has_articles(t: &str) -> bool {
    // the end of the last line read: later hits on it are skipped
    let mut done = 0;
    ARTICLE_WORDS.find_iter(t).any(|m| {
        if m.start() < done {
            return false;
        }
        let start = t[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        done = t[m.end()..].find('\n').map_or(t.len(), |i| m.end() + i);
        DIEU.is_match(&clean_line(&t[start..done]))
    })
}

/// The outline of an already normalised text.
pub(crate) fn outline_normalized(norm: &Normalized<'_>) -> Outline {
    let t = norm.as_str();
    let has_articles = has_articles(t);
    let mut entries: Vec<Entry> = Vec::new();
    // where we are: 0 before the title, 1 title, 2 preamble, 3 body, 4 end matter
    let mut stage = 0u8;
    let mut in_article = false;
    let mut first_mark: Option<usize> = None;
    // the lines before the mark: their starts, and whether they look like
    // header lines, decided at the end for the few the header can take
    let mut before_mark: Vec<(usize, Above)> = Vec::new();
    // whether the last line closed a ground (`;`, `.`)
    let mut ground_closed = false;
    // whether the header block's date line or `Kính gửi` has been read
    let mut header_done = false;
    let mut pos = 0;
    // a division word alone on its line (`**Điều\n1. Phạm vi**`): joined
    // with the next line
    let mut pending: Option<(usize, String)> = None;
    let (mut cong, mut doc_lap) = (next_word(&CONG, t), next_word(&DOC_LAP, t));
    let mut marks = next_mark(t);
    for raw in segments(t) {
        let mut start = pos;
        pos += raw.len();
        let mut line = clean_piece(raw, start, &mut marks);
        if line.is_empty() {
            continue;
        }
        if let Some((s0, word)) = pending.take() {
            line = Cow::Owned(format!("{word} {line}"));
            start = s0;
        } else if matches!(&*line, "Điều" | "ĐIỀU" | "Chương" | "CHƯƠNG" | "Mục" | "MỤC" | "Phần" | "PHẦN")
        {
            pending = Some((start, line.into_owned()));
            continue;
        }
        let line: &str = &line;
        // what the line can be is mostly decided by how it starts
        let head = first_two(line);
        let (c0, _) = head;
        let caps = caps_start(head);
        let push = |entries: &mut Vec<Entry>, kind, level, label: Option<&str>| {
            entries.push(Entry { kind, level, label: label.map(str::to_string), heading: short(line), start })
        };
        if stage == 0 && first_mark.is_some() && HEADER_END.is_match(line) {
            header_done = true;
        }
        if stage == 0 && first_mark.is_none() {
            // a line of the text is looked up in one scan of the text for
            // each word (press reports have no mark: every line asks)
            if may_mark_in(t, line, &mut cong, &mut doc_lap) && HEADER_MARK.is_match(line) {
                first_mark = Some(start);
            } else {
                before_mark.push((start, Above::new(t, line)));
            }
        }
        let closes = line.ends_with(';') || line.ends_with('.');
        let was_closed = std::mem::replace(&mut ground_closed, closes);
        // end matter and appendices, anywhere after the title
        if c0 == 'N' && starts_with_any(line, RECIPIENT_WORDS) && RECIPIENTS.is_match(line) {
            push(&mut entries, PartKind::Recipients, 0, None);
            stage = 4;
            continue;
        }
        if stage >= 1
            && matches!(c0, 'T' | 'K' | 'Q')
            && starts_with_any(line, SIGNATURE_WORDS)
            && SIGNATURE.is_match(line)
        {
            // `TM. ỦY BAN NHÂN DÂN` then `KT. CHỦ TỊCH`: one block
            if entries.last().is_none_or(|e| e.kind != PartKind::Signature) {
                push(&mut entries, PartKind::Signature, 0, None);
            }
            stage = 4;
            continue;
        }
        if stage == 4 && caps && TYPE_LINE.is_match(line) {
            push(&mut entries, PartKind::Attachment, 0, None);
            stage = 3;
            in_article = false;
            continue;
        }
        if c0 == 'P'
            && starts_with_any(line, PHU_LUC_WORDS)
            && let Some(c) = PHU_LUC.captures(line)
            && (stage >= 3
                || line.chars().filter(|&c| crate::chars::is_alphabetic(c)).all(|c| !crate::chars::is_lowercase(c)))
        {
            push(&mut entries, PartKind::Appendix, 0, c.get(1).map(|m| m.as_str()));
            stage = 3;
            in_article = false;
            continue;
        }
        if stage == 0 && caps && TYPE_LINE.is_match(line) {
            push(&mut entries, PartKind::Title, 0, None);
            stage = 1;
            continue;
        }
        if stage <= 1 && (line.starts_with("V/v") || line.starts_with("V/V")) {
            if stage == 0 {
                push(&mut entries, PartKind::Title, 0, None);
                stage = 1;
            }
            push(&mut entries, PartKind::Subject, 0, None);
            continue;
        }
        if stage <= 2 && matches!(c0, '-' | 'C' | 'T' | 'X') && is_ground(line) {
            if stage < 2 {
                push(&mut entries, PartKind::Preamble, 0, None);
                stage = 2;
            }
            push(&mut entries, PartKind::Ground, 0, None);
            continue;
        }
        if stage <= 2 && (caps || c0 == 'K') && ACTION.is_match(line) {
            push(&mut entries, PartKind::Body, 0, None);
            stage = 3;
            continue;
        }
        // body divisions
        let label = |c: regex::Captures<'_>| c.get(1).map(|m| m.as_str().to_string());
        // `a)`, `đ)`, `b1)`: a letter, perhaps a digit, then the bracket
        let point_like = (c0.is_ascii_lowercase() || c0 == 'đ')
            && line.as_bytes()[c0.len_utf8()..].iter().take(2).any(|&b| b == b')');
        let digit = c0.is_ascii_digit() && may_number(line);
        let division = if c0 == 'P'
            && starts_with_any(line, PHAN_WORDS)
            && let Some(c) = PHAN.captures(line)
        {
            Some((PartKind::Part, 0, label(c)))
        } else if c0 == 'C'
            && starts_with_any(line, CHUONG_WORDS)
            && let Some(c) = CHUONG.captures(line)
        {
            Some((PartKind::Chapter, 0, label(c)))
        } else if c0 == 'T'
            && starts_with_any(line, TIEU_MUC_WORDS)
            && let Some(c) = TIEU_MUC.captures(line)
        {
            Some((PartKind::Subsection, 0, label(c)))
        } else if c0 == 'M'
            && starts_with_any(line, MUC_WORDS)
            && let Some(c) = MUC.captures(line)
        {
            Some((PartKind::Section, 0, label(c)))
        } else if c0 == 'Đ'
            && starts_with_any(line, DIEU_WORDS)
            && let Some(c) = DIEU.captures(line)
        {
            in_article = true;
            Some((PartKind::Article, 0, label(c)))
        } else if has_articles && in_article {
            if digit && let Some(l) = numbered_label(&KHOAN, line, before_stop) {
                Some((PartKind::Clause, 0, Some(l)))
            } else if point_like {
                numbered_label(&DIEM, line, before_stop).map(|l| (PartKind::Point, 0, Some(l)))
            } else {
                None
            }
        } else if stage == 0 && first_mark.is_some() && !header_done {
            // numbers in a header block are dates and codes, not headings
            None
        } else if matches!(c0, 'I' | 'V' | 'X')
            && may_roman(line)
            && let Some(l) = numbered_label(&ROMAN, line, roman_label)
        {
            Some((PartKind::Heading, 1, Some(l)))
        } else if digit && let Some(l) = numbered_label(&DECIMAL, line, decimal_label) {
            let depth = l.matches('.').count() as u8;
            Some((PartKind::Heading, 2 + depth, Some(l)))
        } else if digit && let Some(l) = numbered_label(&NUMBERED, line, digits_label) {
            Some((PartKind::Heading, 2, Some(l)))
        } else if point_like {
            numbered_label(&DIEM, line, before_stop).map(|l| (PartKind::Heading, 5, Some(l)))
        } else {
            None
        };
        if let Some((kind, level, label)) = division {
            if kind != PartKind::Clause && kind != PartKind::Point && kind != PartKind::Article {
                in_article = false;
            }
            if stage < 3 {
                push(&mut entries, PartKind::Body, 0, None);
                stage = 3;
            }
            if stage == 4 {
                if matches!(kind, PartKind::Part | PartKind::Chapter | PartKind::Section | PartKind::Article) {
                    // a text attached after the signature, without a type line
                    push(&mut entries, PartKind::Attachment, 0, None);
                    stage = 3;
                } else {
                    // a numbered line after the signature: the recipients list
                    continue;
                }
            }
            entries.push(Entry { kind, level, label, heading: short(line), start });
            continue;
        }
        if stage == 1 || stage == 0 {
            // title continuation, or header text
            continue;
        }
        if stage == 2 && was_closed {
            // a paragraph after a closed ground that is none of them: the
            // enacting words (`Ban Bí thư quy định …`) open the body
            push(&mut entries, PartKind::Body, 0, None);
            stage = 3;
        }
    }
    // the header: from its first mark to the title (or the first part)
    let mut unrecognised = Vec::new();
    let first_entry = entries.first().map_or(t.len(), |e| e.start);
    // the header begins with the issuing body's upper-case lines above the
    // first mark (at most six of them)
    let header_start = first_mark
        .filter(|&m| m < first_entry)
        .map(|m| before_mark.iter().rev().take(6).take_while(|(_, a)| a.header_like(t)).last().map_or(m, |(s, _)| *s));
    if let Some(h) = header_start {
        entries.insert(
            0,
            Entry {
                kind: PartKind::Header,
                level: 0,
                label: None,
                heading: short(&clean_line(t[h..].lines().next().unwrap_or(""))),
                start: h,
            },
        );
    }
    let covered_from = entries.first().map_or(t.len(), |e| e.start);
    if !t[..covered_from].trim().is_empty() {
        let s = t[..covered_from].len() - t[..covered_from].trim_start().len();
        let e = t[..covered_from].trim_end().len();
        if s < e {
            unrecognised.push(norm.to_original(Span::new(s, e)));
        }
    }
    if entries.is_empty() {
        return Outline { parts: Vec::new(), unrecognised };
    }
    Outline { parts: nest(norm, entries), unrecognised }
}

/// Builds the tree: each entry contains the following entries of higher
/// rank; its span ends where the next entry of its rank or lower starts.
fn nest(norm: &Normalized<'_>, entries: Vec<Entry>) -> Vec<Part> {
    let t = norm.as_str();
    let mut roots: Vec<Part> = Vec::new();
    // open parts with their rank and normalised start
    let mut stack: Vec<(u8, usize, Part)> = Vec::new();
    let close = |stack: &mut Vec<(u8, usize, Part)>, roots: &mut Vec<Part>, end: usize| {
        if let Some((_, start, mut part)) = stack.pop() {
            part.span = norm.to_original(Span::new(start, trim_end(t, start, end)));
            match stack.last_mut() {
                Some((_, _, parent)) => parent.children.push(part),
                None => roots.push(part),
            }
        }
    };
    for e in entries {
        let rank = e.kind.rank(e.level);
        while stack.last().is_some_and(|(r, _, _)| *r >= rank) {
            close(&mut stack, &mut roots, e.start);
        }
        let part = Part {
            kind: e.kind,
            label: e.label,
            level: e.level,
            heading: e.heading,
            span: Span::new(0, 0),
            children: Vec::new(),
        };
        stack.push((rank, e.start, part));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots, t.len());
    }
    roots
}

/// `end` moved back over blank lines (keeping one line end).
fn trim_end(t: &str, start: usize, end: usize) -> usize {
    let s = &t[start..end];
    let trimmed = s.trim_end();
    let mut e = start + trimmed.len();
    if t[e..end].starts_with('\n') {
        e += 1;
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ground test read by hand answers as its pattern: on made lines
    /// and on every line of the committed documents.
    #[test]
    fn ground_test_matches_its_pattern() {
        let pattern = Regex::new(r"^(?:-\s*)?(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Xét)\b").unwrap();
        let made = [
            "Căn cứ Luật Tổ chức Chính phủ;",
            "- Căn cứ Luật",
            "-\u{00A0} Thực hiện Kết luận",
            "-Xét đề nghị của",
            "Xét đề nghịx",
            "Xétx",
            "Xét_",
            "Thực hiện\u{0301}",
            "Thực hiện",
            "Theo đề nghị",
            "Theo",
            "- -Căn cứ",
            "Căn cứ2",
            "",
            "-",
        ];
        let mut n = 0;
        for line in made.into_iter().map(String::from).chain(
            crate::fixtures::doc_texts()
                .iter()
                .flat_map(|t| t.lines().map(|l| trim_edges(l).to_string()).collect::<Vec<_>>()),
        ) {
            assert_eq!(is_ground(&line), pattern.is_match(&line), "{line:?}");
            n += 1;
        }
        assert!(n > 5_000, "{n}");
    }

    const DECREE: &str = "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 30/2020/NĐ-CP\nHà Nội, ngày 05 tháng 3 năm 2020\n\
NGHỊ ĐỊNH\nVề công tác văn thư\n\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nTheo đề nghị của Bộ trưởng Bộ Nội vụ;\n\
Chính phủ ban hành Nghị định về công tác văn thư.\nChương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Nghị định này quy định:\n\
a) Văn bản;\nb) Bản sao.\n2. Áp dụng cho cơ quan.\nĐiều 2. Giải thích\nNội dung.\nChương II\nĐiều 3. Hiệu lực\n\
TM. CHÍNH PHỦ\nTHỦ TƯỚNG\nNguyễn Xuân Phúc\nNơi nhận:\n- Ban Bí thư;\n- Lưu: VT.\nPhụ lục I\nMẫu 1\n";

    fn kinds(parts: &[Part]) -> Vec<String> {
        parts.iter().map(describe).collect()
    }

    /// `clean_line` drops the marks as splitting at them does, on every
    /// line of the fixtures and on lines made of marks.
    #[test]
    fn clean_line_drops_marks() {
        let split = |line: &str| -> String {
            let mark = |c: char| matches!(c, '*' | '#' | '_');
            let line = line.trim_matches(|c: char| mark(c) || c.is_whitespace() || matches!(c, '|' | '>'));
            line.split(mark).collect()
        };
        let mut lines = vec!["", "*", "**Điều 1.** _Phạm vi_", "| **a** | b_c |", "#*_", "x*y", "ư_**ơ**#đ"];
        // the edges: the byte short cut of the trim and what it hands on
        lines.extend([
            "\n",
            "x\n",
            " x \n",
            "x\r\n",
            "ăx |\n",
            "\u{00A0}a.\n",
            "\u{3000}a",
            "a\u{2028}\n",
            "Ư>\n",
            "a\n\n",
        ]);
        let texts = crate::fixtures::doc_texts();
        lines.extend(texts.iter().flat_map(|t| t.lines().chain(crate::chars::lines(t))));
        for line in lines {
            assert_eq!(clean_line(line), split(line), "{line:?}");
        }
        // read from one scan of the text for marks, piece by piece
        for t in texts.iter().map(String::as_str).chain(["*a\n b_ \n\n# c *\n**", "x\n*"]) {
            let mut marks = next_mark(t);
            let mut start = 0;
            for raw in segments(t) {
                assert_eq!(clean_piece(raw, start, &mut marks), split(raw), "{raw:?}");
                start += raw.len();
            }
        }
    }

    #[test]
    fn decree_structure() {
        let o = outline(DECREE);
        assert_eq!(kinds(&o.parts), ["header", "title", "preamble", "body", "signature", "recipients", "Phụ lục I"]);
        let body = &o.parts[3];
        assert_eq!(kinds(&body.children), ["Chương I", "Chương II"]);
        assert_eq!(kinds(&body.children[0].children), ["Điều 1", "Điều 2"]);
        let d1 = &body.children[0].children[0];
        assert_eq!(kinds(&d1.children), ["khoản 1", "khoản 2"]);
        assert_eq!(kinds(&d1.children[0].children), ["điểm a", "điểm b"]);
        assert_eq!(kinds(&o.parts[2].children), ["ground", "ground"]);
        let p = o.find_division(&[("dieu", "1"), ("khoan", "1"), ("diem", "b")]).unwrap();
        assert_eq!(&DECREE[p.span], "b) Bản sao.\n");
        let at = DECREE.find("Áp dụng").unwrap();
        assert_eq!(o.location(Span::new(at, at + 3)).unwrap(), "body > Chương I > Điều 1 > khoản 2");
    }

    #[test]
    fn party_headings() {
        let text = "ĐẢNG CỘNG SẢN VIỆT NAM\nSố 40-HD/BTGDVTW\nHƯỚNG DẪN\nxây dựng đội ngũ\n- Căn cứ Quy định số 294-QĐ/TW;\n\
                    I- MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNội dung.\n1.1. Chi tiết\n1.1.1. Rất chi tiết\nII- NỘI DUNG\na) Một\n";
        let o = outline(text);
        assert_eq!(kinds(&o.parts), ["header", "title", "preamble", "body"]);
        let body = &o.parts[3];
        assert_eq!(kinds(&body.children), ["heading I", "heading II"]);
        assert_eq!(kinds(&body.children[0].children), ["heading 1"]);
        assert_eq!(kinds(&body.children[0].children[0].children), ["heading 1.1"]);
        assert_eq!(kinds(&body.children[0].children[0].children[0].children), ["heading 1.1.1"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..proptest::prelude::ProptestConfig::with_cases(512) })]
        /// On random text of one- to four-byte characters too.
        #[test]
        fn nth_char_on_random_text(t in "[a-zđưạ\u{10348} ]{0,80}", n in 0usize..90) {
            proptest::prop_assert_eq!(nth_char(&t, n), t.char_indices().nth(n));
        }
    }

    #[test]
    fn nth_char_is_char_indices_nth() {
        let long = "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng ".repeat(5);
        let cut = &long[..long.char_indices().nth(37).unwrap().0];
        let wide = "\u{10348}x".repeat(40);
        for t in ["", "a", "ư", long.as_str(), cut, wide.as_str()] {
            for n in [0, 1, 15, 16, 17, 37, 99, 100, 101, 500] {
                assert_eq!(nth_char(t, n), t.char_indices().nth(n), "{t:?} {n}");
            }
        }
    }

    #[test]
    fn short_headings() {
        assert_eq!(short("  Điều 1.\t Phạm vi \n"), "Điều 1. Phạm vi");
        // the plain-heading shortcut gives what collapsing gives
        let collapse = |s: &str| -> String {
            let words: Vec<&str> = s.split_whitespace().collect();
            let joined = words.join(" ");
            match joined.char_indices().nth(100) {
                Some((i, _)) => format!("{}…", &joined[..i]),
                None => joined,
            }
        };
        let long_word = "Điều".repeat(40);
        for s in [
            "Điều 1. Phạm vi điều chỉnh",
            "Điều 1.  Phạm vi",
            " Điều 1",
            "Điều 1 ",
            "Điều\u{2028}1",
            "Điều\u{00A0}1",
            "Điều\u{1680}1",
            "Điều\u{3000}1",
            "",
            long_word.as_str(),
            &format!("{long_word} {long_word}"),
            &"Quy định chung về quản lý ".repeat(6),
            &format!("{}  x", "a".repeat(150)),
            &format!("{}\t \n", "a b".repeat(40)),
            &format!("{}   ", "a".repeat(100)),
            &format!("{} b", "a".repeat(99)),
            &format!("{}  b", "a".repeat(99)),
            // long lines: what comes after the 101st character
            &format!("{}b  c\td", "ă".repeat(100)),
            &format!("{} \t ", "a".repeat(100)),
            &format!("{}   b", "a".repeat(100)),
            &format!("{}b{}", "a ".repeat(50), "\u{3000}".repeat(3)),
            &format!("{}  {}", "a".repeat(60), "b".repeat(60)),
        ] {
            assert_eq!(short(s), collapse(s), "{s:?}");
        }
        // and so on every line and paragraph of the fixtures
        for t in crate::fixtures::doc_texts() {
            for s in t.lines().chain(t.split("\n\n")) {
                assert_eq!(short(s), collapse(s), "{s:?}");
            }
        }
        let long = "chữ ".repeat(40);
        let cut = short(&long);
        assert_eq!(cut.chars().count(), 101);
        assert!(cut.ends_with('…'));
        let exact = "a".repeat(100);
        assert_eq!(short(&exact), exact);
        assert_eq!(short(&format!("{exact}b")), format!("{exact}…"));
        assert!(header_like("ỦY BAN NHÂN DÂN") && header_like("***") && !header_like("Căn cứ Luật"));
    }

    #[test]
    fn never_fails() {
        for t in ["", "\n\n", "Điều", "Điều 1.", "| | |\n**\n", "Nơi nhận:\nĐiều 5.\n", "Phụ lục\n1. a\n"]
        {
            let o = outline(t);
            for p in &o.parts {
                assert!(p.span.start <= p.span.end && p.span.end <= t.len());
            }
        }
    }

    /// The labels read off the numbered-heading matches are the patterns'
    /// first groups, on every cleaned line of the committed documents and
    /// on made-up lines.
    #[test]
    fn numbered_labels_are_the_first_groups() {
        type Label = fn(&str) -> &str;
        let labelled: [(&Regex, Label); 5] = [
            (&KHOAN, before_stop),
            (&DIEM, before_stop),
            (&ROMAN, roman_label),
            (&NUMBERED, digits_label),
            (&DECIMAL, decimal_label),
        ];
        let mut lines: Vec<String> = [
            "12a. Nội dung",
            "1.Abc",
            "3)Abc",
            "3. Abc",
            "b1) x",
            "đ) x",
            "IV.Abc",
            "II - Mục tiêu",
            "IV/X",
            "1.2.3. Nội dung",
            "1.2 Nội dung",
            "10.2.3 X",
            "1.2.3.4 X",
            "7.  a",
            "XX. A",
            "IIIIII. A",
        ]
        .map(String::from)
        .to_vec();
        for t in crate::fixtures::doc_texts() {
            lines.extend(t.lines().map(|l| clean_line(l).into_owned()));
        }
        let mut found = 0;
        for line in &lines {
            for (pattern, label) in labelled {
                let want = pattern.captures(line).and_then(|c| c.get(1)).map(|g| g.as_str().to_string());
                assert_eq!(numbered_label(pattern, line, label), want, "{line:?} {pattern}");
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 200, "{found}");
    }

    /// The header-mark guard read from one scan of the text answers as the
    /// guard on the line, for every cleaned line of the committed documents
    /// that is a piece of its text.
    #[test]
    fn header_mark_scan_matches_the_line_guard() {
        let mut asked = 0;
        for t in crate::fixtures::doc_texts() {
            let t = t.as_str();
            let (mut cong, mut doc_lap) = (next_word(&CONG, t), next_word(&DOC_LAP, t));
            for raw in segments(t) {
                let line = clean_line(raw);
                // (a rebuilt line is read by the guard itself)
                if place_in(t, &line).is_none() {
                    continue;
                }
                let scan = may_mark_in(t, &line, &mut cong, &mut doc_lap);
                assert_eq!(scan, may_mark_header(&line), "{line:?}");
                asked += usize::from(scan);
            }
        }
        assert!(asked > 10, "{asked}");
        // a rebuilt line is not a piece of the text
        assert_eq!(place_in("ab", &String::from("ab")), None);
        assert_eq!(place_in("abc", &"abc"[1..]), Some((1, 3)));
    }

    /// Every line a guarded pattern matches passes its guard: on every line
    /// of the committed documents and on lines made for each pattern; and
    /// the guards turn common body lines away.
    #[test]
    fn guards_pass_every_match() {
        type Guard<'a> = &'a dyn Fn(&str) -> bool;
        let guarded: [(&Regex, Guard<'_>); 14] = [
            (&HEADER_MARK, &may_mark_header),
            (&FLAT_TITLE, &may_flat_title),
            (&PHAN, &|l| starts_with_any(l, PHAN_WORDS)),
            (&CHUONG, &|l| starts_with_any(l, CHUONG_WORDS)),
            (&MUC, &|l| starts_with_any(l, MUC_WORDS)),
            (&TIEU_MUC, &|l| starts_with_any(l, TIEU_MUC_WORDS)),
            (&DIEU, &|l| starts_with_any(l, DIEU_WORDS)),
            (&PHU_LUC, &|l| starts_with_any(l, PHU_LUC_WORDS)),
            (&RECIPIENTS, &|l| starts_with_any(l, RECIPIENT_WORDS)),
            (&SIGNATURE, &|l| starts_with_any(l, SIGNATURE_WORDS)),
            (&KHOAN, &may_number),
            (&DECIMAL, &may_number),
            (&NUMBERED, &may_number),
            (&ROMAN, &may_roman),
        ];
        let mut lines: Vec<String> = [
            "PHẦN THỨ HAI",
            "Phần I",
            "CHƯƠNG II",
            "Chương 3",
            "MỤC 1",
            "Mục IV:",
            "TIỂU MỤC 2",
            "Tiểu mục 1",
            "Điều 5.",
            "ĐIỀU 12a",
            "PHỤ LỤC I",
            "Phụ lục số 2",
            "Nơi nhận:",
            "NƠI NHẬN",
            "TM. BAN THƯỜNG VỤ",
            "T/M UBND",
            "KT. CHỦ TỊCH",
            "K/T GIÁM ĐỐC",
            "Q. CHỦ TỊCH",
            "TL. BỘ TRƯỞNG",
            "T/L X",
            "TUQ. X",
            "Q/ X",
            "1. Phạm vi",
            "2a. Nội dung",
            "12.3 Nhiệm vụ",
            "1.2.3. Việc",
            "3) Mục tiêu",
            "1\u{0663}. x",
            "IV. NHIỆM VỤ",
            "II - Kết quả",
            "X\u{2013}Y",
            "V/ Z",
            "III\u{00A0}. W",
            "VIII . X",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số: 12/QĐ-UBND",
            "Số hiệu",
            "Độc lập - Tự do - Hạnh phúc",
            "**ĐẢNG CỘNG SẢN VIỆT NAM**",
            "Hà Nội, ngày 5 tháng 3 năm 2024 QUYẾT ĐỊNH Về việc",
            "năm 2024\u{00A0}NGHỊ QUYẾT",
            "trong năm 2023, năm 2024  KẾ HOẠCH số 5",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for text in crate::fixtures::doc_texts() {
            lines.extend(text.lines().map(|l| clean_line(l).into_owned()));
        }
        let mut matched = 0;
        for line in &lines {
            for (re, guard) in &guarded {
                if re.is_match(line) {
                    matched += 1;
                    assert!(guard(line), "{line:?} matches {} but its guard turns it away", re.as_str());
                }
            }
        }
        assert!(matched > 100, "{matched}");
        for body in
            ["Trong năm", "Các cơ quan", "Phối hợp", "Nhằm", "Tổ chức", "Kết quả", "Quy định", "Việc", "Về", "Xây dựng"]
        {
            let c0 = body.chars().next().unwrap();
            let turned = match c0 {
                'P' => !starts_with_any(body, PHAN_WORDS) && !starts_with_any(body, PHU_LUC_WORDS),
                'N' => !starts_with_any(body, RECIPIENT_WORDS),
                'T' | 'K' | 'Q' => !starts_with_any(body, SIGNATURE_WORDS),
                'C' => !starts_with_any(body, CHUONG_WORDS),
                _ => !may_roman(body),
            };
            assert!(turned, "{body:?}");
        }
        assert!(!may_number("2025 là năm") && !may_number("3 tháng") && may_number("3. x"));
    }

    /// A line above the mark is read where it stands in the text when it
    /// is a piece of it, and answered at once when it was rebuilt.
    #[test]
    fn lines_above_the_mark() {
        let t = "TỈNH ỦY X\nvăn bản\n";
        let (upper, lower) = t.trim_end().split_once('\n').unwrap();
        assert!(matches!(Above::new(t, upper), Above::Text(0, 13)));
        assert!(Above::new(t, upper).header_like(t));
        assert!(!Above::new(t, lower).header_like(t));
        let rebuilt = String::from("TỈNH ỦY X");
        assert!(matches!(Above::new(t, &rebuilt), Above::Known(true)));
    }

    /// The word finders answer line by line as a search of each line
    /// would.
    #[test]
    fn next_word_by_lines() {
        let t = "Căn cứ a\nb\nc Căn cứ d Căn cứ\n\nCăn cứ";
        let mut w = next_word(&CAN_CU, t);
        let mut start = 0;
        for line in crate::chars::lines(t) {
            let end = start + line.len();
            assert_eq!(w.within(start, end), line.contains("Căn cứ"), "{line:?}");
            start = end;
        }
        assert!(may_flat_title("ngày 1 tháng 2 năm 2025 QUYẾT ĐỊNH"));
        assert!(!may_flat_title("trong năm 2025 các cơ quan") && !may_flat_title("năm 20 QUYẾT"));
    }
}

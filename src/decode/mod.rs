//! Decoding: the bytes of a file → Unicode text, with a map back to the
//! bytes.
//!
//! This step owns everything between "a file" and "a string the extractor
//! can read": the character encoding (UTF-8 with or without a byte-order
//! mark, UTF-16 with a mark or recognisably without one, the legacy
//! Vietnamese encodings TCVN3 and VNI as raw bytes *and* as the surface text
//! they turn into when pasted into Unicode, Windows-1258, and UTF-8 that was
//! once read as Windows-1252), the container (`.html` pages, `.docx` files,
//! behind the `html` and `docx` features) and the refusal of what is not
//! text (binary files, PDF, old `.doc`).
//!
//! Detection is by evidence, not by guesswork: each plausible reading is
//! decoded and scored on how much of it reads as Vietnamese (valid
//! syllables, frequent words of administrative text) against how much does
//! not; the best reading wins only with a clear margin, and its
//! [`Decoded::confidence`] says how clear. conventions.md §6 lists the
//! traps this avoids (`Ð` is `é` in TCVN3, byte 0xAD is `ư`, Spanish and
//! German text must not read as Vietnamese).
//!
//! Spans found in [`Decoded::text`] map back with [`Decoded::to_source`]:
//! to byte offsets of the original file, or, for `.docx`, to offsets of the
//! extracted document text ([`Offsets`]).
//!
//! ```
//! use vanban::decode::{decode, DecodeOptions, Encoding};
//! // "Số: 30/2020/NĐ-CP" typed in a .VnTime font, saved as raw bytes
//! let bytes = b"Quy\xd5t \xae\xdenh s\xe8 30/2020/N\xa7-CP ng\xb5y 05 th\xb8ng 3 n\xa8m 2020 c\xf1a Ch\xddnh ph\xf1".to_vec();
//! let d = decode(bytes.clone(), &DecodeOptions::default()).unwrap();
//! assert_eq!(d.encoding, Encoding::Tcvn3);
//! assert!(d.text.starts_with("Quyết định số 30/2020/NĐ-CP"));
//! let code = d.text.find("30/").unwrap();
//! let span = d.to_source(vanban::Span::new(code, code + "30/2020/NĐ-CP".len()));
//! assert_eq!(&bytes[span.start..span.end], b"30/2020/N\xa7-CP");
//! ```

pub mod legacy;

#[cfg(feature = "docx")]
mod docx;
#[cfg(feature = "html")]
mod html;

use crate::span::Span;
use legacy::Unit;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// How a file's characters were stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if any, is reported in [`Decoded::bom`]).
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-16, little-endian.
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16, big-endian.
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Windows-1258 (CP1258): tones as separate combining bytes.
    #[serde(rename = "windows-1258")]
    Windows1258,
    /// TCVN3 (ABC, `.VnTime` fonts) bytes.
    #[serde(rename = "tcvn3")]
    Tcvn3,
    /// VNI-Windows (`VNI-Times` fonts) bytes.
    #[serde(rename = "vni")]
    Vni,
    /// Unicode text holding TCVN3 letters as the Latin-1 symbols a `.VnTime`
    /// font draws them with (`Sè: 30/2020/N§-CP`).
    #[serde(rename = "tcvn3-unicode")]
    Tcvn3Unicode,
    /// Unicode text holding VNI letter pieces (`Soá: 30/2020/NÑ-CP`).
    #[serde(rename = "vni-unicode")]
    VniUnicode,
    /// UTF-8 that was read as Windows-1252 and saved again
    /// (`Nghá»‹ Ä‘á»‹nh`), repaired.
    #[serde(rename = "utf-8-mojibake")]
    Utf8Mojibake,
}

impl Encoding {
    /// Every encoding, in the order [`Encoding::id`]s are documented.
    pub const ALL: [Encoding; 9] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Tcvn3Unicode,
        Encoding::VniUnicode,
        Encoding::Utf8Mojibake,
    ];

    /// The encoding's id, as in the JSON output and `--encoding`.
    pub fn id(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Tcvn3Unicode => "tcvn3-unicode",
            Encoding::VniUnicode => "vni-unicode",
            Encoding::Utf8Mojibake => "utf-8-mojibake",
        }
    }

    /// Whether this is one of the legacy Vietnamese letter layouts.
    pub fn is_legacy(self) -> bool {
        !matches!(self, Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Encoding {
    type Err = crate::error::UnknownId;

    /// Parses an id; `utf8`, `cp1258`, `abc`, `vni-windows` and similar
    /// spellings are accepted too.
    fn from_str(s: &str) -> Result<Encoding, Self::Err> {
        let k = s.trim().to_ascii_lowercase().replace('_', "-");
        Ok(match k.as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "utf-16le" | "utf16le" => Encoding::Utf16Le,
            "utf-16be" | "utf16be" => Encoding::Utf16Be,
            "windows-1258" | "cp1258" | "win1258" => Encoding::Windows1258,
            "tcvn3" | "tcvn" | "abc" | "tcvn5712" | "vntime" => Encoding::Tcvn3,
            "vni" | "vni-windows" => Encoding::Vni,
            "tcvn3-unicode" => Encoding::Tcvn3Unicode,
            "vni-unicode" => Encoding::VniUnicode,
            "utf-8-mojibake" | "mojibake" => Encoding::Utf8Mojibake,
            _ => return Err(crate::error::UnknownId { kind: "encoding", id: s.to_string() }),
        })
    }
}

/// What kind of file the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Plain text or markdown.
    Text,
    /// An HTML page (feature `html`).
    Html,
    /// A Word `.docx` file (feature `docx`).
    Docx,
    /// A record of a JSON Lines input (see [`crate::batch`]): the string
    /// of its `text` field.
    Record,
}

impl Format {
    /// The format a file name's extension implies (`None` when it says
    /// nothing: the content is sniffed then).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" | "md" | "markdown" => Some(Format::Text),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The format's id (`text`, `html`, `docx`).
    pub fn id(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Record => "record",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What span offsets count: the file's bytes, or the document text
/// extracted from a container.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Offsets {
    /// Byte offsets into the file as read.
    FileBytes,
    /// Byte offsets into the extracted document text (UTF-8), as
    /// `vanban text FILE` prints it: a `.docx` is a zip archive, whose
    /// bytes no citation can point into.
    ExtractedText,
    /// Byte offsets into the UTF-8 string of a JSON Lines record's `text`
    /// field (after JSON unescaping).
    RecordText,
}

/// How to decode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Use this encoding instead of detecting one. A legacy encoding
    /// (`Tcvn3`, `Vni`) given for a file that is valid UTF-8 means its
    /// Unicode surface form.
    pub encoding: Option<Encoding>,
    /// Read the bytes as this format instead of sniffing them.
    pub format: Option<Format>,
}

/// Why bytes could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// NUL bytes, many control characters or a known binary signature.
    #[error("looks like a binary file ({reason}), not text")]
    Binary {
        /// What gave it away.
        reason: String,
    },
    /// A format vanban does not read, with what to do instead.
    #[error("{format} is not read by vanban; {hint}")]
    Unsupported {
        /// The format found.
        format: &'static str,
        /// How to get text out of it.
        hint: &'static str,
    },
    /// Not UTF-8, and no other encoding reads it as Vietnamese text.
    #[error(
        "not valid UTF-8 (first bad byte at offset {offset}) and not recognisable as UTF-16, TCVN3, VNI or Windows-1258 Vietnamese text; try --encoding"
    )]
    Undecodable {
        /// Byte offset of the first invalid UTF-8 sequence.
        offset: usize,
    },
    /// The encoding the caller forced does not fit the bytes.
    #[error("not valid {encoding} (first bad byte at offset {offset})")]
    Invalid {
        /// The encoding asked for.
        encoding: Encoding,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file is larger than [`MAX_INPUT`].
    #[error("{bytes} bytes, over the {} MiB limit for one document", limit >> 20)]
    TooLarge {
        /// The file's size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A `.docx` file whose document could not be read.
    #[error("broken .docx: {0}")]
    Docx(String),
    /// The format was asked for but this build leaves it out.
    #[error("reading {0} needs vanban's `{0}` feature")]
    FeatureMissing(&'static str),
}

/// Decoded text and how to map it back.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, in Unicode; extraction runs on it.
    pub text: String,
    /// How the characters were stored.
    pub encoding: Encoding,
    /// Whether the file starts with a byte-order mark.
    pub bom: bool,
    /// What kind of file it was.
    pub format: Format,
    /// How sure the detector is, 0–1 (1 when the encoding was given or the
    /// text is plain UTF-8 with nothing suspicious).
    pub confidence: f32,
    /// From text bytes to source offsets; `None` when they are the same.
    map: Option<ByteMap>,
}

impl Decoded {
    /// Text that is its own source (no map).
    pub fn plain(text: String) -> Decoded {
        Decoded { text, encoding: Encoding::Utf8, bom: false, format: Format::Text, confidence: 1.0, map: None }
    }

    /// What [`Decoded::to_source`] offsets count.
    pub fn offsets(&self) -> Offsets {
        match self.format {
            Format::Docx => Offsets::ExtractedText,
            Format::Record => Offsets::RecordText,
            _ => Offsets::FileBytes,
        }
    }

    /// Whether text offsets are already source offsets.
    pub fn is_identity(&self) -> bool {
        self.map.is_none()
    }

    /// Maps a span of [`Decoded::text`] to the source (see [`Offsets`]).
    /// Spans outside the text are clamped to its end.
    pub fn to_source(&self, span: Span) -> Span {
        match &self.map {
            None => span,
            Some(m) => m.map(span, self.text.len()),
        }
    }
}

/// For each byte of a decoded text, the source range it came from.
#[derive(Clone, Debug, Default)]
pub(crate) struct ByteMap {
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Source length, for spans at the very end.
    source_len: u32,
}

impl ByteMap {
    fn map(&self, span: Span, text_len: usize) -> Span {
        let s = span.start.min(text_len);
        let e = span.end.min(text_len).max(s);
        let start = if s >= text_len { self.source_len as usize } else { self.starts[s] as usize };
        let end = if e == s { start } else { self.ends[e - 1] as usize };
        Span::new(start, end.max(start))
    }

    /// `outer ∘ self`: self maps text → mid, outer maps mid → source.
    fn then(self, outer: &ByteMap, mid_len: usize) -> ByteMap {
        let at = |i: u32| -> (u32, u32) {
            let i = i as usize;
            if i >= mid_len { (outer.source_len, outer.source_len) } else { (outer.starts[i], outer.ends[i]) }
        };
        let starts = self.starts.iter().map(|&s| at(s).0).collect();
        let ends = self.ends.iter().map(|&e| if e == 0 { at(0).0 } else { at(e - 1).1 }).collect();
        ByteMap { starts, ends, source_len: outer.source_len }
    }
}

/// Builds text and map from units.
pub(crate) fn assemble(units: &[Unit], source_len: usize) -> (String, ByteMap) {
    let mut text = String::with_capacity(units.len());
    let mut map = ByteMap { starts: Vec::with_capacity(units.len()), ends: Vec::new(), source_len: source_len as u32 };
    map.ends.reserve(units.len());
    for u in units {
        text.push(u.ch);
        for _ in 0..u.ch.len_utf8() {
            map.starts.push(u.start);
            map.ends.push(u.end);
        }
    }
    (text, map)
}

/// Adds a new layer on top of `d`: `text` now, `inner` mapping it to the
/// previous text.
fn stack(d: &mut Decoded, text: String, inner: ByteMap) {
    let mid_len = d.text.len();
    let map = match d.map.take() {
        None => inner,
        Some(outer) => inner.then(&outer, mid_len),
    };
    d.text = text;
    d.map = Some(map);
}

/// Files larger than this are refused (bounded memory: the maps cost
/// eight bytes per text byte).
pub const MAX_INPUT: usize = 512 << 20;

/// Decodes a file's bytes (see the module docs).
pub fn decode(bytes: Vec<u8>, opts: &DecodeOptions) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_INPUT {
        return Err(DecodeError::TooLarge { bytes: bytes.len(), limit: MAX_INPUT });
    }
    let format = match opts.format {
        Some(f) => f,
        None => sniff_format(&bytes),
    };
    refuse_binary_formats(&bytes, format)?;
    if format == Format::Docx {
        return decode_docx(&bytes, opts);
    }
    let mut d = decode_charset(bytes, opts.encoding)?;
    d.format = format;
    let hint = if format == Format::Html { decode_html(&mut d)? } else { None };
    repair_surface(&mut d, opts.encoding, hint);
    Ok(d)
}

#[cfg(feature = "docx")]
fn decode_docx(bytes: &[u8], opts: &DecodeOptions) -> Result<Decoded, DecodeError> {
    let (text, hint) = docx::document_text(bytes)?;
    let mut d = Decoded { format: Format::Docx, ..Decoded::plain(text) };
    repair_surface(&mut d, opts.encoding, hint);
    Ok(d)
}

#[cfg(not(feature = "docx"))]
fn decode_docx(_: &[u8], _: &DecodeOptions) -> Result<Decoded, DecodeError> {
    Err(DecodeError::FeatureMissing("docx"))
}

/// Replaces the page by its text; returns the encoding a font name in the
/// page implies, if any.
#[cfg(feature = "html")]
fn decode_html(d: &mut Decoded) -> Result<Option<Encoding>, DecodeError> {
    let (text, map, hint) = html::page_text(&d.text);
    stack(d, text, map);
    Ok(hint)
}

#[cfg(not(feature = "html"))]
fn decode_html(_: &mut Decoded) -> Result<Option<Encoding>, DecodeError> {
    Err(DecodeError::FeatureMissing("html"))
}

/// Guesses the format from the first bytes: a zip archive is a `.docx`,
/// markup that opens like a page is HTML, anything else is text.
pub fn sniff_format(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Docx;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let lower: Vec<u8> = head[start..].iter().take(64).map(|b| b.to_ascii_lowercase()).collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") || lower.starts_with(b"<head") {
        Format::Html
    } else {
        Format::Text
    }
}

fn refuse_binary_formats(bytes: &[u8], format: Format) -> Result<(), DecodeError> {
    if bytes.starts_with(b"%PDF-") {
        return Err(DecodeError::Unsupported {
            format: "PDF",
            hint: "extract its text first: `pdftotext -layout FILE.pdf - | vanban extract -`",
        });
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(DecodeError::Unsupported {
            format: "a Word 97-2003 .doc (OLE) file",
            hint: "convert it first: `libreoffice --headless --convert-to docx FILE.doc`",
        });
    }
    if format != Format::Docx && bytes.starts_with(b"PK\x03\x04") {
        return Err(DecodeError::Binary { reason: "a zip archive".into() });
    }
    for (magic, what) in [
        (&b"\x89PNG"[..], "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "gzip data"),
        (b"\x7FELF", "an executable"),
    ] {
        if bytes.starts_with(magic) {
            return Err(DecodeError::Binary { reason: what.into() });
        }
    }
    Ok(())
}

/// `bytes` as a `String` if they are UTF-8, else the bytes back.
///
/// Checked by simdutf8's vector code and then copied: `String::from_utf8`
/// keeps the allocation but checks a byte at a time wherever a character
/// outside ASCII comes every few bytes, as in Vietnamese (about ten
/// instructions a byte against under two for the check and the copy).
pub(crate) fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(bytes),
    }
}

/// Bytes → text: byte-order marks, UTF-16, UTF-8, and the legacy byte
/// encodings when UTF-8 fails.
fn decode_charset(bytes: Vec<u8>, forced: Option<Encoding>) -> Result<Decoded, DecodeError> {
    let bom16 = if bytes.starts_with(b"\xFF\xFE") {
        Some(Encoding::Utf16Le)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(Encoding::Utf16Be)
    } else {
        None
    };
    match forced {
        Some(e @ (Encoding::Utf16Le | Encoding::Utf16Be)) => {
            let bom = bom16 == Some(e);
            return decode_utf16(&bytes, e, bom, 1.0);
        }
        Some(Encoding::Utf8 | Encoding::Tcvn3Unicode | Encoding::VniUnicode | Encoding::Utf8Mojibake) => {
            let bom = bytes.starts_with(b"\xEF\xBB\xBF");
            return match String::from_utf8(bytes) {
                Ok(text) => Ok(Decoded { bom, ..Decoded::plain(text) }),
                Err(e) => Err(DecodeError::Invalid { encoding: Encoding::Utf8, offset: e.utf8_error().valid_up_to() }),
            };
        }
        Some(e @ (Encoding::Tcvn3 | Encoding::Vni | Encoding::Windows1258)) => {
            if e != Encoding::Windows1258 && std::str::from_utf8(&bytes).is_ok() && !bytes.is_ascii() {
                // the surface form: handled by `repair_surface`
                return Ok(Decoded::plain(String::from_utf8(bytes).unwrap_or_default()));
            }
            let (text, map) = assemble(&legacy_units(&bytes, e), bytes.len());
            return Ok(Decoded { encoding: e, map: Some(map), ..Decoded::plain(text) });
        }
        _ => {}
    }
    if let Some(e) = bom16 {
        return decode_utf16(&bytes, e, true, 1.0);
    }
    if let Some(e) = utf16_without_bom(&bytes) {
        return decode_utf16(&bytes, e, false, 0.9);
    }
    // memchr's vector search (the standard library's `contains` reads a
    // word at a time); most inputs have no NUL
    if let Some(pos) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::Binary { reason: format!("NUL byte at offset {pos}") });
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let bytes = match utf8(bytes) {
        Ok(text) => return Ok(Decoded { bom, ..Decoded::plain(text) }),
        Err(bytes) => bytes,
    };
    let offset = std::str::from_utf8(&bytes).err().map_or(0, |e| e.valid_up_to());
    let controls = bytes.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)).count();
    if controls * 100 > bytes.len() {
        return Err(DecodeError::Binary { reason: format!("{controls} control bytes") });
    }
    // Legacy byte encodings: decode a sample each way and weigh the evidence.
    let sample = &bytes[..sample_end(&bytes)];
    let mut scored: Vec<(Encoding, Evidence)> = [Encoding::Tcvn3, Encoding::Vni, Encoding::Windows1258]
        .into_iter()
        .map(|e| (e, Evidence::of(legacy_units(sample, e).iter().map(|u| u.ch))))
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.1.score()));
    let (best, ev) = scored[0];
    let second = scored[1].1.score();
    let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
    // Accept a reading with Vietnamese evidence, or a nearly-ASCII text
    // whose few other bytes decode one way or another.
    if ev.score() <= 0 && non_ascii * 100 > sample.len() {
        return Err(DecodeError::Undecodable { offset });
    }
    let confidence = if ev.score() <= 0 { 0.3 } else { ev.confidence(second) };
    let (text, map) = assemble(&legacy_units(&bytes, best), bytes.len());
    Ok(Decoded { encoding: best, map: Some(map), confidence, ..Decoded::plain(text) })
}

fn legacy_units(bytes: &[u8], e: Encoding) -> Vec<Unit> {
    match e {
        Encoding::Tcvn3 => legacy::decode_tcvn3(legacy::byte_units(bytes)),
        Encoding::Vni => legacy::decode_vni(legacy::byte_units(bytes)),
        _ => legacy::decode_cp1258(bytes),
    }
}

/// Where the detection sample ends: the first 64 KiB, cut at a line end.
fn sample_end(bytes: &[u8]) -> usize {
    const SAMPLE: usize = 64 << 10;
    if bytes.len() <= SAMPLE {
        return bytes.len();
    }
    bytes[..SAMPLE].iter().rposition(|&b| b == b'\n').map_or(SAMPLE, |p| p + 1)
}

/// UTF-16 without a byte-order mark: one byte of most pairs is zero (ASCII
/// letters, digits and spaces), and on the same side.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    // text without NUL bytes (nearly all): no need to count them by side
    if head.len() < 16 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 4 && zero_even * 20 < pairs {
        Some(Encoding::Utf16Le)
    } else if zero_even * 10 >= pairs * 4 && zero_odd * 20 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], e: Encoding, bom: bool, confidence: f32) -> Result<Decoded, DecodeError> {
    let skip = if bom && bytes.len() >= 2 { 2 } else { 0 };
    let body = &bytes[skip..];
    let unit_at = |i: usize| -> u16 {
        let (a, b) = (body[i], body[i + 1]);
        if e == Encoding::Utf16Le { u16::from_le_bytes([a, b]) } else { u16::from_be_bytes([a, b]) }
    };
    let n = body.len() / 2;
    let mut units = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let u = unit_at(2 * i);
        let start = (skip + 2 * i) as u32;
        let (ch, used) = match u {
            0xD800..=0xDBFF if i + 1 < n && (0xDC00..=0xDFFF).contains(&unit_at(2 * i + 2)) => {
                let lo = unit_at(2 * i + 2);
                let c = 0x10000 + (((u as u32) - 0xD800) << 10) + ((lo as u32) - 0xDC00);
                (char::from_u32(c).unwrap_or('\u{FFFD}'), 2)
            }
            _ => (char::from_u32(u as u32).unwrap_or('\u{FFFD}'), 1),
        };
        if ch == '\0' {
            return Err(DecodeError::Binary { reason: format!("NUL character at offset {start}") });
        }
        units.push(Unit { ch, start, end: start + 2 * used as u32 });
        i += used;
    }
    if body.len() % 2 == 1 {
        let start = (skip + body.len() - 1) as u32;
        units.push(Unit { ch: '\u{FFFD}', start, end: start + 1 });
    }
    let (text, map) = assemble(&units, bytes.len());
    Ok(Decoded { encoding: e, bom, confidence, map: Some(map), ..Decoded::plain(text) })
}

/// Legacy letters pasted as Unicode, or UTF-8 read as Windows-1252: if the
/// text shows the signs and a repaired reading is clearly more Vietnamese,
/// use it. `forced` (from `--encoding`) picks the reading or forbids one;
/// `hint` is a font name's verdict (`.VnTime` → TCVN3).
fn repair_surface(d: &mut Decoded, forced: Option<Encoding>, hint: Option<Encoding>) {
    let choice = match forced {
        Some(Encoding::Tcvn3 | Encoding::Tcvn3Unicode) => Some(Encoding::Tcvn3Unicode),
        Some(Encoding::Vni | Encoding::VniUnicode) => Some(Encoding::VniUnicode),
        Some(Encoding::Utf8Mojibake) => Some(Encoding::Utf8Mojibake),
        Some(_) => return,
        None => None,
    };
    if d.encoding.is_legacy() {
        // already decoded from legacy bytes
        return;
    }
    let choice = match choice {
        Some(c) => Some((c, 1.0)),
        None => detect_surface(&d.text, hint),
    };
    let Some((enc, confidence)) = choice else {
        return;
    };
    let units = surface_units(&d.text, enc);
    let (text, map) = assemble(&units, d.text.len());
    stack(d, text, map);
    d.encoding = enc;
    d.confidence = confidence;
}

fn surface_units(text: &str, e: Encoding) -> Vec<Unit> {
    let units = legacy::char_units(text);
    match e {
        Encoding::Tcvn3Unicode => legacy::decode_tcvn3(units),
        Encoding::VniUnicode => legacy::decode_vni(units),
        _ => mojibake_units(text),
    }
}

/// How many sixteen-byte blocks [`surface_counts_unless`] counts between
/// two asks whether the count is settled (at most 255, so that its byte
/// counters cannot overflow). Vietnamese text settles once some three
/// fifths of it are counted; asked this often, the count stops within
/// 256 bytes of that point.
const SETTLE_BLOCKS: usize = 16;
const _: () = assert!(SETTLE_BLOCKS <= 255, "the byte counters would overflow");

/// How many characters of UTF-8 `bytes` are Latin-1 letters and signs
/// (U+00A1–U+00FF) and how many are Vietnamese letters outside Latin-1
/// (`ă đ ơ ư` and U+1EA0–U+1EF9), read from the encoded bytes: this runs over
/// every input, and most of its bytes are ASCII.
///
/// The count is given up (`None`) once `settled(latin1, viet, rest)` holds
/// of the counts so far and the number of bytes not yet counted (asked
/// every [`SETTLE_BLOCKS`] blocks).
fn surface_counts_unless(bytes: &[u8], settled: impl Fn(usize, usize, usize) -> bool) -> Option<(usize, usize)> {
    let (mut latin1, mut viet) = (0usize, 0usize);
    // sixteen bytes at a time, each with the two after it, counted without
    // branches into sixteen counters (the compiler turns this into vector
    // code), which are added up every SETTLE_BLOCKS blocks, before they
    // can overflow; the rest, and the last bytes, one at a time
    // whole blocks whose two bytes after lie within `bytes`
    let blocks = bytes.len().saturating_sub(2) / 16;
    let mut i = 0;
    for group in 0..blocks.div_ceil(SETTLE_BLOCKS) {
        let (mut l, mut v) = ([0u8; 16], [0u8; 16]);
        for _ in 0..(blocks - group * SETTLE_BLOCKS).min(SETTLE_BLOCKS) {
            let w = &bytes[i..i + 18];
            for k in 0..16 {
                let (b, b1, b2) = (w[k], w[k + 1], w[k + 2]);
                l[k] += u8::from((b == 0xC3) | ((b == 0xC2) & (b1 >= 0xA1)));
                v[k] += u8::from(
                    ((b == 0xC4) & (((b1 | 1) == 0x83) | ((b1 | 1) == 0x91)))
                        | ((b == 0xC6) & (((b1 | 1) == 0xA1) | (b1 == 0xAF) | (b1 == 0xB0)))
                        | ((b == 0xE1) & (((b1 == 0xBA) & (b2 >= 0xA0)) | ((b1 == 0xBB) & (b2 <= 0xB9)))),
                );
            }
            i += 16;
        }
        latin1 += l.iter().map(|&c| usize::from(c)).sum::<usize>();
        viet += v.iter().map(|&c| usize::from(c)).sum::<usize>();
        if settled(latin1, viet, bytes.len() - i) {
            return None;
        }
    }
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0xC2 {
            i += 1;
            continue;
        }
        let b1 = bytes.get(i + 1).copied().unwrap_or(0);
        match (b, b1) {
            (0xC2, 0xA1..=0xBF) | (0xC3, _) => latin1 += 1,
            (0xC4, 0x82 | 0x83 | 0x90 | 0x91) | (0xC6, 0xA0 | 0xA1 | 0xAF | 0xB0) => viet += 1,
            (0xE1, 0xBA) => viet += usize::from(bytes.get(i + 2).is_some_and(|&c| c >= 0xA0)),
            (0xE1, 0xBB) => viet += usize::from(bytes.get(i + 2).is_some_and(|&c| c <= 0xB9)),
            _ => {}
        }
        i += 1;
    }
    Some((latin1, viet))
}

/// Whether a text with `latin1` Latin-1 characters and `viet` Vietnamese
/// letters may carry a legacy surface: a few Latin-1 characters, twice as
/// many as Vietnamese letters.
fn may_be_surface(latin1: usize, viet: usize) -> bool {
    latin1 >= 3 && latin1 >= 2 * viet
}

/// Whether counts so far of `latin1` and `viet` (see [`may_be_surface`])
/// settle that the text is no surface, whatever the `rest` bytes hold: a
/// Latin-1 character takes two bytes, so they cannot make up the
/// difference. Vietnamese text shows this within the first part of its
/// sample, and the count stops there.
fn cannot_be_surface(latin1: usize, viet: usize, rest: usize) -> bool {
    latin1 + rest.div_ceil(2) < 2 * viet
}

/// Whether the text carries legacy surface letters or mojibake; if so, the
/// reading that is clearly more Vietnamese than the text as it is.
fn detect_surface(text: &str, hint: Option<Encoding>) -> Option<(Encoding, f32)> {
    let sample = &text[..floor_char(text, sample_end(text.as_bytes()))];
    let (latin1, viet) = surface_counts_unless(sample.as_bytes(), cannot_be_surface)?;
    if !may_be_surface(latin1, viet) {
        return None;
    }
    let here = Evidence::of(sample.chars());
    let mut readings: Vec<(i64, Encoding, Evidence)> =
        [Encoding::Tcvn3Unicode, Encoding::VniUnicode, Encoding::Utf8Mojibake]
            .into_iter()
            .map(|e| {
                let ev = Evidence::of(surface_units(sample, e).iter().map(|u| u.ch));
                let bonus = if hint.is_some_and(|h| surface_of(h) == e) { 2 } else { 0 };
                (ev.score() + bonus, e, ev)
            })
            .collect();
    readings.sort_by_key(|r| std::cmp::Reverse(r.0));
    let (score, e, ev) = readings[0];
    let runner_up = readings[1].0.max(here.score());
    // a clear margin over the text as it stands and over the other readings
    if ev.vietnamese >= 3 && score > here.score() + 3 && score > runner_up {
        Some((e, ev.confidence(runner_up)))
    } else {
        None
    }
}

fn surface_of(e: Encoding) -> Encoding {
    match e {
        Encoding::Tcvn3 => Encoding::Tcvn3Unicode,
        Encoding::Vni => Encoding::VniUnicode,
        other => other,
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// UTF-8 that was read as Windows-1252: each character back to its byte,
/// then the bytes as UTF-8. Characters with no Windows-1252 byte, and byte
/// runs that are not UTF-8, stay as they are. Bytes Windows-1252 leaves
/// undefined come back as U+FFFD; the Vietnamese letters they belong to
/// are restored: `Ä` + U+FFFD is `Đ`; `Ã` + U+FFFD is one of `Á Í Ý` and
/// `á»` + U+FFFD one of `ề ọ ỏ Ố ờ`, chosen by the word it makes. `Ã`
/// followed by a plain space is `à` (its second byte is 0xA0, a no-break
/// space, which copying often turns into a space).
fn mojibake_units(text: &str) -> Vec<Unit> {
    let units = legacy::char_units(text);
    let mut out = Vec::with_capacity(units.len());
    let mut ambiguous: Vec<(usize, &[char])> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let lead = to_cp1252_byte(units[i].ch);
        let len = match lead {
            Some(0xC2..=0xDF) => 2,
            Some(0xE0..=0xEF) => 3,
            Some(0xF0..=0xF4) => 4,
            _ => 0,
        };
        if len > 0 && i + len <= units.len() {
            let bytes: Option<Vec<u8>> = units[i..i + len].iter().map(|u| to_cp1252_byte(u.ch)).collect();
            if let Some(s) = bytes.as_deref().and_then(|b| std::str::from_utf8(b).ok())
                && let Some(ch) = s.chars().next()
            {
                out.push(Unit { ch, start: units[i].start, end: units[i + len - 1].end });
                i += len;
                continue;
            }
        }
        let next = units.get(i + 1).map(|u| u.ch);
        let lost = match (units[i].ch, next, units.get(i + 2).map(|u| u.ch)) {
            ('Ä', Some('\u{FFFD}'), _) => Some((2, &['Đ'][..])),
            ('Ã', Some(' '), _) => Some((2, &['à'][..])),
            // C3 + 81/8D/9D: Á Í Ý; E1 BB + 81/8D/8F/90/9D: ề ọ ỏ Ố ờ
            ('Ã', Some('\u{FFFD}'), _) => Some((2, &['Á', 'Í', 'Ý'][..])),
            ('á', Some('»'), Some('\u{FFFD}')) => Some((3, &['ề', 'ọ', 'ỏ', 'Ố', 'ờ'][..])),
            _ => None,
        };
        if let Some((used, options)) = lost {
            if options.len() > 1 {
                ambiguous.push((out.len(), options));
            }
            out.push(Unit { ch: options[0], start: units[i].start, end: units[i + used - 1].end });
            i += used;
            continue;
        }
        out.push(units[i]);
        i += 1;
    }
    for (at, options) in ambiguous {
        settle_lost_letter(&mut out, at, options);
    }
    out
}

/// Picks, for a letter whose byte was lost, the option that makes its word
/// a frequent word, or else a well-formed syllable; U+FFFD if none does.
fn settle_lost_letter(units: &mut [Unit], at: usize, options: &[char]) {
    let is_letter = |u: &Unit| crate::chars::is_alphabetic(u.ch);
    let start = units[..at].iter().rposition(|u| !is_letter(u)).map_or(0, |p| p + 1);
    let end = units[at + 1..].iter().position(|u| !is_letter(u)).map_or(units.len(), |p| at + 1 + p);
    let word = |c: char| -> String {
        units[start..end]
            .iter()
            .enumerate()
            .map(|(k, u)| if start + k == at { c } else { u.ch })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let known = |w: &str| COMMON.contains(&w) || LOST_LETTER_WORDS.contains(&w);
    let pick = options
        .iter()
        .copied()
        .find(|&c| known(&word(c)))
        .or_else(|| options.iter().copied().find(|&c| is_syllable(&word(c))));
    let ch = pick.unwrap_or('\u{FFFD}');
    // keep the case of the word: an upper-case option in a lower-case word
    // and the reverse follow their neighbours
    let upper = units[start..end].iter().enumerate().any(|(k, u)| start + k != at && crate::chars::is_uppercase(u.ch))
        && units[start..end].iter().enumerate().all(|(k, u)| start + k == at || !crate::chars::is_lowercase(u.ch));
    units[at].ch = if upper { ch.to_uppercase().next().unwrap_or(ch) } else { ch.to_lowercase().next().unwrap_or(ch) };
}

fn to_cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0..=0x7F | 0xA0..=0xFF => Some(c as u32 as u8),
        0x80..=0x9F => Some(c as u32 as u8),
        _ => (0x80u8..=0x9F).find(|&b| legacy::cp1252(b) == c),
    }
}

/// How Vietnamese a reading of a text looks: among words with letters
/// beyond ASCII, how many are well-formed Vietnamese syllables and how many
/// are not, plus hits on very frequent words of administrative text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Evidence {
    vietnamese: i64,
    foreign: i64,
    common: i64,
}

impl Evidence {
    fn of(chars: impl Iterator<Item = char>) -> Evidence {
        let mut ev = Evidence::default();
        let mut word = String::new();
        let flush = |w: &mut String, ev: &mut Evidence| {
            if !w.is_empty() && !w.is_ascii() {
                let lower: String = w.nfc().flat_map(char::to_lowercase).collect();
                if is_syllable(&lower) {
                    ev.vietnamese += 1;
                    if COMMON.contains(&lower.as_str()) {
                        ev.common += 1;
                    }
                } else {
                    ev.foreign += 1;
                }
            }
            w.clear();
        };
        for c in chars {
            if crate::chars::is_alphanumeric(c)
                || unicode_normalization::char::is_combining_mark(c)
                || matches!(c as u32, 0xA1..=0xBF)
            {
                word.push(c);
            } else {
                flush(&mut word, &mut ev);
            }
        }
        flush(&mut word, &mut ev);
        ev
    }

    fn score(&self) -> i64 {
        self.vietnamese + 2 * self.common - 2 * self.foreign
    }

    /// 0–1: the share of well-formed words, scaled by the margin over the
    /// runner-up reading's score and by how much evidence there is (twenty
    /// well-formed words or more count in full).
    fn confidence(&self, runner_up: i64) -> f32 {
        let total = (self.vietnamese + self.foreign).max(1) as f32;
        let share = self.vietnamese as f32 / total;
        let best = self.score().max(1) as f32;
        let margin = 1.0 - (runner_up.max(0) as f32 / best).min(1.0);
        let amount = (self.vietnamese as f32 / 20.0).min(1.0);
        ((share * (0.5 + 0.5 * margin) * amount) * 100.0).round() / 100.0
    }
}

/// Very frequent words of Vietnamese administrative text (with both tone
/// placements where they differ).
const COMMON: &[&str] = &[
    "của", "và", "các", "ngày", "tháng", "năm", "số", "được", "về", "trong", "những", "có", "với", "đã", "thực",
    "hiện", "định", "quyết", "nghị", "không", "này", "đến", "để", "tỉnh", "ủy", "uỷ", "nhân", "dân", "đảng", "cộng",
    "hòa", "hoà", "việt", "chủ", "nghĩa", "xã", "hội", "độc", "lập", "tự", "hạnh", "phúc", "căn", "cứ", "điều",
    "khoản", "luật", "tổ", "chức", "người", "quản", "lý", "công", "tác", "là", "một", "tại", "trên", "bộ", "chính",
    "phủ", "văn", "bản", "ban", "hành", "trị", "thành", "phố", "huyện", "sở", "kế", "hoạch", "hướng", "dẫn",
];

/// Frequent words with a letter whose UTF-8 form has a byte Windows-1252
/// leaves undefined (`ề ọ ỏ ờ Á Í Ý`): the words a lost byte is most
/// likely to come from.
const LOST_LETTER_WORDS: &[&str] = &[
    "về", "điều", "đề", "nhiều", "tiền", "nền", "quyền", "liền", "miền", "thề", "học", "chọn", "trọng", "họp", "gọi",
    "họ", "lọc", "tọa", "nọ", "đọc", "nhỏ", "bỏ", "tỏ", "đỏ", "người", "thời", "giờ", "chờ", "trời", "lời", "mời",
    "đời", "rời", "bờ", "cờ", "ý", "kí", "ít", "ích", "tích", "chí", "phí", "trí", "hình", "tính", "chính", "kính",
    "bí", "lý", "kỹ", "quý", "vì",
];

/// A word that reads as one Vietnamese syllable: an optional initial
/// consonant, one to three vowels with at most one tone, an optional final,
/// and a vowel cluster that can stand before that final. The last rule
/// tells the VNI surface form apart: in `thaùng` (`tháng`) the cluster
/// `aù` ends in a toned glide, which no syllable does.
fn is_syllable(w: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let v = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ";
        Regex::new(&format!(
            "^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?([{v}]{{1,3}})(ch|ng|nh|[cmnpt])?$"
        ))
        .expect("syllable pattern")
    });
    let Some(caps) = re.captures(w) else {
        return false;
    };
    let vowels: Vec<(char, bool)> = caps[2].chars().map(base_vowel).collect();
    if vowels.iter().filter(|v| v.1).count() > 1 {
        return false;
    }
    if vowels.len() < 2 {
        return true;
    }
    let bases: String = vowels.iter().map(|v| v.0).collect();
    let (last, toned_last) = vowels[vowels.len() - 1];
    match caps.get(3).map(|m| m.as_str()) {
        // before a final consonant the cluster ends in a main vowel
        Some(fin) => {
            matches!(last, 'a' | 'ă' | 'â' | 'e' | 'ê' | 'ô' | 'ơ')
                || (bases == "uy" && matches!(fin, "nh" | "t" | "ch"))
                || (bases == "oo" && matches!(fin, "ng" | "c"))
        }
        // an open syllable never puts its tone on a closing glide (`ai`,
        // `au`, `ao`); a toned final `y` follows `u` only (`uỷ`)
        None => !toned_last || !(matches!(last, 'i' | 'u' | 'o') || (last == 'y' && !bases.ends_with("uy"))),
    }
}

/// A vowel's letter without its tone (shape marks kept), and whether it
/// carries a tone.
fn base_vowel(c: char) -> (char, bool) {
    const GROUPS: [&str; 12] = [
        "aàáảãạ",
        "ăằắẳẵặ",
        "âầấẩẫậ",
        "eèéẻẽẹ",
        "êềếểễệ",
        "iìíỉĩị",
        "oòóỏõọ",
        "ôồốổỗộ",
        "ơờớởỡợ",
        "uùúủũụ",
        "ưừứửữự",
        "yỳýỷỹỵ",
    ];
    for g in GROUPS {
        if let Some(pos) = g.chars().position(|x| x == c) {
            return (g.chars().next().unwrap_or(c), pos > 0);
        }
    }
    (c, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole count.
    fn surface_counts(bytes: &[u8]) -> (usize, usize) {
        surface_counts_unless(bytes, |_, _, _| false).unwrap_or_default()
    }

    #[test]
    fn surface_verdict_is_the_same_when_the_count_stops_early() {
        let verdict = |b: &[u8]| {
            let (l, v) = surface_counts(b);
            may_be_surface(l, v)
        };
        let early = |b: &[u8]| surface_counts_unless(b, cannot_be_surface).is_some_and(|(l, v)| may_be_surface(l, v));
        let mut texts: Vec<String> = crate::fixtures::doc_texts();
        // Vietnamese text, then a Latin-1 stretch long enough to turn it
        let viet = "Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư; ".repeat(200);
        for latin in [0, 1000, 5000, 20000, 40000] {
            texts.push(format!("{viet}{}", "éàü".repeat(latin)));
            texts.push(format!("{}{viet}", "éàü".repeat(latin)));
        }
        let mut stopped = 0;
        for t in &texts {
            assert_eq!(early(t.as_bytes()), verdict(t.as_bytes()), "{}", t.len());
            stopped += usize::from(surface_counts_unless(t.as_bytes(), cannot_be_surface).is_none());
        }
        assert!(stopped > 10, "{stopped}");
    }

    #[test]
    fn surface_counts_match_the_code_points() {
        let text = "¡ÀÂÿ ă Đ đ Ơ ư Ạ ỹ Ỻ ẟ Ā ķ ư̛ x";
        let mut want = (0, 0);
        for c in text.chars() {
            match c as u32 {
                0xA1..=0xFF => want.0 += 1,
                0x0102 | 0x0103 | 0x0110 | 0x0111 | 0x01A0 | 0x01A1 | 0x01AF | 0x01B0 | 0x1EA0..=0x1EF9 => want.1 += 1,
                _ => {}
            }
        }
        assert_eq!(surface_counts(text.as_bytes()), want);
        assert_eq!(want, (4, 8));
        // every character of the blocks read, at every alignment of the
        // sixteen-byte blocks
        let all: String = (0x20..0x300u32).chain(0x1E00..0x1F00).filter_map(char::from_u32).collect();
        let want = all.chars().fold((0, 0), |(l, v), c| match c as u32 {
            0xA1..=0xFF => (l + 1, v),
            0x0102 | 0x0103 | 0x0110 | 0x0111 | 0x01A0 | 0x01A1 | 0x01AF | 0x01B0 | 0x1EA0..=0x1EF9 => (l, v + 1),
            _ => (l, v),
        });
        for k in 0..17 {
            let text = format!("{}{all}", "x".repeat(k));
            assert_eq!(surface_counts(text.as_bytes()), want, "{k}");
        }
        // past the SETTLE_BLOCKS blocks the counters are added up after;
        // and a counter that meets a counted letter in each of those blocks
        let long = all.repeat(20);
        assert_eq!(surface_counts(long.as_bytes()), (want.0 * 20, want.1 * 20));
        let dense = "àx".repeat(16 * 300);
        assert_eq!(surface_counts(dense.as_bytes()), (16 * 300, 0));
    }

    fn auto(bytes: &[u8]) -> Decoded {
        decode(bytes.to_vec(), &DecodeOptions::default()).unwrap()
    }

    const SAMPLE: &str = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư; \
                          thực hiện Kết luận số 178-KL/TW của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành kế hoạch.";

    #[test]
    fn utf8_is_borrowed_through() {
        let d = auto(SAMPLE.as_bytes());
        assert_eq!((d.encoding, d.bom, d.is_identity()), (Encoding::Utf8, false, true));
        let d = auto(format!("\u{FEFF}{SAMPLE}").as_bytes());
        assert!(d.bom && d.is_identity());
        assert_eq!(d.confidence, 1.0);
    }

    #[test]
    fn syllables() {
        for w in [
            "nghị",
            "định",
            "người",
            "khoản",
            "quyết",
            "ủy",
            "uỷ",
            "hoà",
            "tháng",
            "trường",
            "khuya",
            "huỳnh",
            "xoong",
            "sáu",
            "tuổi",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in ["müller", "señor", "n§", "saú", "tuoỉ", "ngµy", "ñaûng", "thaùng", "tiến\u{301}"] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn tcvn3_and_vni_bytes_are_detected() {
        let lower = SAMPLE.replace('Ủ', "ủ");
        let t = legacy::encode_tcvn3(&lower).unwrap();
        let d = auto(&t);
        assert_eq!(d.encoding, Encoding::Tcvn3);
        assert_eq!(d.text, lower);
        assert!(d.confidence > 0.8, "{}", d.confidence);
        let v = legacy::encode_vni(SAMPLE).unwrap();
        let d = auto(&v);
        assert_eq!(d.encoding, Encoding::Vni);
        assert_eq!(d.text, SAMPLE);
        // spans map to the bytes of the code
        let at = d.text.find("30/2020").unwrap();
        let sp = d.to_source(Span::new(at, at + "30/2020/NĐ-CP".len()));
        assert_eq!(&v[sp.start..sp.end], b"30/2020/N\xd1-CP");
    }

    #[test]
    fn surface_forms_are_repaired() {
        let lower = SAMPLE.replace('Ủ', "ủ");
        let t = legacy::encode_tcvn3(&lower).unwrap();
        let surface: String = t.iter().map(|&b| legacy::cp1252(b)).collect();
        let d = auto(surface.as_bytes());
        assert_eq!(d.encoding, Encoding::Tcvn3Unicode);
        assert_eq!(d.text, lower);
        let at = d.text.find("NĐ-CP").unwrap();
        let sp = d.to_source(Span::new(at, at + "NĐ-CP".len()));
        assert_eq!(&surface[sp.start..sp.end], "N§-CP");

        let v = legacy::encode_vni(SAMPLE).unwrap();
        let surface: String = v.iter().map(|&b| legacy::cp1252(b)).collect();
        let d = auto(surface.as_bytes());
        assert_eq!(d.encoding, Encoding::VniUnicode);
        assert_eq!(d.text, SAMPLE);
    }

    #[test]
    fn mojibake_is_repaired() {
        let broken: String = SAMPLE.bytes().map(legacy::cp1252).collect();
        let d = auto(broken.as_bytes());
        assert_eq!(d.encoding, Encoding::Utf8Mojibake);
        assert_eq!(d.text, SAMPLE);
        // the undefined byte lost: "NÄ\u{FFFD}-CP"
        let lost = "Nghá»‹ Ä‘á»‹nh sá»‘ 30/2020/NÄ\u{FFFD}-CP ngÃ y 05 thÃ¡ng 3 nÄƒm 2020 cá»§a ChÃ\u{AD}nh phá»§ vá»\u{FFFD} \
                    Ä\u{FFFD}iá»\u{FFFD}u lá»‡ vÃ  BÃ\u{FFFD}O CÃ\u{FFFD}O há»\u{FFFD}c ngÆ°á»\u{FFFD}i";
        let d = auto(lost.as_bytes());
        assert_eq!(
            d.text,
            "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về Điều lệ và BÁO CÁO học người"
        );
    }

    #[test]
    fn foreign_latin1_text_is_left_alone() {
        let es = "El señor Müller llegó a la reunión del año pasado, según el informe; la niña sonrió. Über größe.";
        let d = auto(es.as_bytes());
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf8, es));
        // as Latin-1 bytes it is no Vietnamese encoding: an error, not garbage
        let bytes: Vec<u8> = es.chars().map(|c| c as u32 as u8).collect();
        let err = decode(bytes, &DecodeOptions::default()).unwrap_err();
        assert!(matches!(err, DecodeError::Undecodable { offset: 5 }), "{err:?}");
        // English with one stray Latin-1 byte is read, with low confidence
        let mut en = b"The Decree No. 30/2020/ND-CP of the Government on clerical work, copyright ".to_vec();
        en.extend([0xA9]);
        en.extend(b" 2020 and many more plain ASCII words to follow in this line of text here.".iter());
        let d = decode(en, &DecodeOptions::default()).unwrap();
        assert!(d.confidence < 0.5 && d.text.contains("30/2020/ND-CP"), "{d:?}");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for (enc, bom) in [(Encoding::Utf16Le, true), (Encoding::Utf16Be, true), (Encoding::Utf16Le, false)] {
            let mut bytes = Vec::new();
            if bom {
                bytes.extend(if enc == Encoding::Utf16Le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
            }
            for u in SAMPLE.encode_utf16() {
                bytes.extend(if enc == Encoding::Utf16Le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let d = auto(&bytes);
            assert_eq!((d.encoding, d.bom, d.text.as_str()), (enc, bom, SAMPLE));
            let at = d.text.find("Kết luận").unwrap();
            let sp = d.to_source(Span::new(at, at + "Kết".len()));
            assert_eq!(sp.end - sp.start, 6);
        }
    }

    #[test]
    fn binary_and_unsupported() {
        let err = |b: &[u8]| decode(b.to_vec(), &DecodeOptions::default()).unwrap_err();
        assert!(matches!(err(b"abc\0def"), DecodeError::Binary { .. }));
        assert!(matches!(err(b"%PDF-1.7 ..."), DecodeError::Unsupported { format: "PDF", .. }));
        assert!(matches!(err(b"\x89PNG\r\n"), DecodeError::Binary { .. }));
        let noise: Vec<u8> = (0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 0x80).collect();
        assert!(matches!(err(&noise), DecodeError::Undecodable { .. } | DecodeError::Binary { .. }));
    }

    #[test]
    fn forced_encodings() {
        let opts = |e| DecodeOptions { encoding: Some(e), format: None };
        let bad = decode(vec![b'a', 0xFF], &opts(Encoding::Utf8)).unwrap_err();
        assert!(matches!(bad, DecodeError::Invalid { offset: 1, .. }));
        let d = decode("Sè: 30".as_bytes().to_vec(), &opts(Encoding::Tcvn3)).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Tcvn3Unicode, "Số: 30"));
        let d = decode(b"So\xe1: 30".to_vec(), &opts(Encoding::Vni)).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Vni, "Số: 30"));
        // forcing UTF-8 keeps surface letters as they are
        let d = decode("Sè: 30 ngµy".as_bytes().to_vec(), &opts(Encoding::Utf8)).unwrap();
        assert_eq!(d.text, "Sè: 30 ngµy");
    }

    #[test]
    fn encoding_ids_round_trip() {
        for e in Encoding::ALL {
            assert_eq!(e.id().parse::<Encoding>().unwrap(), e);
            assert_eq!(serde_json::to_string(&e).unwrap(), format!("\"{}\"", e.id()));
        }
        assert!("latin9".parse::<Encoding>().is_err());
    }
}

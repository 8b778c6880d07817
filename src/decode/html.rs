//! HTML pages → their visible text, mapped back to the page's bytes.
//!
//! Tokenised with `html5gum` (a WHATWG tokenizer, with byte spans). Text
//! inside `script`, `style`, `head` and similar elements is dropped; block
//! elements and `<br>` become line breaks, table rows become lines of
//! `| cell | cell |` (the shape the header reader knows from markdown), and
//! runs of white space become one space. Character references are kept as
//! written: normalisation decodes them with its own offset map, so a span
//! still covers `&agrave;` in the page. A `.VnTime` or `VNI-` font named in
//! the page is returned as a hint for the legacy-encoding detector.

use super::legacy::Unit;
use super::{ByteMap, Encoding};
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&[u8]] = &[b"script", b"style", b"head", b"noscript", b"template", b"svg", b"iframe", b"object"];

/// Elements that start a new line.
const BLOCKS: &[&[u8]] = &[
    b"p",
    b"div",
    b"br",
    b"li",
    b"ul",
    b"ol",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"table",
    b"tr",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"main",
    b"nav",
    b"aside",
    b"blockquote",
    b"pre",
    b"hr",
    b"dl",
    b"dt",
    b"dd",
    b"address",
    b"figure",
    b"figcaption",
    b"form",
    b"center",
    b"title",
    b"body",
    b"caption",
    b"thead",
    b"tbody",
];

/// The page's text, its map to the page's bytes, and a font hint.
pub(crate) fn page_text(html: &str) -> (String, ByteMap, Option<Encoding>) {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut out = Builder::default();
    let mut hidden: Option<Vec<u8>> = None;
    let mut hint = None;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if hint.is_none() {
                    hint = tag.attributes.iter().find_map(|(k, v)| {
                        let k = k.to_ascii_lowercase();
                        if k == b"style" || k == b"face" { font_hint(&v.value) } else { None }
                    });
                }
                if hidden.is_some() {
                    continue;
                }
                if HIDDEN.contains(&name.as_slice()) {
                    if !tag.self_closing {
                        hidden = Some(name);
                    }
                    continue;
                }
                let (s, e) = (tag.span.start as u32, tag.span.end as u32);
                match name.as_slice() {
                    b"td" | b"th" => out.push_str("| ", s, e),
                    b"tr" => out.newline(s, e),
                    n if BLOCKS.contains(&n) => out.newline(s, e),
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if let Some(h) = &hidden {
                    if *h == name {
                        hidden = None;
                    }
                    continue;
                }
                let (s, e) = (tag.span.start as u32, tag.span.end as u32);
                match name.as_slice() {
                    b"td" | b"th" => out.push_str(" ", s, e),
                    b"tr" => {
                        out.push_str("|", s, e);
                        out.newline(s, e);
                    }
                    n if BLOCKS.contains(&n) => out.newline(s, e),
                    _ => {}
                }
            }
            Token::String(text) if hidden.is_none() => {
                if let Some(raw) = html.get(text.span.start..text.span.end) {
                    out.push_raw(raw, text.span.start as u32);
                }
            }
            _ => {}
        }
    }
    let (text, map) = super::assemble(&out.units, html.len());
    (text, map, hint)
}

/// What a `font-family` or `face` value says about the encoding.
fn font_hint(value: &[u8]) -> Option<Encoding> {
    let v = value.to_ascii_lowercase();
    let has = |needle: &[u8]| v.windows(needle.len()).any(|w| w == needle);
    if has(b".vn") {
        Some(Encoding::Tcvn3)
    } else if has(b"vni-") || has(b"vni ") {
        Some(Encoding::Vni)
    } else {
        None
    }
}

/// Output characters with their source ranges; collapses white space.
#[derive(Default)]
struct Builder {
    units: Vec<Unit>,
}

impl Builder {
    fn last(&self) -> Option<char> {
        self.units.last().map(|u| u.ch)
    }

    fn push(&mut self, ch: char, start: u32, end: u32) {
        self.units.push(Unit { ch, start, end });
    }

    /// Synthetic text (cell separators), mapped to the tag that made it.
    fn push_str(&mut self, s: &str, start: u32, end: u32) {
        for ch in s.chars() {
            if ch == ' ' && matches!(self.last(), None | Some(' ' | '\n')) {
                continue;
            }
            self.push(ch, start, end);
        }
    }

    /// A line break, unless the text is at a line start already.
    fn newline(&mut self, start: u32, end: u32) {
        while self.last() == Some(' ') {
            self.units.pop();
        }
        if !matches!(self.last(), None | Some('\n')) {
            self.push('\n', start, end);
        }
    }

    /// Page text as written (entities included); runs of white space
    /// become one space.
    fn push_raw(&mut self, raw: &str, base: u32) {
        for (i, ch) in raw.char_indices() {
            let (s, e) = (base + i as u32, base + (i + ch.len_utf8()) as u32);
            if ch.is_ascii_whitespace() {
                if matches!(self.last(), None | Some(' ' | '\n')) {
                    continue;
                }
                self.push(' ', s, e);
            } else {
                self.push(ch, s, e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn text(html: &str) -> String {
        page_text(html).0
    }

    #[test]
    fn visible_text_only() {
        let html = "<!DOCTYPE html><html><head><title>X</title><style>p{}</style><script>var a='<p>';</script></head>\
                    <body><h1>Kế hoạch</h1><p>Thực hiện <b>Kết luận số 178-KL/TW</b>,\n   ngày 17/7/2025</p>\
                    <table><tr><td>Số: 73-CV/TU</td><td>Phú Thọ</td></tr></table></body></html>";
        assert_eq!(
            text(html),
            "Kế hoạch\nThực hiện Kết luận số 178-KL/TW, ngày 17/7/2025\n| Số: 73-CV/TU | Phú Thọ |\n"
        );
    }

    #[test]
    fn spans_map_to_page_bytes() {
        let html = "<p>Căn cứ <i>Nghị định</i> số 30/2020/NĐ-CP ng&agrave;y 05/3/2020</p>";
        let (t, map, _) = page_text(html);
        let at = t.find("Nghị").unwrap();
        let end = t.find("CP").unwrap() + 2;
        let sp = map.map(Span::new(at, end), t.len());
        assert_eq!(&html[sp.start..sp.end], "Nghị định</i> số 30/2020/NĐ-CP");
        let at = t.find("ng&").unwrap();
        let sp = map.map(Span::new(at, at + "ng&agrave;y".len()), t.len());
        assert_eq!(&html[sp.start..sp.end], "ng&agrave;y");
    }

    #[test]
    fn font_names_hint_the_encoding() {
        let (_, _, hint) = page_text("<p style=\"font-family: '.VnTime'\">Sè 30</p>");
        assert_eq!(hint, Some(Encoding::Tcvn3));
        let (_, _, hint) = page_text("<font face=\"VNI-Times\">Soá 30</font>");
        assert_eq!(hint, Some(Encoding::Vni));
    }

    #[test]
    fn broken_markup_does_not_fail() {
        for html in ["<p", "<<>>", "</p></div>text", "<script>never closed", "<p a='x>b</p>", "&#xFFFFFFFF; &"] {
            let _ = page_text(html);
        }
        assert_eq!(text("</p></div>text"), "text");
    }
}

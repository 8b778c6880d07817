//! `.docx` files → the text of their main document part.
//!
//! A `.docx` is a zip archive; its text lives in `word/document.xml` as
//! runs (`<w:t>`) inside paragraphs (`<w:p>`). Paragraphs become lines,
//! `<w:tab/>` a tab, `<w:br/>` a line break, and table rows lines of
//! `| cell | cell |`. Citation spans of a `.docx` are offsets into this
//! extracted text (there are no file bytes to point into). A `.VnTime` or
//! `VNI-` font in the run properties is returned as a hint for the
//! legacy-encoding detector: old documents converted to `.docx` keep their
//! TCVN3 letters as Latin-1 symbols.

use super::{DecodeError, Encoding};
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};

/// Document parts larger than this are refused (a zip bomb guard).
const MAX_XML: u64 = 256 << 20;

/// The document's text and a font hint.
pub(crate) fn document_text(bytes: &[u8]) -> Result<(String, Option<Encoding>), DecodeError> {
    let err = |e: &dyn std::fmt::Display| DecodeError::Docx(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| err(&e))?;
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|_| DecodeError::Docx("no word/document.xml in the archive (not a Word document?)".into()))?;
    let mut xml = String::new();
    (&mut part).take(MAX_XML).read_to_string(&mut xml).map_err(|e| err(&e))?;
    if xml.len() as u64 >= MAX_XML {
        return Err(DecodeError::Docx(format!("word/document.xml is over {} MB", MAX_XML >> 20)));
    }
    text_of(&xml)
}

/// The text of a `word/document.xml`.
fn text_of(xml: &str) -> Result<(String, Option<Encoding>), DecodeError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut cell_depth = 0usize;
    let mut hint = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| DecodeError::Docx(format!("word/document.xml at byte {}: {e}", reader.buffer_position())))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tc" => {
                    cell_depth += 1;
                    out.push_str("| ");
                }
                "tr" => line(&mut out),
                "rFonts" => hint = hint.or_else(|| font_hint(&e)),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                "noBreakHyphen" => out.push('-'),
                "rFonts" => hint = hint.or_else(|| font_hint(&e)),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    if cell_depth > 0 {
                        if !out.ends_with([' ', '\n']) {
                            out.push(' ');
                        }
                    } else {
                        out.push('\n');
                    }
                }
                "tc" => {
                    cell_depth = cell_depth.saturating_sub(1);
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                "tr" => {
                    out.push_str("|\n");
                }
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&t.xml10_content()),
            Event::CData(t) if in_text => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                out.extend(ch);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, hint))
}

fn line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn font_hint(e: &BytesStart<'_>) -> Option<Encoding> {
    e.attributes().flatten().find_map(|a| {
        let v = a.value.to_ascii_lowercase();
        if v.contains(".vn") {
            Some(Encoding::Tcvn3)
        } else if v.contains("vni-") {
            Some(Encoding::Vni)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>TỈNH ỦY PHÚ THỌ</w:t></w:r></w:p><w:p><w:r><w:t>Số 73-CV/TU</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>ĐẢNG CỘNG SẢN VIỆT NAM</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t xml:space="preserve">Thực hiện Kết luận số </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>178-KL/TW</w:t></w:r><w:r><w:tab/><w:t>R&amp;D &#273;</w:t></w:r></w:p>
</w:body></w:document>"#;

    #[test]
    fn paragraphs_runs_and_tables() {
        let (text, hint) = text_of(XML).unwrap();
        assert_eq!(
            text,
            "| TỈNH ỦY PHÚ THỌ Số 73-CV/TU | ĐẢNG CỘNG SẢN VIỆT NAM |\nThực hiện Kết luận số 178-KL/TW\tR&D đ\n"
        );
        assert_eq!(hint, None);
    }

    #[test]
    fn vntime_fonts_hint_tcvn3() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t>Sè 30</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(text_of(xml).unwrap().1, Some(Encoding::Tcvn3));
    }

    #[test]
    fn broken_archives_are_errors() {
        assert!(matches!(document_text(b"PK\x03\x04garbage"), Err(DecodeError::Docx(_))));
        assert!(matches!(text_of("<a></b>"), Err(DecodeError::Docx(_))));
    }
}

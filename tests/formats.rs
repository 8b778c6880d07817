//! Encodings and formats: every file in `fixtures/encodings` is one of two
//! official documents stored another way (made by `make.py` there, with
//! glibc's iconv for TCVN3 and Windows-1258). vanban must detect how it is
//! stored, find the same citations as in the UTF-8 original, and map every
//! span back to the file.

use crate::common::root;
use vanban::decode::{DecodeOptions, Encoding, Format, decode};
use vanban::input::read_document;
use vanban::{Citation, Extractor};

/// What is compared between a variant and the original.
fn key(c: &Citation) -> String {
    format!("{:?} {:?} {:?} {:?} {:?}", c.form, c.code.as_ref().map(|k| &k.canonical), c.doc_type, c.date, c.number)
}

fn original(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("fixtures/docs").join(name)).unwrap();
    Extractor::new().analyze(&text).citations.iter().map(key).collect()
}

/// Decodes a slice of the source the way the whole file was decoded.
fn decode_slice(bytes: &[u8], enc: Encoding) -> String {
    decode(bytes.to_vec(), &DecodeOptions { encoding: Some(enc), format: Some(Format::Text) }).unwrap().text
}

#[test]
fn every_encoding_reads_as_the_original() {
    let cases = [
        ("165.utf-8-bom.txt", Encoding::Utf8),
        ("165.utf-16le.txt", Encoding::Utf16Le),
        ("165.utf-16be.txt", Encoding::Utf16Be),
        ("165.windows-1258.txt", Encoding::Windows1258),
        ("165.tcvn3.txt", Encoding::Tcvn3),
        ("165.vni.txt", Encoding::Vni),
        ("165.tcvn3-unicode.txt", Encoding::Tcvn3Unicode),
        ("165.vni-unicode.txt", Encoding::VniUnicode),
        ("165.mojibake.txt", Encoding::Utf8Mojibake),
    ];
    let expected = original("165.txt");
    assert!(expected.len() >= 10);
    let ex = Extractor::new();
    for (file, enc) in cases {
        let path = root().join("fixtures/encodings").join(file);
        let bytes = std::fs::read(&path).unwrap();
        let doc = read_document(&path).unwrap();
        assert_eq!(doc.decoded.encoding, enc, "{file}");
        assert!(doc.decoded.confidence >= 0.8, "{file}: confidence {}", doc.decoded.confidence);
        let a = doc.analyze(&ex);
        let got: Vec<String> = a.citations.iter().map(key).collect();
        assert_eq!(got, expected, "{file}: citations differ");
        // every span is a range of the file that decodes to the cited text
        for c in &a.citations {
            let raw = &bytes[c.span.start..c.span.end];
            assert_eq!(decode_slice(raw, enc), c.text, "{file}: span {:?}", c.span);
        }
    }
}

#[test]
#[cfg(feature = "html")]
fn html_pages_map_to_page_bytes() {
    let path = root().join("fixtures/encodings/269.html");
    let page = std::fs::read_to_string(&path).unwrap();
    let doc = read_document(&path).unwrap();
    assert_eq!((doc.decoded.format, doc.decoded.offsets()), (Format::Html, vanban::decode::Offsets::FileBytes));
    // scripts, styles, comments and the head are not text
    for decoy in ["99/2099", "1/2000/QĐ-TTg", "88/2088", "margin"] {
        assert!(!doc.text().contains(decoy), "{decoy}");
    }
    let a = doc.analyze(&Extractor::new());
    let got: Vec<String> = a.citations.iter().map(key).collect();
    assert_eq!(got, original("269.txt"));
    let tag = regex::Regex::new(r"<[^>]*>").unwrap();
    let space = regex::Regex::new(r"\s+").unwrap();
    for c in &a.citations {
        let raw = &page[c.span.start..c.span.end];
        let visible = space.replace_all(&tag.replace_all(raw, " "), " ").trim().to_string();
        assert_eq!(visible, space.replace_all(&c.text, " "), "span {:?}", c.span);
    }
}

#[test]
#[cfg(feature = "docx")]
fn docx_offsets_count_in_the_extracted_text() {
    let path = root().join("fixtures/encodings/269.docx");
    let doc = read_document(&path).unwrap();
    assert_eq!((doc.decoded.format, doc.decoded.offsets()), (Format::Docx, vanban::decode::Offsets::ExtractedText));
    let a = doc.analyze(&Extractor::new());
    let got: Vec<String> = a.citations.iter().map(key).collect();
    assert_eq!(got, original("269.txt"));
    for c in &a.citations {
        assert_eq!(&doc.text()[c.span.start..c.span.end], c.text);
    }
    // `vanban text` prints the text the offsets count in
    #[cfg(feature = "cli")]
    {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban")).arg("text").arg(&path).output().unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8(out.stdout).unwrap(), doc.text());
    }
}

#[test]
#[cfg(feature = "cli")]
fn the_json_says_how_each_file_was_read() {
    use std::process::Command;
    let dir = root().join("fixtures/encodings");
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("extract")
        .arg(dir.join("165.tcvn3.txt"))
        .arg(dir.join("165.vni-unicode.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let input = &v["documents"][0]["input"];
    assert_eq!(input["encoding"], "tcvn3");
    assert_eq!(input["format"], "text");
    assert_eq!(input["offsets"], "file-bytes");
    assert_eq!(v["documents"][1]["input"]["encoding"], "vni-unicode");
}

#[test]
#[cfg(feature = "cli")]
fn encoding_can_be_forced() {
    use std::process::Command;
    let file = root().join("fixtures/encodings/165.tcvn3.txt");
    let run = |enc: &str| {
        Command::new(env!("CARGO_BIN_EXE_vanban")).args(["extract", "--encoding", enc]).arg(&file).output().unwrap()
    };
    // TCVN3 bytes are not UTF-8: the file goes into `errors`, exit 1
    let out = run("utf-8");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let err = v["errors"][0]["error"].as_str().unwrap();
    assert!(err.contains("not valid utf-8"), "{err}");
    // forcing the right one reads it
    let out = run("tcvn3");
    assert!(out.status.success());
    // an unknown name is a usage error, exit 2
    assert_eq!(run("latin-9").status.code(), Some(2));
}

#[test]
#[cfg(feature = "cli")]
fn bad_files_in_a_folder_are_reported_with_reasons() {
    use std::path::Path;
    use std::process::Command;
    let dir = std::env::temp_dir().join(format!("vanban-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    write("good.txt", "Căn cứ Nghị định số 30/2020/NĐ-CP;".as_bytes());
    write("empty.txt", b"");
    write("scan.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj");
    write("old.txt", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0");
    write("noise.txt", &(0..3000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect::<Vec<_>>());
    write("fake.docx", b"PK\x03\x04 this is not a zip archive");
    let out = Command::new(env!("CARGO_BIN_EXE_vanban")).arg("extract").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs: Vec<&str> = v["documents"].as_array().unwrap().iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert!(docs.iter().any(|d| d.ends_with("good.txt")) && docs.iter().any(|d| d.ends_with("empty.txt")));
    let errors: Vec<(String, String)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = e["source"].as_str().unwrap();
            let name = Path::new(s).file_name().unwrap().to_str().unwrap().to_string();
            (name, e["error"].as_str().unwrap().to_string())
        })
        .collect();
    let reason = |name: &str| errors.iter().find(|(n, _)| n == name).map(|(_, e)| e.clone()).unwrap_or_default();
    assert!(reason("scan.txt").contains("PDF") && reason("scan.txt").contains("pdftotext"), "{errors:?}");
    assert!(reason("old.txt").contains(".doc"), "{errors:?}");
    assert!(reason("noise.txt").contains("binary") || reason("noise.txt").contains("not valid UTF-8"), "{errors:?}");
    assert!(reason("fake.docx").contains("docx"), "{errors:?}");
    assert_eq!(errors.len(), 4, "{errors:?}");
    std::fs::remove_dir_all(&dir).ok();
}

//! Fuzzes the decoder (`vanban::decode::decode`: encodings, HTML, `.docx`)
//! with arbitrary bytes, then the extractor on what it decodes, and checks
//! that legacy encoders and decoders round-trip.
//!
//! ```text
//! cd fuzz && cargo +nightly fuzz run decode
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use vanban::decode::{DecodeOptions, Encoding, Format, Offsets, decode, legacy};

static EXTRACTOR: LazyLock<vanban::Extractor> = LazyLock::new(vanban::Extractor::new);

fuzz_target!(|data: &[u8]| {
    // the first byte picks the options, the rest is the file
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let encoding = match pick & 0x0F {
        n @ 0..=8 => Some(Encoding::ALL[n as usize]),
        _ => None,
    };
    let format = match pick >> 4 {
        0 => Some(Format::Text),
        1 => Some(Format::Html),
        2 => Some(Format::Docx),
        _ => None,
    };
    let opts = DecodeOptions { encoding, format };
    if let Ok(d) = decode(bytes.to_vec(), &opts) {
        let a = EXTRACTOR.analyze(&d.text);
        let limit = if d.offsets() == Offsets::FileBytes { bytes.len() } else { d.text.len() };
        for c in &a.citations {
            let s = d.to_source(c.span);
            assert!(s.start <= s.end && s.end <= limit, "{s:?} outside 0..{limit}");
            if d.offsets() == Offsets::ExtractedText || d.is_identity() {
                assert!(d.text.is_char_boundary(s.start) && d.text.is_char_boundary(s.end));
            }
        }
        let whole = d.to_source(vanban::Span::new(0, d.text.len()));
        assert!(whole.end <= limit);
    }

    // round trips: what the encoders write, the decoders read back
    if let Ok(s) = std::str::from_utf8(bytes) {
        let nfc: String = s.nfc().collect();
        if let Some(b) = legacy::encode_vni(s) {
            assert_eq!(legacy::decode_bytes(&b, Encoding::Vni), nfc, "VNI round trip");
        }
        if let Some(b) = legacy::encode_tcvn3(s) {
            let back: String = legacy::decode_bytes(&b, Encoding::Tcvn3).nfc().collect();
            assert_eq!(back, nfc, "TCVN3 round trip");
        }
    }
});

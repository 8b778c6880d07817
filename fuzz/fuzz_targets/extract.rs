//! Fuzzes `vanban::extract`, `Extractor::analyze` (identity, resolution,
//! HTML annotation) and `vanban::normalize` with arbitrary UTF-8.
//!
//! ```text
//! cd fuzz && cargo +nightly fuzz run extract
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use vanban::Span;

static EXTRACTOR: LazyLock<vanban::Extractor> = LazyLock::new(vanban::Extractor::new);

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };

    let mut prev_start = 0;
    for c in vanban::extract(s) {
        let Span { start, end } = c.span;
        assert!(start <= end, "reversed span {start}..{end}");
        assert!(end <= s.len(), "span {start}..{end} past the end {}", s.len());
        assert!(s.is_char_boundary(start) && s.is_char_boundary(end), "span {start}..{end} off a char boundary");
        assert_eq!(&s[start..end], c.text, "span {start}..{end} does not slice to the text");
        assert!(start >= prev_start, "citation at {start} after one at {prev_start}");
        prev_start = start;
    }

    // identity, resolution and annotation: spans of the document's own
    // number and of anaphora stay in bounds, targets match citations
    let a = EXTRACTOR.analyze(s);
    assert_eq!(a.citations.len(), a.targets.len());
    for sp in a.self_mentions.iter().chain(a.references.iter().map(|r| &r.span)) {
        assert!(sp.end <= s.len() && s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end), "{sp:?}");
    }
    for l in &a.links {
        assert!(l.from < a.citations.len() && l.to < a.citations.len());
    }
    let html = vanban::annotate::to_html("fuzz", s, &a, None);
    assert!(html.ends_with("</html>\n"));

    let n = vanban::normalize(s);
    let whole = n.to_original(Span::new(0, n.as_str().len()));
    assert!(whole.start <= whole.end && whole.end <= s.len(), "normalised range maps to {whole:?}");
    assert!(s.is_char_boundary(whole.start) && s.is_char_boundary(whole.end), "{whole:?} off a char boundary");
});

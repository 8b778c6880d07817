//! Character classes and byte searches on the hot path.
//!
//! `char::is_alphabetic` answers ASCII at once but looks every other
//! character up in a general Unicode table, and Vietnamese text is made of
//! such characters (and so are `char::is_uppercase` and
//! `char::is_lowercase`): the precomposed letters of Latin-1, Latin Extended-A/B
//! and Latin Extended Additional. These helpers answer those blocks by
//! range first and ask the table only for the rest, with the same results
//! as the standard methods for every character.

use regex::Regex;
use std::sync::LazyLock;

/// Whether `c` is alphabetic; the same answer as [`char::is_alphabetic`].
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        // Latin-1 letters (but × and ÷), Latin Extended-A and -B
        '\u{C0}'..='\u{24F}' => !matches!(c, '\u{D7}' | '\u{F7}'),
        // Latin Extended Additional: the Vietnamese precomposed letters
        '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is alphanumeric; the same answer as [`char::is_alphanumeric`].
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    // `is_numeric` answers ASCII at once; letters never reach it
    is_alphabetic(c) || c.is_numeric()
}

/// Whether `c` is upper case; the same answer as [`char::is_uppercase`].
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    match c {
        'A'..='Z' => true,
        '\0'..='\u{BF}' => false,
        // Latin-1: À–Þ but ×
        '\u{C0}'..='\u{DE}' => c != '\u{D7}',
        '\u{DF}'..='\u{FF}' => false,
        // the pairs of Latin Extended-A up to ı, and Vietnamese's ơ and ư
        '\u{100}'..='\u{12F}' | '\u{1A0}' | '\u{1A1}' => u32::from(c) % 2 == 0,
        '\u{1AF}' => true,
        '\u{1B0}' => false,
        // Latin Extended Additional: pairs, but ẖ–ẝ and ẟ (lower) and ẞ
        '\u{1E00}'..='\u{1E95}' | '\u{1EA0}'..='\u{1EFF}' => u32::from(c) % 2 == 0,
        _ => c.is_uppercase(),
    }
}

/// Whether `c` is lower case; the same answer as [`char::is_lowercase`].
#[inline]
pub(crate) fn is_lowercase(c: char) -> bool {
    match c {
        'a'..='z' => true,
        '\0'..='\u{7F}' => false,
        '\u{C0}'..='\u{DE}' => false,
        '\u{DF}'..='\u{FF}' => c != '\u{F7}',
        '\u{100}'..='\u{12F}' | '\u{1A0}' | '\u{1A1}' => u32::from(c) % 2 == 1,
        '\u{1AF}' => false,
        '\u{1B0}' => true,
        '\u{1E00}'..='\u{1E95}' | '\u{1EA0}'..='\u{1EFF}' => u32::from(c) % 2 == 1,
        _ => c.is_lowercase(),
    }
}

/// Appends `c` in lower case to `out`: the same characters as
/// [`char::to_lowercase`], with ASCII and the Vietnamese letters' blocks
/// answered by range instead of a table search.
#[inline]
pub(crate) fn push_lower(out: &mut String, c: char) {
    match lower_by_range(c) {
        Some(l) => out.push(l),
        None => out.extend(c.to_lowercase()),
    }
}

/// `c` in lower case when it is ASCII or in the Vietnamese letters' blocks
/// (one character, as [`char::to_lowercase`] gives), told by range; `None`
/// for the rest.
#[inline]
pub(crate) fn lower_by_range(c: char) -> Option<char> {
    Some(match c {
        'A'..='Z' => char::from(c as u8 + 32),
        '\0'..='\u{BF}' => c,
        // Latin-1: À–Þ but × map 0x20 up
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        '\u{DF}'..='\u{FF}' => c,
        // pairs, upper case at the even code point
        '\u{100}'..='\u{12F}' | '\u{1A0}' | '\u{1A1}' | '\u{1E00}'..='\u{1E95}' | '\u{1EA0}'..='\u{1EFF}' => {
            char::from_u32(u32::from(c) | 1).unwrap_or(c)
        }
        '\u{1AF}' => '\u{1B0}',
        '\u{1B0}' => c,
        _ => return None,
    })
}

/// `s` in lower case, character by character (as
/// `s.chars().flat_map(char::to_lowercase)`, without the final-sigma rule
/// of [`str::to_lowercase`]): borrowed when `s` is lower case already, as
/// most words of running text are, and written into a buffer on the stack
/// when it is short (a capitalised word), so that testing a word allocates
/// nothing.
pub(crate) fn lower(s: &str) -> Lowered<'_> {
    // the first character that lower-casing changes, if any
    let changed = s.char_indices().find(|&(_, c)| match lower_by_range(c) {
        Some(l) => l != c,
        None => c.to_lowercase().ne(std::iter::once(c)),
    });
    let Some((at, _)) = changed else { return Lowered::Borrowed(s) };
    let mut buf = [0u8; INLINE];
    let mut len = 0;
    let mut fits = |c: char| {
        let n = c.len_utf8();
        let room = buf.get_mut(len..len + n).is_some_and(|slot| {
            c.encode_utf8(slot);
            true
        });
        len += n;
        room
    };
    let inline = s[..at].chars().all(&mut fits)
        && s[at..].chars().all(|c| match lower_by_range(c) {
            Some(l) => fits(l),
            None => c.to_lowercase().all(&mut fits),
        });
    if inline {
        return Lowered::Inline { buf, len: len as u8 };
    }
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..at]);
    s[at..].chars().for_each(|c| push_lower(&mut out, c));
    Lowered::Owned(out)
}

/// The most bytes a lower-cased word keeps on the stack ([`Lowered`]).
const INLINE: usize = 40;

/// A word in lower case ([`lower`]): the word itself when it was lower case,
/// a short word on the stack, or a longer one on the heap.
#[derive(Clone)]
pub(crate) enum Lowered<'a> {
    /// The word as given.
    Borrowed(&'a str),
    /// The first `len` bytes of `buf`.
    Inline {
        /// UTF-8 bytes, written from characters.
        buf: [u8; INLINE],
        /// How many are used.
        len: u8,
    },
    /// A word longer than [`INLINE`] bytes.
    Owned(String),
}

impl Lowered<'_> {
    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Lowered::Borrowed(s) => s,
            // the bytes were written from whole characters
            Lowered::Inline { buf, len } => std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or_default(),
            Lowered::Owned(s) => s,
        }
    }

    /// The text as a `String`.
    pub(crate) fn into_owned(self) -> String {
        match self {
            Lowered::Owned(s) => s,
            other => other.as_str().to_string(),
        }
    }
}

impl std::ops::Deref for Lowered<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Lowered<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lowered<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Lowered<'_> {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Debug for Lowered<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Whether `c` is a word character as the regex engine's Unicode `\w`
/// (and so `\b`) sees it.
pub(crate) fn is_regex_word(c: char) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").unwrap());
    c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && in_class(&WORD, c))
}

/// Whether `c` is in `\p{L}` or `\p{N}`, as the regex engine reads them.
pub(crate) fn is_regex_letter_or_number(c: char) -> bool {
    static LN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\p{L}\p{N}]$").unwrap());
    c.is_ascii_alphanumeric() || (!c.is_ascii() && in_class(&LN, c))
}

/// Whether `c` is in `\p{Lu}` (the general category, not the wider
/// Uppercase property of [`char::is_uppercase`]), as the regex engine
/// reads it.
pub(crate) fn is_regex_upper(c: char) -> bool {
    static LU: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Lu}$").unwrap());
    match c {
        // these blocks hold no character of Other_Uppercase (which the
        // property adds to the category): the answers agree there
        '\0'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => is_uppercase(c),
        _ => in_class(&LU, c),
    }
}

/// Whether `c` is in `\p{Ll}` (the general category, not the wider
/// Lowercase property of [`char::is_lowercase`]), as the regex engine
/// reads it.
pub(crate) fn is_regex_lower(c: char) -> bool {
    static LL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Ll}$").unwrap());
    match c {
        // ª and º are Other_Lowercase letters, not Ll; no other character
        // of these blocks is
        '\u{AA}' | '\u{BA}' => false,
        '\0'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => is_lowercase(c),
        _ => in_class(&LL, c),
    }
}

/// Whether `c` alone matches `class`, a one-character pattern: for the
/// few tests that must agree with a pattern's class exactly.
fn in_class(class: &Regex, c: char) -> bool {
    class.is_match(c.encode_utf8(&mut [0; 4]))
}

/// `s` without white space and the ASCII marks (`mark`) at its ends (as
/// `s.trim_matches`). Most lines start with a letter, digit or sign and end
/// with one, perhaps before a line break: a byte at each end tells, before
/// the trim reads characters.
#[inline]
pub(crate) fn trim_marked(s: &str, mark: impl Fn(u8) -> bool + Copy) -> &str {
    let kept = |c: u8| c.is_ascii_graphic() && !mark(c);
    let b = s.as_bytes();
    let body = b.strip_suffix(b"\n").unwrap_or(b);
    match (b.first(), body.last()) {
        // a first byte C3–DF starts a letter of U+00C0–U+07FF: no space
        (Some(&f), Some(&l)) if (kept(f) || (0xC3..=0xDF).contains(&f)) && kept(l) => &s[..body.len()],
        _ => s.trim_matches(|c: char| c.is_whitespace() || (c.is_ascii() && mark(c as u8))),
    }
}

/// Masks of sixteen bytes: bit `k` set when byte `k` of the block is of a
/// kind. The compare and the move of each byte's top bit into a mask are
/// one instruction each in SSE2 (every x86-64 processor has it), which the
/// compiler does not make from a loop over the bytes; elsewhere the loop.
pub(crate) mod masks {
    /// The bytes of `block` equal to `x`.
    #[inline]
    pub(crate) fn eq(block: &[u8; 16], x: u8) -> u32 {
        imp::eq(block, x)
    }

    /// The bytes of `block` in `lo..=hi` (`lo <= hi`).
    #[inline]
    pub(crate) fn within(block: &[u8; 16], lo: u8, hi: u8) -> u32 {
        debug_assert!(lo <= hi);
        imp::within(block, lo, hi)
    }

    /// The bytes of `block` that are `\n`.
    #[inline]
    pub(crate) fn line_breaks(block: &[u8; 16]) -> u32 {
        eq(block, b'\n')
    }

    /// [`line_breaks`] of sixty-four bytes.
    #[inline]
    pub(crate) fn line_breaks_64(block: &[u8; 64]) -> u64 {
        of_64(block, line_breaks)
    }

    /// The bytes of `block` that are ASCII digits.
    #[inline]
    pub(crate) fn digits(block: &[u8; 16]) -> u32 {
        within(block, b'0', b'9')
    }

    /// [`digits`] of sixty-four bytes.
    #[inline]
    pub(crate) fn digits_64(block: &[u8; 64]) -> u64 {
        of_64(block, digits)
    }

    /// A mask of sixteen bytes, four times over.
    #[inline]
    fn of_64(block: &[u8; 64], mask: impl Fn(&[u8; 16]) -> u32) -> u64 {
        let part = |k: usize| u64::from(mask(block[16 * k..16 * k + 16].try_into().unwrap_or(&[0; 16])));
        part(0) | part(1) << 16 | part(2) << 32 | part(3) << 48
    }

    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    mod imp {
        use safe_arch::{
            cmp_eq_mask_i8_m128i, m128i, min_u8_m128i, move_mask_i8_m128i, set_splat_i8_m128i, sub_i8_m128i,
        };

        #[inline]
        pub(super) fn eq(block: &[u8; 16], x: u8) -> u32 {
            let v = m128i::from(*block);
            move_mask_i8_m128i(cmp_eq_mask_i8_m128i(v, set_splat_i8_m128i(x as i8))) as u32
        }

        #[inline]
        pub(super) fn within(block: &[u8; 16], lo: u8, hi: u8) -> u32 {
            // `b - lo`, wrapping, is at most `hi - lo` just for the bytes within
            let d = sub_i8_m128i(m128i::from(*block), set_splat_i8_m128i(lo as i8));
            let top = set_splat_i8_m128i(hi.wrapping_sub(lo) as i8);
            move_mask_i8_m128i(cmp_eq_mask_i8_m128i(min_u8_m128i(d, top), d)) as u32
        }
    }

    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    mod imp {
        pub(super) use super::scalar::{eq, within};
    }

    /// The same masks, a byte at a time (the other targets' code, and the
    /// reference the tests hold the vector code to).
    #[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
    pub(crate) mod scalar {
        fn mask(block: &[u8; 16], hit: impl Fn(u8) -> bool) -> u32 {
            block.iter().enumerate().fold(0, |m, (k, &c)| m | (u32::from(hit(c)) << k))
        }

        pub(crate) fn eq(block: &[u8; 16], x: u8) -> u32 {
            mask(block, |c| c == x)
        }

        pub(crate) fn within(block: &[u8; 16], lo: u8, hi: u8) -> u32 {
            mask(block, |c| (lo..=hi).contains(&c))
        }
    }
}

/// The lines of `t`, each with its `\n`: the same pieces as
/// `t.split_inclusive('\n')`. The line breaks of each 64-byte block are
/// found at once, as the bits of a mask ([`masks::line_breaks_64`]), and
/// each line is then a bit taken off it: lines are some sixty bytes long,
/// and a search call per line (`memchr`) cost more in setting up than in
/// searching.
pub(crate) fn lines(t: &str) -> Lines<'_> {
    Lines { t, from: 0, block: 0, mask: 0 }
}

/// The iterator of [`lines`].
pub(crate) struct Lines<'t> {
    t: &'t str,
    /// Where the next line starts.
    from: usize,
    /// Where the block after the one in `mask` starts.
    block: usize,
    /// The line breaks not yet taken of the block before `block`, bit `k`
    /// for byte `block - 64 + k`.
    mask: u64,
}

impl<'t> Iterator for Lines<'t> {
    type Item = &'t str;

    #[inline]
    fn next(&mut self) -> Option<&'t str> {
        let b = self.t.as_bytes();
        if self.from >= b.len() {
            return None;
        }
        while self.mask == 0 {
            match b.get(self.block..self.block + 64).and_then(|s| <&[u8; 64]>::try_from(s).ok()) {
                Some(block) => {
                    self.mask = masks::line_breaks_64(block);
                    self.block += 64;
                }
                None => {
                    // the last bytes, fewer than a block
                    let tail = b.get(self.block..).unwrap_or_default();
                    let end = tail.iter().position(|&c| c == b'\n').map_or(b.len(), |k| self.block + k + 1);
                    let line = self.t.get(self.from..end)?;
                    self.from = end;
                    self.block = end;
                    return Some(line);
                }
            }
        }
        let end = self.block - 64 + self.mask.trailing_zeros() as usize + 1;
        self.mask &= self.mask - 1;
        let line = self.t.get(self.from..end)?;
        self.from = end;
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    /// Every character of the planes text can use gets the standard answer.
    #[test]
    fn same_as_std() {
        for c in (0..=0x3FFFFu32).filter_map(char::from_u32) {
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(super::is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(super::is_lowercase(c), c.is_lowercase(), "{c:?}");
            let mut lower = String::new();
            super::push_lower(&mut lower, c);
            assert_eq!(lower, c.to_lowercase().collect::<String>(), "{c:?}");
            // alone and after a letter lower-casing keeps, which the
            // borrowed short cut copies as it is
            for s in [c.to_string(), format!("ư{c}")] {
                let want: String = s.chars().flat_map(char::to_lowercase).collect();
                let got = super::lower(&s);
                assert_eq!(got, want, "{c:?}");
                assert_eq!(matches!(got, super::Lowered::Borrowed(_)), want == s, "{c:?}");
                assert_eq!(matches!(got, super::Lowered::Owned(_)), want != s && want.len() > super::INLINE, "{c:?}");
            }
        }
    }

    /// Lower-casing borrows exactly the words it leaves as they are, and
    /// gives the standard answer for every word of the committed documents.
    #[test]
    fn lower_words() {
        // capitals around the stack buffer's size, and capitals whose
        // lower case is shorter (the Kelvin sign) or longer (`İ`)
        let made: Vec<String> = [("Đ", 19), ("Đ", 20), ("Đ", 21), ("aĐ", 14), ("\u{212A}", 20), ("İ", 13), ("İ", 14)]
            .iter()
            .map(|(s, n)| s.repeat(*n))
            .collect();
        for t in crate::fixtures::doc_texts().into_iter().chain([made.join(" ")]) {
            for w in t.split_whitespace() {
                let want: String = w.chars().flat_map(char::to_lowercase).collect();
                let got = super::lower(w);
                assert_eq!(got, want, "{w:?}");
                assert_eq!(matches!(got, super::Lowered::Borrowed(_)), want == w, "{w:?}");
                assert_eq!(matches!(got, super::Lowered::Owned(_)), want != w && want.len() > super::INLINE, "{w:?}");
            }
        }
    }

    /// The ASCII short cuts of the regex classes answer as the patterns.
    #[test]
    fn regex_classes_ascii() {
        let word = regex::Regex::new(r"^\w$").unwrap();
        let letter_or_number = regex::Regex::new(r"^[\p{L}\p{N}]$").unwrap();
        for c in ('\0'..='\u{7F}').chain(['ư', 'Đ', '\u{0301}', '٣', '²', '—']) {
            assert_eq!(super::is_regex_word(c), super::in_class(&word, c), "{c:?}");
            assert_eq!(super::is_regex_letter_or_number(c), super::in_class(&letter_or_number, c), "{c:?}");
        }
    }

    /// The case classes answer as the patterns `\p{Lu}` and `\p{Ll}` for
    /// every character of the blocks they answer by range, and for a few
    /// beyond (where the Uppercase and Lowercase properties are wider).
    #[test]
    fn regex_case_classes() {
        let upper = regex::Regex::new(r"^\p{Lu}$").unwrap();
        let lower = regex::Regex::new(r"^\p{Ll}$").unwrap();
        let beyond = ['Ⅰ', 'ⅰ', 'Ⓐ', 'ⓐ', 'ʰ', 'Σ', 'ς', 'Д', 'ǅ', 'ß', '\u{2C7C}'];
        for c in ('\0'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}').chain(beyond) {
            assert_eq!(super::is_regex_upper(c), super::in_class(&upper, c), "{c:?}");
            assert_eq!(super::is_regex_lower(c), super::in_class(&lower, c), "{c:?}");
        }
    }

    /// Lines agree with the standard library's.
    #[test]
    fn lines_as_split_inclusive() {
        let long = "a".repeat(40) + "\n" + &"b".repeat(17) + "\n\n" + &"ư".repeat(20);
        // line breaks at every place of a block and the next, and runs of them
        let mut made: Vec<String> = (0..200).map(|k| "x".repeat(k) + "\n" + &"y".repeat(200 - k)).collect();
        made.extend((0..200).map(|k| "\n".repeat(k) + "ư"));
        made.extend((0..100).map(|k| "ạ".repeat(k) + "\n\n"));
        let docs = crate::fixtures::doc_texts();
        let fixed = ["", "\n", "a", "a\n", "a\nb", "\n\nx\n", "dòng một\ndòng hai\n", long.as_str()];
        for t in fixed.into_iter().chain(made.iter().map(String::as_str)).chain(docs.iter().map(String::as_str)) {
            assert_eq!(super::lines(t).collect::<Vec<_>>(), t.split_inclusive('\n').collect::<Vec<_>>(), "{t:?}");
        }
    }

    /// The vector masks are the byte loop's, for every byte in every place
    /// and every bound.
    #[test]
    fn masks_match_the_byte_loop() {
        use super::masks::{eq, scalar, within};
        let bounds = [(0, 0), (0, 255), (b'0', b'9'), (0x80, 0xBF), (0x09, 0x0D), (255, 255)];
        let check = |block: &[u8; 16]| {
            for x in [0, b'\n', b' ', 0x9A, 0xE1, 255] {
                assert_eq!(eq(block, x), scalar::eq(block, x), "{block:?} {x}");
            }
            for (lo, hi) in bounds {
                assert_eq!(within(block, lo, hi), scalar::within(block, lo, hi), "{block:?} {lo} {hi}");
            }
        };
        for b in 0..=255u8 {
            for k in 0..16 {
                let mut block = [b'a'; 16];
                block[k] = b;
                block[(k + 7) % 16] = b.wrapping_add(1);
                check(&block);
                for (lo, hi) in [(b, b), (b, b.saturating_add(3)), (b.saturating_sub(2), b)] {
                    assert_eq!(within(&block, lo, hi), scalar::within(&block, lo, hi), "{block:?} {lo} {hi}");
                }
            }
        }
        for t in &crate::fixtures::doc_texts() {
            for block in t.as_bytes().chunks_exact(16) {
                check(block.try_into().unwrap());
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..proptest::prelude::ProptestConfig::with_cases(1024) })]
        /// On random text with line breaks anywhere.
        #[test]
        fn lines_on_random_text(t in "[a\nư\r ]{0,300}") {
            proptest::prop_assert_eq!(super::lines(&t).collect::<Vec<_>>(), t.split_inclusive('\n').collect::<Vec<_>>());
        }
    }
}

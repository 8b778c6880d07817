//! The 8-bit Vietnamese encodings of older archives: TCVN3 (ABC, `.VnTime`
//! fonts), VNI (`VNI-Times` fonts) and Windows-1258, as raw bytes and as the
//! "surface" text they become when pasted into a Unicode editor
//! (`Sè: 30/2020/N§-CP`, `Soá: 30/2020/NÑ-CP`).
//!
//! Decoders work on *units*: a raw byte, or a character of surface text
//! (TCVN3 and VNI bytes 0xA0–0xFF show up as U+00A0–U+00FF there). Each
//! output character remembers the source range of the units it came from,
//! so a VNI letter written as two units (`o` + `á` = `ố`) maps back to both.
//! Tables are facts of the encodings (TCVN 5712:1993 as shipped in glibc's
//! `TCVN5712-1` for 0xA1–0xFF; the VNI-Windows letter layout); 0x80–0x9F
//! are Windows-1252 punctuation, as Windows fonts draw them.

use unicode_normalization::UnicodeNormalization;

/// TCVN3 bytes 0xA1..=0xFF. 0xAD is `ư` (not a soft hyphen) and 0xD0 is
/// `é` (not `Đ`), the two classic traps; 0xB0–0xB4 are combining tone marks.
const TCVN3_HIGH: [char; 95] = [
    '\u{0102}', '\u{00C2}', '\u{00CA}', '\u{00D4}', '\u{01A0}', '\u{01AF}', '\u{0110}', '\u{0103}', '\u{00E2}',
    '\u{00EA}', '\u{00F4}', '\u{01A1}', '\u{01B0}', '\u{0111}', '\u{1EB0}', '\u{0300}', '\u{0309}', '\u{0303}',
    '\u{0301}', '\u{0323}', '\u{00E0}', '\u{1EA3}', '\u{00E3}', '\u{00E1}', '\u{1EA1}', '\u{1EB2}', '\u{1EB1}',
    '\u{1EB3}', '\u{1EB5}', '\u{1EAF}', '\u{1EB4}', '\u{1EAE}', '\u{1EA6}', '\u{1EA8}', '\u{1EAA}', '\u{1EA4}',
    '\u{1EC0}', '\u{1EB7}', '\u{1EA7}', '\u{1EA9}', '\u{1EAB}', '\u{1EA5}', '\u{1EAD}', '\u{00E8}', '\u{1EC2}',
    '\u{1EBB}', '\u{1EBD}', '\u{00E9}', '\u{1EB9}', '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EBF}', '\u{1EC7}',
    '\u{00EC}', '\u{1EC9}', '\u{1EC4}', '\u{1EBE}', '\u{1ED2}', '\u{0129}', '\u{00ED}', '\u{1ECB}', '\u{00F2}',
    '\u{1ED4}', '\u{1ECF}', '\u{00F5}', '\u{00F3}', '\u{1ECD}', '\u{1ED3}', '\u{1ED5}', '\u{1ED7}', '\u{1ED1}',
    '\u{1ED9}', '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{1EDB}', '\u{1EE3}', '\u{00F9}', '\u{1ED6}', '\u{1EE7}',
    '\u{0169}', '\u{00FA}', '\u{1EE5}', '\u{1EEB}', '\u{1EED}', '\u{1EEF}', '\u{1EE9}', '\u{1EF1}', '\u{1EF3}',
    '\u{1EF7}', '\u{1EF9}', '\u{00FD}', '\u{1EF5}', '\u{1ED0}',
];

/// Windows-1252 bytes 0x80..=0x9F; bytes it leaves undefined keep their C1
/// control code point, as web browsers do.
const CP1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Windows-1258 bytes 0xC0..=0xFF (0x80–0xBF are Windows-1252's, less four
/// letters 1258 does not define). Tones at 0xCC, 0xD2, 0xDE, 0xEC and 0xF2
/// are combining marks, composed later by normalisation.
const CP1258_HIGH: [char; 64] = [
    '\u{00C0}', '\u{00C1}', '\u{00C2}', '\u{0102}', '\u{00C4}', '\u{00C5}', '\u{00C6}', '\u{00C7}', '\u{00C8}',
    '\u{00C9}', '\u{00CA}', '\u{00CB}', '\u{0300}', '\u{00CD}', '\u{00CE}', '\u{00CF}', '\u{0110}', '\u{00D1}',
    '\u{0309}', '\u{00D3}', '\u{00D4}', '\u{01A0}', '\u{00D6}', '\u{00D7}', '\u{00D8}', '\u{00D9}', '\u{00DA}',
    '\u{00DB}', '\u{00DC}', '\u{01AF}', '\u{0303}', '\u{00DF}', '\u{00E0}', '\u{00E1}', '\u{00E2}', '\u{0103}',
    '\u{00E4}', '\u{00E5}', '\u{00E6}', '\u{00E7}', '\u{00E8}', '\u{00E9}', '\u{00EA}', '\u{00EB}', '\u{0301}',
    '\u{00ED}', '\u{00EE}', '\u{00EF}', '\u{0111}', '\u{00F1}', '\u{0323}', '\u{00F3}', '\u{00F4}', '\u{01A1}',
    '\u{00F6}', '\u{00F7}', '\u{00F8}', '\u{00F9}', '\u{00FA}', '\u{00FB}', '\u{00FC}', '\u{01B0}', '\u{20AB}',
    '\u{00FF}',
];

/// One decoded character and the source byte range it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub ch: char,
    pub start: u32,
    pub end: u32,
}

/// A raw byte as the character a Windows-1252 reader shows for it.
pub(crate) fn cp1252(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_C1[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Raw bytes as units (Windows-1252 view), ready for a legacy decoder.
pub(crate) fn byte_units(bytes: &[u8]) -> Vec<Unit> {
    bytes.iter().enumerate().map(|(i, &b)| Unit { ch: cp1252(b), start: i as u32, end: i as u32 + 1 }).collect()
}

/// Characters of a text as units with their byte ranges.
pub(crate) fn char_units(text: &str) -> Vec<Unit> {
    text.char_indices().map(|(i, c)| Unit { ch: c, start: i as u32, end: (i + c.len_utf8()) as u32 }).collect()
}

/// The TCVN3 letter a unit stands for (units outside 0xA1–0xFF pass through).
pub(crate) fn tcvn3_char(c: char) -> char {
    match c as u32 {
        0xA1..=0xFF => TCVN3_HIGH[(c as u32 - 0xA1) as usize],
        _ => c,
    }
}

/// Decodes TCVN3 units.
pub(crate) fn decode_tcvn3(units: Vec<Unit>) -> Vec<Unit> {
    units.into_iter().map(|u| Unit { ch: tcvn3_char(u.ch), ..u }).collect()
}

/// Decodes Windows-1258 raw bytes.
pub(crate) fn decode_cp1258(bytes: &[u8]) -> Vec<Unit> {
    bytes
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let ch = match b {
                0x8A | 0x8E | 0x9A | 0x9E => b as char,
                0xC0..=0xFF => CP1258_HIGH[(b - 0xC0) as usize],
                _ => cp1252(b),
            };
            Unit { ch, start: i as u32, end: i as u32 + 1 }
        })
        .collect()
}

/// Combining marks: circumflex, breve, then the five tones.
const CIRCUMFLEX: char = '\u{0302}';
const BREVE: char = '\u{0306}';
const GRAVE: char = '\u{0300}';
const ACUTE: char = '\u{0301}';
const HOOK: char = '\u{0309}';
const TILDE: char = '\u{0303}';
const DOT: char = '\u{0323}';

/// What a VNI mark unit adds to the vowel before it: an optional
/// circumflex or breve, then an optional tone.
fn vni_mark(c: char) -> Option<(Option<char>, Option<char>)> {
    Some(match c.to_ascii_lowercase_latin1() {
        'ù' => (None, Some(ACUTE)),
        'ø' => (None, Some(GRAVE)),
        'û' => (None, Some(HOOK)),
        'õ' => (None, Some(TILDE)),
        'ï' => (None, Some(DOT)),
        'â' => (Some(CIRCUMFLEX), None),
        'á' => (Some(CIRCUMFLEX), Some(ACUTE)),
        'à' => (Some(CIRCUMFLEX), Some(GRAVE)),
        'å' => (Some(CIRCUMFLEX), Some(HOOK)),
        'ã' => (Some(CIRCUMFLEX), Some(TILDE)),
        'ä' => (Some(CIRCUMFLEX), Some(DOT)),
        'ê' => (Some(BREVE), None),
        'é' => (Some(BREVE), Some(ACUTE)),
        'è' => (Some(BREVE), Some(GRAVE)),
        'ú' => (Some(BREVE), Some(HOOK)),
        'ü' => (Some(BREVE), Some(TILDE)),
        'ë' => (Some(BREVE), Some(DOT)),
        _ => return None,
    })
}

/// VNI letters written as one unit.
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

trait Latin1Lower {
    fn to_ascii_lowercase_latin1(self) -> char;
}

impl Latin1Lower for char {
    /// Lower-cases ASCII and the Latin-1 letters À–Þ (not ×).
    fn to_ascii_lowercase_latin1(self) -> char {
        match self as u32 {
            0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => char::from_u32(self as u32 + 0x20).unwrap_or(self),
            _ => self,
        }
    }
}

/// Composes `base` with VNI marks; `None` when the result is not one
/// precomposed letter (the marks do not belong to this vowel).
fn vni_compose(base: char, shape: Option<char>, tone: Option<char>) -> Option<char> {
    let lower = base.to_lowercase().next().unwrap_or(base);
    let ok = match shape {
        Some(CIRCUMFLEX) => matches!(lower, 'a' | 'e' | 'o'),
        Some(_) => lower == 'a',
        None => matches!(lower, 'a' | 'e' | 'o' | 'u' | 'y' | 'ơ' | 'ư'),
    };
    if !ok {
        return None;
    }
    let mut s = String::with_capacity(8);
    s.push(base);
    s.extend(shape);
    s.extend(tone);
    let mut it = s.nfc();
    let c = it.next()?;
    if it.next().is_some() { None } else { Some(c) }
}

/// Decodes VNI units: single-unit letters first, then each mark unit joins
/// the vowel before it.
pub(crate) fn decode_vni(units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units {
        if let Some((shape, tone)) = vni_mark(u.ch)
            && let Some(prev) = out.last_mut()
            && prev.end == u.start
            && let Some(c) = vni_compose(prev.ch, shape, tone)
        {
            prev.ch = c;
            prev.end = u.end;
            continue;
        }
        let ch = vni_single(u.ch).unwrap_or(u.ch);
        out.push(Unit { ch, ..u });
    }
    out
}

/// Decodes raw bytes of a legacy encoding (`Tcvn3`, `Vni`,
/// `Windows1258`; any other encoding reads the bytes as Windows-1252).
/// Windows-1258 tones stay combining marks; TCVN3 and VNI give precomposed
/// letters.
pub fn decode_bytes(bytes: &[u8], encoding: super::Encoding) -> String {
    use super::Encoding;
    let units = match encoding {
        Encoding::Tcvn3 => decode_tcvn3(byte_units(bytes)),
        Encoding::Vni => decode_vni(byte_units(bytes)),
        Encoding::Windows1258 => decode_cp1258(bytes),
        _ => byte_units(bytes),
    };
    units.iter().map(|u| u.ch).collect()
}

/// Encodes text as TCVN3 bytes; `None` if a character has no TCVN3 byte
/// (TCVN3 lacks most upper-case accented letters).
pub fn encode_tcvn3(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.nfc() {
        out.push(encode_tcvn3_char(c)?);
    }
    Some(out)
}

fn encode_tcvn3_char(c: char) -> Option<u8> {
    if (c as u32) < 0x80 {
        return Some(c as u8);
    }
    if let Some(i) = CP1252_C1.iter().position(|&x| x == c) {
        return Some(0x80 + i as u8);
    }
    if c == '\u{A0}' {
        return Some(0xA0);
    }
    TCVN3_HIGH.iter().position(|&x| x == c && !is_mark(x)).map(|i| 0xA1 + i as u8)
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Encodes text as VNI-Windows bytes; `None` if a character is neither
/// ASCII, Windows-1252 punctuation nor a Vietnamese letter.
pub fn encode_vni(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 2);
    for c in text.nfc() {
        if (c as u32) < 0x80 {
            out.push(c as u8);
            continue;
        }
        if let Some(i) = CP1252_C1.iter().position(|&x| x == c) {
            out.push(0x80 + i as u8);
            continue;
        }
        if c == '\u{A0}' {
            out.push(0xA0);
            continue;
        }
        if let Some(b) = ['ñ', 'Ñ', 'ö', 'Ö', 'ô', 'Ô', 'ò', 'Ò', 'ó', 'Ó', 'æ', 'Æ', 'î', 'Î', 'ì', 'Ì', 'í', 'Í']
            .iter()
            .find(|&&k| vni_single(k).unwrap_or(k) == c)
        {
            out.push(*b as u32 as u8);
            continue;
        }
        // base letter + marks (canonical order puts a dot below before a
        // circumflex, so sort them by kind, not position)
        let parts: Vec<char> = c.to_string().nfd().collect();
        if parts.len() == 1 && (vni_mark(c).is_some() || vni_single(c).is_some()) {
            // a Latin-1 letter (`ø`, `æ`) that VNI uses as a piece of another
            return None;
        }
        let (&base, marks) = parts.split_first()?;
        let upper = crate::chars::is_uppercase(base);
        let horn = marks.contains(&'\u{031B}');
        let shapes: Vec<char> = marks.iter().copied().filter(|m| *m == CIRCUMFLEX || *m == BREVE).collect();
        let tones: Vec<char> =
            marks.iter().copied().filter(|m| *m != CIRCUMFLEX && *m != BREVE && *m != '\u{031B}').collect();
        if shapes.len() > 1 || tones.len() > 1 || (horn && !shapes.is_empty()) {
            return None;
        }
        let (shape, tone) = (shapes.first().copied(), tones.first().copied());
        let base = match (base, horn) {
            // ơ and ư: VNI writes the horned vowel as one unit
            ('o', true) => 'ô',
            ('O', true) => 'Ô',
            ('u', true) => 'ö',
            ('U', true) => 'Ö',
            (_, true) => return None,
            (b, false) => b,
        };
        if (base as u32) >= 0x100 {
            return None;
        }
        let vowel = matches!(base.to_ascii_lowercase_latin1(), 'a' | 'e' | 'o' | 'u' | 'y' | 'ô' | 'ö');
        let shape_ok = match shape {
            Some(CIRCUMFLEX) => matches!(base.to_ascii_lowercase_latin1(), 'a' | 'e' | 'o'),
            Some(_) => base.to_ascii_lowercase_latin1() == 'a',
            None => true,
        };
        if (shape.is_some() || tone.is_some()) && !(vowel && shape_ok) {
            return None;
        }
        let mark = ['ù', 'ø', 'û', 'õ', 'ï', 'â', 'á', 'à', 'å', 'ã', 'ä', 'ê', 'é', 'è', 'ú', 'ü', 'ë']
            .into_iter()
            .find(|&k| vni_mark(k) == Some((shape, tone)));
        out.push(base as u32 as u8);
        match (shape, tone, mark) {
            (None, None, _) => {}
            (_, _, Some(k)) => {
                let k = if upper { k.to_uppercase().next().unwrap_or(k) } else { k };
                out.push(k as u32 as u8);
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcvn3(s: &str) -> String {
        decode_tcvn3(char_units(s)).iter().map(|u| u.ch).collect::<String>().nfc().collect()
    }

    fn vni(s: &str) -> String {
        decode_vni(char_units(s)).iter().map(|u| u.ch).collect()
    }

    #[test]
    fn tcvn3_surface_examples() {
        // conventions.md §6.2
        assert_eq!(tcvn3("Sè: 30/2020/N§-CP"), "Số: 30/2020/NĐ-CP");
        assert_eq!(tcvn3("QuyÕt ®Þnh sè 759/Q§-TTg"), "Quyết định số 759/QĐ-TTg");
        assert_eq!(tcvn3("§¶ng Céng s¶n ViÖt Nam"), "Đảng Cộng sản Việt Nam");
        assert_eq!(tcvn3("ngµy 17 th¸ng 7 n¨m 2025"), "ngày 17 tháng 7 năm 2025");
        assert_eq!(tcvn3("Uû ban nh©n d©n"), "Uỷ ban nhân dân");
        // 0xAD is ư, 0xD0 is é
        assert_eq!(tcvn3("Tr\u{AD}êng"), "Trường");
        assert_eq!(tcvn3("kh\u{D0}o"), "khéo");
    }

    #[test]
    fn vni_surface_examples() {
        assert_eq!(vni("Soá: 30/2020/NÑ-CP"), "Số: 30/2020/NĐ-CP");
        assert_eq!(vni("Quyeát ñònh soá 759/QÑ-TTg"), "Quyết định số 759/QĐ-TTg");
        assert_eq!(vni("Ñaûng Coäng saûn Vieät Nam"), "Đảng Cộng sản Việt Nam");
        assert_eq!(vni("ngaøy 17 thaùng 7 naêm 2025"), "ngày 17 tháng 7 năm 2025");
        assert_eq!(vni("Ñaø Naüng"), "Đà Nẵng");
        assert_eq!(vni("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM"), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        assert_eq!(vni("öôùc"), "ước");
    }

    #[test]
    fn vni_pairs_map_to_both_units() {
        let out = decode_vni(char_units("Soá"));
        assert_eq!(out.len(), 2);
        assert_eq!((out[1].ch, out[1].start, out[1].end), ('ố', 1, 4)); // `o` and the two bytes of `á`
    }

    #[test]
    fn raw_bytes_round_trip() {
        let text = "Quyết định số 759/QĐ-TTg ngày 17 tháng 7 năm 2025 của Ủy ban nhân dân “tỉnh”";
        let v = encode_vni(text).unwrap();
        let back: String = decode_vni(byte_units(&v)).iter().map(|u| u.ch).collect();
        assert_eq!(back, text);
        let lower = text.replace('Ủ', "ủ");
        let t = encode_tcvn3(&lower).unwrap();
        let back: String = decode_tcvn3(byte_units(&t)).iter().map(|u| u.ch).collect();
        assert_eq!(back, lower);
        assert!(encode_tcvn3("Ủ").is_none());
    }

    #[test]
    fn cp1258_tones_are_combining() {
        // "Nghị định" in Windows-1258: i + 0xF2 (dot below), 0xF0 = đ
        let units = decode_cp1258(b"Nghi\xf2 \xf0i\xf2nh");
        let s: String = units.iter().map(|u| u.ch).collect::<String>().nfc().collect();
        assert_eq!(s, "Nghị định");
    }
}

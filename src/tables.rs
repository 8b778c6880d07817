//! The reference tables: document types and their words and codes, issuer
//! codes, body names and statute names.
//!
//! The tables are plain TSV files under `data/`, compiled into the crate and
//! readable as [`DOC_TYPES_TSV`], [`ISSUERS_TSV`], [`BODIES_TSV`] and
//! [`LAW_NAMES_TSV`]. [`Tables::builtin`] parses them once; users extend them
//! with [`Tables::with_law_names`] and friends and pass the result to
//! [`Extractor::with_tables`](crate::Extractor::with_tables).

use crate::citation::{Body, DocType};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

/// `data/doc_types.tsv`: type ids, type words, abbreviations and type codes.
pub const DOC_TYPES_TSV: &str = include_str!("../data/doc_types.tsv");
/// `data/issuers.tsv`: issuer codes and the body each names.
pub const ISSUERS_TSV: &str = include_str!("../data/issuers.tsv");
/// `data/bodies.tsv`: body ids and their names in prose.
pub const BODIES_TSV: &str = include_str!("../data/bodies.tsv");
/// `data/law_names.tsv`: statute names (Luật, Bộ luật, Pháp lệnh).
pub const LAW_NAMES_TSV: &str = include_str!("../data/law_names.tsv");

/// The lookup tables that drive extraction.
///
/// ```
/// use vanban::{DocType, Tables};
/// let t = Tables::builtin();
/// assert_eq!(t.doc_type_of_code("NĐ"), Some(DocType::NghiDinh));
/// assert_eq!(t.doc_type_of_word("Nghị  định"), Some(DocType::NghiDinh));
/// let mine = Tables::builtin().clone().with_law_names("luat\tThử nghiệm mới\n").unwrap();
/// assert!(mine.law_names(DocType::Luat).any(|n| n == "thử nghiệm mới"));
/// ```
#[derive(Clone, Debug)]
pub struct Tables {
    /// lower-case type word (single spaces) → type
    words: KeyMap<String, DocType>,
    /// the same words as text mostly prints them (lower case, first letter
    /// upper case, all upper case) → type: a lookup that needs no
    /// lower-casing (see [`Tables::doc_type_of_word`])
    printed_words: KeyMap<String, DocType>,
    /// abbreviation as printed → type
    abbreviations: KeyMap<String, DocType>,
    /// type code as printed → type (first listed type wins)
    codes: KeyMap<String, DocType>,
    /// type code with Đ folded to D → the code with Đ (`QD` → `QĐ`)
    codes_folded: KeyMap<String, String>,
    /// issuer code → body
    issuers: KeyMap<String, Body>,
    /// issuer code with Đ folded → code with Đ
    issuers_folded: KeyMap<String, String>,
    /// issuer code → whether one body or a class of local bodies uses it
    scopes: KeyMap<String, IssuerScope>,
    /// (lower-case prose name, body), longest first
    bodies: Vec<(String, Body)>,
    /// first word (lower case) → (kind, lower-case name), longest first
    laws: KeyMap<String, Vec<(DocType, String)>>,
}

/// Whether an issuer code names a single body or a class of local bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuerScope {
    /// One body in the whole country (`TW`, `CP`, `BTCTW`).
    Central,
    /// Shared by many local bodies (`TU`, `HU`, `UBND`); the body comes from context.
    Local,
}

/// A malformed line in a table.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("table line {line}: {reason}")]
pub struct TableError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

fn rows(tsv: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    tsv.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect()))
}

fn fold_d(s: &str) -> String {
    s.replace('Đ', "D").replace('đ', "d")
}

/// The matching key of a body name: normalised, lower case, commas as words.
fn body_key(s: &str) -> String {
    key(&crate::normalize::normalize(s).as_str().replace(',', " , "))
}

/// Lower-cases and collapses whitespace.
pub(crate) fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        w.chars().for_each(|c| crate::chars::push_lower(&mut out, c));
    }
    out
}

impl Tables {
    /// The built-in tables (parsed once, shared).
    pub fn builtin() -> &'static Tables {
        static BUILTIN: LazyLock<Tables> = LazyLock::new(|| {
            let empty = Tables {
                words: KeyMap::default(),
                printed_words: KeyMap::default(),
                abbreviations: KeyMap::default(),
                codes: KeyMap::default(),
                codes_folded: KeyMap::default(),
                issuers: KeyMap::default(),
                issuers_folded: KeyMap::default(),
                scopes: KeyMap::default(),
                bodies: Vec::new(),
                laws: KeyMap::default(),
            };
            // The built-in files are checked by the unit tests below.
            empty
                .with_doc_types(DOC_TYPES_TSV)
                .and_then(|t| t.with_issuers(ISSUERS_TSV))
                .and_then(|t| t.with_bodies(BODIES_TSV))
                .and_then(|t| t.with_law_names(LAW_NAMES_TSV))
                .unwrap_or_else(|e| panic!("built-in table is malformed: {e}"))
        });
        &BUILTIN
    }

    /// Adds document types from a TSV in the format of [`DOC_TYPES_TSV`].
    pub fn with_doc_types(mut self, tsv: &str) -> Result<Tables, TableError> {
        for (line, cols) in rows(tsv) {
            if cols.len() != 4 {
                return Err(TableError { line, reason: format!("expected 4 columns, found {}", cols.len()) });
            }
            let ty = DocType::from_id(cols[0])
                .ok_or_else(|| TableError { line, reason: format!("unknown doc type `{}`", cols[0]) })?;
            for w in cols[1].split('|').filter(|w| *w != "-") {
                let k = key(w);
                // the printed forms come from the key, so that a later row
                // with the same key replaces them all
                let mut first = k.chars();
                let capital: String = first.next().into_iter().flat_map(char::to_uppercase).chain(first).collect();
                for form in [k.clone(), capital, k.to_uppercase()] {
                    if key(&form) == k {
                        self.printed_words.insert(form, ty);
                    }
                }
                self.words.insert(k, ty);
            }
            for a in cols[2].split('|').filter(|w| *w != "-") {
                self.abbreviations.insert(a.to_string(), ty);
            }
            for c in cols[3].split('|').filter(|w| *w != "-") {
                self.codes.entry(c.to_string()).or_insert(ty);
                self.codes.entry(c.to_uppercase()).or_insert(ty);
                if fold_d(c) != c {
                    self.codes_folded.insert(fold_d(c), c.to_string());
                }
            }
        }
        Ok(self)
    }

    /// Adds issuer codes from a TSV in the format of [`ISSUERS_TSV`].
    pub fn with_issuers(mut self, tsv: &str) -> Result<Tables, TableError> {
        for (line, cols) in rows(tsv) {
            if cols.len() != 3 {
                return Err(TableError { line, reason: format!("expected 3 columns, found {}", cols.len()) });
            }
            let body = Body::from_id(cols[1])
                .ok_or_else(|| TableError { line, reason: format!("unknown body `{}`", cols[1]) })?;
            let scope = match cols[2] {
                "central" => IssuerScope::Central,
                "local" => IssuerScope::Local,
                other => return Err(TableError { line, reason: format!("scope `{other}` is not central or local") }),
            };
            self.issuers.insert(cols[0].to_string(), body);
            self.scopes.insert(cols[0].to_string(), scope);
            if fold_d(cols[0]) != cols[0] {
                self.issuers_folded.insert(fold_d(cols[0]), cols[0].to_string());
            }
        }
        Ok(self)
    }

    /// Adds body names from a TSV in the format of [`BODIES_TSV`].
    pub fn with_bodies(mut self, tsv: &str) -> Result<Tables, TableError> {
        for (line, cols) in rows(tsv) {
            if cols.len() != 2 {
                return Err(TableError { line, reason: format!("expected 2 columns, found {}", cols.len()) });
            }
            let body = Body::from_id(cols[0])
                .ok_or_else(|| TableError { line, reason: format!("unknown body `{}`", cols[0]) })?;
            for n in cols[1].split('|') {
                self.bodies.push((body_key(n), body));
            }
        }
        self.bodies.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Ok(self)
    }

    /// Adds statute names from a TSV in the format of [`LAW_NAMES_TSV`].
    pub fn with_law_names(mut self, tsv: &str) -> Result<Tables, TableError> {
        for (line, cols) in rows(tsv) {
            if cols.len() != 2 {
                return Err(TableError { line, reason: format!("expected 2 columns, found {}", cols.len()) });
            }
            let kind = DocType::from_id(cols[0])
                .filter(|k| matches!(k, DocType::Luat | DocType::BoLuat | DocType::PhapLenh))
                .ok_or_else(|| TableError {
                    line,
                    reason: format!("`{}` is not luat, bo_luat or phap_lenh", cols[0]),
                })?;
            let name = key(&crate::normalize::normalize(cols[1]).as_str().replace(',', " , ")).replace(" ,", ",");
            let first = name.split(' ').next().unwrap_or("").trim_end_matches(',').to_string();
            if first.is_empty() {
                return Err(TableError { line, reason: "empty name".into() });
            }
            let list = self.laws.entry(first).or_default();
            if !list.iter().any(|(k, n)| *k == kind && *n == name) {
                list.push((kind, name));
                list.sort_by_key(|e| std::cmp::Reverse(e.1.len()));
            }
        }
        Ok(self)
    }

    /// The type a type word names (`Nghị định` → `NghiDinh`), case-insensitive.
    pub fn doc_type_of_word(&self, word: &str) -> Option<DocType> {
        self.printed_words
            .get(word)
            .or_else(|| self.words.get(&key(word)))
            .copied()
            .or_else(|| self.abbreviations.get(word.trim()).copied())
    }

    /// The type an abbreviation names (`QĐ` → `QuyetDinh`).
    pub fn doc_type_of_abbreviation(&self, abbr: &str) -> Option<DocType> {
        self.abbreviations.get(abbr).copied()
    }

    /// The type a code inside a number names (`NĐ` → `NghiDinh`, `QĐi` → `QuyDinh`).
    pub fn doc_type_of_code(&self, code: &str) -> Option<DocType> {
        self.codes.get(code).copied()
    }

    /// The known code that `code` is with its `Đ` restored (`QD` → `QĐ`).
    pub fn code_with_diacritics(&self, code: &str) -> Option<&str> {
        self.codes_folded.get(code).map(String::as_str)
    }

    /// The known issuer code that `code` is with its `Đ` restored (`HDND` → `HĐND`).
    pub fn issuer_with_diacritics(&self, code: &str) -> Option<&str> {
        if self.issuers.contains_key(code) {
            return None;
        }
        self.issuers_folded.get(code).map(String::as_str)
    }

    /// The body an issuer code names; a National Assembly term suffix is
    /// ignored (`QH15` → `QuocHoi`).
    pub fn body_of_issuer(&self, code: &str) -> Option<Body> {
        self.issuers
            .get(code)
            .or_else(|| self.issuers.get(code.trim_end_matches(|c: char| c.is_ascii_digit())))
            .copied()
    }

    /// Whether an issuer code names one body (`CP`, `BTCTW`) or is shared by
    /// many local bodies (`TU`, `UBND`); a term suffix is ignored. Unknown
    /// codes of a provincial department (`SNV`, `SGDĐT`: `S` and capitals)
    /// are local; other unknown codes are `None`.
    pub fn issuer_scope(&self, code: &str) -> Option<IssuerScope> {
        let stem = code.trim_end_matches(|c: char| c.is_ascii_digit());
        if let Some(s) = self.scopes.get(code).or_else(|| self.scopes.get(stem)) {
            return Some(*s);
        }
        let mut cs = code.chars();
        let dept = cs.next() == Some('S')
            && code.chars().count() >= 3
            && cs.all(|c| crate::chars::is_uppercase(c) || c == '&');
        dept.then_some(IssuerScope::Local)
    }

    /// The bodies named at the start of each comma- or `và`-separated piece of
    /// an issuer phrase (`Bộ Chính trị, Ban Bí thư` → `[BoChinhTri, BanBiThu]`).
    pub fn bodies_in(&self, phrase: &str) -> Vec<Body> {
        let k = body_key(phrase);
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < k.len() {
            let rest = &k[pos..];
            let hit = self.bodies.iter().find(|(n, _)| {
                rest.starts_with(n.as_str()) && !rest[n.len()..].starts_with(crate::chars::is_alphanumeric)
            });
            match hit {
                Some((n, b)) => {
                    if !out.contains(b) {
                        out.push(*b);
                    }
                    pos += n.len();
                }
                None => pos += rest.chars().next().map_or(1, char::len_utf8),
            }
            // move to the start of the next word
            while pos < k.len() && !k.is_char_boundary(pos) {
                pos += 1;
            }
            if let Some(sp) = k[pos..].find(' ') {
                pos += sp + 1;
            } else {
                break;
            }
        }
        out
    }

    /// All type words (lower case), for building the scanner.
    pub(crate) fn type_words(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(String::as_str)
    }

    /// All abbreviations, for building the scanner.
    pub(crate) fn abbreviations(&self) -> impl Iterator<Item = &str> {
        self.abbreviations.keys().map(String::as_str)
    }

    /// Statute names of one kind, lower case.
    pub fn law_names(&self, kind: DocType) -> impl Iterator<Item = &str> {
        self.laws.values().flatten().filter(move |(k, _)| *k == kind).map(|(_, n)| n.as_str())
    }

    /// Candidate statute names starting with `first_word` (lower case),
    /// longest first.
    pub(crate) fn laws_starting_with(&self, first_word: &str) -> &[(DocType, String)] {
        self.laws.get(first_word).map_or(&[], Vec::as_slice)
    }
}

/// The hash maps of the tables and of resolution: keyed by short strings,
/// looked up once or more for every citation.
pub(crate) type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// A quick hasher for [`KeyMap`] (multiply and rotate over eight bytes at a
/// time, as rustc's FxHash). The standard SipHash resists keys chosen to
/// collide, which matters when such keys are inserted; the tables' keys
/// are fixed by the tables, and text is only looked up, so the quicker
/// hash serves (about one instruction a byte of input in SipHash on the
/// bulk corpus).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A printed form gives what its key gives, also after a table that
    /// names a word again with another type.
    #[test]
    fn printed_words_agree_with_their_keys() {
        let again = Tables::builtin().clone().with_doc_types("ke_hoach\tNGHỊ QUYẾT\t-\t-\n").unwrap();
        for t in [Tables::builtin(), &again] {
            assert!(t.printed_words.len() >= 2 * t.words.len());
            for (form, ty) in &t.printed_words {
                assert_eq!(t.words.get(&key(form)), Some(ty), "{form}");
            }
        }
        assert_eq!(again.doc_type_of_word("Nghị quyết"), Some(DocType::KeHoach));
        assert_eq!(again.doc_type_of_word("nghị  QUYẾT"), Some(DocType::KeHoach));
        assert_eq!(Tables::builtin().doc_type_of_word("Nghị quyết"), Some(DocType::NghiQuyet));
    }

    #[test]
    fn builtin_tables_parse() {
        let t = Tables::builtin();
        assert!(t.words.len() >= 30);
        assert!(t.issuers.len() >= 50);
        assert!(t.law_names(DocType::Luat).count() >= 200);
    }

    #[test]
    fn every_doc_type_row() {
        let t = Tables::builtin();
        for (_, cols) in rows(DOC_TYPES_TSV) {
            let ty = DocType::from_id(cols[0]).unwrap();
            for w in cols[1].split('|') {
                assert_eq!(t.doc_type_of_word(w), Some(ty), "{w}");
            }
            for c in cols[3].split('|').filter(|c| *c != "-") {
                assert!(t.doc_type_of_code(c).is_some(), "{c}");
            }
        }
        assert_eq!(t.doc_type_of_code("QĐ"), Some(DocType::QuyetDinh));
        assert_eq!(t.doc_type_of_code("QĐi"), Some(DocType::QuyDinh));
        assert_eq!(t.doc_type_of_code("QĐI"), Some(DocType::QuyDinh));
        assert_eq!(t.code_with_diacritics("QD"), Some("QĐ"));
        assert_eq!(t.code_with_diacritics("ND"), Some("NĐ"));
        assert_eq!(t.doc_type_of_abbreviation("NĐ"), Some(DocType::NghiDinh));
    }

    #[test]
    fn every_issuer_row() {
        let t = Tables::builtin();
        for (_, cols) in rows(ISSUERS_TSV) {
            assert_eq!(t.body_of_issuer(cols[0]), Body::from_id(cols[1]), "{}", cols[0]);
        }
        assert_eq!(t.body_of_issuer("QH15"), Some(Body::QuocHoi));
        assert_eq!(t.body_of_issuer("UBTVQH14"), Some(Body::UyBanThuongVuQuocHoi));
        assert_eq!(t.issuer_with_diacritics("HDND"), Some("HĐND"));
        assert_eq!(t.issuer_with_diacritics("BCDTW"), Some("BCĐTW"));
    }

    #[test]
    fn every_body_row() {
        let t = Tables::builtin();
        for (_, cols) in rows(BODIES_TSV) {
            let b = Body::from_id(cols[0]).unwrap();
            for n in cols[1].split('|') {
                assert!(t.bodies_in(n).contains(&b), "{n}: {:?}", t.bodies_in(n));
            }
        }
        assert_eq!(t.bodies_in("Bộ Chính trị, Ban Bí thư"), vec![Body::BoChinhTri, Body::BanBiThu]);
        assert_eq!(t.bodies_in("Ban Thường vụ Tỉnh uỷ"), vec![Body::BanThuongVuTinhUy]);
    }

    #[test]
    fn every_law_row() {
        let t = Tables::builtin();
        for (_, cols) in rows(LAW_NAMES_TSV) {
            let kind = DocType::from_id(cols[0]).unwrap();
            let k = key(&crate::normalize::normalize(cols[1]).as_str().replace(',', " , ")).replace(" ,", ",");
            assert!(t.law_names(kind).any(|n| n == k), "{}", cols[1]);
        }
    }

    #[test]
    fn bad_rows_are_errors() {
        let t = Tables::builtin().clone();
        assert!(t.clone().with_law_names("nghi_dinh\tX\n").is_err());
        assert!(t.clone().with_doc_types("nope\tX\t-\t-\n").is_err());
        assert!(t.with_issuers("X\tnope\tlocal\n").is_err());
    }
}

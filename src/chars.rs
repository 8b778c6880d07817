//! Character classes on the hot path.
//!
//! `char::is_alphabetic` answers ASCII at once but looks every other
//! character up in a general Unicode table, and Vietnamese text is made of
//! such characters: the precomposed letters of Latin-1, Latin Extended-A/B
//! and Latin Extended Additional. These helpers answer those blocks by
//! range first and ask the table only for the rest, with the same results
//! as the standard methods for every character.

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

#[cfg(test)]
mod tests {
    /// Every character of the planes text can use gets the standard answer.
    #[test]
    fn same_as_std() {
        for c in (0..=0x3FFFFu32).filter_map(char::from_u32) {
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}

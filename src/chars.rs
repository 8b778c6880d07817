//! Character classes on the hot path.
//!
//! `char::is_alphabetic` answers ASCII at once but looks every other
//! character up in a general Unicode table, and Vietnamese text is made of
//! such characters (and so are `char::is_uppercase` and
//! `char::is_lowercase`): the precomposed letters of Latin-1, Latin Extended-A/B
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
        }
    }
}

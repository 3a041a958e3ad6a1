//! The text of one document in two aligned forms: the original (as decoded) and a
//! normalised copy for matching, where full-width ASCII (２０１７, ％, （）, ．) becomes
//! half-width and ideographic spaces become spaces. Folding is strictly one character for
//! one character, so a character offset means the same place in both forms.

/// Fold one character. Never changes the number of characters.
pub fn fold_char(c: char) -> char {
    match c {
        // Full-width ASCII block (！ … ～) maps onto ASCII by a fixed offset.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        // Dashes used in ranges (20—30个, 2017－2020年) fold to one hyphen.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{2236}' => ':', // ∶ ratio colon
        _ => c,
    }
}

/// A decoded document with its normalised twin and index tables between bytes and chars.
#[derive(Debug, Clone)]
pub struct Text {
    original: String,
    norm: String,
    /// Byte offset in `norm` of each char, plus one entry for the end.
    norm_char_bytes: Vec<usize>,
    /// Byte offset in `original` of each char, plus one entry for the end.
    orig_char_bytes: Vec<usize>,
}

impl Text {
    pub fn new(original: String) -> Text {
        let norm: String = original.chars().map(fold_char).collect();
        let index = |s: &str| {
            let mut v: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
            v.push(s.len());
            v
        };
        Text { norm_char_bytes: index(&norm), orig_char_bytes: index(&original), original, norm }
    }

    pub fn original(&self) -> &str {
        &self.original
    }

    pub fn norm_str(&self) -> &str {
        &self.norm
    }

    /// Number of characters (Unicode scalar values).
    pub fn char_len(&self) -> usize {
        self.norm_char_bytes.len() - 1
    }

    /// The char offset of a byte offset in the normalised text (must be a char boundary).
    pub fn char_at_norm_byte(&self, byte: usize) -> usize {
        match self.norm_char_bytes.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i, // not a boundary: the next char
        }
    }

    pub fn norm_byte(&self, ch: usize) -> usize {
        self.norm_char_bytes[ch.min(self.char_len())]
    }

    /// The normalised text between two char offsets.
    pub fn norm_slice(&self, start: usize, end: usize) -> &str {
        &self.norm[self.norm_byte(start)..self.norm_byte(end.max(start))]
    }

    /// The original text between two char offsets: what quotes are made of.
    pub fn original_slice(&self, start: usize, end: usize) -> &str {
        let n = self.char_len();
        let (s, e) = (start.min(n), end.max(start).min(n));
        &self.original[self.orig_char_bytes[s]..self.orig_char_bytes[e]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_full_width() {
        let t = Text::new("到２０１７年达到５０００亿元，增长１１％（一）　".to_string());
        assert_eq!(t.norm_str(), "到2017年达到5000亿元,增长11%(一) ");
        assert_eq!(t.original_slice(8, 12), "５０００");
        assert_eq!(t.norm_slice(8, 12), "5000");
    }

    #[test]
    fn folds_range_dashes() {
        assert_eq!(Text::new("20—30个".into()).norm_str(), "20-30个");
        assert_eq!(Text::new("2017－2020年".into()).norm_str(), "2017-2020年");
    }

    proptest! {
        #[test]
        fn folding_keeps_char_count(s in "\\PC{0,64}") {
            let t = Text::new(s.clone());
            prop_assert_eq!(t.char_len(), s.chars().count());
            prop_assert_eq!(t.norm_str().chars().count(), s.chars().count());
            prop_assert_eq!(t.original_slice(0, t.char_len()), s.as_str());
        }
    }
}

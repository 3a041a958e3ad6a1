//! Sentences and clauses inside a paragraph. A sentence ends at 。；！？ (or the paragraph
//! end); a clause ends at a comma or colon as well. Spans are char offsets.

use crate::text::Text;

/// A char span `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Split at the chars `is_break` accepts (ASCII ones, after folding) and at 。. Walks the
/// UTF-8 lead bytes instead of decoding every char: every break is ASCII or 。, so a
/// char's first byte is enough to tell, and its length says where the next one starts.
fn split(text: &Text, start: usize, end: usize, is_break: impl Fn(u8) -> bool) -> Vec<Span> {
    const FULL_STOP: &[u8] = "。".as_bytes();
    let bytes = text.norm_slice(start, end).as_bytes();
    let mut out = Vec::new();
    let (mut s, mut b, mut i) = (start, 0, start);
    while b < bytes.len() {
        let lead = bytes[b];
        let width = match lead {
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        let brk = if lead < 0x80 { is_break(lead) } else { bytes[b..].starts_with(FULL_STOP) };
        b += width;
        i += 1;
        if brk {
            if i > s {
                out.push(Span { start: s, end: i });
            }
            s = i;
        }
    }
    if end > s {
        out.push(Span { start: s, end });
    }
    out
}

/// Sentences of a char range.
pub fn sentences(text: &Text, start: usize, end: usize) -> Vec<Span> {
    split(text, start, end, |b| matches!(b, b';' | b'!' | b'?'))
}

/// Clauses of a char range (commas, colons, sentence ends).
pub fn clauses(text: &Text, start: usize, end: usize) -> Vec<Span> {
    split(text, start, end, |b| matches!(b, b';' | b'!' | b'?' | b',' | b':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_and_clauses() {
        let t = Text::new("到２０１７年，实现以下目标：总产值达到５０００亿元；增加值达到１５００亿元。".into());
        let s = sentences(&t, 0, t.char_len());
        assert_eq!(s.len(), 2);
        let c = clauses(&t, 0, t.char_len());
        assert_eq!(t.original_slice(c[0].start, c[0].end), "到２０１７年，");
        assert_eq!(c.len(), 4);
    }

    /// The split by chars that the byte walk replaced, kept as the reference.
    fn split_by_chars(text: &Text, start: usize, end: usize, is_break: impl Fn(char) -> bool) -> Vec<Span> {
        let mut out = Vec::new();
        let mut s = start;
        for (i, c) in text.norm_slice(start, end).chars().enumerate() {
            if is_break(c) {
                if i + start + 1 > s {
                    out.push(Span { start: s, end: start + i + 1 });
                }
                s = start + i + 1;
            }
        }
        if end > s {
            out.push(Span { start: s, end });
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn byte_walk_splits_like_the_char_split(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["。", "；", ";", "！", "？", "，", ",", "：", "、", "a", "达到", "５", "𠀀", "é", "\n", " "]),
                0..40,
            ),
            from in 0usize..8,
        ) {
            let t = Text::new(parts.concat());
            let (start, end) = (from.min(t.char_len()), t.char_len());
            proptest::prop_assert_eq!(
                sentences(&t, start, end),
                split_by_chars(&t, start, end, |c| matches!(c, '。' | ';' | '!' | '?'))
            );
            proptest::prop_assert_eq!(
                clauses(&t, start, end),
                split_by_chars(&t, start, end, |c| matches!(c, '。' | ';' | '!' | '?' | ',' | ':'))
            );
        }
    }
}

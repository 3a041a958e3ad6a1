//! Sentences and clauses inside a paragraph. A sentence ends at 。；！？ (or the paragraph
//! end); a clause ends at a comma or colon as well. Spans are char offsets.

use crate::text::Text;

/// A char span `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

fn split(text: &Text, start: usize, end: usize, is_break: impl Fn(char) -> bool) -> Vec<Span> {
    let mut out = Vec::new();
    let mut s = start;
    for (i, &c) in text.norm_chars(start, end).iter().enumerate() {
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

/// Sentences of a char range.
pub fn sentences(text: &Text, start: usize, end: usize) -> Vec<Span> {
    split(text, start, end, |c| matches!(c, '。' | ';' | '!' | '?'))
}

/// Clauses of a char range (commas, colons, sentence ends).
pub fn clauses(text: &Text, start: usize, end: usize) -> Vec<Span> {
    split(text, start, end, |c| matches!(c, '。' | ';' | '!' | '?' | ',' | ':'))
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
}

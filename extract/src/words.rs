//! Word lists looked for in a string, each compiled once into one automaton: whether, where
//! first or where last any word of a list occurs is found in one pass over the string,
//! instead of one substring search (each with its own set-up) per word of the list.

use aho_corasick::AhoCorasick;
use regex::Regex;

/// A compiled word list. Answers are the same as searching for each word in turn.
pub struct Words {
    /// The words as one alternation of literals, which the regex crate searches with a SIMD
    /// prefilter (for `any_in` and `first_in`; a regex match starts where the earliest
    /// occurrence of any word does). aho-corasick's own prefilter helps little on Chinese
    /// text, whose UTF-8 bytes are all alike.
    leftmost: Regex,
    /// Reports every occurrence, overlapping ones too (for `last_in`, `occurrences`).
    all: AhoCorasick,
}

impl Words {
    /// `words` must not be empty (an empty alternation would match everywhere).
    pub fn new(words: &[&str]) -> Words {
        assert!(!words.is_empty(), "an empty word list");
        // Shortest first, for `spans`; the other searches ask only where a match starts.
        let mut by_length = words.to_vec();
        by_length.sort_by_key(|w| w.len());
        let alternation = by_length.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
        Words {
            leftmost: Regex::new(&alternation).expect("word list compiles"),
            all: AhoCorasick::new(words).expect("word list compiles"),
        }
    }

    /// Does any word occur in `s`?
    pub fn any_in(&self, s: &str) -> bool {
        self.leftmost.is_match(s)
    }

    /// The byte offset where the earliest occurrence of any word starts
    /// (the least `s.find(w)` over the words).
    pub fn first_in(&self, s: &str) -> Option<usize> {
        self.leftmost.find(s).map(|m| m.start())
    }

    /// The byte offset where the last occurrence of any word starts
    /// (the greatest `s.rfind(w)` over the words).
    pub fn last_in(&self, s: &str) -> Option<usize> {
        self.all.find_overlapping_iter(s).map(|m| m.start()).max()
    }

    /// Where the words occur in `s` (each place one starts, with the shortest starting
    /// there), for asking of many windows of one text whether a word lies in them: one
    /// pass over the text instead of one search per window.
    pub fn spans(&self, s: &str) -> WordSpans {
        // The shortest word at each place a word starts is enough to answer `any_within`: a
        // window that holds a longer one there holds it too. `leftmost` prefers the shortest
        // (its words are ordered by length) and finds each start with its SIMD search; an
        // overlapping automaton search was slower on Chinese text.
        let mut spans = Vec::new();
        let mut pos = 0;
        while let Some(m) = self.leftmost.find_at(s, pos) {
            spans.push((m.start(), m.end()));
            pos = m.start() + s[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        WordSpans { spans }
    }

    /// Every occurrence of every word as (index of the word in the list, start, end).
    pub fn occurrences<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        self.all.find_overlapping_iter(s).map(|m| (m.pattern().as_usize(), m.start(), m.end()))
    }
}

/// Where the words of a list occur in one text: for each byte where one starts, the span of
/// the shortest one starting there, sorted.
pub struct WordSpans {
    spans: Vec<(usize, usize)>,
}

impl WordSpans {
    /// Does a word lie wholly within bytes `start..end` of the text? The same answer as
    /// `Words::any_in` on that slice.
    pub fn any_within(&self, start: usize, end: usize) -> bool {
        let first = self.spans.partition_point(|&(s, _)| s < start);
        self.spans[first..].iter().take_while(|&&(s, _)| s < end).any(|&(_, e)| e <= end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answers_as_searching_word_by_word() {
        let list = ["达到", "达", "超过", "超", "为"];
        let w = Words::new(&list);
        for s in ["", "总产值达到5000亿元", "超过为达", "比重为30%，超过", "无"] {
            assert_eq!(w.any_in(s), list.iter().any(|x| s.contains(x)), "{s}");
            assert_eq!(w.first_in(s), list.iter().filter_map(|x| s.find(x)).min(), "{s}");
            assert_eq!(w.last_in(s), list.iter().filter_map(|x| s.rfind(x)).max(), "{s}");
        }
    }

    proptest::proptest! {
        /// Asking the spans of a whole text about a window gives what searching the window
        /// itself gives, with overlapping words (力争取: 力争 and 争取).
        #[test]
        fn spans_within_a_window_equal_a_search_of_it(
            parts in proptest::collection::vec(proptest::sample::select(vec!["力", "争", "取", "努", "，", "a"]), 0..30),
            cut in (0usize..31, 0usize..31),
        ) {
            let w = Words::new(&["力争", "争取", "努力", "力"]);
            let s: String = parts.concat();
            let bounds: Vec<usize> = s.char_indices().map(|(b, _)| b).chain([s.len()]).collect();
            let (a, b) = (bounds[cut.0.min(bounds.len() - 1)], bounds[cut.1.min(bounds.len() - 1)]);
            let (a, b) = (a.min(b), a.max(b));
            proptest::prop_assert_eq!(w.spans(&s).any_within(a, b), w.any_in(&s[a..b]));
        }
    }
}

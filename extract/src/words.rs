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
        let alternation = words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
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

    /// Every occurrence of every word as (index of the word in the list, start, end).
    pub fn occurrences<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        self.all.find_overlapping_iter(s).map(|m| (m.pattern().as_usize(), m.start(), m.end()))
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
}

//! A position in a sorted slice, for readers that ask mostly in document order.
//!
//! A document's tokens, year anchors and paragraphs are sorted by offset, and most readers
//! ask about offsets in increasing order: the first item at or after each offset is found
//! by stepping on from the previous answer. A binary search over the whole document per
//! question had the same answers but cost a cache miss per step on a large document (tens
//! of thousands of tokens).

/// Where the last answer stood in one sorted slice.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cursor {
    at: usize,
}

/// Steps taken one by one before the rest of the slice is binary-searched: a question
/// far ahead of the last one costs a logarithm, not a walk.
const STEPS: usize = 8;

impl Cursor {
    /// `items.partition_point(before)`, for a `before` that holds on a prefix of `items`.
    /// Cheap when asked in increasing order; a question behind the last answer falls back
    /// to a binary search of the whole slice.
    pub fn advance<T>(&mut self, items: &[T], before: impl Fn(&T) -> bool) -> usize {
        if self.at > items.len() || (self.at > 0 && !before(&items[self.at - 1])) {
            self.at = items.partition_point(before);
            return self.at;
        }
        for _ in 0..STEPS {
            if self.at == items.len() || !before(&items[self.at]) {
                return self.at;
            }
            self.at += 1;
        }
        self.at += items[self.at..].partition_point(before);
        self.at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Asked in any order, the cursor answers as a binary search does.
        #[test]
        fn advancing_equals_partition_point(
            mut items in proptest::collection::vec(0usize..200, 0..60),
            asks in proptest::collection::vec(0usize..220, 0..30),
            sorted in proptest::bool::ANY,
        ) {
            items.sort();
            let mut asks = asks;
            if sorted {
                asks.sort();
            }
            let mut cursor = Cursor::default();
            for a in asks {
                proptest::prop_assert_eq!(cursor.advance(&items, |&x| x < a), items.partition_point(|&x| x < a));
            }
        }
    }
}

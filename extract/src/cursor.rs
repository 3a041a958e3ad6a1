//! Forward-only positions in sorted slices, for readers that ask in document order.
//!
//! A document's tokens and year anchors are sorted by offset, and its sentences are read in
//! order: the first item at or after each sentence start is found by stepping forward from
//! the previous answer. A binary search over the whole document per sentence had the same
//! answers but cost a cache miss per step on a large document (tens of thousands of tokens).

/// Where the last answer stood in one sorted slice.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cursor {
    at: usize,
}

impl Cursor {
    /// The number of leading `items` for which `before` holds, as `items.partition_point(before)`,
    /// for a `before` that holds on a prefix of `items` no shorter than at the previous call
    /// (offsets asked in increasing order).
    pub fn advance<T>(&mut self, items: &[T], before: impl Fn(&T) -> bool) -> usize {
        while self.at < items.len() && before(&items[self.at]) {
            self.at += 1;
        }
        self.at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Asked increasing offsets, the cursor answers as a binary search does.
        #[test]
        fn advancing_equals_partition_point(
            mut items in proptest::collection::vec(0usize..200, 0..60),
            mut asks in proptest::collection::vec(0usize..220, 0..30),
        ) {
            items.sort();
            asks.sort();
            let mut cursor = Cursor::default();
            for a in asks {
                proptest::prop_assert_eq!(cursor.advance(&items, |&x| x < a), items.partition_point(|&x| x < a));
            }
        }
    }
}

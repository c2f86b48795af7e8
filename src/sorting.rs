//! Sorting through one shared copy of the standard library's sort.
//!
//! Every `slice::sort_by` call site with its own element type or comparator
//! gets its own copy of the sort in the wasm, about 2.7 KB each (issue 16
//! measured eleven of them, 30 KB). Here the standard stable sort runs once,
//! on indices, with the comparison behind a `dyn` call; each call site
//! then costs only the small generic step that moves its elements into
//! place.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, stably (equal elements keep their order).
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_indices(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    apply_order(items, order);
}

/// Sorts `items` by the key `key` gives, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, stably.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The indices `0..len` in the order `cmp` gives (the one copy of the sort).
#[inline(never)]
fn sorted_indices(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation with swaps.
fn apply_order<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        if order[start] == DONE {
            continue;
        }
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // A fixed pseudo-random sequence with many equal keys.
        let mut x: u64 = 12345;
        let items: Vec<(u8, usize)> = (0..500)
            .map(|i| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((x >> 59) as u8, i)
            })
            .collect();
        let mut ours = items.clone();
        sort_by_key(&mut ours, |p| p.0);
        let mut std = items;
        std.sort_by_key(|p| p.0);
        assert_eq!(ours, std, "same order, equal keys in their first order");
    }

    #[test]
    fn short_reversed_and_natural_orders() {
        let mut empty: Vec<i32> = vec![];
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, [7]);
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
        let mut desc: Vec<u32> = (0..100).collect();
        sort_by(&mut desc, |a, b| b.cmp(a));
        assert_eq!(desc, (0..100).rev().collect::<Vec<_>>());
        let mut floats = vec![2.5, -1.0, f64::NAN, 0.0];
        sort_by(&mut floats, f64::total_cmp);
        assert_eq!(&floats[..3], &[-1.0, 0.0, 2.5]);
        assert!(floats[3].is_nan());
    }
}

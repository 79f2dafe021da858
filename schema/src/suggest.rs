//! "Did you mean ...?" for a context variable name that is not in the work stream.

use crate::prelude::*;
/// The candidate closest to `name`, if it is close enough to be a likely typo: a different case,
/// or an edit distance of at most a third of the candidate's length (at least 1), and less than
/// the length of either name.
///
/// ```
/// use lwicontext_schema::closest;
///
/// let known = ["msdyn_cartvalue", "msdyn_isvip"];
/// assert_eq!(closest("msdyn_cartvalu", known), Some("msdyn_cartvalue"));
/// assert_eq!(closest("MSDYN_ISVIP", known), Some("msdyn_isvip"));
/// assert_eq!(closest("something_else_entirely", known), None);
/// assert_eq!(closest("b", ["a"]), None);
/// ```
pub fn closest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = if candidate.eq_ignore_ascii_case(name) {
                0
            } else {
                edit_distance(name, candidate)
            };
            (distance, candidate)
        })
        .filter(|(distance, candidate)| {
            let length = candidate.chars().count();
            *distance <= 1.max(length / 3) && *distance < length.min(name.chars().count())
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance, by characters, in one row updated in place: `row[j]` is the distance
/// from the characters of `a` read so far to the first `j + 1` of `b` (the distance to none of
/// `b`, the column before the row, is how many of `a` were read).
fn edit_distance(a: &str, b: &str) -> usize {
    let mut row: Vec<usize> = Vec::new();
    for (j, _) in b.chars().enumerate() {
        row.push(j + 1);
    }
    let mut read = 0;
    for (i, ca) in a.chars().enumerate() {
        // The distances one row up and one column left (`diagonal`), and one column left.
        let (mut diagonal, mut left) = (i, i + 1);
        for (cell, cb) in row.iter_mut().zip(b.chars()) {
            let distance = (diagonal + usize::from(ca != cb))
                .min(*cell + 1)
                .min(left + 1);
            diagonal = *cell;
            *cell = distance;
            left = distance;
        }
        read = i + 1;
    }
    row.last().copied().unwrap_or(read)
}

#[cfg(test)]
mod tests {
    use super::edit_distance;
    use alloc::vec::Vec;
    use std::prelude::rust_2024::*;

    /// The textbook table, whole: what the one-row version must agree with.
    fn table_distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut table = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in table.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in table[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let substitute = table[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
                table[i][j] = substitute.min(table[i - 1][j] + 1).min(table[i][j - 1] + 1);
            }
        }
        table[a.len()][b.len()]
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("same", "same"), 0);
        assert_eq!(edit_distance("café", "cafe"), 1);
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "msdyn_cartvalue",
            "msdyn_cartvalu",
            "msdyn_isvip",
            "MSDYN_ISVIP",
            "naïve",
            "naive",
            "flaw",
            "lawn",
            "intention",
            "execution",
            "日本語",
        ];
        for a in words {
            for b in words {
                assert_eq!(edit_distance(a, b), table_distance(a, b), "{a:?} {b:?}");
            }
        }
    }
}

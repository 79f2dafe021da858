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

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}

//! Lists of named values in their given order, where a name appears once.

use crate::prelude::*;
/// Sets `name` to `value` in `entries`: in place when the name is there, at the end otherwise.
pub(crate) fn set<V>(entries: &mut Vec<(String, V)>, name: String, value: V) {
    match entries.iter_mut().find(|(existing, _)| *existing == name) {
        Some((_, old)) => *old = value,
        None => entries.push((name, value)),
    }
}

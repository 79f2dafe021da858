//! Omnichannel's limits on context variables.
//!
//! The derive enforces the limits on names and on the number of variables at compile time; the
//! encoder enforces the limit on values at run time. Lengths are counted in UTF-16 code units,
//! as Dataverse counts characters, which is never fewer than Unicode characters: the safe side.

/// At most this many context variables in one chat session.
pub const MAX_VARIABLES: usize = 100;

/// A context variable's name has at most this many characters.
pub const MAX_NAME_CHARS: usize = 100;

/// A context variable's value has at most this many characters.
pub const MAX_VALUE_CHARS: usize = 4000;

/// The largest integer JavaScript holds exactly (2^53 − 1): the `native` encoding refuses any
/// integer outside ±`MAX_SAFE_INTEGER`.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// The length of `s` as Dataverse counts it, in UTF-16 code units.
///
/// ```
/// assert_eq!(lwicontext_runtime::limits::char_count("é😀"), 3);
/// ```
pub fn char_count(s: &str) -> usize {
    s.encode_utf16().count()
}

/// `Some(length)` when `s` is longer than a context variable's value may be.
pub(crate) fn value_too_long(s: &str) -> Option<usize> {
    // UTF-8 never takes fewer bytes than UTF-16 takes code units: short strings need no count.
    if s.len() <= MAX_VALUE_CHARS {
        return None;
    }
    let length = char_count(s);
    (length > MAX_VALUE_CHARS).then_some(length)
}

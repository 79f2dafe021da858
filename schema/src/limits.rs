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
/// assert_eq!(lwicontext_schema::limits::char_count("é😀"), 3);
/// ```
pub fn char_count(s: &str) -> usize {
    s.encode_utf16().count()
}

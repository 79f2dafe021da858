//! Omnichannel's limits on context variables and on a token's times.
//!
//! The derive enforces the limits on names and on the number of variables at compile time; the
//! encoder, JSON contexts and `diagnose` enforce them at run time, through the checks in
//! [`crate::rules`]. Lengths are counted in UTF-16 code units, as Dataverse counts characters,
//! which is never fewer than Unicode characters: the safe side.

/// At most this many context variables in one chat session.
pub const MAX_VARIABLES: usize = 100;

/// A context variable's name has at most this many characters.
pub const MAX_NAME_CHARS: usize = 100;

/// A context variable's value has at most this many characters.
pub const MAX_VALUE_CHARS: usize = 4000;

/// The largest integer JavaScript holds exactly (2^53 − 1): the `native` encoding refuses any
/// integer outside ±`MAX_SAFE_INTEGER`.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A JSON number with up to this many significant digits survives a JavaScript number
/// unchanged; the `native` encoding refuses a number written with more.
pub const MAX_SAFE_DIGITS: usize = 15;

/// Omnichannel accepts RS256 tokens only, and RSA keys of fewer bits are no longer safe: the
/// smallest key this project signs with or accepts.
pub const MIN_RSA_BITS: usize = 2048;

/// The claims Omnichannel requires "at a minimum".
pub const REQUIRED_CLAIMS: [&str; 4] = ["iss", "sub", "iat", "exp"];

/// Top-level claims that carry identity data, which belongs in `lwicontexts`, as context
/// variables.
pub const IDENTITY_CLAIMS: [&str; 9] = [
    "email",
    "name",
    "given_name",
    "family_name",
    "phone",
    "phone_number",
    "preferred_username",
    "upn",
    "unique_name",
];

/// A token valid for longer than this (an hour) is legal but risky: a leaked one stays usable
/// that long, and minutes are enough, since a fresh one is fetched for each chat.
pub const LONG_LIFETIME_SECONDS: u64 = 3600;

/// The admin's "JavaScript client function" must call back within this many seconds, or the
/// widget gives up on it.
pub const AUTH_CALLBACK_SECONDS: u64 = 10;

/// A rule broken more often than this in one token reports its first cases and then how many
/// more: a hostile token with 100,000 unknown variables gets six findings, not 100,000.
pub const MAX_FINDINGS_PER_RULE: usize = 5;

/// The smallest JWT time (`NumericDate`) with 13 digits: the widget reads an `exp` of exactly 13
/// digits as milliseconds, while a standard verifier reads seconds. The token builder never
/// writes a time this large.
pub const MILLISECONDS_FROM: u64 = 1_000_000_000_000;

/// Whether the widget reads a JWT time of this value as milliseconds: it has exactly 13 digits
/// (see [`MILLISECONDS_FROM`]). Longer ones it reads as seconds, as every verifier does.
///
/// ```
/// use lwicontext::limits::is_milliseconds;
///
/// assert!(!is_milliseconds(1_795_633_913));
/// assert!(is_milliseconds(1_795_633_913_000));
/// assert!(!is_milliseconds(1_795_633_913_000_000));
/// ```
pub const fn is_milliseconds(numeric_date: u64) -> bool {
    numeric_date >= MILLISECONDS_FROM && numeric_date < MILLISECONDS_FROM * 10
}

/// The length of `s` as Dataverse counts it, in UTF-16 code units.
///
/// ```
/// assert_eq!(lwicontext::limits::char_count("é😀"), 3);
/// ```
pub fn char_count(s: &str) -> usize {
    s.encode_utf16().count()
}

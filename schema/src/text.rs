//! Sentences put together from their pieces, without `core::fmt`: [`text!`](crate::text!),
//! [`put!`](crate::put!) and [`Piece`].
//!
//! Every reason `diagnose` and the context checks give is a sentence of literal words, names,
//! and whole numbers. `format!` would do, but the page's wasm module would then carry
//! `core::fmt`'s machinery (padding, the integer `Display`s, `fmt::write`) and the argument
//! tables of each call; appending the pieces to a `String` one call at a time is a few bytes a
//! piece. The `Display` impls of the rules and errors write the same sentences through it, so
//! that each sentence is written once.

use alloc::borrow::Cow;
use alloc::string::String;

/// What a sentence can be made of: text, a character, or a whole number (written in decimal).
pub trait Piece {
    /// Appends the piece to `out`.
    fn put(&self, out: &mut String);
}

/// Out of line, so that each piece of each sentence is one call.
#[inline(never)]
fn push(out: &mut String, text: &str) {
    out.push_str(text);
}

/// A whole number in decimal, out of line for the same reason. Digit by digit: `itoa`'s faster
/// table costs the page's module more than its sentences' few numbers need.
#[inline(never)]
fn decimal(out: &mut String, negative: bool, mut magnitude: u64) {
    // u64::MAX has 20 digits.
    let mut digits = [0_u8; 20];
    let mut at = digits.len();
    for slot in digits.iter_mut().rev() {
        // A digit, 0 to 9.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (magnitude % 10) as u8;
        *slot = b'0' + digit;
        at -= 1;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    if negative {
        out.push('-');
    }
    for &digit in digits.get(at..).unwrap_or_default() {
        out.push(char::from(digit));
    }
}

impl Piece for str {
    fn put(&self, out: &mut String) {
        push(out, self);
    }
}

impl Piece for String {
    fn put(&self, out: &mut String) {
        push(out, self);
    }
}

impl Piece for Cow<'_, str> {
    fn put(&self, out: &mut String) {
        push(out, self);
    }
}

impl Piece for char {
    fn put(&self, out: &mut String) {
        out.push(*self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn put(&self, out: &mut String) {
        (**self).put(out);
    }
}

macro_rules! unsigned {
    ($($ty:ty),*) => {$(
        impl Piece for $ty {
            fn put(&self, out: &mut String) {
                decimal(out, false, u64::from(*self));
            }
        }
    )*};
}
unsigned!(u8, u16, u32, u64);

impl Piece for usize {
    fn put(&self, out: &mut String) {
        // usize is at most 64 bits on every target Rust supports.
        decimal(out, false, u64::try_from(*self).unwrap_or(u64::MAX));
    }
}

impl Piece for i64 {
    fn put(&self, out: &mut String) {
        decimal(out, *self < 0, self.unsigned_abs());
    }
}

/// A `String` of the pieces given, each appended in turn: `text!["expired ", seconds, " s ago"]`.
/// Each piece is a [`Piece`]: `&str`, `String`, `char`, an integer, or a type that writes its
/// own sentence.
#[doc(hidden)]
#[macro_export]
macro_rules! text {
    ($($piece:expr),+ $(,)?) => {{
        let mut out = $crate::text::__String::new();
        $crate::put!(&mut out, $($piece),+);
        out
    }};
}

/// Appends the pieces to the `String` the first argument borrows: `put![out, "; ", name]`.
#[doc(hidden)]
#[macro_export]
macro_rules! put {
    ($out:expr, $($piece:expr),+ $(,)?) => {{
        let out: &mut $crate::text::__String = $out;
        $($crate::text::Piece::put(&$piece, out);)+
    }};
}

#[doc(hidden)]
pub use alloc::string::String as __String;

#[cfg(test)]
mod tests {
    use super::Piece;
    use alloc::borrow::Cow;
    use alloc::string::{String, ToString};
    use std::format;

    #[test]
    fn writes_each_piece_as_display_does() {
        let owned = String::from("owned");
        let borrowed: Cow<'_, str> = Cow::Borrowed("cow");
        assert_eq!(
            crate::text!("a ", owned, ' ', borrowed, " ", 0u8, " ", 255u8),
            "a owned cow 0 255"
        );
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::MAX - 1, u64::MAX] {
            assert_eq!(crate::text!(n), n.to_string());
        }
        for n in [0, 1, -1, 10, -10, i64::MAX, i64::MIN, i64::MIN + 1] {
            assert_eq!(crate::text!(n), n.to_string());
        }
        assert_eq!(
            crate::text!(u16::MAX, "/", u32::MAX),
            format!("{}/{}", u16::MAX, u32::MAX)
        );
        assert_eq!(crate::text!(usize::MAX), usize::MAX.to_string());
    }

    #[test]
    fn a_piece_by_reference_is_the_piece() {
        let mut out = String::new();
        <&&str as Piece>::put(&&"x", &mut out);
        <&u32 as Piece>::put(&&7, &mut out);
        crate::put![&mut out, " and ", -3i64];
        assert_eq!(out, "x7 and -3");
    }
}

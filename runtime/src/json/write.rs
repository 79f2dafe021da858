//! Writing JSON strings, escaped for JSON and for HTML: what the context encoder, the token
//! builder and the JWT header write names and values with.

use crate::prelude::*;
/// No escape needed.
const NO: u8 = 0;
/// Escape as `\u00XX`.
const UX: u8 = b'u';
/// The first byte of U+2028 / U+2029 (and of many other characters): look at the next two.
const LS: u8 = 1;

/// What each byte of a UTF-8 string needs: [`NO`], [`UX`], [`LS`] or the letter of a short
/// escape (`\n`, `\"`, ...).
///
/// Besides what JSON requires (quote, backslash, control characters), `<`, `>`, `&`, U+2028 and
/// U+2029 are escaped too, so the text is also safe inside an HTML `<script>` and as a JavaScript
/// literal. Every escape parses back to the same character.
const ESCAPE_TABLE: [u8; 256] = {
    let mut table = [NO; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = UX;
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'<' as usize] = UX;
    table[b'>' as usize] = UX;
    table[b'&' as usize] = UX;
    table[0xe2] = LS;
    table
};

/// [`ESCAPE_TABLE`] at one address, so that run-time lookups never copy the table.
static ESCAPE: [u8; 256] = ESCAPE_TABLE;

const HEX: &[u8; 16] = b"0123456789abcdef";

use super::read::Json;

/// Whether `s` goes into JSON as it is, between quotes. Evaluated at compile time for the names
/// of derived contexts; a name with U+2028's lead byte is conservatively not plain.
pub(crate) const fn is_plain(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if ESCAPE_TABLE[bytes[i] as usize] != NO {
            return false;
        }
        i += 1;
    }
    true
}

/// Appends `s` as a quoted JSON string.
#[inline]
pub(crate) fn push_str(out: &mut String, s: &str) {
    out.push('"');
    push_str_contents(out, s);
    out.push('"');
}

/// Appends the escaped contents of `s`, without the quotes.
pub(crate) fn push_str_contents(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    // `copied`: what is already in `out`; `scan`: where to look for the next escape.
    let mut copied = 0;
    let mut scan = 0;
    while let Some(offset) = find_escape(&bytes[scan..]) {
        let i = scan + offset;
        let escape = ESCAPE[usize::from(bytes[i])];
        // 0xe2 leads a three-byte character; only E2 80 A8 / E2 80 A9 need escaping.
        if escape == LS && (bytes[i + 1] != 0x80 || !matches!(bytes[i + 2], 0xa8 | 0xa9)) {
            scan = i + 3;
            continue;
        }
        out.push_str(&s[copied..i]);
        match escape {
            LS => {
                out.push_str(if bytes[i + 2] == 0xa8 {
                    "\\u2028"
                } else {
                    "\\u2029"
                });
                scan = i + 3;
            }
            UX => {
                let b = bytes[i];
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
                scan = i + 1;
            }
            letter => {
                out.push('\\');
                out.push(char::from(letter));
                scan = i + 1;
            }
        }
        copied = scan;
    }
    out.push_str(&s[copied..]);
}

/// Appends `s` quoted with only the escapes JSON needs (quote, backslash, control characters),
/// as `serde_json` and JavaScript's `JSON.stringify` write it: for messages people read.
pub(crate) fn push_str_for_people(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\0'..='\u{1f}' => {
                let b = c as u8;
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `s` quoted by [`push_str_for_people`].
pub(crate) fn quoted_for_people(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_str_for_people(&mut out, s);
    out
}

/// A value as a message shows it: compact, numbers as the token wrote them (as the generated
/// JavaScript shows them), strings by [`push_str_for_people`], an object's members in their
/// order, repeated names included.
pub(crate) fn shown(value: &Json<'_>) -> String {
    fn push(out: &mut String, value: &Json<'_>) {
        match value {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(text) => out.push_str(text),
            Json::String(text) => push_str_for_people(out, text),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push(out, item);
                }
                out.push(']');
            }
            Json::Object(object) => {
                out.push('{');
                for (i, (name, item)) in object.members().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_str_for_people(out, name);
                    out.push(':');
                    push(out, item);
                }
                out.push('}');
            }
        }
    }
    let mut out = String::new();
    push(&mut out, value);
    out
}

/// The index of the first byte that [`ESCAPE`] marks.
#[inline]
fn find_escape(bytes: &[u8]) -> Option<usize> {
    // Eight table lookups OR-ed together per step: most text needs no escape at all.
    let marks = |chunk: &[u8]| {
        chunk
            .iter()
            .fold(NO, |marks, &b| marks | ESCAPE[usize::from(b)])
    };
    let mut start = 0;
    for chunk in bytes.chunks_exact(8) {
        if marks(chunk) != NO {
            break;
        }
        start += 8;
    }
    // When every whole chunk was clear, the last eight bytes (overlapping them) clear the short
    // tail at once.
    let tail_only = start == bytes.len() - bytes.len() % 8;
    if tail_only && start < bytes.len() && start >= 8 && marks(&bytes[bytes.len() - 8..]) == NO {
        return None;
    }
    bytes[start..]
        .iter()
        .position(|&b| ESCAPE[usize::from(b)] != NO)
        .map(|offset| start + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> String {
        let mut out = String::new();
        push_str(&mut out, s);
        out
    }

    #[test]
    fn escapes_what_json_and_html_need() {
        assert_eq!(quoted("plain"), r#""plain""#);
        assert_eq!(quoted("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quoted("\n\r\t\u{8}\u{c}"), r#""\n\r\t\b\f""#);
        assert_eq!(quoted("\u{0}\u{1f}"), r#""\u0000\u001f""#);
        assert_eq!(quoted("</script>&"), r#""\u003c/script\u003e\u0026""#);
        assert_eq!(quoted("\u{2028}\u{2029}"), r#""\u2028\u2029""#);
        // Other characters led by 0xe2 stay as they are.
        assert_eq!(quoted("€‰→"), "\"€‰→\"");
        assert_eq!(quoted("😀é"), "\"😀é\"");
        assert_eq!(quoted(""), r#""""#);
        // Escapes found in every position of the eight-byte steps and the tail.
        assert_eq!(quoted("0123456\"89abcdef"), r#""0123456\"89abcdef""#);
        assert_eq!(quoted("01234567\n9abcdefgh"), r#""01234567\n9abcdefgh""#);
        assert_eq!(quoted("0123456789abcde\t"), r#""0123456789abcde\t""#);
        assert_eq!(quoted("<12345678"), r#""\u003c12345678""#);
    }

    #[test]
    fn shows_values_as_serde_json_writes_them_but_numbers_as_written() {
        let value = super::super::read::parse(
            r#"{"n": 1.0e9, "s": "a\"b\\<é>\n\u0001", "l": [true, null, -0], "o": {}, "n": 2}"#,
        )
        .unwrap();
        assert_eq!(
            shown(&value),
            r#"{"n":1.0e9,"s":"a\"b\\<é>\n\u0001","l":[true,null,-0],"o":{},"n":2}"#
        );
        let text = "tab\t, quote \", control \u{1f}, 😀";
        assert_eq!(
            quoted_for_people(text),
            serde_json::to_string(text).unwrap()
        );
    }

    #[test]
    fn plain_strings_need_no_escaping() {
        assert!(is_plain("msdyn_cartvalue"));
        assert!(is_plain("Cart value (é)"));
        assert!(
            !is_plain("Cart value (€)"),
            "U+2028's lead byte: escaped at run time"
        );
        assert!(!is_plain("a\"b"));
        assert!(!is_plain("<"));
        assert!(!is_plain("\u{2028}"));
    }
}

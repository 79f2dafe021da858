//! The few pieces of JSON the encoder writes: escaped strings and numbers.

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

/// Whether `text` is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
pub(crate) fn is_number(text: &str) -> bool {
    fn digits(s: &[u8]) -> usize {
        s.iter().take_while(|b| b.is_ascii_digit()).count()
    }
    let mut s = text.as_bytes();
    if let [b'-', rest @ ..] = s {
        s = rest;
    }
    let whole = digits(s);
    if whole == 0 || (whole > 1 && s[0] == b'0') {
        return false;
    }
    s = &s[whole..];
    if let [b'.', rest @ ..] = s {
        let fraction = digits(rest);
        if fraction == 0 {
            return false;
        }
        s = &rest[fraction..];
    }
    if let [b'e' | b'E', rest @ ..] = s {
        let rest = rest
            .strip_prefix(b"+")
            .or_else(|| rest.strip_prefix(b"-"))
            .unwrap_or(rest);
        let exponent = digits(rest);
        if exponent == 0 {
            return false;
        }
        s = &rest[exponent..];
    }
    s.is_empty()
}

/// A float that can be written the way JavaScript writes numbers.
pub(crate) trait Float: zmij::Float + Copy + Into<f64> {}
impl Float for f32 {}
impl Float for f64 {}

/// Appends a finite float in its shortest round-trip form, laid out as JavaScript's
/// `Number.prototype.toString` lays it out: `10000`, `0.1`, `1.5e-7`, `1e+21`, and `0` for
/// negative zero. The digits are those of the float's own type (`1.1f32` is `1.1`).
pub(crate) fn push_float<F: Float>(out: &mut String, value: F) {
    let wide: f64 = value.into();
    debug_assert!(wide.is_finite());
    if wide == 0.0 {
        out.push('0');
        return;
    }
    let mut buffer = zmij::Buffer::new();
    let shortest = buffer.format_finite(value);
    if !shortest.contains('e') {
        // Plain notation, as JavaScript would also write it; only `.0` of a whole number goes.
        out.push_str(shortest.strip_suffix(".0").unwrap_or(shortest));
        return;
    }
    let (negative, unsigned) = match shortest.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, shortest),
    };
    let (mantissa, exponent) = match unsigned.split_once('e') {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i32>().unwrap_or(0)),
        None => (unsigned, 0),
    };
    let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));

    // The value is 0.DIGITS × 10^point, DIGITS without leading or trailing zeros.
    let mut digits = [0u8; 40];
    let mut count = 0;
    let mut point = i32::try_from(integer.len()).unwrap_or(0) + exponent;
    for &d in integer.as_bytes().iter().chain(fraction.as_bytes()) {
        if count == 0 && d == b'0' {
            point -= 1;
        } else if count < digits.len() {
            digits[count] = d;
            count += 1;
        }
    }
    while count > 1 && digits[count - 1] == b'0' {
        count -= 1;
    }
    let digits = std::str::from_utf8(&digits[..count]).unwrap_or("0");
    let k = i32::try_from(count).unwrap_or(0);

    if negative {
        out.push('-');
    }
    match point {
        // 12300: the digits, then zeros.
        n if k <= n && n <= 21 => {
            out.push_str(digits);
            (k..n).for_each(|_| out.push('0'));
        }
        // 12.3: the point among the digits.
        n if 0 < n && n <= 21 => {
            let (whole, part) = digits.split_at(n.unsigned_abs() as usize);
            out.push_str(whole);
            out.push('.');
            out.push_str(part);
        }
        // 0.00123: zeros after the point.
        n if -6 < n && n <= 0 => {
            out.push_str("0.");
            (n..0).for_each(|_| out.push('0'));
            out.push_str(digits);
        }
        // 1.23e+25, 1.23e-7.
        n => {
            let (first, rest) = digits.split_at(1);
            out.push_str(first);
            if !rest.is_empty() {
                out.push('.');
                out.push_str(rest);
            }
            out.push_str(if n > 0 { "e+" } else { "e-" });
            out.push_str(itoa::Buffer::new().format((n - 1).unsigned_abs()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> String {
        let mut out = String::new();
        push_str(&mut out, s);
        out
    }

    fn float<F: Float>(value: F) -> String {
        let mut out = String::new();
        push_float(&mut out, value);
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
    fn json_numbers() {
        for good in [
            "0",
            "-0",
            "10",
            "1.10",
            "-2.5e-7",
            "1E+21",
            "123456789012345678901234",
        ] {
            assert!(is_number(good), "{good}");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "NaN", "1 ", "0x10", "\"1\"",
        ] {
            assert!(!is_number(bad), "{bad}");
        }
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

    #[test]
    fn floats_read_as_javascript_writes_them() {
        assert_eq!(float(10000.0_f64), "10000");
        assert_eq!(float(0.1_f64), "0.1");
        assert_eq!(float(0.1_f64 + 0.2), "0.30000000000000004");
        assert_eq!(float(-0.0_f64), "0");
        assert_eq!(float(1e21_f64), "1e+21");
        assert_eq!(
            float(123_456_789_012_345_680_000.0_f64),
            "123456789012345680000"
        );
        assert_eq!(float(0.000_001_f64), "0.000001");
        assert_eq!(float(1.5e-7_f64), "1.5e-7");
        assert_eq!(float(-2.5e300_f64), "-2.5e+300");
        assert_eq!(float(f64::MIN_POSITIVE), "2.2250738585072014e-308");
        assert_eq!(float(1.1_f32), "1.1");
        assert_eq!(float(f32::MAX), "3.4028235e+38");
        assert_eq!(float(1e15_f64), "1000000000000000");
        assert_eq!(float(1e-6_f64), "0.000001");
        assert_eq!(float(1.25e-6_f64), "0.00000125");
        assert_eq!(float(1e-7_f64), "1e-7");
        assert_eq!(float(5e-324_f64), "5e-324");
        assert_eq!(float(123.456_f64), "123.456");
        assert_eq!(float(-49.99_f64), "-49.99");
        assert_eq!(float(1e20_f64), "100000000000000000000");
        assert_eq!(float(1.5e21_f64), "1.5e+21");
    }
}

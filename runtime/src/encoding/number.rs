//! Numbers as the `lwicontexts` claim carries them: JSON number text, and floats laid out as
//! JavaScript lays them out.
//!
//! In a wasm module built with the `wasm` feature, decimal text is read, and a float written,
//! by the browser's own `parseFloat` and `String(number)`: the same doubles and the same text as
//! Rust's reader and [`push_float`] (the wasm tests and `tests/numbers.rs` check both), for none
//! of the 20 KB that Rust's float reading and writing add to a page's module.

use crate::prelude::*;
/// Whether `text` is a decimal number as Rust's `f64::from_str` reads one (`-1`, `+1.5`, `1.`,
/// `.5`, `1e5`), leaving out the words it also reads (`inf`, `NaN`): the texts on which Rust's
/// reader and JavaScript's `parseFloat` agree. Every JSON number is one.
pub(crate) fn is_decimal(text: &str) -> bool {
    fn digits(s: &[u8]) -> (usize, &[u8]) {
        let count = s.iter().take_while(|b| b.is_ascii_digit()).count();
        (count, s.get(count..).unwrap_or_default())
    }
    let s = text.as_bytes();
    let s = s
        .strip_prefix(b"+")
        .or_else(|| s.strip_prefix(b"-"))
        .unwrap_or(s);
    let (whole, mut s) = digits(s);
    let mut fraction = 0;
    if let [b'.', rest @ ..] = s {
        (fraction, s) = digits(rest);
    }
    if whole + fraction == 0 {
        return false;
    }
    if let [b'e' | b'E', rest @ ..] = s {
        let rest = rest
            .strip_prefix(b"+")
            .or_else(|| rest.strip_prefix(b"-"))
            .unwrap_or(rest);
        let exponent;
        (exponent, s) = digits(rest);
        if exponent == 0 {
            return false;
        }
    }
    s.is_empty()
}

/// The double nearest to decimal `text`; `None` when `text` is not [`is_decimal`].
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    if !is_decimal(text) {
        return None;
    }
    #[cfg(all(feature = "wasm", target_arch = "wasm32"))]
    return Some(js_sys::Number::parse_float(text));
    #[cfg(not(all(feature = "wasm", target_arch = "wasm32")))]
    text.parse().ok()
}

/// The float nearest to decimal `text`; `None` when `text` is not [`is_decimal`].
pub(crate) trait ParseDecimal: Sized {
    fn parse_decimal(text: &str) -> Option<Self>;
}

impl ParseDecimal for f64 {
    fn parse_decimal(text: &str) -> Option<Self> {
        parse_f64(text)
    }
}

impl ParseDecimal for f32 {
    /// Rust's own reader: a double read by `parseFloat` and then narrowed would be rounded
    /// twice.
    fn parse_decimal(text: &str) -> Option<Self> {
        is_decimal(text).then(|| text.parse().ok()).flatten()
    }
}

/// `value` as JavaScript's `String(value)` writes it (empty for NaN and the infinities): what
/// the widget measures a time by.
pub(crate) fn js_text(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    #[cfg(all(feature = "wasm", target_arch = "wasm32"))]
    return js_sys::Number::from(value)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default();
    #[cfg(not(all(feature = "wasm", target_arch = "wasm32")))]
    {
        let mut text = String::new();
        push_float(&mut text, value);
        text
    }
}

/// The significant digits of a JSON number's mantissa: no sign, no leading zeros, no trailing
/// zeros after the point.
pub(super) fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if mantissa.contains('.') {
        digits.trim_end_matches('0')
    } else {
        digits
    };
    digits.len()
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
    let digits = digits
        .get(..count)
        .and_then(|digits| core::str::from_utf8(digits).ok())
        .unwrap_or("0");
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
            // ASCII digits: every offset is a character boundary, so the split never fails
            // (and `split_at` would bring the panic message's formatting into a wasm module).
            let (whole, part) = digits
                .split_at_checked(n.unsigned_abs() as usize)
                .unwrap_or((digits, ""));
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
            let (first, rest) = digits.split_at_checked(1).unwrap_or((digits, ""));
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

    fn float<F: Float>(value: F) -> String {
        let mut out = String::new();
        push_float(&mut out, value);
        out
    }

    #[test]
    fn decimals_as_rust_reads_them() {
        for good in [
            "0", "-0", "+1", "1.", ".5", "-.5e3", "1E+21", "00012", "1e-400", "9e999",
        ] {
            assert!(is_decimal(good), "{good}");
            assert_eq!(parse_f64(good), good.parse().ok(), "{good}");
        }
        for bad in [
            "", "+", "-", ".", "e5", "1e", "1e+", "inf", "NaN", "infinity", "0x10", " 1", "1 ",
            "1_0", "--1", "1.2.3",
        ] {
            assert!(!is_decimal(bad), "{bad}");
            assert_eq!(parse_f64(bad), None, "{bad}");
        }
        assert_eq!(f32::parse_decimal("1.1"), Some(1.1_f32));
        assert_eq!(f32::parse_decimal("inf"), None);
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

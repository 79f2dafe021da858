//! In wasm, lwicontext reads decimal text with the browser's `parseFloat` and writes a float's
//! JavaScript text with `String(number)`, where a native build uses Rust's reader and its own
//! writer: the same doubles and the same text, checked here against Rust's reader and the
//! encoder's writer, both in this module, on edge cases and on a spread of random ones.

use lwicontext::ContextError;
use lwicontext::FromLwiValue;
use lwicontext::context::{ContextEncoder, Encoding, Received, Value};
use wasm_bindgen_test::wasm_bindgen_test;

/// A fixed-seed xorshift: the same spread of inputs on every run.
struct Spread(u64);

impl Spread {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn coin(&mut self) -> bool {
        self.next().is_multiple_of(2)
    }

    /// Decimal text of every form `f64::from_str` reads: signs, points at either end, long
    /// mantissas, exponents near both ends of a double's range.
    fn decimal(&mut self) -> String {
        let digits = |spread: &mut Self, count: u64| -> String {
            (0..count)
                .map(|_| char::from(b'0' + u8::try_from(spread.next() % 10).unwrap_or(0)))
                .collect()
        };
        let mut text = String::new();
        match self.next() % 3 {
            0 => text.push('-'),
            1 => text.push('+'),
            _ => {}
        }
        let whole = self.next() % 25;
        text.push_str(&digits(self, whole));
        if whole == 0 || self.coin() {
            text.push('.');
            let fraction = 1 + self.next() % 25;
            text.push_str(&digits(self, fraction));
        }
        if self.coin() {
            text.push(if self.coin() { 'e' } else { 'E' });
            let exponent = i64::try_from(self.next() % 700).unwrap_or(0) - 350;
            text.push_str(&exponent.to_string());
        }
        text
    }
}

const EDGES: &[&str] = &[
    "0",
    "-0",
    "1",
    "0.1",
    "1e21",
    "1e-7",
    "5e-324",
    "2.4703282292062327e-324",
    "2.4703282292062328e-324",
    "2.2250738585072011e-308",
    "2.2250738585072014e-308",
    "1.7976931348623157e308",
    "1.7976931348623158e308",
    "1.7976931348623159e308",
    "9e999",
    "9007199254740993",
    "9007199254740992.5",
    "123456789012345678901234567890",
    "1.",
    ".5",
    "00012",
    "1800000840.25",
];

/// What a context field of type `f64` reads from a JSON number's text.
fn read(text: &str) -> Option<f64> {
    f64::from_received(&Received::Number(text.into())).ok()
}

#[wasm_bindgen_test]
fn decimal_text_reads_as_rusts_reader_reads_it() {
    let mut spread = Spread(0x9e37_79b9_7f4a_7c15);
    let random: Vec<String> = (0..5000).map(|_| spread.decimal()).collect();
    let mut finite = 0;
    for text in EDGES
        .iter()
        .copied()
        .chain(random.iter().map(String::as_str))
    {
        // Rust's own reader; a field refuses the infinities, which is the one difference.
        let rust = text.parse::<f64>().ok().filter(|number| number.is_finite());
        let read = read(text);
        assert_eq!(read.map(f64::to_bits), rust.map(f64::to_bits), "{text}");
        finite += usize::from(read.is_some());
    }
    assert!(finite > 4000, "{finite} finite");
    for text in ["", "inf", "NaN", "infinity", "0x10", " 1", "1e", "--1"] {
        assert_eq!(read(text), None, "{text}");
    }
}

/// A float's text as the `string` encoding writes it: lwicontext's own writer.
fn encoded(value: f64) -> String {
    let mut out = String::new();
    let mut encoder = ContextEncoder::new(&mut out, Encoding::String);
    encoder
        .variable("v", true, Some(Value::F64(value)))
        .unwrap();
    encoder.finish();
    out.trim_start_matches("{\"v\":\"")
        .trim_end_matches("\"}")
        .to_owned()
}

/// A float's JavaScript text as an error message shows it: the browser's `String(number)`.
fn shown(value: f64) -> String {
    let message = ContextError::NotFinite {
        variable: "v".into(),
        value,
    }
    .to_string();
    let shown = message.trim_start_matches("context variable `v`: ");
    shown[..shown.find(" is not").unwrap()].to_owned()
}

#[wasm_bindgen_test]
fn floats_are_written_as_lwicontexts_own_writer_writes_them() {
    let mut spread = Spread(0x2545_f491_4f6c_dd1d);
    let edges = EDGES.iter().map(|text| text.parse::<f64>().unwrap());
    let random = (0..5000).map(|_| f64::from_bits(spread.next()));
    let mut written = 0;
    for value in edges.chain(random).filter(|value| value.is_finite()) {
        assert_eq!(shown(value), encoded(value), "{:x}", value.to_bits());
        written += 1;
    }
    assert!(written > 4000, "{written} written");
    assert_eq!(shown(f64::NAN), "NaN");
    assert_eq!(shown(f64::NEG_INFINITY), "-inf");
}

//! Base64 as a token's parts are decoded: base64url without padding, as Omnichannel's server
//! reads the header, the payload and the signature, and as the widget's page script reads the
//! payload: `-_` turned into `+/`, then the standard alphabet with any padding and stray low
//! bits.
//!
//! It decodes exactly what the `base64` crate's engines of those settings decode (the tests check
//! it against them), in a few hundred bytes of wasm instead of the crate's generic engine; the
//! generated JavaScript's `base64()` follows the same steps.

use crate::prelude::*;
/// Which characters stand for the 64 values, and what else is allowed.
#[derive(Clone, Copy)]
pub(super) struct Base64 {
    /// Each byte's value, or [`INVALID`].
    values: &'static [u8; 256],
    /// Whether `=` may pad the last group (canonically or partly); otherwise it is refused.
    padding: bool,
    /// Whether the bits after the last byte may be set; otherwise they must be zero.
    trailing_bits: bool,
}

/// base64url with no padding and canonical trailing bits: how the server reads each part.
pub(super) const URL_SAFE_NO_PAD: Base64 = Base64 {
    values: &values(b"-", b"_"),
    padding: false,
    trailing_bits: false,
};

/// How the widget reads the payload: `-` and `+` both 62 and `_` and `/` both 63 (it turns `-_`
/// into `+/`, then decodes the standard alphabet), padded or not, trailing bits allowed.
pub(super) const WIDGET: Base64 = Base64 {
    values: &values(b"-+", b"_/"),
    padding: true,
    trailing_bits: true,
};

/// Not a character of the alphabet, in [`values`]'s tables.
const INVALID: u8 = 0xff;

/// Each byte's value in the alphabet whose 62 is any of `plus` and 63 any of `slash`, or
/// [`INVALID`].
const fn values(plus: &[u8], slash: &[u8]) -> [u8; 256] {
    let mut table = [INVALID; 256];
    let mut value = 0;
    while value < 26 {
        table[(b'A' + value) as usize] = value;
        table[(b'a' + value) as usize] = value + 26;
        if value < 10 {
            table[(b'0' + value) as usize] = value + 52;
        }
        value += 1;
    }
    let mut at = 0;
    while at < plus.len() {
        table[plus[at] as usize] = 62;
        at += 1;
    }
    at = 0;
    while at < slash.len() {
        table[slash[at] as usize] = 63;
        at += 1;
    }
    table
}

impl Base64 {
    /// The value of one character, or `None`.
    fn value(self, byte: u8) -> Option<u32> {
        let value = self.values[usize::from(byte)];
        (value != INVALID).then_some(u32::from(value))
    }

    /// The bytes `text` stands for, or `None` when it is not base64 of these settings.
    pub(super) fn decode(self, text: &str) -> Option<Vec<u8>> {
        let text = text.as_bytes();
        if text.is_empty() {
            return Some(Vec::new());
        }
        // Every group of four but the last, which may be short or padded.
        let last = match text.len() % 4 {
            0 => 4,
            short => short,
        };
        let (body, tail) = text.split_at_checked(text.len() - last)?;
        let mut bytes = Vec::with_capacity(text.len() / 4 * 3 + 3);
        for group in body.chunks_exact(4) {
            let mut n = 0;
            for &byte in group {
                n = n << 6 | self.value(byte)?;
            }
            bytes.extend_from_slice(&n.to_be_bytes()[1..]);
        }
        // The last group: two to four characters, then padding if any.
        let mut n = 0;
        let mut count = 0;
        let mut pads = 0;
        for (at, &byte) in tail.iter().enumerate() {
            if byte == b'=' {
                if at < 2 || !self.padding {
                    return None;
                }
                pads += 1;
                continue;
            }
            if pads > 0 {
                return None;
            }
            n = n << 6 | self.value(byte)?;
            count += 1;
        }
        if count < 2 {
            return None;
        }
        // Two characters carry one byte, three two, four three.
        let kept = count * 6 / 8;
        let unused = count * 6 - kept * 8;
        if !self.trailing_bits && n & ((1 << unused) - 1) != 0 {
            return None;
        }
        let n = n >> unused;
        let group = n.to_be_bytes();
        bytes.extend_from_slice(group.get(4 - kept..).unwrap_or_default());
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::alphabet;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as CRATE_URL_SAFE_NO_PAD;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use proptest::prelude::*;

    use super::*;

    const CRATE_LENIENT: GeneralPurpose = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );

    fn agrees(text: &str) {
        assert_eq!(
            URL_SAFE_NO_PAD.decode(text),
            CRATE_URL_SAFE_NO_PAD.decode(text).ok(),
            "base64url: {text:?}"
        );
        let widget = text.replace('-', "+").replace('_', "/");
        assert_eq!(
            WIDGET.decode(text),
            CRATE_LENIENT.decode(widget).ok(),
            "the widget's: {text:?}"
        );
    }

    #[test]
    fn decodes_what_the_base64_crate_decodes() {
        for text in [
            "",
            "A",
            "QQ",
            "QR",
            "QQ=",
            "QQ==",
            "QQ===",
            "Q===",
            "QUI",
            "QUJ",
            "QUI=",
            "QUJD",
            "QUJD=",
            "=QUJ",
            "QU=J",
            "-_-_",
            "+/+/",
            "4pyT",
            "4p-T",
            "4p+T",
            "AAAA AAAA",
            "ÀAAA",
        ] {
            agrees(text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn agrees_with_the_base64_crate_on_any_text(text in "[A-Za-z0-9+/_=-]{0,12}|(?s).{0,6}") {
            agrees(&text);
        }

        #[test]
        fn decodes_what_the_base64_crate_encodes(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
            let url = CRATE_URL_SAFE_NO_PAD.encode(&bytes);
            prop_assert_eq!(URL_SAFE_NO_PAD.decode(&url), Some(bytes.clone()));
            let padded = base64::engine::general_purpose::STANDARD.encode(&bytes);
            prop_assert_eq!(WIDGET.decode(&padded), Some(bytes.clone()));
            prop_assert_eq!(WIDGET.decode(&url), Some(bytes));
        }
    }
}

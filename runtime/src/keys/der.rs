//! Just enough DER to read what aws-lc-rs does not tell: which algorithm a key is for, and how
//! many bits its modulus has (to say "1024-bit key" rather than "rejected"), and to read `n` and
//! `e` out of a public key; and to write a public key back as X.509 `SubjectPublicKeyInfo`, so
//! that every key prints as the same PEM.

use crate::prelude::*;
use alloc::vec;
/// An ASN.1 object identifier's content bytes.
pub(crate) type Oid = &'static [u8];

pub(crate) const RSA_ENCRYPTION: Oid = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
pub(crate) const RSA_PSS: Oid = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
pub(crate) const EC_PUBLIC_KEY: Oid = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
pub(crate) const ED25519: Oid = &[0x2b, 0x65, 0x70];
pub(crate) const ED448: Oid = &[0x2b, 0x65, 0x71];

const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const NULL: u8 = 0x05;
const OBJECT_IDENTIFIER: u8 = 0x06;
const SEQUENCE: u8 = 0x30;

/// A cursor over DER bytes.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    /// The content of the next element, which must have `tag`.
    fn read(&mut self, tag: u8) -> Option<&'a [u8]> {
        let (&found, rest) = self.0.split_first()?;
        if found != tag {
            return None;
        }
        let (&first, mut rest) = rest.split_first()?;
        let length = if first < 0x80 {
            usize::from(first)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 || rest.len() < count {
                return None;
            }
            let (bytes, after) = rest.split_at(count);
            rest = after;
            bytes.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b))
        };
        if rest.len() < length {
            return None;
        }
        let (content, after) = rest.split_at(length);
        self.0 = after;
        Some(content)
    }
}

/// A big-endian unsigned integer without leading zero bytes.
pub(crate) fn unsigned(integer: &[u8]) -> &[u8] {
    let start = integer
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(integer.len());
    &integer[start..]
}

/// The number of significant bits of a big-endian unsigned integer.
pub(crate) fn bit_length(integer: &[u8]) -> usize {
    let integer = unsigned(integer);
    integer.first().map_or(0, |&first| {
        (integer.len() - 1) * 8 + (8 - first.leading_zeros() as usize)
    })
}

/// The algorithm of a PKCS#8 `PrivateKeyInfo`, and its inner private key.
pub(crate) fn pkcs8_algorithm(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut info = Reader(Reader(der).read(SEQUENCE)?);
    info.read(INTEGER)?;
    let mut algorithm = Reader(info.read(SEQUENCE)?);
    let oid = algorithm.read(OBJECT_IDENTIFIER)?;
    let private_key = info.read(OCTET_STRING)?;
    Some((oid, private_key))
}

/// The modulus of a PKCS#1 `RSAPrivateKey`.
pub(crate) fn rsa_private_modulus(der: &[u8]) -> Option<&[u8]> {
    let mut key = Reader(Reader(der).read(SEQUENCE)?);
    key.read(INTEGER)?;
    key.read(INTEGER).map(unsigned)
}

/// The algorithm of an X.509 `SubjectPublicKeyInfo`, and its key bytes.
pub(crate) fn spki_algorithm(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut info = Reader(Reader(der).read(SEQUENCE)?);
    let mut algorithm = Reader(info.read(SEQUENCE)?);
    let oid = algorithm.read(OBJECT_IDENTIFIER)?;
    let bits = info.read(BIT_STRING)?;
    // The first byte counts unused bits: zero for a key.
    let (&0, key) = bits.split_first()? else {
        return None;
    };
    Some((oid, key))
}

/// `n` and `e` of a PKCS#1 `RSAPublicKey`, without leading zeros.
pub(crate) fn rsa_public_components(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut key = Reader(Reader(der).read(SEQUENCE)?);
    let n = unsigned(key.read(INTEGER)?);
    let e = unsigned(key.read(INTEGER)?);
    Some((n, e))
}

/// An X.509 `SubjectPublicKeyInfo { AlgorithmIdentifier { rsaEncryption, NULL }, BIT STRING {
/// RSAPublicKey { n, e } } }` for the unsigned big-endian `n` and `e`.
pub(crate) fn rsa_spki(n: &[u8], e: &[u8]) -> Vec<u8> {
    let integer = |value: &[u8]| {
        // A leading zero keeps an unsigned integer with its top bit set positive.
        let mut content = Vec::with_capacity(value.len() + 1);
        if value.first().is_some_and(|&b| b & 0x80 != 0) {
            content.push(0);
        }
        content.extend_from_slice(value);
        element(INTEGER, &content)
    };
    let rsa_public_key = element(SEQUENCE, &[integer(n), integer(e)].concat());
    let algorithm = element(
        SEQUENCE,
        &[element(OBJECT_IDENTIFIER, RSA_ENCRYPTION), vec![NULL, 0x00]].concat(),
    );
    let bit_string = element(BIT_STRING, &[&[0u8][..], &rsa_public_key].concat());
    element(SEQUENCE, &[algorithm, bit_string].concat())
}

/// One DER element: tag, length (short or long form), content.
fn element(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let length = content.len();
    if let Ok(short) = u8::try_from(length)
        && short < 0x80
    {
        out.push(short);
    } else {
        let bytes = length.to_be_bytes();
        let skip = bytes
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(bytes.len() - 1);
        out.push(0x80 | u8::try_from(bytes.len() - skip).unwrap_or(0));
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lengths_in_both_forms() {
        let short = [SEQUENCE, 2, INTEGER, 0];
        assert_eq!(Reader(&short).read(SEQUENCE), Some(&[INTEGER, 0][..]));
        let mut long = vec![OCTET_STRING, 0x82, 0x01, 0x00];
        long.extend([7u8; 256]);
        assert_eq!(Reader(&long).read(OCTET_STRING).map(<[u8]>::len), Some(256));
        // Truncated, wrong tag, or an absurd length: None, never a panic.
        assert_eq!(Reader(&long[..100]).read(OCTET_STRING), None);
        assert_eq!(Reader(&short).read(INTEGER), None);
        assert_eq!(
            Reader(&[SEQUENCE, 0x85, 1, 1, 1, 1, 1]).read(SEQUENCE),
            None
        );
        assert_eq!(Reader(&[]).read(SEQUENCE), None);
    }

    #[test]
    fn writes_what_it_reads() {
        let n = [0x80u8; 256];
        let spki = rsa_spki(&n, &[1, 0, 1]);
        let (oid, key) = spki_algorithm(&spki).unwrap();
        assert_eq!(oid, RSA_ENCRYPTION);
        assert_eq!(rsa_public_components(key), Some((&n[..], &[1u8, 0, 1][..])));
    }

    #[test]
    fn counts_bits() {
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01]), 1);
        assert_eq!(bit_length(&[0x00]), 0);
        assert_eq!(bit_length(&[]), 0);
    }
}

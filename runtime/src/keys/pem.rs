//! PEM text: the key block of a file, the name of a key's algorithm, and PEM as this crate
//! writes it.

use super::{KeyError, der};
use crate::prelude::*;

/// The key block of `input`: the first PEM block labelled as a key, so that a file that also
/// holds EC parameters or a certificate still reads; otherwise the first block.
pub(super) fn parse_pem(input: &[u8]) -> Result<pem::Pem, KeyError> {
    let text = std::str::from_utf8(input).map_err(|_| KeyError::NotPem)?;
    let mut blocks = pem::parse_many(text).map_err(|_| KeyError::NotPem)?;
    let at = blocks
        .iter()
        .position(|block| block.tag().ends_with(" KEY"))
        .unwrap_or(0);
    if blocks.is_empty() {
        return Err(KeyError::NotPem);
    }
    Ok(blocks.swap_remove(at))
}

/// The name of the algorithm of a key's OID, for [`KeyError::NotRsa`].
pub(super) fn algorithm_name(oid: &[u8]) -> &'static str {
    match oid {
        der::EC_PUBLIC_KEY => "EC",
        der::ED25519 => "Ed25519",
        der::ED448 => "Ed448",
        der::RSA_PSS => "RSA-PSS",
        _ => "unknown algorithm",
    }
}

/// `der` as PEM text with the `label`, in 64-character lines ending in `\n`.
pub(super) fn encode(label: &str, der: Vec<u8>) -> String {
    let block = pem::Pem::new(label, der);
    let text = pem::encode_config(
        &block,
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    );
    // A private key's DER is cleared, not just freed.
    drop(zeroize::Zeroizing::new(block.into_contents()));
    text
}

//! [`KeyError`]: why a key or a key set was refused.

use crate::prelude::*;
use std::fmt;

use super::MIN_RSA_BITS;

/// Why a key was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The input is not PEM text at all.
    NotPem,
    /// A PEM block of a kind that is not a key (a certificate, a CSR, ...).
    NotAKey {
        /// The PEM label, as in `-----BEGIN CERTIFICATE-----`.
        label: String,
    },
    /// A public key where the private key is needed, to sign.
    PublicKeyGiven,
    /// A private key where a public key is needed.
    PrivateKeyGiven,
    /// An encrypted private key: it must be decrypted first.
    Encrypted,
    /// A key for another algorithm than RSA (`"EC"`, `"Ed25519"`, ...): Omnichannel accepts only
    /// RS256.
    NotRsa {
        /// The key's algorithm.
        algorithm: &'static str,
    },
    /// A key size [`Signer::generate`](super::Signer::generate) does not make: not one of
    /// [`Signer::SIZES`](super::Signer::SIZES).
    UnsupportedSize {
        /// The size asked for.
        bits: usize,
    },
    /// An RSA key with fewer than 2048 bits.
    TooSmall {
        /// The key's modulus size.
        bits: usize,
    },
    /// PEM text whose content is not a valid key of its kind.
    Invalid {
        /// What was wrong.
        reason: String,
    },
    /// A key set needs a key id for each key.
    MissingKid,
    /// Two keys of a key set with the same key id.
    DuplicateKid {
        /// The repeated key id.
        kid: String,
    },
    /// A key set document that is not one.
    InvalidKeySet {
        /// What was wrong.
        reason: String,
    },
    /// No key of a set has this key id.
    UnknownKid {
        /// The key id asked for.
        kid: String,
    },
    /// A key file that cannot be read ([`Signer::from_file`](super::Signer::from_file)).
    Unreadable {
        /// The file.
        path: String,
        /// Why, as the system says.
        reason: String,
    },
    /// An environment variable that is not set, or not text
    /// ([`Signer::from_env`](super::Signer::from_env)).
    EnvNotSet {
        /// The variable's name.
        name: String,
    },
    /// A key from a file or an environment variable that is not a usable key.
    From {
        /// Where it came from: "file `key.pem`", "environment variable `CHAT_KEY`".
        source: String,
        /// Why it was refused.
        error: Box<KeyError>,
    },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotPem => f.write_str(
                "not a PEM key: expected text starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----",
            ),
            Self::NotAKey { label } => {
                write!(f, "the PEM text holds no key, only `{label}`")
            }
            Self::PublicKeyGiven => {
                f.write_str("this is a public key; signing needs the RSA private key")
            }
            Self::PrivateKeyGiven => f.write_str(
                "this is a private key; give the public key (lwicontext publickey prints it)",
            ),
            Self::Encrypted => f.write_str(
                "the private key is encrypted; decrypt it first, for example with `openssl pkey -in key.pem -out plain.pem`",
            ),
            Self::NotRsa { algorithm } => write!(
                f,
                "this is an {algorithm} key; Omnichannel accepts only RSA keys (RS256)"
            ),
            Self::TooSmall { bits } => write!(
                f,
                "this RSA key has {bits} bits; tokens need at least {MIN_RSA_BITS}"
            ),
            Self::Invalid { reason } => write!(f, "the key cannot be read: {reason}"),
            Self::UnsupportedSize { bits } => write!(
                f,
                "{bits}-bit keys are not made here: choose {}",
                super::Signer::SIZES.map(|size| size.to_string()).join(", ")
            ),
            Self::MissingKid => f.write_str(
                "a key of a key set needs a key id (kid), which tokens name in their header",
            ),
            Self::DuplicateKid { kid } => {
                write!(f, "two keys have the key id `{kid}`; key ids must be unique")
            }
            Self::InvalidKeySet { reason } => write!(f, "not a key set: {reason}"),
            Self::Unreadable { path, reason } => write!(f, "{path}: {reason}"),
            Self::UnknownKid { kid } => write!(f, "no key has the key id `{kid}`"),
            Self::EnvNotSet { name } => write!(
                f,
                "the environment variable `{name}` is not set: it should hold the RSA private key's PEM text"
            ),
            Self::From { source, error } => write!(f, "{source}: {error}"),
        }
    }
}

impl std::error::Error for KeyError {}

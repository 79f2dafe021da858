//! RSA keys: the [`Signer`] that signs tokens, the [`PublicKey`] a token is checked against, and
//! the [`KeySet`] the admin's "Public key URL" serves.

mod der;
mod key_set;

use std::fmt;
use std::sync::Arc;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_SHA256};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

pub use key_set::{KeySet, KeySetEntry};

/// Omnichannel accepts RS256 tokens only, and RSA keys of fewer bits are no longer safe.
pub const MIN_RSA_BITS: usize = 2048;

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
    /// A key size [`Signer::generate`] does not make: 2048, 3072, 4096 or 8192.
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
                "{bits}-bit keys are not made here: choose 2048, 3072, 4096 or 8192"
            ),
            Self::MissingKid => f.write_str(
                "a key of a key set needs a key id (kid), which tokens name in their header",
            ),
            Self::DuplicateKid { kid } => {
                write!(f, "two keys have the key id `{kid}`; key ids must be unique")
            }
            Self::InvalidKeySet { reason } => write!(f, "not a key set: {reason}"),
        }
    }
}

impl std::error::Error for KeyError {}

/// The key block of `input`: the first PEM block labelled as a key, so that a file that also
/// holds EC parameters or a certificate still reads; otherwise the first block.
fn parse_pem(input: &[u8]) -> Result<pem::Pem, KeyError> {
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
fn algorithm_name(oid: &[u8]) -> &'static str {
    match oid {
        der::EC_PUBLIC_KEY => "EC",
        der::ED25519 => "Ed25519",
        der::ED448 => "Ed448",
        der::RSA_PSS => "RSA-PSS",
        _ => "unknown algorithm",
    }
}

/// Refuses a modulus under [`MIN_RSA_BITS`].
fn check_size(modulus: &[u8]) -> Result<usize, KeyError> {
    let bits = der::bit_length(modulus);
    if bits < MIN_RSA_BITS {
        return Err(KeyError::TooSmall { bits });
    }
    Ok(bits)
}

/// An RSA public key: what a token's signature is checked against.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    pem: String,
    n: Vec<u8>,
    e: Vec<u8>,
}

impl PublicKey {
    /// Reads a `-----BEGIN PUBLIC KEY-----` (X.509 `SubjectPublicKeyInfo`) or
    /// `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1) PEM.
    ///
    /// # Errors
    /// A [`KeyError`] saying what the input is instead: not PEM, a private key, not RSA, under
    /// 2048 bits.
    pub fn from_pem(input: &[u8]) -> Result<Self, KeyError> {
        let block = parse_pem(input)?;
        let pkcs1 = match block.tag() {
            "PUBLIC KEY" => {
                let invalid = || KeyError::Invalid {
                    reason: "not a SubjectPublicKeyInfo".into(),
                };
                let (oid, key) = der::spki_algorithm(block.contents()).ok_or_else(invalid)?;
                if oid != der::RSA_ENCRYPTION {
                    return Err(KeyError::NotRsa {
                        algorithm: algorithm_name(oid),
                    });
                }
                key
            }
            "RSA PUBLIC KEY" => block.contents(),
            "PRIVATE KEY"
            | "RSA PRIVATE KEY"
            | "ENCRYPTED PRIVATE KEY"
            | "EC PRIVATE KEY"
            | "OPENSSH PRIVATE KEY" => return Err(KeyError::PrivateKeyGiven),
            other => {
                return Err(KeyError::NotAKey {
                    label: other.to_owned(),
                });
            }
        };
        let (n, e) = der::rsa_public_components(pkcs1).ok_or_else(|| KeyError::Invalid {
            reason: "not an RSA public key".into(),
        })?;
        check_size(n)?;
        Ok(Self::from_components(n, e))
    }

    fn from_components(n: &[u8], e: &[u8]) -> Self {
        // SubjectPublicKeyInfo { AlgorithmIdentifier { rsaEncryption, NULL }, BIT STRING {
        // RSAPublicKey { n, e } } }, written out so that every key prints as the same PEM.
        let integer = |value: &[u8]| {
            let mut content = Vec::with_capacity(value.len() + 1);
            if value.first().is_some_and(|&b| b & 0x80 != 0) {
                content.push(0);
            }
            content.extend_from_slice(value);
            tlv(0x02, &content)
        };
        let rsa_public_key = tlv(0x30, &[integer(n), integer(e)].concat());
        let algorithm = tlv(
            0x30,
            &[tlv(0x06, der::RSA_ENCRYPTION), vec![0x05, 0x00]].concat(),
        );
        let bit_string = tlv(0x03, &[&[0u8][..], &rsa_public_key].concat());
        let spki = tlv(0x30, &[algorithm, bit_string].concat());
        let pem = pem::encode_config(
            &pem::Pem::new("PUBLIC KEY", spki),
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        );
        Self {
            pem,
            n: n.to_vec(),
            e: e.to_vec(),
        }
    }

    /// The PEM text: what the "Public key URL" serves when there is one key.
    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        der::bit_length(&self.n)
    }

    /// The modulus, big-endian, for a JWK's `n`.
    pub fn modulus(&self) -> &[u8] {
        &self.n
    }

    /// The public exponent, big-endian, for a JWK's `e`.
    pub fn exponent(&self) -> &[u8] {
        &self.e
    }

    /// The key for `jsonwebtoken`'s verification.
    pub fn decoding_key(&self) -> jsonwebtoken::DecodingKey {
        jsonwebtoken::DecodingKey::from_rsa_raw_components(&self.n, &self.e)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("bits", &self.bits())
            .finish_non_exhaustive()
    }
}

/// A DER element.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let length = content.len();
    if length < 0x80 {
        out.push(u8::try_from(length).unwrap_or(0));
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

/// An RSA private key, parsed once, that signs tokens: `Send + Sync`, and cheap to clone and
/// share across threads.
///
/// Its `Debug` shows the key size and `kid`, never key material.
#[derive(Clone)]
pub struct Signer {
    key_pair: Arc<KeyPair>,
    public: Arc<PublicKey>,
    kid: Option<Arc<str>>,
    /// `base64url(header) + "."`, the start of every token this signer signs.
    header: Arc<str>,
}

impl Signer {
    /// Reads an RSA private key from PKCS#8 (`-----BEGIN PRIVATE KEY-----`) or PKCS#1
    /// (`-----BEGIN RSA PRIVATE KEY-----`) PEM.
    ///
    /// # Errors
    /// A [`KeyError`] that says what the input is instead: not PEM, encrypted, a public key, an
    /// EC or Ed25519 key, an RSA key under 2048 bits, or a damaged key.
    pub fn from_pem(input: &[u8]) -> Result<Self, KeyError> {
        let block = parse_pem(input)?;
        let encrypted = block
            .headers()
            .get("Proc-Type")
            .is_some_and(|value| value.contains("ENCRYPTED"));
        let key_pair = match block.tag() {
            _ if encrypted => return Err(KeyError::Encrypted),
            "PRIVATE KEY" => {
                let (oid, inner) =
                    der::pkcs8_algorithm(block.contents()).ok_or_else(|| KeyError::Invalid {
                        reason: "not a PKCS#8 PrivateKeyInfo".into(),
                    })?;
                if oid != der::RSA_ENCRYPTION {
                    return Err(KeyError::NotRsa {
                        algorithm: algorithm_name(oid),
                    });
                }
                Self::check_private_size(inner)?;
                KeyPair::from_pkcs8(block.contents())
            }
            "RSA PRIVATE KEY" => {
                Self::check_private_size(block.contents())?;
                KeyPair::from_der(block.contents())
            }
            "ENCRYPTED PRIVATE KEY" => return Err(KeyError::Encrypted),
            "PUBLIC KEY" | "RSA PUBLIC KEY" => return Err(KeyError::PublicKeyGiven),
            "EC PRIVATE KEY" => return Err(KeyError::NotRsa { algorithm: "EC" }),
            "OPENSSH PRIVATE KEY" => {
                return Err(KeyError::Invalid {
                    reason: "an OpenSSH key; convert it with `ssh-keygen -p -m PKCS8 -f KEY`"
                        .into(),
                });
            }
            other => {
                return Err(KeyError::NotAKey {
                    label: other.to_owned(),
                });
            }
        }
        .map_err(|rejected| KeyError::Invalid {
            reason: rejected.to_string(),
        })?;
        Ok(Self::from_key_pair(key_pair))
    }

    fn check_private_size(pkcs1: &[u8]) -> Result<(), KeyError> {
        let modulus = der::rsa_private_modulus(pkcs1).ok_or_else(|| KeyError::Invalid {
            reason: "not an RSA private key".into(),
        })?;
        check_size(modulus).map(drop)
    }

    /// A new random RSA key of `bits` bits: 2048, 3072, 4096 or 8192.
    ///
    /// # Errors
    /// [`KeyError::TooSmall`] under 2048 bits, [`KeyError::UnsupportedSize`] for another size.
    pub fn generate(bits: usize) -> Result<Self, KeyError> {
        let size = match bits {
            2048 => KeySize::Rsa2048,
            3072 => KeySize::Rsa3072,
            4096 => KeySize::Rsa4096,
            8192 => KeySize::Rsa8192,
            small if small < MIN_RSA_BITS => return Err(KeyError::TooSmall { bits }),
            _ => return Err(KeyError::UnsupportedSize { bits }),
        };
        let key_pair = KeyPair::generate(size).map_err(|_| KeyError::Invalid {
            reason: "the key could not be generated".into(),
        })?;
        Ok(Self::from_key_pair(key_pair))
    }

    fn from_key_pair(key_pair: KeyPair) -> Self {
        let public = key_pair.public_key();
        let public = PublicKey::from_components(
            public.modulus().big_endian_without_leading_zero(),
            public.exponent().big_endian_without_leading_zero(),
        );
        Self {
            key_pair: Arc::new(key_pair),
            public: Arc::new(public),
            kid: None,
            header: header(None).into(),
        }
    }

    /// The same key, with a key id written to each token's header (`kid`): needed when the
    /// "Public key URL" serves several keys.
    #[must_use]
    pub fn with_kid(self, kid: impl Into<String>) -> Self {
        let kid: String = kid.into();
        Self {
            header: header(Some(&kid)).into(),
            kid: Some(kid.into()),
            ..self
        }
    }

    /// The key id, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The public half.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The public key's PEM text: what the "Public key URL" serves when there is one key.
    pub fn public_key_pem(&self) -> &str {
        self.public.pem()
    }

    /// The private key as PKCS#8 PEM, to store it (`lwicontext keygen` writes it with mode 0600).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the key cannot be serialized.
    pub fn private_key_pem(&self) -> Result<String, KeyError> {
        let der: Pkcs8V1Der<'_> = self.key_pair.as_der().map_err(|_| KeyError::Invalid {
            reason: "the key cannot be serialized".into(),
        })?;
        Ok(pem::encode_config(
            &pem::Pem::new("PRIVATE KEY", der.as_ref().to_vec()),
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        ))
    }

    /// The start of each token: `base64url(header) + "."`.
    pub(crate) fn header_prefix(&self) -> &str {
        &self.header
    }

    /// Appends `.` and the RS256 signature of `token` (the signing input, `header.payload`),
    /// base64url, to `token`.
    pub(crate) fn append_signature(&self, token: &mut String) -> Result<(), SignError> {
        // Up to 8192-bit keys; the RNG argument is ignored by aws-lc-rs.
        let mut buffer = [0u8; 1024];
        let signature = &mut buffer[..self.key_pair.public_modulus_len()];
        self.key_pair
            .sign(
                &RSA_PKCS1_SHA256,
                &aws_lc_rs::rand::SystemRandom::new(),
                token.as_bytes(),
                signature,
            )
            .map_err(|_| SignError)?;
        token.push('.');
        URL_SAFE_NO_PAD.encode_string(signature, token);
        Ok(())
    }

    /// The public key as X.509 DER, from the key pair itself.
    #[cfg(test)]
    fn public_der(&self) -> Vec<u8> {
        let der: aws_lc_rs::encoding::PublicKeyX509Der<'_> =
            self.key_pair.public_key().as_der().unwrap();
        der.as_ref().to_vec()
    }
}

/// The RSA operation itself failed.
#[derive(Debug)]
pub(crate) struct SignError;

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("bits", &self.public.bits())
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// `base64url({"alg":"RS256","typ":"JWT"[,"kid":...]}) + "."`.
fn header(kid: Option<&str>) -> String {
    let mut json = String::from(r#"{"alg":"RS256","typ":"JWT""#);
    if let Some(kid) = kid {
        json.push_str(r#","kid":"#);
        crate::encoding::push_json_str(&mut json, kid);
    }
    json.push('}');
    let mut prefix = URL_SAFE_NO_PAD.encode(json);
    prefix.push('.');
    prefix
}

/// Base64 (standard, padded) of `bytes`: the Omnichannel multi-key form's `publicKey`.
pub(crate) fn base64_standard(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Base64url without padding, as in JWTs and JWKs.
pub(crate) fn base64_url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_pem_we_write_is_the_one_aws_lc_writes() {
        let signer = Signer::generate(2048).unwrap();
        let ours = parse_pem(signer.public_key_pem().as_bytes()).unwrap();
        assert_eq!(ours.contents(), signer.public_der());
        assert_eq!(signer.public_key().bits(), 2048);
        let again = PublicKey::from_pem(signer.public_key_pem().as_bytes()).unwrap();
        assert_eq!(&again, signer.public_key());
    }

    #[test]
    fn debug_shows_no_key_material() {
        let signer = Signer::generate(2048).unwrap().with_kid("k1");
        let shown = format!("{signer:?} {:?}", signer.public_key());
        assert_eq!(
            shown,
            r#"Signer { bits: 2048, kid: Some("k1"), .. } PublicKey { bits: 2048, .. }"#
        );
    }
}

//! [`PublicKey`]: what a token's signature is checked against.

use crate::prelude::*;
use std::fmt;

use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};

use super::{KeyError, MIN_RSA_BITS, der, pem};

/// Refuses a modulus under [`MIN_RSA_BITS`].
pub(super) fn check_size(modulus: &[u8]) -> Result<usize, KeyError> {
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
        let block = pem::parse_pem(input)?;
        let pkcs1 = match block.tag() {
            "PUBLIC KEY" => {
                let invalid = || KeyError::Invalid {
                    reason: "not a SubjectPublicKeyInfo".into(),
                };
                let (oid, key) = der::spki_algorithm(block.contents()).ok_or_else(invalid)?;
                if oid != der::RSA_ENCRYPTION {
                    return Err(KeyError::NotRsa {
                        algorithm: pem::algorithm_name(oid),
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

    pub(super) fn from_components(n: &[u8], e: &[u8]) -> Self {
        Self {
            pem: pem::encode("PUBLIC KEY", der::rsa_spki(n, e)),
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

    /// The key's JWK thumbprint (RFC 7638): the base64url SHA-256 of its canonical JWK,
    /// `{"e":...,"kty":"RSA","n":...}`. A `kid` that names this key and no other, the same
    /// wherever it is computed.
    ///
    /// ```
    /// use lwicontext::keys::Signer;
    ///
    /// let signer = Signer::generate(2048)?;
    /// let kid = signer.public_key().thumbprint();
    /// assert_eq!(kid.len(), 43); // 32 bytes in base64url
    /// assert_eq!(kid, signer.public_key().clone().thumbprint());
    /// # Ok::<(), lwicontext::keys::KeyError>(())
    /// ```
    pub fn thumbprint(&self) -> String {
        use base64::Engine as _;
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;

        // Members in lexicographic order, no whitespace: RFC 7638, section 3.
        let jwk = format!(
            r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
            URL_SAFE_NO_PAD.encode(&self.e),
            URL_SAFE_NO_PAD.encode(&self.n)
        );
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, jwk.as_bytes());
        URL_SAFE_NO_PAD.encode(digest)
    }

    /// Whether `signature` is this key's RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signature of
    /// `message`.
    pub(crate) fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        RsaPublicKeyComponents {
            n: &self.n,
            e: &self.e,
        }
        .verify(&RSA_PKCS1_2048_8192_SHA256, message, signature)
        .is_ok()
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("bits", &self.bits())
            .finish_non_exhaustive()
    }
}

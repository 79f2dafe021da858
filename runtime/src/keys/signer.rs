//! [`Signer`]: the RSA private key that signs tokens.

use crate::prelude::*;
use std::fmt;
use std::sync::Arc;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_SHA256};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use zeroize::Zeroizing;

use super::public_key::{self, PublicKey};
use super::{KeyError, MIN_RSA_BITS, der, pem};
use crate::token::header;

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
    /// The key sizes [`Signer::generate`] makes, in bits.
    pub const SIZES: [usize; 4] = [2048, 3072, 4096, 8192];

    /// Reads an RSA private key from PKCS#8 (`-----BEGIN PRIVATE KEY-----`) or PKCS#1
    /// (`-----BEGIN RSA PRIVATE KEY-----`) PEM.
    ///
    /// # Errors
    /// A [`KeyError`] that says what the input is instead: not PEM, encrypted, a public key, an
    /// EC or Ed25519 key, an RSA key under 2048 bits, or a damaged key.
    pub fn from_pem(input: &[u8]) -> Result<Self, KeyError> {
        let block = pem::parse_pem(input)?;
        let encrypted = block
            .headers()
            .get("Proc-Type")
            .is_some_and(|value| value.contains("ENCRYPTED"));
        let tag = block.tag().to_owned();
        // The key's DER, cleared when it goes out of scope.
        let contents = Zeroizing::new(block.into_contents());
        let key_pair = match tag.as_str() {
            _ if encrypted => return Err(KeyError::Encrypted),
            "PRIVATE KEY" => {
                let (oid, inner) =
                    der::pkcs8_algorithm(&contents).ok_or_else(|| KeyError::Invalid {
                        reason: "not a PKCS#8 PrivateKeyInfo".into(),
                    })?;
                if oid != der::RSA_ENCRYPTION {
                    return Err(KeyError::NotRsa {
                        algorithm: pem::algorithm_name(oid),
                    });
                }
                Self::check_private_size(inner)?;
                KeyPair::from_pkcs8(&contents)
            }
            "RSA PRIVATE KEY" => {
                Self::check_private_size(&contents)?;
                KeyPair::from_der(&contents)
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

    /// Reads the RSA private key in the PEM file at `path`: the usual way when the key is a
    /// mounted secret.
    ///
    /// # Errors
    /// [`KeyError::Unreadable`] naming the file, or [`KeyError::From`] naming it with the reason
    /// [`from_pem`](Self::from_pem) gives.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Self, KeyError> {
        let path = path.as_ref();
        let bytes = Zeroizing::new(std::fs::read(path).map_err(|error| KeyError::Unreadable {
            path: path.display().to_string(),
            reason: error.to_string(),
        })?);
        Self::from_pem(&bytes).map_err(|error| KeyError::From {
            source: format!("file `{}`", path.display()),
            error: Box::new(error),
        })
    }

    /// Reads the RSA private key whose PEM text the environment variable `name` holds.
    ///
    /// # Errors
    /// [`KeyError::EnvNotSet`], or [`KeyError::From`] naming the variable with the reason
    /// [`from_pem`](Self::from_pem) gives.
    pub fn from_env(name: &str) -> Result<Self, KeyError> {
        let pem = Zeroizing::new(std::env::var(name).map_err(|_| KeyError::EnvNotSet {
            name: name.to_owned(),
        })?);
        Self::from_pem(pem.as_bytes()).map_err(|error| KeyError::From {
            source: format!("environment variable `{name}`"),
            error: Box::new(error),
        })
    }

    fn check_private_size(pkcs1: &[u8]) -> Result<(), KeyError> {
        let modulus = der::rsa_private_modulus(pkcs1).ok_or_else(|| KeyError::Invalid {
            reason: "not an RSA private key".into(),
        })?;
        public_key::check_size(modulus).map(drop)
    }

    /// A new random RSA key of `bits` bits: one of [`Signer::SIZES`].
    ///
    /// # Errors
    /// [`KeyError::TooSmall`] under 2048 bits, [`KeyError::UnsupportedSize`] for another size.
    pub fn generate(bits: usize) -> Result<Self, KeyError> {
        const KEY_SIZES: [KeySize; 4] = [
            KeySize::Rsa2048,
            KeySize::Rsa3072,
            KeySize::Rsa4096,
            KeySize::Rsa8192,
        ];
        let size = match Self::SIZES.iter().position(|&size| size == bits) {
            Some(at) => KEY_SIZES[at],
            None if bits < MIN_RSA_BITS => return Err(KeyError::TooSmall { bits }),
            None => return Err(KeyError::UnsupportedSize { bits }),
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
            header: header::prefix(None).into(),
        }
    }

    /// The same key, with a key id written to each token's header (`kid`): needed when the
    /// "Public key URL" serves several keys.
    #[must_use]
    pub fn with_kid(self, kid: impl Into<String>) -> Self {
        let kid: String = kid.into();
        Self {
            header: header::prefix(Some(&kid)).into(),
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
        Ok(pem::encode("PRIVATE KEY", der.as_ref().to_vec()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_pem_we_write_is_the_one_aws_lc_writes() {
        let signer = Signer::generate(2048).unwrap();
        let ours = pem::parse_pem(signer.public_key_pem().as_bytes()).unwrap();
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

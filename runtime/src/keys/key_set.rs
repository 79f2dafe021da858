//! Several public keys with their `kid` and expiry: what the "Public key URL" serves while keys
//! rotate, in Omnichannel's own JSON form or as a standard JWKS.

use crate::prelude::*;
use std::time::SystemTime;

use serde_json::{Value, json};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

use super::public_key::check_size;
use super::{KeyError, PublicKey, Signer, der};
use crate::token::clock::since_epoch;

/// One key of a [`KeySet`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySetEntry {
    /// The key id tokens name in their header.
    pub kid: String,
    /// The public key.
    pub key: PublicKey,
    /// When Omnichannel stops accepting the key, in Unix seconds; `None` for a key read from a
    /// JWKS, which has no expiry (the Omnichannel form then leaves it out).
    pub expiry: Option<u64>,
}

/// Public keys with unique key ids, for key rotation.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use lwicontext::keys::{KeySet, Signer};
///
/// let current = Signer::generate(2048)?.with_kid("2026-11");
/// let next = Signer::generate(2048)?.with_kid("2027-02");
/// let in_a_year = SystemTime::now() + Duration::from_hours(365 * 24);
/// let mut keys = KeySet::new();
/// keys.add_signer(&current, in_a_year)?;
/// keys.add_signer(&next, in_a_year)?;
/// let body = keys.to_omnichannel_json(); // [{"expiry":...,"kid":"2026-11","publicKey":"LS0t..."},...]
/// assert_eq!(KeySet::parse(&body)?, keys);
/// # Ok::<(), lwicontext::keys::KeyError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeySet {
    entries: Vec<KeySetEntry>,
}

impl KeySet {
    /// An empty key set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key` under `kid`, valid until `expiry`.
    ///
    /// # Errors
    /// [`KeyError::DuplicateKid`] if the set already has a key with that id.
    pub fn add(
        &mut self,
        kid: impl Into<String>,
        key: PublicKey,
        expiry: SystemTime,
    ) -> Result<&mut Self, KeyError> {
        self.push(KeySetEntry {
            kid: kid.into(),
            key,
            expiry: Some(since_epoch(expiry).as_secs()),
        })
    }

    /// Adds a signer's public key under its `kid`.
    ///
    /// # Errors
    /// [`KeyError::MissingKid`] if the signer has no `kid` (see [`Signer::with_kid`]),
    /// [`KeyError::DuplicateKid`] if the set already has one like it.
    pub fn add_signer(
        &mut self,
        signer: &Signer,
        expiry: SystemTime,
    ) -> Result<&mut Self, KeyError> {
        let kid = signer.kid().ok_or(KeyError::MissingKid)?;
        self.add(kid, signer.public_key().clone(), expiry)
    }

    /// Adds a signer's public key under its `kid` with no expiry, as the one key of a set.
    #[cfg(feature = "axum")]
    pub(crate) fn push_unexpiring(&mut self, signer: &Signer) {
        if let Some(kid) = signer.kid() {
            self.entries.push(KeySetEntry {
                kid: kid.to_owned(),
                key: signer.public_key().clone(),
                expiry: None,
            });
        }
    }

    fn push(&mut self, entry: KeySetEntry) -> Result<&mut Self, KeyError> {
        if entry.kid.is_empty() {
            return Err(KeyError::MissingKid);
        }
        if self.get(&entry.kid).is_some() {
            return Err(KeyError::DuplicateKid { kid: entry.kid });
        }
        self.entries.push(entry);
        Ok(self)
    }

    /// The key with that id.
    pub fn get(&self, kid: &str) -> Option<&KeySetEntry> {
        self.entries.iter().find(|entry| entry.kid == kid)
    }

    /// Every key, in the order added.
    pub fn entries(&self) -> &[KeySetEntry] {
        &self.entries
    }

    /// Omnichannel's multi-key form: a JSON array of
    /// `{"kid": ..., "publicKey": <base64 of the whole PEM text>, "expiry": <unix seconds>}`.
    pub fn to_omnichannel_json(&self) -> String {
        let keys: Vec<Value> = self
            .entries
            .iter()
            .map(|entry| {
                let mut key = json!({
                    "kid": entry.kid,
                    "publicKey": STANDARD.encode(entry.key.pem()),
                });
                if let Some(expiry) = entry.expiry {
                    key["expiry"] = expiry.into();
                }
                key
            })
            .collect();
        Value::Array(keys).to_string()
    }

    /// A standard JWKS, `{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":...,"n":...,"e":...}]}`,
    /// for verifiers other than Omnichannel.
    pub fn to_jwks(&self) -> String {
        let keys: Vec<Value> = self
            .entries
            .iter()
            .map(|entry| {
                json!({
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": entry.kid,
                    "n": URL_SAFE_NO_PAD.encode(entry.key.modulus()),
                    "e": URL_SAFE_NO_PAD.encode(entry.key.exponent()),
                })
            })
            .collect();
        json!({ "keys": keys }).to_string()
    }

    /// Reads either form back: Omnichannel's JSON array or a JWKS. From a JWKS, only RSA keys
    /// for RS256 signatures are taken (`kty` RSA; `alg`, if given, RS256; `use`, if given,
    /// `sig`), and they have no expiry.
    ///
    /// # Errors
    /// [`KeyError::InvalidKeySet`] naming what is wrong, and for a key that is not usable, which
    /// key (by `kid`) and why.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let invalid = |reason: &str| KeyError::InvalidKeySet {
            reason: reason.to_owned(),
        };
        let json: Value = serde_json::from_str(text).map_err(|e| invalid(&e.to_string()))?;
        let mut set = Self::new();
        if let Some(keys) = json.as_array() {
            for key in keys {
                let kid = key["kid"]
                    .as_str()
                    .ok_or_else(|| invalid("a key without a string `kid`"))?;
                let pem = key["publicKey"]
                    .as_str()
                    .and_then(|b64| STANDARD.decode(b64).ok())
                    .ok_or_else(|| invalid(&format!("key `{kid}`: `publicKey` is not base64")))?;
                let expiry = match &key["expiry"] {
                    Value::Null => None,
                    value => Some(value.as_u64().ok_or_else(|| {
                        invalid(&format!("key `{kid}`: `expiry` is not Unix seconds"))
                    })?),
                };
                let public = PublicKey::from_pem(&pem)
                    .map_err(|error| invalid(&format!("key `{kid}`: {error}")))?;
                set.push(KeySetEntry {
                    kid: kid.to_owned(),
                    key: public,
                    expiry,
                })?;
            }
        } else if let Some(keys) = json["keys"].as_array() {
            let for_rs256 = |key: &Value| {
                key["kty"] == "RSA"
                    && key.get("alg").is_none_or(|alg| alg == "RS256")
                    && key.get("use").is_none_or(|usage| usage == "sig")
            };
            for key in keys.iter().filter(|key| for_rs256(key)) {
                let kid = key["kid"]
                    .as_str()
                    .ok_or_else(|| invalid("a key without a string `kid`"))?;
                let component = |name: &str| {
                    key[name]
                        .as_str()
                        .and_then(|b64| URL_SAFE_NO_PAD.decode(b64).ok())
                        .ok_or_else(|| invalid(&format!("key `{kid}`: `{name}` is not base64url")))
                };
                let (n, e) = (component("n")?, component("e")?);
                let (n, e) = (der::unsigned(&n), der::unsigned(&e));
                if e.is_empty() {
                    return Err(invalid(&format!("key `{kid}`: the exponent `e` is zero")));
                }
                check_size(n).map_err(|error| invalid(&format!("key `{kid}`: {error}")))?;
                set.push(KeySetEntry {
                    kid: kid.to_owned(),
                    key: PublicKey::from_components(n, e),
                    expiry: None,
                })?;
            }
        } else {
            return Err(invalid(
                "expected Omnichannel's JSON array of keys or a JWKS object with `keys`",
            ));
        }
        Ok(set)
    }
}

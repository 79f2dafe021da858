//! Several public keys with their `kid` and expiry: what the "Public key URL" serves while keys
//! rotate, in Omnichannel's own JSON form or as a standard JWKS.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::{KeyError, PublicKey, Signer, base64_standard, base64_url};

/// One key of a [`KeySet`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySetEntry {
    /// The key id tokens name in their header.
    pub kid: String,
    /// The public key.
    pub key: PublicKey,
    /// When Omnichannel stops accepting the key, in Unix seconds.
    pub expiry: u64,
}

/// Public keys with unique key ids, for key rotation.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use lwicontext::{KeySet, Signer};
///
/// let current = Signer::generate(2048)?.with_kid("2026-11");
/// let next = Signer::generate(2048)?.with_kid("2027-02");
/// let in_a_year = SystemTime::now() + Duration::from_secs(365 * 86_400);
/// let mut keys = KeySet::new();
/// keys.add_signer(&current, in_a_year)?;
/// keys.add_signer(&next, in_a_year)?;
/// let body = keys.to_omnichannel_json(); // [{"expiry":...,"kid":"2026-11","publicKey":"LS0t..."},...]
/// assert_eq!(KeySet::parse(&body)?, keys);
/// # Ok::<(), lwicontext::KeyError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeySet {
    entries: Vec<KeySetEntry>,
}

fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
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
            expiry: unix_seconds(expiry),
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
                json!({
                    "kid": entry.kid,
                    "publicKey": base64_standard(entry.key.pem().as_bytes()),
                    "expiry": entry.expiry,
                })
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
                    "n": base64_url(entry.key.modulus()),
                    "e": base64_url(entry.key.exponent()),
                })
            })
            .collect();
        json!({ "keys": keys }).to_string()
    }

    /// Reads either form back: Omnichannel's JSON array or a JWKS.
    ///
    /// # Errors
    /// [`KeyError::InvalidKeySet`] naming what is wrong, or the [`KeyError`] of a key in it.
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
                    .and_then(|b64| {
                        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, b64).ok()
                    })
                    .ok_or_else(|| invalid(&format!("key `{kid}`: `publicKey` is not base64")))?;
                let expiry = key["expiry"].as_u64().ok_or_else(|| {
                    invalid(&format!("key `{kid}`: `expiry` is not Unix seconds"))
                })?;
                set.push(KeySetEntry {
                    kid: kid.to_owned(),
                    key: PublicKey::from_pem(&pem)?,
                    expiry,
                })?;
            }
        } else if let Some(keys) = json["keys"].as_array() {
            let far = unix_seconds(SystemTime::now() + Duration::from_secs(100 * 365 * 86_400));
            for key in keys {
                let kid = key["kid"]
                    .as_str()
                    .ok_or_else(|| invalid("a key without a string `kid`"))?;
                if key["kty"] != "RSA" {
                    return Err(KeyError::NotRsa {
                        algorithm: "non-RSA JWK",
                    });
                }
                let component = |name: &str| {
                    key[name]
                        .as_str()
                        .and_then(|b64| {
                            base64::Engine::decode(
                                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                                b64,
                            )
                            .ok()
                        })
                        .ok_or_else(|| invalid(&format!("key `{kid}`: `{name}` is not base64url")))
                };
                let (n, e) = (component("n")?, component("e")?);
                super::check_size(&n)?;
                set.push(KeySetEntry {
                    kid: kid.to_owned(),
                    key: PublicKey::from_components(&n, &e),
                    expiry: far,
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

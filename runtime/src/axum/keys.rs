//! [`SigningKeys`]: the key tokens are signed with, and the public keys the Public key URL
//! serves.

use crate::prelude::*;
use std::fmt;
use std::time::SystemTime;

use crate::keys::{KeyError, KeySet, Signer};

/// The current signing key, chosen by `kid`, and every public key the Public key URL serves: a
/// rotation is a change of configuration.
#[derive(Clone)]
pub struct SigningKeys {
    current: Signer,
    key_set: KeySet,
}

impl fmt::Debug for SigningKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKeys")
            .field("current", &self.current)
            .field(
                "published",
                &self
                    .key_set
                    .entries()
                    .iter()
                    .map(|e| e.kid.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl SigningKeys {
    /// One key: `/publickey` serves its PEM, and `/publickeys` the multi-key form with this one
    /// entry, so that the rotation-ready URL can be configured from the first day. The entry
    /// has no expiry (the key has none), and is named by the signer's `kid`; a signer without
    /// one (or with an empty one) is given its key's
    /// [thumbprint](crate::keys::PublicKey::thumbprint), which then names it in every token's
    /// header too, as the multi-key form needs.
    ///
    /// ```
    /// use lwicontext::axum::SigningKeys;
    /// use lwicontext::keys::{KeySet, Signer};
    ///
    /// let keys = SigningKeys::one(Signer::generate(2048)?);
    /// let kid = keys.current().kid().expect("given the thumbprint");
    /// let published = KeySet::parse(&keys.omnichannel_json())?;
    /// assert_eq!(published.entries().len(), 1);
    /// assert_eq!(published.get(kid).map(|entry| entry.expiry), Some(None));
    /// # Ok::<(), lwicontext::keys::KeyError>(())
    /// ```
    pub fn one(signer: Signer) -> Self {
        // An empty kid names nothing: the multi-key form refuses it.
        let signer = if signer.kid().is_some_and(|kid| !kid.is_empty()) {
            signer
        } else {
            let kid = signer.public_key().thumbprint();
            signer.with_kid(kid)
        };
        let mut key_set = KeySet::new();
        key_set.push_unexpiring(&signer);
        Self {
            current: signer,
            key_set,
        }
    }

    /// The key tokens are signed with, and the set `/publickeys` serves, which must hold it by
    /// its `kid`: keys published ahead of their use, or kept after it, whose private keys are
    /// elsewhere.
    ///
    /// # Errors
    /// [`KeyError::MissingKid`] when `current` has no `kid`, [`KeyError::UnknownKid`] when the
    /// set has no key of that `kid` or holds another key under it.
    pub fn published(current: Signer, set: KeySet) -> Result<Self, KeyError> {
        let kid = current.kid().ok_or(KeyError::MissingKid)?;
        match set.get(kid) {
            Some(entry) if &entry.key == current.public_key() => Ok(Self {
                current,
                key_set: set,
            }),
            _ => Err(KeyError::UnknownKid {
                kid: kid.to_owned(),
            }),
        }
    }

    /// Several keys, each with its `kid` and the time Omnichannel stops accepting it: tokens are
    /// signed by the one whose `kid` is `current`, `/publickey` serves its PEM, and
    /// `/publickeys` all of them.
    ///
    /// # Errors
    /// [`KeyError::MissingKid`] or [`KeyError::DuplicateKid`] for the keys, and
    /// [`KeyError::UnknownKid`] when none has the `kid` `current`.
    pub fn rotating(
        keys: impl IntoIterator<Item = (Signer, SystemTime)>,
        current: &str,
    ) -> Result<Self, KeyError> {
        let mut set = KeySet::new();
        let mut chosen = None;
        for (signer, expiry) in keys {
            set.add_signer(&signer, expiry)?;
            if signer.kid() == Some(current) {
                chosen = Some(signer);
            }
        }
        let current = chosen.ok_or_else(|| KeyError::UnknownKid {
            kid: current.to_owned(),
        })?;
        Ok(Self {
            current,
            key_set: set,
        })
    }

    /// The key tokens are signed with.
    pub fn current(&self) -> &Signer {
        &self.current
    }

    /// What `/publickey` serves: the current key's PEM.
    pub fn public_key_pem(&self) -> &str {
        self.current.public_key_pem()
    }

    /// What `/publickeys` serves: Omnichannel's multi-key JSON, with one entry for
    /// [`one`](Self::one) key.
    pub fn omnichannel_json(&self) -> String {
        self.key_set.to_omnichannel_json()
    }
}

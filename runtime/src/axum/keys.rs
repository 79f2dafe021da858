//! [`SigningKeys`]: the key tokens are signed with, and the public keys the Public key URL
//! serves.

use std::fmt;
use std::time::SystemTime;

use crate::keys::{KeyError, KeySet, Signer};

/// The current signing key, chosen by `kid`, and every public key the Public key URL serves: a
/// rotation is a change of configuration.
#[derive(Clone)]
pub struct SigningKeys {
    current: Signer,
    key_set: Option<KeySet>,
}

impl fmt::Debug for SigningKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKeys")
            .field("current", &self.current)
            .field(
                "published",
                &self.key_set.as_ref().map(|set| {
                    set.entries()
                        .iter()
                        .map(|e| e.kid.as_str())
                        .collect::<Vec<_>>()
                }),
            )
            .finish()
    }
}

impl SigningKeys {
    /// One key: `/publickey` serves its PEM, and `/publickeys` a set of it alone when it has a
    /// `kid` (with no expiry).
    pub fn one(signer: Signer) -> Self {
        let key_set = signer.kid().map(|kid| {
            let mut set = KeySet::new();
            set.push_without_expiry(kid, signer.public_key().clone());
            set
        });
        Self {
            current: signer,
            key_set,
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
            key_set: Some(set),
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

    /// What `/publickeys` serves: Omnichannel's multi-key JSON; `None` for one key without a
    /// `kid`.
    pub fn omnichannel_json(&self) -> Option<String> {
        self.key_set.as_ref().map(KeySet::to_omnichannel_json)
    }
}

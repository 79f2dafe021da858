#![doc = include_str!("../docs/keys.md")]

mod der;
mod error;
mod key_set;
mod pem;
mod public_key;
mod signer;

pub use error::KeyError;
pub use key_set::{KeySet, KeySetEntry};
pub use public_key::PublicKey;
pub use signer::Signer;

pub use lwicontext_schema::limits::MIN_RSA_BITS;

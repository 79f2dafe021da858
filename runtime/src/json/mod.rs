//! JSON as the signing-free core reads and writes it, with no `serde_json::Value` between the
//! text and the checks: [`read`] is the one reader behind `diagnose`, `JsonContext` and reading
//! a context back; [`write`] escapes the strings the encoder, the token builder and the glue
//! write.

pub(crate) mod read;
mod write;

pub(crate) use write::{is_plain, push_str, push_str_contents, quoted_for_people, shown};

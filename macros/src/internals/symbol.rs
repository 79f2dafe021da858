//! The names of everything `#[lwi(...)]` accepts, in one place.

use std::fmt;

use syn::{Ident, Path};

/// One attribute name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Symbol(&'static str);

pub(crate) const LWI: Symbol = Symbol("lwi");
pub(crate) const RENAME: Symbol = Symbol("rename");
pub(crate) const RENAME_ALL: Symbol = Symbol("rename_all");
pub(crate) const PREFIX: Symbol = Symbol("prefix");
pub(crate) const ENCODING: Symbol = Symbol("encoding");
pub(crate) const CRATE: Symbol = Symbol("crate");
pub(crate) const SKIP: Symbol = Symbol("skip");
pub(crate) const DISPLAYABLE: Symbol = Symbol("displayable");
pub(crate) const WORKSTREAM: Symbol = Symbol("workstream");
pub(crate) const EXHAUSTIVE: Symbol = Symbol("exhaustive");
pub(crate) const PARTIAL: Symbol = Symbol("partial");

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

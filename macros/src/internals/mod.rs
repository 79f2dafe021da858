//! Reading and checking the derive input, shared by both derives.

pub(crate) mod ast;
pub(crate) mod attr;
mod case;
pub(crate) mod check;
pub(crate) mod ctxt;
pub(crate) mod shape;
mod symbol;
pub(crate) mod workstream;

#![doc = include_str!("../docs/context.md")]

use crate::prelude::*;
pub(crate) mod decode;
pub(crate) mod error;
pub(crate) mod value;

pub use crate::encoding::{ContextEncoder, Encoding, JsonContext};
pub use decode::{Mismatch, Received};
pub use lwicontext_schema::{JsonType, UnknownEncoding, VariableKind};
pub use value::Value;

use decode::{ContextReader, FromLwiContexts};
use error::ContextError;

/// One context variable of a context struct, as the derive describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContextVariable {
    /// The exact, case-sensitive name of the work stream's context variable.
    pub name: &'static str,
    /// Whether the work stream must type it Text or Number.
    pub kind: VariableKind,
    /// The JSON type the `native` encoding writes it as (a `bool` is a boolean there).
    pub json_type: JsonType,
    /// Whether the field is an `Option`, which leaves the variable out when `None`.
    pub optional: bool,
    /// Whether agents see it (sent by the `nested` encoding only).
    pub displayable: bool,
    /// The field's doc comment, trimmed; empty when it has none.
    pub doc: &'static str,
}

/// A struct whose fields are a work stream's context variables.
///
/// Derive it with `#[derive(LwiContext)]` (see the `lwicontext` crate): the derive checks at
/// compile time that every field is a primitive value and that the names fit Omnichannel's
/// limits, and writes [`VARIABLES`](Self::VARIABLES) and
/// [`encode_variables`](Self::encode_variables).
pub trait LwiContext {
    /// The type's name, as the derive saw it: what the generated glue names its interface and
    /// files after.
    const NAME: &'static str;

    /// The context variables, in field declaration order.
    const VARIABLES: &'static [ContextVariable];

    /// The encoding [`to_lwicontexts`](Self::to_lwicontexts) uses: `#[lwi(encoding = "...")]`,
    /// [`Encoding::String`] by default.
    const ENCODING: Encoding = Encoding::String;

    /// Writes each variable into `encoder`, in declaration order.
    ///
    /// # Errors
    /// The first value that cannot be sent.
    fn encode_variables(&self, encoder: &mut ContextEncoder<'_>) -> Result<(), ContextError>;

    /// The `lwicontexts` claim: a compact JSON object of the variables, in
    /// [`ENCODING`](Self::ENCODING).
    ///
    /// # Errors
    /// A [`ContextError`] naming the variable whose value cannot be sent: a NaN or infinite
    /// float, a value over [`MAX_VALUE_CHARS`](crate::limits::MAX_VALUE_CHARS) characters, or
    /// (`native`) a number JavaScript would change.
    fn to_lwicontexts(&self) -> Result<String, ContextError> {
        self.to_lwicontexts_as(Self::ENCODING)
    }

    /// The `lwicontexts` claim in another encoding than the struct's own.
    ///
    /// # Errors
    /// As [`to_lwicontexts`](Self::to_lwicontexts).
    fn to_lwicontexts_as(&self, encoding: Encoding) -> Result<String, ContextError> {
        let mut out = String::with_capacity(const { capacity_hint(Self::VARIABLES) });
        self.write_lwicontexts_as(encoding, &mut out)?;
        Ok(out)
    }

    /// Reads a context back from a `lwicontexts` claim in any of the three encodings: what a
    /// server that receives a token does. The derive gives it to every struct whose fields own
    /// their values (through [`FromLwiContexts`]; a field of type `&str`
    /// borrows, so a struct with one cannot be read back).
    ///
    /// ```
    /// use lwicontext::LwiContext;
    ///
    /// #[derive(LwiContext, Debug, PartialEq)]
    /// struct ChatContext {
    ///     #[lwi(rename = "msdyn_cartvalue")]
    ///     cart_value: u32,
    /// }
    ///
    /// let context = ChatContext::from_lwicontexts(r#"{"msdyn_cartvalue":"10000"}"#)?;
    /// assert_eq!(context, ChatContext { cart_value: 10000 });
    /// assert!(ChatContext::from_lwicontexts(r#"{"msdyn_cartvalue":"-1"}"#).is_err());
    /// # Ok::<(), lwicontext::ContextError>(())
    /// ```
    ///
    /// # Errors
    /// A [`ContextError`] naming the variable: not a JSON object, a name given twice or not
    /// the context's, a value that is not primitive, a required variable missing, a value of
    /// another kind than its field's or out of its type's range.
    fn from_lwicontexts(lwicontexts: &str) -> Result<Self, ContextError>
    where
        Self: FromLwiContexts,
    {
        Self::from_variables(&ContextReader::new(lwicontexts, Self::VARIABLES)?)
    }

    /// Appends the `lwicontexts` claim to `out`. On an error `out` is left as it was.
    ///
    /// # Errors
    /// As [`to_lwicontexts`](Self::to_lwicontexts).
    fn write_lwicontexts(&self, out: &mut String) -> Result<(), ContextError> {
        self.write_lwicontexts_as(Self::ENCODING, out)
    }

    /// Appends the `lwicontexts` claim in `encoding` to `out`. On an error `out` is left as it
    /// was.
    ///
    /// # Errors
    /// As [`to_lwicontexts`](Self::to_lwicontexts).
    fn write_lwicontexts_as(
        &self,
        encoding: Encoding,
        out: &mut String,
    ) -> Result<(), ContextError> {
        let start = out.len();
        let mut encoder = ContextEncoder::new(out, encoding);
        match self.encode_variables(&mut encoder) {
            Ok(()) => {
                encoder.finish();
                Ok(())
            }
            Err(error) => {
                out.truncate(start);
                Err(error)
            }
        }
    }
}

/// A first guess at the encoded length, so that most contexts need one allocation.
const fn capacity_hint(variables: &[ContextVariable]) -> usize {
    // Per variable: quotes, colon, comma and a short value; the nested form's wrapper is more.
    const PER_VARIABLE: usize = 24;
    let mut total = 2;
    let mut i = 0;
    while i < variables.len() {
        total += variables[i].name.len() + PER_VARIABLE;
        i += 1;
    }
    total
}

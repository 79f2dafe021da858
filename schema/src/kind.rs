//! The two kinds of value a work stream's context variable takes.

/// How a work stream types a context variable.
///
/// Omnichannel offers two types for a context variable that `lwicontexts` can fill: *Text* and
/// *Number*. There is no Boolean type: a `bool` goes to a Text variable as `"true"` / `"false"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VariableKind {
    /// A Text variable: strings, characters, booleans and enums.
    Text,
    /// A Number variable: integers and floating-point numbers.
    Number,
}

impl VariableKind {
    /// The name the work stream's settings page shows for this kind.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Text => "Text",
            Self::Number => "Number",
        }
    }
}

impl core::fmt::Display for VariableKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(self.as_str())
    }
}

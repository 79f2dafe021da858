//! The live chat widget's error codes, raised as the `lcw:error` window event.

use core::fmt;

/// An error code of the live chat widget (`lcw:error`, `detail.errorCode`), with Microsoft's
/// exact message.
///
/// ```
/// use lwicontext::diagnose::ErrorCode;
///
/// assert_eq!(ErrorCode::InvalidToken.message(), "Auth token provider provided invalid token");
/// assert_eq!(ErrorCode::from_code(3), Some(ErrorCode::NoToken));
/// assert_eq!(ErrorCode::NoToken.to_string(), "error 3: Auth token provider didn't provide any token");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// 1: the custom context provider (unauthenticated chat's `setContextProvider`) threw.
    ContextProviderFailed,
    /// 2: the auth token provider threw.
    ProviderFailed,
    /// 3: the auth token provider gave nothing: `null`, `undefined` or an empty string.
    NoToken,
    /// 4: the token is not one Omnichannel accepts: not a JWT, not decodable, expired, or
    /// rejected by the server (bad signature, wrong key).
    InvalidToken,
    /// 7: the widget's scripts did not load.
    ScriptsFailedToLoad,
    /// 8: the JavaScript client function named in the chat authentication settings is not on
    /// the page.
    AuthFunctionNotFound,
}

impl ErrorCode {
    /// Every code, in numeric order.
    pub const ALL: [Self; 6] = [
        Self::ContextProviderFailed,
        Self::ProviderFailed,
        Self::NoToken,
        Self::InvalidToken,
        Self::ScriptsFailedToLoad,
        Self::AuthFunctionNotFound,
    ];

    /// The number the widget reports.
    pub const fn code(self) -> u8 {
        match self {
            Self::ContextProviderFailed => 1,
            Self::ProviderFailed => 2,
            Self::NoToken => 3,
            Self::InvalidToken => 4,
            Self::ScriptsFailedToLoad => 7,
            Self::AuthFunctionNotFound => 8,
        }
    }

    /// The code with that number.
    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|error| error.code() == code)
    }

    /// The variant's name, as the generated JavaScript glue names the code too.
    pub const fn name(self) -> &'static str {
        match self {
            Self::ContextProviderFailed => "ContextProviderFailed",
            Self::ProviderFailed => "ProviderFailed",
            Self::NoToken => "NoToken",
            Self::InvalidToken => "InvalidToken",
            Self::ScriptsFailedToLoad => "ScriptsFailedToLoad",
            Self::AuthFunctionNotFound => "AuthFunctionNotFound",
        }
    }

    /// Microsoft's message for the code, word for word.
    pub const fn message(self) -> &'static str {
        match self {
            Self::ContextProviderFailed => "Custom context provider method execution failed",
            Self::ProviderFailed => "Auth token provider method execution failed",
            Self::NoToken => "Auth token provider didn't provide any token",
            Self::InvalidToken => "Auth token provider provided invalid token",
            Self::ScriptsFailedToLoad => "Live chat widget scripts failed to load",
            Self::AuthFunctionNotFound => "Auth function cannot be found on webpage",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error {}: {}", self.code(), self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;
    use std::prelude::rust_2024::*;

    #[test]
    fn codes_round_trip() {
        for error in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(error.code()), Some(error));
        }
        for error in ErrorCode::ALL {
            assert_eq!(error.name(), format!("{error:?}"));
        }
        for missing in [0, 5, 6, 9, 255] {
            assert_eq!(ErrorCode::from_code(missing), None);
        }
    }
}

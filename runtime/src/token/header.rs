//! The JWT header every token starts with.

use crate::prelude::*;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::json;

/// `base64url({"alg":"RS256","typ":"JWT"[,"kid":...]}) + "."`.
pub(crate) fn prefix(kid: Option<&str>) -> String {
    let mut text = String::from(r#"{"alg":"RS256","typ":"JWT""#);
    if let Some(kid) = kid {
        text.push_str(r#","kid":"#);
        json::push_str(&mut text, kid);
    }
    text.push('}');
    let mut prefix = URL_SAFE_NO_PAD.encode(text);
    prefix.push('.');
    prefix
}

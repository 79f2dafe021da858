//! The ES module: the context's schema, the rules it checks tokens by, then the routes
//! (`prelude.js`, `json.js`, `check.js`, `source.js`, `routes.js`: the same text for every
//! context).

use crate::prelude::*;
use core::fmt::Write as _;

use lwicontext_schema::limits::{
    AUTH_CALLBACK_SECONDS, IDENTITY_CLAIMS, LONG_LIFETIME_SECONDS, MAX_FINDINGS_PER_RULE,
    MAX_NAME_CHARS, MAX_VALUE_CHARS, MAX_VARIABLES, MILLISECONDS_FROM, MIN_RSA_BITS,
    REQUIRED_CLAIMS,
};
use lwicontext_schema::rules::{LONE_SURROGATE, NO_TEXT};
use lwicontext_schema::{Encoding, PRIMITIVES_ONLY, Rule, Side, VariableKind};

use super::GlueSource;
use crate::diagnose::error_code::ErrorCode;
use crate::json;

/// What every module holds after its generated part, in the order it is read: the error type
/// and small helpers, base64 and JSON as `diagnose` reads them, `checkToken`, the token
/// source, then the three routes and the context provider.
pub(super) const ROUTES: &str = concat!(
    include_str!("prelude.js"),
    "\n",
    include_str!("json.js"),
    "\n",
    include_str!("check.js"),
    "\n",
    include_str!("source.js"),
    "\n",
    include_str!("routes.js"),
);

/// The codes the glue raises: the widget's codes for a provider and its token.
pub(super) const CODES: [ErrorCode; 4] = [
    ErrorCode::ContextProviderFailed,
    ErrorCode::ProviderFailed,
    ErrorCode::NoToken,
    ErrorCode::InvalidToken,
];

pub(super) fn render(header: &str, interface: &str, source: &GlueSource<'_>) -> String {
    let mut out = String::with_capacity(ROUTES.len() + 2048);
    out.push_str(header);
    // Writing into a String cannot fail.
    let _ = writeln!(
        out,
        "\n/**\n * The context variables of `{interface}`, in order: the work stream's schema.\n */"
    );
    out.push_str("export const contextVariables = Object.freeze([\n");
    for variable in &source.variables {
        out.push_str("  Object.freeze({ name: ");
        json::push_str(&mut out, variable.name);
        let kind = match variable.kind {
            VariableKind::Text => "text",
            VariableKind::Number => "number",
        };
        let _ = write!(
            out,
            ", kind: \"{kind}\", optional: {}, displayable: {}, doc: ",
            variable.optional, variable.displayable
        );
        json::push_str(&mut out, &variable.doc);
        out.push_str(" }),\n");
    }
    out.push_str("]);\n");
    let _ = writeln!(
        out,
        "\n/** How the server writes values into lwicontexts: {}. */\nexport const encoding = \"{}\";",
        encoding_names(),
        source.encoding
    );
    out.push_str("\n/** The live chat widget's error codes that this module raises. */\n");
    out.push_str("export const ErrorCode = Object.freeze({\n");
    for code in CODES {
        let _ = writeln!(out, "  {}: {},", code.name(), code.code());
    }
    out.push_str("});\n\n/** Microsoft's message for each code, word for word. */\nconst MESSAGES = Object.freeze({\n");
    for code in CODES {
        let _ = write!(out, "  {}: ", code.code());
        json::push_str(&mut out, code.message());
        out.push_str(",\n");
    }
    out.push_str(
        "});\n\n/** Omnichannel's limits, as lwicontext enforces them on the server. */\n",
    );
    let list = |names: &[&str]| {
        let quoted: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
        format!("Object.freeze([{}])", quoted.join(", "))
    };
    let _ = writeln!(
        out,
        "const LIMITS = Object.freeze({{\n  maxVariables: {MAX_VARIABLES},\n  maxNameChars: {MAX_NAME_CHARS},\n  maxValueChars: {MAX_VALUE_CHARS},\n  millisecondsFrom: {MILLISECONDS_FROM},\n  minSignatureBytes: {},\n  longLifetimeSeconds: {LONG_LIFETIME_SECONDS},\n  authCallbackSeconds: {AUTH_CALLBACK_SECONDS},\n  maxFindingsPerRule: {MAX_FINDINGS_PER_RULE},\n  requiredClaims: {},\n  identityClaims: {},\n}});",
        MIN_RSA_BITS / 8,
        list(&REQUIRED_CLAIMS),
        list(&IDENTITY_CLAIMS),
    );
    out.push_str("\n/** Each rule's name, as `diagnose` names it on the server. */\nconst RULE = Object.freeze({\n");
    for rule in Rule::ALL {
        let _ = writeln!(out, "  {}: \"{}\",", rule.variant_name(), rule.as_str());
    }
    out.push_str("});\n\n/** The rules the widget's page script itself refuses a token by, before anything is sent. */\n");
    let widget: Vec<String> = Rule::ALL
        .iter()
        .filter(|rule| rule.refused_by() == Some(Side::Widget))
        .map(|rule| format!("RULE.{}", rule.variant_name()))
        .collect();
    let _ = writeln!(
        out,
        "const WIDGET_RULES = new Set([{}]);",
        widget.join(", ")
    );
    out.push_str(
        "\n/** Omnichannel's rule on values, as `diagnose` words it. */\nconst PRIMITIVES_ONLY = ",
    );
    json::push_str(&mut out, PRIMITIVES_ONLY);
    out.push_str(
        ";\n\n/** What a string with a lone surrogate escape is, as `diagnose` says. */\nconst LONE_SURROGATE_TEXT = ",
    );
    json::push_str(&mut out, LONE_SURROGATE);
    out.push_str(
        ";\n\n/** What a thrown value that cannot become text is called, as the wasm glue calls it. */\nconst NO_TEXT = ",
    );
    json::push_str(&mut out, NO_TEXT);
    out.push_str(";\n\n");
    out.push_str(ROUTES);
    out
}

/// `"string", "native" or "nested"`.
pub(super) fn encoding_names() -> String {
    let names: Vec<String> = Encoding::ALL
        .iter()
        .map(|encoding| format!("\"{encoding}\""))
        .collect();
    format!(
        "{} or {}",
        names[..names.len() - 1].join(", "),
        names[names.len() - 1]
    )
}

//! The TypeScript declarations: the context's interface, typed as its values arrive in the
//! context's encoding, then the routes' declarations (`glue.d.ts`).

use crate::prelude::*;
use core::fmt::Write as _;

use super::GlueSource;
use super::js::{CODES, encoding_names};
use crate::json;

/// What every declaration file holds after its generated part.
const ROUTES: &str = include_str!("glue.d.ts");

pub(super) fn render(header: &str, interface: &str, source: &GlueSource<'_>) -> String {
    let mut out = String::with_capacity(ROUTES.len() + 2048);
    out.push_str(header);
    let _ = writeln!(
        out,
        "\n/**\n * The context variables of `{interface}`, as `checkToken` returns them from a token's\n * lwicontexts (encoding \"{}\").\n */\nexport interface {interface} {{",
        source.encoding
    );
    for variable in &source.variables {
        if !variable.doc.is_empty() {
            out.push_str("  /**\n");
            for line in variable.doc.lines() {
                let line = line.replace("*/", "*\\/");
                let _ = writeln!(out, "   *{}{line}", if line.is_empty() { "" } else { " " });
            }
            out.push_str("   */\n");
        }
        out.push_str("  ");
        if is_identifier(variable.name) {
            out.push_str(variable.name);
        } else {
            json::push_str(&mut out, variable.name);
        }
        let _ = writeln!(
            out,
            "{}: {};",
            if variable.optional { "?" } else { "" },
            source.encoding.json_type(variable.json_type).typescript()
        );
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "/** The context type this module is for. */\ntype Context = {interface};\n\n/** How the server writes values into lwicontexts: {}. */\nexport declare const encoding: \"{}\";\n",
        encoding_names(),
        source.encoding
    );
    out.push_str("/** The live chat widget's error codes that this module raises. */\nexport declare const ErrorCode: Readonly<{\n");
    for code in CODES {
        let _ = writeln!(
            out,
            "  /** {}: \"{}\". */\n  {}: {};",
            code.code(),
            code.message(),
            code.name(),
            code.code()
        );
    }
    out.push_str("}>;\n\n");
    out.push_str(ROUTES);
    out
}

/// Whether `name` can stand unquoted as a TypeScript property name.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

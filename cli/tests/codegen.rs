//! The round trip: the sample export → `lwicontext codegen` (its output is the golden file
//! `tests/golden/chat_context.rs`, compared with the CLI's in `tests/cli.rs`) → compiled
//! here, checked against the export by the derive → a schema equal to the export's variables.

// The generated structs are `pub`, for the user's crate; here they sit in a test. They are
// formatted as rustfmt formats them: `cargo fmt --check` would refuse them otherwise.
#[path = "golden/chat_context.rs"]
#[allow(unreachable_pub)]
mod chat_context;
#[path = "golden/shop_context.rs"]
#[allow(unreachable_pub)]
mod shop_context;

use chat_context::ChatContext;
use lwicontext::LwiContext;
use lwicontext::context::{Encoding, VariableKind};
use lwicontext::workstream::Workstream;
use shop_context::ShopContext;

#[test]
fn the_generated_struct_compiles_and_mirrors_the_export() {
    let export = Workstream::parse(include_str!(
        "../../examples/workstream/contextvariables.json"
    ))
    .unwrap();
    let expected: Vec<(&str, lwicontext::context::VariableKind, &str)> = export
        .fillable()
        .map(|v| {
            (
                v.name.as_str(),
                v.data_type.kind().unwrap(),
                v.display_name.as_deref().unwrap(),
            )
        })
        .collect();
    let actual: Vec<(&str, lwicontext::context::VariableKind, &str)> = ChatContext::VARIABLES
        .iter()
        .map(|v| (v.name, v.kind, v.doc))
        .collect();
    assert_eq!(actual, expected);
    // Agents do not see what the export says they do not.
    let displayable: Vec<bool> = ChatContext::VARIABLES
        .iter()
        .map(|v| v.displayable)
        .collect();
    assert_eq!(displayable, [true, true, true, true, false, true]);
    // Optional unless --required named it.
    let optional: Vec<bool> = ChatContext::VARIABLES.iter().map(|v| v.optional).collect();
    assert_eq!(optional, [false, true, true, true, true, true]);
    // The Entity Reference and the inactive variable are not there.
    assert!(
        ChatContext::VARIABLES
            .iter()
            .all(|v| v.name != "msdyn_lastorder" && v.name != "msdyn_oldpromo")
    );

    let ctx = ChatContext {
        msdyn_cartvalue: 10000,
        msdyn_isvip: Some("false".into()),
        ..ChatContext::default()
    };
    assert_eq!(
        ctx.to_lwicontexts().unwrap(),
        r#"{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}"#
    );
}

/// `--float-numbers --encoding native --name ShopContext`: f64 numbers, native JSON.
#[test]
fn the_options_compile_too() {
    assert_eq!(ShopContext::ENCODING, Encoding::Native);
    assert!(ShopContext::VARIABLES.iter().all(|v| v.optional));
    let ctx = ShopContext {
        msdyn_cartvalue: Some(99.5),
        msdyn_ordercount: Some(3.0),
        ..ShopContext::default()
    };
    assert_eq!(ShopContext::VARIABLES[0].kind, VariableKind::Number);
    assert_eq!(
        ctx.to_lwicontexts().unwrap(),
        r#"{"msdyn_cartvalue":99.5,"msdyn_ordercount":3}"#
    );
}

/// The schema table between `export const contextVariables = ` and the line after `]);`.
fn context_variables(js: &str) -> &str {
    let start = js
        .find("export const contextVariables = ")
        .expect("a contextVariables table");
    let end = start + js[start..].find("]);\n").expect("its end") + 4;
    &js[start..end]
}

/// The struct `codegen` wrote from the export, passed to `glue::render`, gives the page the same
/// schema table as `lwicontext glue` gives from the export itself.
#[test]
fn glue_from_the_struct_and_from_the_export_agree() {
    use lwicontext::glue::{self, GlueOptions};

    let from_struct =
        glue::render::<ChatContext>(&GlueOptions::new().name("chat_context").unwrap());
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("glue_from_the_export");
    let _ = std::fs::remove_dir_all(&out);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lwicontext"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "glue",
            "--workstream",
            "../examples/workstream/contextvariables.json",
            "--required",
            "msdyn_cartvalue",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_export = std::fs::read_to_string(out.join("chat_context.js")).unwrap();
    assert_eq!(
        context_variables(from_struct.js()),
        context_variables(&from_export)
    );
    assert!(context_variables(&from_export).contains(r#"name: "msdyn_email""#));
    // The interfaces agree too, the struct's names and types being the export's.
    let dts = std::fs::read_to_string(out.join("chat_context.d.ts")).unwrap();
    let interface = |text: &str| {
        let start = text.find("export interface ChatContext {").unwrap();
        text[start..start + text[start..].find("\n}\n").unwrap()].to_owned()
    };
    assert_eq!(interface(from_struct.dts()), interface(&dts));
}

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
use lwicontext::{Encoding, LwiContext, VariableKind, Workstream};
use shop_context::ShopContext;

#[test]
fn the_generated_struct_compiles_and_mirrors_the_export() {
    let export = Workstream::parse(include_str!(
        "../../examples/workstream/contextvariables.json"
    ))
    .unwrap();
    let expected: Vec<(&str, lwicontext::VariableKind, &str)> = export
        .fillable()
        .map(|v| {
            (
                v.name.as_str(),
                v.data_type.kind().unwrap(),
                v.display_name.as_deref().unwrap(),
            )
        })
        .collect();
    let actual: Vec<(&str, lwicontext::VariableKind, &str)> = ChatContext::VARIABLES
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

//! Exact output of the three encodings, and the run-time errors.

mod common;

use std::borrow::Cow;

use common::ReferenceSample;
use lwicontext::context::{Encoding, Value, VariableKind};
use lwicontext::{ContextError, LwiContext, LwiValue};

#[test]
fn reproduces_the_reference_sample() {
    // As the reference page's payload has it, less the space after the comma.
    let reference = r#"{\"msdyn_cartvalue\":\"10000\", \"msdyn_isvip\":\"false\"}"#
        .replace("\\\"", "\"")
        .replace(", ", ",");
    let ctx = ReferenceSample {
        cart_value: 10000,
        is_vip: false,
    };
    assert_eq!(ctx.to_lwicontexts().unwrap(), reference);
    assert_eq!(
        ctx.to_lwicontexts().unwrap(),
        r#"{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}"#
    );
}

#[derive(LwiValue, Debug, Clone, Copy)]
#[lwi(rename_all = "snake_case")]
enum Channel {
    WebChat,
    #[lwi(rename = "sms")]
    TextMessage,
}

#[derive(LwiValue)]
struct Cents(u64);

#[test]
fn values_derive_sends_enums_by_name_and_newtypes_as_their_inner_value() {
    assert_eq!(Channel::WebChat.to_value(), Value::Str("web_chat"));
    assert_eq!(Channel::TextMessage.to_value(), Value::Str("sms"));
    assert_eq!(<Channel as LwiValue>::KIND, VariableKind::Text);
    assert_eq!(Cents(7).to_value(), Value::U64(7));
    assert_eq!(<Cents as LwiValue>::KIND, VariableKind::Number);
}

/// Every kind of value, to compare the three encodings.
#[derive(LwiContext)]
#[lwi(prefix = "msdyn_")]
struct Mixed<'a> {
    /// Cart value in cents.
    cart_value: Cents,
    is_vip: bool,
    tier: Option<&'a str>,
    missing: Option<u32>,
    /// Average rating,
    /// out of five.
    rating: f64,
    initial: char,
    #[lwi(rename = "contoso_notes", displayable = false)]
    notes: Cow<'a, str>,
    channel: Channel,
    balance: i64,
    #[lwi(skip)]
    #[allow(dead_code)]
    session: Vec<u8>,
}

fn mixed() -> Mixed<'static> {
    Mixed {
        cart_value: Cents(10000),
        is_vip: true,
        tier: Some("gold"),
        missing: None,
        rating: 4.5,
        initial: 'Å',
        notes: Cow::Borrowed("said \"hi\"\n"),
        channel: Channel::WebChat,
        balance: -12,
        session: vec![1, 2, 3],
    }
}

#[test]
fn string_encoding_sends_every_value_as_a_string() {
    assert_eq!(
        mixed().to_lwicontexts().unwrap(),
        r#"{"msdyn_cart_value":"10000","msdyn_is_vip":"true","msdyn_tier":"gold","msdyn_rating":"4.5","msdyn_initial":"Å","contoso_notes":"said \"hi\"\n","msdyn_channel":"web_chat","msdyn_balance":"-12"}"#
    );
}

#[test]
fn native_encoding_keeps_numbers_and_booleans() {
    assert_eq!(
        mixed().to_lwicontexts_as(Encoding::Native).unwrap(),
        r#"{"msdyn_cart_value":10000,"msdyn_is_vip":true,"msdyn_tier":"gold","msdyn_rating":4.5,"msdyn_initial":"Å","contoso_notes":"said \"hi\"\n","msdyn_channel":"web_chat","msdyn_balance":-12}"#
    );
}

#[test]
fn nested_encoding_wraps_each_value() {
    assert_eq!(
        mixed().to_lwicontexts_as(Encoding::Nested).unwrap(),
        concat!(
            r#"{"msdyn_cart_value":{"value":"10000","isDisplayable":true},"#,
            r#""msdyn_is_vip":{"value":"true","isDisplayable":true},"#,
            r#""msdyn_tier":{"value":"gold","isDisplayable":true},"#,
            r#""msdyn_rating":{"value":"4.5","isDisplayable":true},"#,
            r#""msdyn_initial":{"value":"Å","isDisplayable":true},"#,
            r#""contoso_notes":{"value":"said \"hi\"\n","isDisplayable":false},"#,
            r#""msdyn_channel":{"value":"web_chat","isDisplayable":true},"#,
            r#""msdyn_balance":{"value":"-12","isDisplayable":true}}"#,
        )
    );
}

#[derive(LwiContext)]
#[lwi(encoding = "nested", rename_all = "camelCase")]
struct NestedByDefault {
    order_count: u8,
}

#[derive(LwiContext)]
#[lwi(encoding = "native")]
struct NativeByDefault {
    order_count: u8,
}

#[test]
fn the_encoding_attribute_picks_the_default() {
    assert_eq!(
        NestedByDefault { order_count: 3 }.to_lwicontexts().unwrap(),
        r#"{"orderCount":{"value":"3","isDisplayable":true}}"#
    );
    assert_eq!(NestedByDefault::ENCODING, Encoding::Nested);
    assert_eq!(
        NativeByDefault { order_count: 3 }.to_lwicontexts().unwrap(),
        r#"{"order_count":3}"#
    );
    assert_eq!(ReferenceSample::ENCODING, Encoding::String);
}

#[test]
fn the_schema_describes_each_sent_field() {
    let names: Vec<&str> = Mixed::VARIABLES.iter().map(|v| v.name).collect();
    assert_eq!(
        names,
        [
            "msdyn_cart_value",
            "msdyn_is_vip",
            "msdyn_tier",
            "msdyn_missing",
            "msdyn_rating",
            "msdyn_initial",
            "contoso_notes",
            "msdyn_channel",
            "msdyn_balance",
        ]
    );
    let cart = &Mixed::VARIABLES[0];
    assert_eq!(cart.kind, VariableKind::Number);
    assert!(!cart.optional);
    assert!(cart.displayable);
    assert_eq!(cart.doc, "Cart value in cents.");
    assert_eq!(Mixed::VARIABLES[4].doc, "Average rating,\nout of five.");
    assert!(Mixed::VARIABLES[3].optional);
    assert_eq!(Mixed::VARIABLES[3].kind, VariableKind::Number);
    assert!(!Mixed::VARIABLES[6].displayable);
    assert_eq!(Mixed::VARIABLES[7].kind, VariableKind::Text);
    assert_eq!(Mixed::VARIABLES[1].kind, VariableKind::Text);
}

#[derive(LwiContext)]
struct Numbers {
    int: i128,
    uint: u128,
    float: f32,
    double: Option<f64>,
}

#[test]
fn native_refuses_integers_javascript_would_change() {
    const SAFE: i128 = (1 << 53) - 1;
    let ok = Numbers {
        int: -SAFE,
        uint: SAFE as u128,
        float: 1.1,
        double: Some(1e21),
    };
    assert_eq!(
        ok.to_lwicontexts_as(Encoding::Native).unwrap(),
        r#"{"int":-9007199254740991,"uint":9007199254740991,"float":1.1,"double":1e+21}"#
    );
    let too_big = Numbers {
        uint: SAFE as u128 + 1,
        ..ok
    };
    let error = too_big.to_lwicontexts_as(Encoding::Native).unwrap_err();
    assert_eq!(
        error,
        ContextError::UnsafeNumber {
            variable: "uint".into(),
            value: "9007199254740992".into()
        }
    );
    assert_eq!(error.variable(), Some("uint"));
    assert!(error.to_string().contains("`uint`"), "{error}");
    // The string encoding carries any integer exactly.
    assert_eq!(
        Numbers {
            int: i128::MIN,
            uint: u128::MAX,
            float: 0.0,
            double: None
        }
        .to_lwicontexts()
        .unwrap(),
        format!(
            r#"{{"int":"{}","uint":"{}","float":"0"}}"#,
            i128::MIN,
            u128::MAX
        )
    );
    let too_small = Numbers {
        int: -SAFE - 1,
        uint: 0,
        float: 0.0,
        double: None,
    };
    assert_eq!(
        too_small
            .to_lwicontexts_as(Encoding::Native)
            .unwrap_err()
            .variable(),
        Some("int")
    );
}

#[test]
fn refuses_non_finite_floats_and_leaves_the_buffer_as_it_was() {
    for (float, double) in [
        (f32::NAN, None),
        (f32::INFINITY, None),
        (0.0, Some(f64::NEG_INFINITY)),
    ] {
        let ctx = Numbers {
            int: 1,
            uint: 2,
            float,
            double,
        };
        for encoding in [Encoding::String, Encoding::Native, Encoding::Nested] {
            let mut out = String::from("kept");
            let error = ctx.write_lwicontexts_as(encoding, &mut out).unwrap_err();
            assert!(matches!(error, ContextError::NotFinite { .. }), "{error:?}");
            assert_eq!(
                error.variable(),
                Some(if double.is_some() { "double" } else { "float" })
            );
            assert_eq!(out, "kept", "nothing written on error");
        }
    }
}

#[derive(LwiContext)]
struct Text {
    #[lwi(rename = "msdyn_notes")]
    notes: String,
}

#[test]
fn values_may_have_at_most_4000_characters() {
    let fits = Text {
        notes: "x".repeat(4000),
    };
    assert_eq!(
        fits.to_lwicontexts().unwrap().len(),
        4000 + r#"{"msdyn_notes":""}"#.len()
    );
    // An emoji is two UTF-16 code units, as Dataverse counts.
    let emoji = Text {
        notes: "😀".repeat(2000),
    };
    assert!(emoji.to_lwicontexts().is_ok());
    for notes in ["x".repeat(4001), "😀".repeat(2001)] {
        let error = Text { notes }.to_lwicontexts().unwrap_err();
        assert!(
            matches!(&error, ContextError::ValueTooLong { variable, length: 4001 | 4002 } if variable == "msdyn_notes"),
            "{error:?}"
        );
    }
    // Escaping makes the JSON longer, not the value.
    let quotes = Text {
        notes: "\"".repeat(4000),
    };
    assert!(quotes.to_lwicontexts().is_ok());
}

#[test]
fn appends_to_a_callers_string() {
    let mut out = String::from("lwicontexts=");
    ReferenceSample {
        cart_value: 1,
        is_vip: true,
    }
    .write_lwicontexts(&mut out)
    .unwrap();
    assert_eq!(
        out,
        r#"lwicontexts={"msdyn_cartvalue":"1","msdyn_isvip":"true"}"#
    );
}

#[derive(LwiContext)]
struct AllOptional {
    a: Option<u8>,
    b: Option<String>,
}

#[test]
fn none_leaves_the_variable_out() {
    let none = AllOptional { a: None, b: None };
    assert_eq!(none.to_lwicontexts().unwrap(), "{}");
    let second = AllOptional {
        a: None,
        b: Some("x".into()),
    };
    assert_eq!(second.to_lwicontexts().unwrap(), r#"{"b":"x"}"#);
}

#[test]
fn strings_that_need_escaping_parse_back() {
    for notes in [
        "</script><script>alert(1)</script>",
        "tab\tnewline\nreturn\r",
        "quote\" backslash\\ slash/",
        "\u{0}\u{1}\u{1f}\u{7f}",
        "emoji 😀 and U+2028 \u{2028} U+2029 \u{2029}",
        "amp & lt < gt >",
    ] {
        let json = Text {
            notes: notes.to_owned(),
        }
        .to_lwicontexts()
        .unwrap();
        assert!(!json.contains("</script>"), "{json}");
        assert!(!json.contains('\u{2028}'), "{json}");
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["msdyn_notes"], notes);
    }
}

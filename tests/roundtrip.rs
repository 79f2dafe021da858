//! Any string and any number comes out as JSON that `serde_json` reads back to the same value.
// Round trips must be exact: exact float comparison is the point.
#![allow(clippy::float_cmp, clippy::cast_possible_truncation)]

use lwicontext::context::Encoding;
use lwicontext::{ContextError, LwiContext};
use proptest::prelude::*;
use serde_json::Value;

#[derive(LwiContext, Debug)]
struct Sample {
    text: String,
    signed: i64,
    unsigned: u64,
    double: f64,
    single: f32,
    flag: bool,
    letter: char,
}

fn finite_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        -1e6..1e6_f64,
        Just(0.0),
        Just(-0.0),
        Just(f64::MIN_POSITIVE),
        Just(f64::MAX),
    ]
}

fn sample() -> impl Strategy<Value = Sample> {
    (
        any::<String>(),
        any::<i64>(),
        any::<u64>(),
        finite_f64(),
        any::<f32>().prop_filter("finite", |v| v.is_finite()),
        any::<bool>(),
        any::<char>(),
    )
        .prop_map(
            |(text, signed, unsigned, double, single, flag, letter)| Sample {
                text,
                signed,
                unsigned,
                double,
                single,
                flag,
                letter,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn string_encoding_round_trips(ctx in sample()) {
        let json = ctx.to_lwicontexts().unwrap();
        let parsed: serde_json::Map<String, Value> = serde_json::from_str(&json).unwrap();
        let text = |key: &str| parsed[key].as_str().unwrap().to_owned();
        prop_assert_eq!(parsed.len(), 7);
        prop_assert_eq!(text("text"), ctx.text.clone());
        prop_assert_eq!(text("signed").parse::<i64>().unwrap(), ctx.signed);
        prop_assert_eq!(text("unsigned").parse::<u64>().unwrap(), ctx.unsigned);
        // `-0` is written as JavaScript writes it, `0`: equal as numbers.
        prop_assert!(text("double").parse::<f64>().unwrap() == ctx.double, "{}", json);
        prop_assert!(text("single").parse::<f32>().unwrap() == ctx.single, "{}", json);
        prop_assert_eq!(text("flag"), ctx.flag.to_string());
        prop_assert_eq!(text("letter"), ctx.letter.to_string());
    }

    #[test]
    fn native_encoding_round_trips_or_names_the_unsafe_integer(ctx in sample()) {
        const SAFE: u64 = (1 << 53) - 1;
        match ctx.to_lwicontexts_as(Encoding::Native) {
            Ok(json) => {
                prop_assert!(ctx.signed.unsigned_abs() <= SAFE && ctx.unsigned <= SAFE);
                let parsed: serde_json::Map<String, Value> = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(parsed["text"].as_str().unwrap(), ctx.text.as_str());
                prop_assert_eq!(parsed["signed"].as_i64().unwrap(), ctx.signed);
                prop_assert_eq!(parsed["unsigned"].as_u64().unwrap(), ctx.unsigned);
                prop_assert!(parsed["double"].as_f64().unwrap() == ctx.double, "{}", json);
                // JSON numbers are read as f64; the f32's shortest digits name the same f32.
                prop_assert!(parsed["single"].as_f64().unwrap() as f32 == ctx.single, "{}", json);
                prop_assert_eq!(parsed["flag"].as_bool().unwrap(), ctx.flag);
            }
            Err(ContextError::UnsafeNumber { variable, value }) => {
                let (expected, shown) = if ctx.signed.unsigned_abs() > SAFE {
                    ("signed", ctx.signed.to_string())
                } else {
                    ("unsigned", ctx.unsigned.to_string())
                };
                prop_assert_eq!(variable, expected);
                prop_assert_eq!(value, shown);
            }
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }

    #[test]
    fn nested_encoding_round_trips(ctx in sample()) {
        let json = ctx.to_lwicontexts_as(Encoding::Nested).unwrap();
        let parsed: serde_json::Map<String, Value> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(parsed["text"]["value"].as_str().unwrap(), ctx.text.as_str());
        prop_assert_eq!(&parsed["letter"]["isDisplayable"], &Value::Bool(true));
        prop_assert_eq!(
            parsed["unsigned"]["value"].as_str().unwrap().parse::<u64>().unwrap(),
            ctx.unsigned
        );
    }
}

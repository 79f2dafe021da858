//! Reading a context back: `from_lwicontexts(to_lwicontexts(x)) == x` in every encoding, and
//! each refusal named.
// Round trips must be exact: exact float comparison is the point.
#![allow(clippy::float_cmp)]

use std::num::NonZero;
use std::sync::Arc;

use lwicontext::context::Encoding;
use lwicontext::{ContextError, LwiContext, LwiValue};
use proptest::prelude::*;

#[derive(LwiValue, Clone, Copy, Debug, PartialEq)]
#[lwi(rename_all = "lowercase")]
enum Tier {
    Gold,
    #[lwi(rename = "silver-plus")]
    Silver,
}

#[derive(LwiValue, Clone, Copy, Debug, PartialEq)]
struct Cents(u64);

#[derive(LwiContext, Clone, Debug, PartialEq)]
#[lwi(prefix = "msdyn_")]
struct Everything {
    text: String,
    shared: Arc<str>,
    letter: char,
    flag: bool,
    small: i8,
    signed: i64,
    unsigned: u64,
    wide: i128,
    count: NonZero<u32>,
    double: f64,
    single: f32,
    tier: Tier,
    cents: Cents,
    note: Option<String>,
    #[lwi(displayable = false)]
    hidden: Option<u16>,
    #[lwi(skip)]
    cache: Vec<u8>,
}

fn finite<T: Arbitrary + Copy>(is_finite: fn(T) -> bool) -> impl Strategy<Value = T> {
    any::<T>().prop_filter("finite", move |v| is_finite(*v))
}

fn everything() -> impl Strategy<Value = Everything> {
    (
        (
            any::<String>(),
            any::<String>(),
            any::<char>(),
            any::<bool>(),
        ),
        (
            any::<i8>(),
            any::<i64>(),
            any::<u64>(),
            any::<i128>(),
            1..=u32::MAX,
        ),
        (finite::<f64>(f64::is_finite), finite::<f32>(f32::is_finite)),
        (
            any::<bool>(),
            any::<u64>(),
            any::<Option<String>>(),
            any::<Option<u16>>(),
        ),
    )
        .prop_map(
            |(
                (text, shared, letter, flag),
                (small, signed, unsigned, wide, count),
                (double, single),
                (gold, cents, note, hidden),
            )| Everything {
                text,
                shared: shared.into(),
                letter,
                flag,
                small,
                signed,
                unsigned,
                wide,
                count: NonZero::new(count).unwrap(),
                double,
                single,
                tier: if gold { Tier::Gold } else { Tier::Silver },
                cents: Cents(cents),
                note,
                hidden,
                cache: Vec::new(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_encoding_reads_back_to_the_same_context(context in everything()) {
        for encoding in Encoding::ALL {
            match context.to_lwicontexts_as(encoding) {
                Ok(sent) => {
                    let read = Everything::from_lwicontexts(&sent);
                    prop_assert_eq!(read.as_ref(), Ok(&context), "{} {}", encoding, sent);
                }
                // Only the native encoding refuses, and only numbers JavaScript would change.
                Err(ContextError::UnsafeNumber { .. }) => prop_assert_eq!(encoding, Encoding::Native),
                Err(other) => prop_assert!(false, "{encoding}: {other}"),
            }
        }
    }
}

#[derive(LwiContext, Debug, PartialEq)]
struct Cart {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u8,
    #[lwi(rename = "msdyn_isvip")]
    is_vip: Option<bool>,
}

#[test]
fn refusals_name_the_variable() {
    let cases: [(&str, ContextError); 8] = [
        ("[1]", ContextError::ContextNotObject),
        (
            r#"{"msdyn_cartvalue":"1","msdyn_cartvalu":"2"}"#,
            ContextError::UnknownVariable {
                variable: "msdyn_cartvalu".into(),
            },
        ),
        (
            r#"{"msdyn_isvip":"true"}"#,
            ContextError::MissingVariable {
                variable: "msdyn_cartvalue".into(),
            },
        ),
        (
            r#"{"msdyn_cartvalue":"ten"}"#,
            ContextError::WrongKind {
                variable: "msdyn_cartvalue".into(),
                expected: "an integer",
                found: r#""ten""#.into(),
            },
        ),
        (
            r#"{"msdyn_cartvalue":300}"#,
            ContextError::OutOfRange {
                variable: "msdyn_cartvalue".into(),
                ty: "u8",
                value: "300".into(),
            },
        ),
        (
            r#"{"msdyn_cartvalue":1,"msdyn_isvip":"yes"}"#,
            ContextError::WrongKind {
                variable: "msdyn_isvip".into(),
                expected: "a boolean (true or false)",
                found: r#""yes""#.into(),
            },
        ),
        (
            r#"{"msdyn_cartvalue":1,"msdyn_cartvalue":2}"#,
            ContextError::RepeatedVariable {
                variable: "msdyn_cartvalue".into(),
            },
        ),
        (
            r#"{"msdyn_cartvalue":[1]}"#,
            ContextError::NotPrimitive {
                variable: "msdyn_cartvalue".into(),
                found: "an array",
            },
        ),
    ];
    for (lwicontexts, expected) in cases {
        let refused = Cart::from_lwicontexts(lwicontexts).unwrap_err();
        assert_eq!(refused, expected, "{lwicontexts}");
        assert!(!refused.to_string().is_empty());
    }
    // null leaves an optional variable out; the nested form wraps a value.
    assert_eq!(
        Cart::from_lwicontexts(
            r#"{"msdyn_cartvalue":{"value":"7","isDisplayable":true},"msdyn_isvip":null}"#
        ),
        Ok(Cart {
            cart_value: 7,
            is_vip: None
        })
    );
    // Each encoding's form of the same values.
    for lwicontexts in [
        r#"{"msdyn_cartvalue":"7","msdyn_isvip":"true"}"#,
        r#"{"msdyn_cartvalue":7,"msdyn_isvip":true}"#,
        r#"{"msdyn_cartvalue":{"value":"7","isDisplayable":true},"msdyn_isvip":{"value":"true","isDisplayable":false}}"#,
    ] {
        assert_eq!(
            Cart::from_lwicontexts(lwicontexts),
            Ok(Cart {
                cart_value: 7,
                is_vip: Some(true)
            }),
            "{lwicontexts}"
        );
    }
}

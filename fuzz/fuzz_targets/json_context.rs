//! The JSON context reader behind `mint --context` and `--set`, then each encoding; the reader
//! takes exactly what serde_json takes, as it reads an object whose values it keeps as text.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use lwicontext::context::{Encoding, JsonContext};
use serde_json::value::RawValue;

fuzz_target!(|input: (&str, &str, &str)| {
    let (text, name, value) = input;
    let parsed = JsonContext::parse(text);
    let serde = serde_json::from_str::<HashMap<String, Box<RawValue>>>(text);
    assert_eq!(
        parsed.is_ok(),
        serde.is_ok(),
        "{text:?}: {parsed:?} {serde:?}"
    );
    let Ok(mut context) = parsed else {
        return;
    };
    // `--set NAME=VALUE`: JSON text, or else text.
    if context.set_json(name, value).is_err() {
        context.set_text(name, value);
    }
    for encoding in Encoding::ALL {
        if let Ok(lwicontexts) = context.to_lwicontexts(encoding) {
            // What is sent is a JSON object, read back by the same reader.
            assert!(JsonContext::parse(&lwicontexts).is_ok(), "{lwicontexts}");
        }
    }
});

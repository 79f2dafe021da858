//! The JSON context reader behind `mint --context` and `--set`, then each encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lwicontext::context::{Encoding, JsonContext};

fuzz_target!(|input: (&str, &str, &str)| {
    let (context, name, value) = input;
    let Ok(mut context) = JsonContext::parse(context) else {
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

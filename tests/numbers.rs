//! Floats are written as JavaScript's `String(x)` writes them: checked by node itself over
//! edge cases and 50,000 pseudo-random doubles (`tests/js/numbers.mjs`).

use std::process::Command;

use lwicontext::LwiContext;
use lwicontext::context::Encoding;

#[derive(LwiContext)]
struct Number {
    x: f64,
}

/// xorshift64*: a fixed sequence, so that a failure can be replayed.
fn doubles(count: usize) -> impl Iterator<Item = f64> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    std::iter::repeat_with(move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        f64::from_bits(state.wrapping_mul(0x2545_f491_4f6c_dd1d))
    })
    .filter(|x| x.is_finite())
    .take(count)
}

#[test]
fn floats_read_as_javascript_writes_them() {
    let edges = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.2,
        0.3,
        1e21,
        1e-7,
        1e-6,
        123e-20,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        9_007_199_254_740_993.0,
        1.5e300,
        4.35,
        0.000_001_234,
        1e20,
        99.99,
    ];
    // Round numbers and short decimals of every magnitude, where the layout switches.
    let decimals = (-30..=30).flat_map(|e| [1.0, 1.5, 123.456].map(|m| m * 10f64.powi(e)));
    let cases: Vec<serde_json::Value> = edges
        .into_iter()
        .chain(decimals)
        .chain(doubles(50_000))
        .map(|x| {
            let json = Number { x }.to_lwicontexts_as(Encoding::Native).unwrap();
            let written = &json[r#"{"x":"#.len()..json.len() - 1];
            serde_json::json!({ "bits": format!("{:016x}", x.to_bits()), "written": written })
        })
        .collect();
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("floats.json");
    std::fs::write(&file, serde_json::Value::from(cases).to_string()).unwrap();

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/js/numbers.mjs");
    let output = Command::new("node")
        .arg(script)
        .arg(&file)
        .output()
        .expect("node is needed for this test");
    let report = String::from_utf8_lossy(&output.stdout);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}{errors}");
    assert!(report.contains(", 0 failed"), "{report}");
}

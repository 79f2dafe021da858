//! `diagnose` on hostile tokens: 100,000 context variables (about 1 MB) and 1,000,000 (about
//! 10 MB), none of them in the schema, against `serde_json` reading the same token's payload
//! into a `Value` (base64 decoding, then JSON twice: the claims, then `lwicontexts`), the least
//! any reader of the token does.
//!
//! The other readers of outside input get the same 100,000 variables: `JsonContext::parse`
//! (behind `mint --context`) on the context, and `Workstream::parse` on an export that lists
//! them, each against `serde_json` reading the same text into a `Value`.
//!
//! `cargo bench --bench hostile` prints criterion's figures, then each time as a multiple of the
//! baseline's; the 10 MB token's multiple against the 1 MB one's shows that the cost grows in
//! proportion to the size.

#[allow(dead_code, reason = "the shared context is for the other benchmarks")]
mod common;

use std::hint::black_box;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::Criterion;
use lwicontext::context::JsonContext;
use lwicontext::diagnose::{DiagnoseOptions, diagnose};
use lwicontext::token::FixedClock;
use lwicontext::workstream::Workstream;
use serde_json::{Value, json};

const GROUP: &str = "hostile";
const BASELINE: &str = "serde_json reading the 1 MB payload";
const ONE_MB: &str = "diagnose 1 MB token";
const TEN_MB: &str = "diagnose 10 MB token";
const TEN_MB_BASELINE: &str = "serde_json reading the 10 MB payload";

const CONTEXT_BASELINE: &str = "serde_json reading a 100000 variable context";
const CONTEXT: &str = "JsonContext reading it";
const EXPORT_BASELINE: &str = "serde_json reading a 100000 variable export";
const EXPORT: &str = "Workstream reading it";

/// `count` variables, as JSON.
fn variables(count: usize) -> serde_json::Map<String, Value> {
    (0..count)
        .map(|i| (format!("v{i:x}"), Value::from(i % 10)))
        .collect()
}

/// A work stream export listing `count` variables.
fn export(count: usize) -> String {
    let items: Vec<Value> = (0..count)
        .map(|i| json!({"msdyn_name": format!("v{i:x}"), "msdyn_datatype": 192_350_000, "statecode": 0}))
        .collect();
    json!({ "value": items }).to_string()
}

/// A token whose `lwicontexts` holds `count` variables, and its payload's base64 text.
fn token(count: usize) -> (String, String) {
    let context = variables(count);
    let claims = json!({
        "iss": "contosohelp.com", "sub": "87b4", "iat": 1_800_000_000u64, "exp": 1_800_000_900u64,
        "lwicontexts": Value::Object(context).to_string(),
    });
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signature = URL_SAFE_NO_PAD.encode([7u8; 256]);
    (format!("{header}.{payload}.{signature}"), payload)
}

/// The baseline: the payload read as JSON, and its `lwicontexts` too.
fn read_payload(payload: &str) -> Value {
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    serde_json::from_str(claims["lwicontexts"].as_str().unwrap()).unwrap()
}

fn main() {
    let directory = common::output_directory();
    let mut criterion = Criterion::default()
        .output_directory(&directory)
        .configure_from_args();
    let options = DiagnoseOptions::new()
        .clock(FixedClock::at_unix_seconds(1_800_000_000))
        .variable_names(["msdyn_cartvalue", "msdyn_isvip"]);
    let (one, one_payload) = token(100_000);
    let (ten, ten_payload) = token(1_000_000);
    println!("tokens of {} and {} bytes", one.len(), ten.len());
    // Each rule reports five cases and a count, whatever the size.
    assert!(diagnose(&ten, &options).findings.len() < 20);

    let mut group = criterion.benchmark_group(GROUP);
    group.sample_size(10);
    group.bench_function(BASELINE, |b| {
        b.iter(|| read_payload(black_box(&one_payload)));
    });
    group.bench_function(ONE_MB, |b| b.iter(|| diagnose(black_box(&one), &options)));
    group.bench_function(TEN_MB_BASELINE, |b| {
        b.iter(|| read_payload(black_box(&ten_payload)));
    });
    group.bench_function(TEN_MB, |b| b.iter(|| diagnose(black_box(&ten), &options)));
    let context = Value::Object(variables(100_000)).to_string();
    group.bench_function(CONTEXT_BASELINE, |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&context)).unwrap());
    });
    group.bench_function(CONTEXT, |b| {
        b.iter(|| {
            let read = JsonContext::parse(black_box(&context)).unwrap();
            assert!(read.repeated_name().is_none());
            read
        });
    });
    let export = export(100_000);
    group.bench_function(EXPORT_BASELINE, |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&export)).unwrap());
    });
    group.bench_function(EXPORT, |b| {
        b.iter(|| Workstream::parse(black_box(&export)).unwrap());
    });
    group.finish();
    criterion.final_summary();

    common::report(&directory, GROUP, BASELINE, &[ONE_MB, TEN_MB_BASELINE]);
    common::report(&directory, GROUP, ONE_MB, &[TEN_MB]);
    common::report(&directory, GROUP, CONTEXT_BASELINE, &[CONTEXT]);
    common::report(&directory, GROUP, EXPORT_BASELINE, &[EXPORT]);
}

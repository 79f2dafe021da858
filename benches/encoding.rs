//! `to_lwicontexts` against `serde_json::to_string` of a prebuilt `HashMap<String, String>`
//! holding the same ten variables, the way a hand-written context is usually built.
//!
//! `cargo bench --bench encoding` prints criterion's figures and then the ratio of the two.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use lwicontext::{Encoding, LwiContext, LwiValue};

#[derive(LwiValue, Clone, Copy)]
#[lwi(rename_all = "lowercase")]
enum Channel {
    Web,
}

/// Ten context variables of the kinds a shop sends.
#[derive(LwiContext)]
#[lwi(prefix = "msdyn_")]
struct ChatContext {
    cart_value: u32,
    is_vip: bool,
    tier: Option<String>,
    customer_name: String,
    email: String,
    order_count: u16,
    locale: &'static str,
    last_order_total: f64,
    account_id: String,
    channel: Channel,
}

fn context() -> ChatContext {
    ChatContext {
        cart_value: 10000,
        is_vip: false,
        tier: Some("gold".into()),
        customer_name: "Ada Lovelace".into(),
        email: "ada@contoso.com".into(),
        order_count: 42,
        locale: "en-US",
        last_order_total: 49.99,
        account_id: "87b4d06c-abc2-e811-a9b0-000d3a10e09e".into(),
        channel: Channel::Web,
    }
}

/// The same variables, already strings, in the map a hand-written context would use.
fn prebuilt_map() -> HashMap<String, String> {
    let map: HashMap<String, String> =
        serde_json::from_str(&context().to_lwicontexts().unwrap()).unwrap();
    assert_eq!(map.len(), 10);
    map
}

const GROUP: &str = "lwicontexts";
/// Bench names double as criterion's directory names: plain words only.
const BASELINE: &str = "serde_json to_string of a HashMap";
const CANDIDATES: [(&str, Encoding); 3] = [
    ("derive string encoding", Encoding::String),
    ("derive native encoding", Encoding::Native),
    ("derive nested encoding", Encoding::Nested),
];

fn output_directory() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
            PathBuf::from,
        )
        .join("criterion")
}

fn main() {
    let directory = output_directory();
    let mut criterion = Criterion::default()
        .output_directory(&directory)
        .configure_from_args();

    let ctx = context();
    let map = prebuilt_map();
    let mut group = criterion.benchmark_group(GROUP);
    group.bench_function(BASELINE, |b| {
        b.iter(|| serde_json::to_string(black_box(&map)).unwrap());
    });
    for (name, encoding) in CANDIDATES {
        group.bench_function(name, |b| {
            b.iter(|| black_box(&ctx).to_lwicontexts_as(encoding).unwrap());
        });
    }
    group.finish();
    criterion.final_summary();

    report_ratios(&directory);
}

/// Prints how many times faster each candidate is than the baseline, from this run's estimates.
fn report_ratios(directory: &std::path::Path) {
    let mean = |name: &str| -> Option<f64> {
        let path = directory.join(GROUP).join(name).join("new/estimates.json");
        let text = std::fs::read_to_string(path).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        json["mean"]["point_estimate"].as_f64()
    };
    let Some(baseline) = mean(BASELINE) else {
        // `cargo test --benches` runs each benchmark once and keeps no estimates.
        println!("no estimates to compare (run `cargo bench --bench encoding`)");
        return;
    };
    println!("\n{GROUP}: {BASELINE} takes {baseline:.0} ns");
    for (name, _) in CANDIDATES {
        if let Some(candidate) = mean(name) {
            println!(
                "{name}: {candidate:.0} ns, {:.2}x faster than {BASELINE}",
                baseline / candidate
            );
        }
    }
}

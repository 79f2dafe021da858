//! What the benchmarks share: the ten-variable context, and the ratios printed after each run.

use std::path::{Path, PathBuf};

use lwicontext::{LwiContext, LwiValue};

/// How the customer reached the chat.
#[derive(LwiValue, Clone, Copy)]
#[lwi(rename_all = "lowercase")]
pub(crate) enum Channel {
    /// The web site.
    Web,
}

/// Ten context variables of the kinds a shop sends.
#[derive(LwiContext)]
#[lwi(prefix = "msdyn_")]
pub(crate) struct ChatContext {
    pub(crate) cart_value: u32,
    pub(crate) is_vip: bool,
    pub(crate) tier: Option<String>,
    pub(crate) customer_name: String,
    pub(crate) email: String,
    pub(crate) order_count: u16,
    pub(crate) locale: &'static str,
    pub(crate) last_order_total: f64,
    pub(crate) account_id: String,
    pub(crate) channel: Channel,
}

pub(crate) fn context() -> ChatContext {
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

/// Where criterion keeps its estimates; set explicitly so they can be read back.
pub(crate) fn output_directory() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
            PathBuf::from,
        )
        .join("criterion")
}

/// The mean time of one benchmark of this run, in nanoseconds. Bench names double as
/// criterion's directory names, so they use plain words only.
fn mean(directory: &Path, group: &str, name: &str) -> Option<f64> {
    let path = directory.join(group).join(name).join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

/// Prints each candidate's time as a multiple of the baseline's, from this run's estimates.
pub(crate) fn report(directory: &Path, group: &str, baseline: &str, candidates: &[&str]) {
    let Some(base) = mean(directory, group, baseline) else {
        // `cargo test --benches` runs each benchmark once and keeps no estimates.
        println!("{group}: no estimates to compare (run `cargo bench`)");
        return;
    };
    println!("\n{group}: {baseline} takes {}", shown(base));
    for name in candidates {
        if let Some(time) = mean(directory, group, name) {
            println!(
                "  {name}: {}, {:.3}x the time of {baseline}",
                shown(time),
                time / base
            );
        }
    }
}

fn shown(nanoseconds: f64) -> String {
    if nanoseconds >= 10_000.0 {
        format!("{:.1} µs", nanoseconds / 1000.0)
    } else {
        format!("{nanoseconds:.0} ns")
    }
}

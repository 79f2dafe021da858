//! `to_lwicontexts` against `serde_json::to_string` of a prebuilt `HashMap<String, String>`
//! holding the same ten variables, the way a hand-written context is usually built.
//!
//! `cargo bench --bench encoding` prints criterion's figures, then each encoding's time as a
//! multiple of `serde_json`'s.

mod common;

use std::collections::HashMap;
use std::hint::black_box;

use criterion::Criterion;
use lwicontext::LwiContext;
use lwicontext::context::Encoding;

const GROUP: &str = "lwicontexts";
const BASELINE: &str = "serde_json to_string of a HashMap";
const CANDIDATES: [(&str, Encoding); 3] = [
    ("derive string encoding", Encoding::String),
    ("derive native encoding", Encoding::Native),
    ("derive nested encoding", Encoding::Nested),
];

fn main() {
    let directory = common::output_directory();
    let mut criterion = Criterion::default()
        .output_directory(&directory)
        .configure_from_args();

    let ctx = common::context();
    // The same variables, already strings, in the map a hand-written context would use.
    let map: HashMap<String, String> =
        serde_json::from_str(&ctx.to_lwicontexts().unwrap()).unwrap();
    assert_eq!(map.len(), 10);

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

    let names = CANDIDATES.map(|(name, _)| name);
    common::report(&directory, GROUP, BASELINE, &names);
}

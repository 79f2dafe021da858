//! Minting a token with a ten-variable context against the bare RSA-2048 signature it contains
//! (aws-lc-rs, key parsed once), and against `jsonwebtoken::encode`, which parses the key on
//! every call. Then one thread against two, minting the same number of tokens.
//!
//! `cargo bench --bench signing` prints criterion's figures, then the ratios.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use aws_lc_rs::signature::RSA_PKCS1_SHA256;
use criterion::Criterion;
use lwicontext::keys::Signer;
use lwicontext::token::TokenBuilder;

const GROUP: &str = "rs256";
const BARE: &str = "bare aws-lc-rs signature";
const MINT: &str = "TokenBuilder sign with ten variables";
const JSONWEBTOKEN: &str = "jsonwebtoken encode";
const ONE_THREAD: &str = "one thread 64 tokens";
const TWO_THREADS: &str = "two threads 64 tokens";
const ONE_THREAD_BARE: &str = "one thread 64 bare signatures";
const TWO_THREADS_BARE: &str = "two threads 64 bare signatures";

const KEY: &[u8] = include_bytes!("../tests/keys/rsa2048.pkcs8.pem");

fn mint(signer: &Signer, ctx: &common::ChatContext) -> String {
    TokenBuilder::new("contosohelp.com", "87b4d06c-abc2-e811-a9b0-000d3a10e09e")
        .context(ctx)
        .sign(signer)
        .unwrap()
}

/// The time for `threads` threads to run `work` `total` times between them.
fn on_threads(threads: usize, total: usize, work: &(dyn Fn() + Sync)) -> Duration {
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| (0..total / threads).for_each(|_| work()));
        }
    });
    start.elapsed()
}

fn main() {
    let directory = common::output_directory();
    let mut criterion = Criterion::default()
        .output_directory(&directory)
        .configure_from_args();

    let signer = Signer::from_pem(KEY).unwrap();
    let ctx = common::context();
    let token = mint(&signer, &ctx);
    // The bare signature signs an input of the same length as the token's.
    let signing_input = token.rsplit_once('.').unwrap().0.as_bytes().to_vec();
    let der = pem::parse(KEY).unwrap().into_contents();
    let key_pair = aws_lc_rs::rsa::KeyPair::from_pkcs8(&der).unwrap();
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let claims: serde_json::Value = {
        let payload = token.split('.').nth(1).unwrap();
        let bytes =
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload)
                .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    };
    let encoding_key = jsonwebtoken::EncodingKey::from_rsa_pem(KEY).unwrap();
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);

    let sign_one = || {
        let mut signature = [0; 256];
        key_pair
            .sign(
                &RSA_PKCS1_SHA256,
                &rng,
                black_box(&signing_input),
                &mut signature,
            )
            .unwrap();
    };
    let mint_one = || {
        black_box(mint(&signer, &ctx));
    };

    let mut group = criterion.benchmark_group(GROUP);
    group.sample_size(50);
    group.bench_function(BARE, |b| b.iter(&sign_one));
    group.bench_function(MINT, |b| b.iter(|| mint(&signer, black_box(&ctx))));
    group.bench_function(JSONWEBTOKEN, |b| {
        b.iter(|| jsonwebtoken::encode(&header, black_box(&claims), &encoding_key).unwrap());
    });
    // Two threads share one Signer; bare signatures on two threads show what the machine allows.
    group.sample_size(10);
    for (name, threads, work) in [
        (ONE_THREAD, 1, &mint_one as &(dyn Fn() + Sync)),
        (TWO_THREADS, 2, &mint_one),
        (ONE_THREAD_BARE, 1, &sign_one),
        (TWO_THREADS_BARE, 2, &sign_one),
    ] {
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                (0..iterations).map(|_| on_threads(threads, 64, work)).sum()
            });
        });
    }
    group.finish();
    criterion.final_summary();

    common::report(&directory, GROUP, BARE, &[MINT, JSONWEBTOKEN]);
    common::report(&directory, GROUP, ONE_THREAD, &[TWO_THREADS]);
    common::report(&directory, GROUP, ONE_THREAD_BARE, &[TWO_THREADS_BARE]);
}

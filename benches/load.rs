//! Load on the ready-made `/token` endpoint: 10,000 requests, 50 at a time, over HTTP/1.1 on
//! 127.0.0.1 only, against the bare RSA signatures per second the same cores give, in the same
//! run. Every token is then verified with `jsonwebtoken`.
//!
//! ```sh
//! cargo bench --bench load --features axum
//! ```
//!
//! Under `cargo test` it makes 200 requests, as a check that it works.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::request::Parts;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use lwicontext::axum::{ChatEndpoints, ChatUser, SigningKeys};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;

use common::{ChatContext, signer};

const CONCURRENCY: usize = 50;

async fn customer(parts: Parts) -> Result<Option<ChatUser<ChatContext>>, std::io::Error> {
    let sub = parts
        .headers
        .get("x-user")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("anonymous")
        .to_owned();
    Ok(Some(ChatUser {
        sub,
        context: ChatContext {
            cart_value: 10_000,
            is_vip: true,
            tier: Some("gold".into()),
            risk_score: Some(0.25),
            page: Some("https://contoso.example/cart".into()),
        },
    }))
}

/// One keep-alive connection making `count` requests: each answer's status, token and latency.
async fn client(
    address: std::net::SocketAddr,
    worker: usize,
    count: usize,
) -> std::io::Result<Vec<(u16, String, Duration)>> {
    let stream = TcpStream::connect(address).await?;
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut answers = Vec::with_capacity(count);
    for i in 0..count {
        let request = format!(
            "GET /chat/token HTTP/1.1\r\nhost: 127.0.0.1\r\nx-user: user-{worker}-{i}\r\n\r\n"
        );
        let start = Instant::now();
        write.write_all(request.as_bytes()).await?;
        let mut line = String::new();
        read.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or(0);
        let mut length = 0;
        loop {
            line.clear();
            read.read_line(&mut line).await?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        read.read_exact(&mut body).await?;
        answers.push((
            status,
            String::from_utf8_lossy(&body).into_owned(),
            start.elapsed(),
        ));
    }
    Ok(answers)
}

/// Bare RS256 signatures per second, one thread per core, for `time`.
fn signing_limit(threads: usize, time: Duration) -> f64 {
    use aws_lc_rs::rsa::KeyPair;
    use aws_lc_rs::signature::RSA_PKCS1_SHA256;

    let pem = pem::parse(common::key("rsa2048.pkcs8.pem")).unwrap();
    let key_pair = Arc::new(KeyPair::from_pkcs8(pem.contents()).unwrap());
    let start = Instant::now();
    let total: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let key_pair = Arc::clone(&key_pair);
                scope.spawn(move || {
                    let rng = aws_lc_rs::rand::SystemRandom::new();
                    let mut signature = vec![0; key_pair.public_modulus_len()];
                    let mut count = 0;
                    while start.elapsed() < time {
                        key_pair
                            .sign(&RSA_PKCS1_SHA256, &rng, b"header.payload", &mut signature)
                            .unwrap();
                        count += 1;
                    }
                    count
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    #[allow(clippy::cast_precision_loss)]
    let per_second = total as f64 / start.elapsed().as_secs_f64();
    per_second
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let at = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[at]
}

fn main() {
    let benchmark = std::env::args().any(|arg| arg == "--bench");
    let requests = if benchmark { 10_000 } else { 200 };
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);

    // The machine's speed drifts: the limit is measured before and after the load, and averaged.
    let limit_time = Duration::from_secs(if benchmark { 2 } else { 1 });
    let limit_before = signing_limit(threads, limit_time);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .unwrap();
    let signer = signer().with_kid("load");
    // What /chat/publickey serves.
    let pem = SigningKeys::one(signer.clone()).public_key_pem().to_owned();
    let (answers, wall) = runtime.block_on(async move {
        let router = Router::new().nest(
            "/chat",
            ChatEndpoints::new("contosohelp.com", SigningKeys::one(signer), customer).router(),
        );
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, router).await });
        let start = Instant::now();
        let workers: Vec<_> = (0..CONCURRENCY)
            .map(|worker| {
                let count = requests / CONCURRENCY + usize::from(worker < requests % CONCURRENCY);
                tokio::spawn(client(address, worker, count))
            })
            .collect();
        let mut answers = Vec::with_capacity(requests);
        for worker in workers {
            answers.extend(worker.await.unwrap().unwrap());
        }
        let wall = start.elapsed();
        server.abort();
        (answers, wall)
    });

    assert_eq!(answers.len(), requests);
    let errors = answers.iter().filter(|(status, ..)| *status != 200).count();
    let key = DecodingKey::from_rsa_pem(pem.as_bytes()).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&["contosohelp.com"]);
    let unverified = answers
        .iter()
        .filter(|(_, token, _)| {
            jsonwebtoken::decode::<serde_json::Value>(token, &key, &validation).is_err()
        })
        .count();
    let mut latencies: Vec<Duration> = answers.iter().map(|(.., latency)| *latency).collect();
    latencies.sort();
    #[allow(clippy::cast_precision_loss)]
    let throughput = requests as f64 / wall.as_secs_f64();
    let limit_after = signing_limit(threads, limit_time);
    let limit = f64::midpoint(limit_before, limit_after);

    println!(
        "load: {requests} GET /token, {CONCURRENCY} at a time, {threads} cores, 127.0.0.1, HTTP/1.1 keep-alive"
    );
    println!("  errors:      {errors}");
    println!("  unverified:  {unverified} (jsonwebtoken, against the PEM /chat/publickey serves)");
    println!(
        "  latency:     p50 {:.2} ms, p99 {:.2} ms",
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3
    );
    println!(
        "  throughput:  {throughput:.0} tokens/s in {:.2} s",
        wall.as_secs_f64()
    );
    println!(
        "  signing limit (bare RS256 signatures on {threads} threads, before and after): {limit_before:.0}/s and {limit_after:.0}/s; throughput is {:.2}× of their mean",
        throughput / limit
    );
    assert_eq!(errors, 0, "every request answers 200");
    assert_eq!(unverified, 0, "every token verifies");
}

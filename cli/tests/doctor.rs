//! `lwicontext inspect --public-key-url` and `lwicontext doctor` against servers on loopback:
//! the demo's own router, and small servers that answer as a site's set-up goes wrong.

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lwicontext::keys::{KeySet, Signer};
use lwicontext::token::TokenBuilder;
use serde_json::Value;

mod common;

use common::{lwicontext, stderr, stdout};

// The demo itself, as `cargo run --example chat_server` runs it: its router is started below.
#[allow(dead_code)]
#[path = "../../examples/chat_server.rs"]
mod chat_server;

fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

/// What a test server does with one request.
enum Reply {
    /// Sends these bytes and closes.
    Send(Vec<u8>),
    /// Holds the connection open and never answers.
    Hang,
}

fn http(status: &str, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
    let body = body.into();
    let mut head = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend(body);
    Reply::Send(bytes)
}

/// The request head up to its blank line.
fn read_head(stream: &mut impl std::io::Read) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// The heads of the requests a server got.
type Heads = Arc<Mutex<Vec<String>>>;

/// An HTTP server on a free port of 127.0.0.1 that answers each request by `reply(path)`, one
/// thread a connection; its base URL and the requests' heads.
fn serve(reply: impl Fn(&str) -> Reply + Send + Sync + 'static) -> (String, Heads) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let heads = Heads::default();
    let seen = Arc::clone(&heads);
    let reply = Arc::new(reply);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (reply, seen) = (Arc::clone(&reply), Arc::clone(&seen));
            thread::spawn(move || answer(stream, &*reply, &seen));
        }
    });
    (base, heads)
}

fn answer(
    mut stream: impl std::io::Read + std::io::Write,
    reply: &dyn Fn(&str) -> Reply,
    seen: &Heads,
) {
    let head = read_head(&mut stream);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    seen.lock().unwrap().push(head);
    match reply(&path) {
        // The client may stop reading (a body over its limit): a broken pipe is expected.
        Reply::Send(bytes) => {
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
        }
        Reply::Hang => thread::sleep(Duration::from_mins(1)),
    }
}

/// A site: a key pair, its token, and the current Unix time.
struct Site {
    signer: Signer,
    token: String,
    now: u64,
}

fn site(kid: Option<&str>) -> Site {
    let mut signer = Signer::generate(2048).unwrap();
    if let Some(kid) = kid {
        signer = signer.with_kid(kid);
    }
    let token = TokenBuilder::new("shop.example", "87b4d06c-abc2-e811-a9b0-000d3a10e09e")
        .lifetime(Duration::from_mins(15))
        .sign(&signer)
        .unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    Site { signer, token, now }
}

fn pem(signer: &Signer) -> String {
    signer.public_key_pem().to_owned()
}

/// A key set of `signer` under `kid`, expiring `expiry`.
fn key_set(signer: &Signer, kid: &str, expiry: u64) -> String {
    let mut set = KeySet::new();
    set.add(
        kid,
        signer.public_key().clone(),
        UNIX_EPOCH + Duration::from_secs(expiry),
    )
    .unwrap();
    set.to_omnichannel_json()
}

fn inspect_url(token: &str, url: &str, more: &[&str]) -> Output {
    let mut args = vec!["inspect", token, "--public-key-url", url, "--json"];
    args.extend(more);
    lwicontext(&args)
}

/// The rules of a JSON diagnosis's findings.
fn rules(diagnosis: &Value) -> Vec<String> {
    diagnosis["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["rule"].as_str().unwrap().to_owned())
        .collect()
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output)).unwrap_or_else(|error| {
        panic!("{error}: {}{}", stdout(output), stderr(output));
    })
}

/// Nothing the CLI printed holds the whole token.
fn never_shows(output: &Output, secret: &str) {
    for text in [stdout(output), stderr(output)] {
        assert!(!text.contains(secret), "printed a secret: {text}");
    }
}

#[test]
fn the_demo_passes_doctor_and_inspect() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = chat_server::demo_app(Signer::generate(2048).unwrap()).unwrap();
    runtime.spawn(async move { axum::serve(listener, app).await });

    for key_url in ["/chat/publickey", "/chat/publickeys"] {
        let output = lwicontext(&[
            "doctor",
            "--token-url",
            &format!("{base}/chat/token"),
            "--public-key-url",
            &format!("{base}{key_url}"),
            "--json",
        ]);
        assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
        let report = json(&output);
        let outcomes: Vec<&str> = report["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|step| step["outcome"].as_str().unwrap())
            .collect();
        // Loopback is http: the one warning, on the Public key URL.
        assert_eq!(
            outcomes,
            ["pass", "pass", "warning", "pass"],
            "{key_url}: {report:#}"
        );
        assert_eq!(
            report["steps"][2]["findings"][0]["rule"],
            "key_url_not_https"
        );
        assert_eq!(report["exitCode"], 0);
    }

    // The server runs on the runtime's threads; this one fetches as a person would.
    let token = fetch_text(&format!("{base}/chat/token"));
    let output = inspect_url(&token, &format!("{base}/chat/publickeys"), &[]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(json(&output)["accepted"], true);
    // The demo's token with another key: Omnichannel's server refuses it.
    let wrong = fetch_text(&format!("{base}/demo/token/wrong_key"));
    let output = inspect_url(&wrong, &format!("{base}/chat/publickey"), &[]);
    assert_eq!(code(&output), 4, "{}", stdout(&output));
    assert!(rules(&json(&output)).contains(&"bad_signature".to_owned()));
}

/// A GET's body, read with std alone.
fn fetch_text(url: &str) -> String {
    let address = url.trim_start_matches("http://");
    let (host, path) = address.split_once('/').unwrap();
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (_, body) = answer.split_once("\r\n\r\n").unwrap();
    body.trim().to_owned()
}

#[test]
fn a_wrong_key_is_code_4_and_says_the_signature_does_not_verify() {
    let site = site(None);
    let stranger = Signer::generate(2048).unwrap();
    let body = pem(&stranger);
    let (base, _) = serve(move |_| {
        http(
            "200 OK",
            &[("content-type", "application/x-pem-file")],
            body.clone(),
        )
    });
    let output = inspect_url(&site.token, &format!("{base}/key"), &[]);
    assert_eq!(code(&output), 4);
    let diagnosis = json(&output);
    assert_eq!(diagnosis["findings"][0]["rule"], "bad_signature");
    let message = diagnosis["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("does not verify against the 2048-bit public key"),
        "{message}"
    );
    never_shows(&output, &site.token);
    // With the site's own key it is accepted, and only the http warning remains.
    let body = pem(&site.signer);
    let (base, _) = serve(move |_| http("200 OK", &[], body.clone()));
    let output = inspect_url(&site.token, &format!("{base}/key"), &[]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(rules(&json(&output)), ["key_url_not_https"]);
}

#[test]
fn an_html_404_is_named_with_its_title() {
    let site = site(None);
    let (base, _) = serve(|_| {
        http(
            "404 Not Found",
            &[("content-type", "text/html; charset=utf-8")],
            "<!DOCTYPE html><html><head><title>\n  Page not found · Shop\n</title></head><body>Nope</body></html>",
        )
    });
    let output = inspect_url(&site.token, &format!("{base}/.well-known/chat-key"), &[]);
    assert_eq!(code(&output), 4);
    let diagnosis = json(&output);
    assert_eq!(rules(&diagnosis), ["key_url_status", "key_url_not_https"]);
    let message = diagnosis["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.ends_with(
            "answers 404 Not Found, an HTML page titled \"Page not found · Shop\", not the key"
        ),
        "{message}"
    );
    // The people's form says it too, and that the server refuses.
    let output = lwicontext(&[
        "inspect",
        &site.token,
        "--public-key-url",
        &format!("{base}/k"),
    ]);
    assert!(
        stdout(&output).contains("Omnichannel's server refuses: http://"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_redirect_to_a_sign_in_page_is_followed_and_reported() {
    let site = site(None);
    let (base, _) = serve(|path| match path {
        "/key" => http("302 Found", &[("location", "/login?next=%2Fkey")], ""),
        _ => http(
            "200 OK",
            &[("content-type", "text/html")],
            "<html><title>Sign in</title></html>",
        ),
    });
    let output = inspect_url(&site.token, &format!("{base}/key"), &[]);
    assert_eq!(code(&output), 4);
    let diagnosis = json(&output);
    assert_eq!(
        rules(&diagnosis),
        ["key_url_not_key", "key_url_not_https", "key_url_redirect"]
    );
    let messages: Vec<&str> = diagnosis["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["message"].as_str().unwrap())
        .collect();
    assert!(
        messages[0].contains("an HTML page titled \"Sign in\""),
        "{}",
        messages[0]
    );
    assert_eq!(
        messages[2],
        format!(
            "{base}/key redirects (302) to {base}/login?next=%2Fkey: whether Omnichannel's server follows a redirect is not documented; configure the final URL"
        )
    );
    // A redirect loop ends at the limit, as a URL that cannot be fetched.
    let (base, _) = serve(|_| http("301 Moved Permanently", &[("location", "/again")], ""));
    let output = inspect_url(&site.token, &format!("{base}/key"), &[]);
    assert_eq!(code(&output), 69);
    assert!(
        stderr(&output).contains("more than 5 redirects"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_key_set_without_the_tokens_kid_or_with_an_expired_entry_is_code_4() {
    let site = site(Some("2026-12"));
    let other = key_set(&site.signer, "2026-09", site.now + 86_400 * 90);
    let (base, _) = serve(move |_| {
        http(
            "200 OK",
            &[("content-type", "application/json")],
            other.clone(),
        )
    });
    let output = inspect_url(&site.token, &format!("{base}/keys"), &[]);
    assert_eq!(code(&output), 4);
    let diagnosis = json(&output);
    assert_eq!(diagnosis["findings"][0]["rule"], "unknown_kid");
    assert_eq!(
        diagnosis["findings"][0]["message"],
        "no key has kid `2026-12`; the key set has 2026-09"
    );

    let expired = key_set(&site.signer, "2026-12", site.now - 3600);
    let (base, _) = serve(move |_| http("200 OK", &[], expired.clone()));
    let output = inspect_url(&site.token, &format!("{base}/keys"), &[]);
    assert_eq!(code(&output), 4);
    let diagnosis = json(&output);
    assert_eq!(diagnosis["findings"][0]["rule"], "key_expired");
    assert!(
        diagnosis["findings"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("the key `2026-12` expired 60 min ago"),
        "{diagnosis:#}"
    );
}

#[test]
fn a_body_of_ten_megabytes_is_read_no_further_than_the_limit() {
    let site = site(None);
    let (base, _) = serve(|_| http("200 OK", &[], vec![b'A'; 10 * 1024 * 1024]));
    let started = Instant::now();
    let output = inspect_url(&site.token, &format!("{base}/key"), &[]);
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    let diagnosis = json(&output);
    assert_eq!(diagnosis["findings"][0]["rule"], "key_url_too_large");
    assert_eq!(
        diagnosis["findings"][0]["message"],
        "the body goes on past 65536 bytes (read no further): a key body is a few KB"
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_server_that_never_answers_times_out_and_a_closed_port_is_69() {
    let site = site(None);
    let (base, _) = serve(|_| Reply::Hang);
    let started = Instant::now();
    let output = inspect_url(&site.token, &format!("{base}/key"), &["--timeout", "1s"]);
    let took = started.elapsed();
    assert_eq!(code(&output), 69);
    assert_eq!(
        stderr(&output),
        format!("lwicontext: {base}/key: no answer within the time-out (--timeout)\n")
    );
    assert!(stdout(&output).is_empty());
    assert!(took < Duration::from_secs(8), "took {took:?}");

    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/key", listener.local_addr().unwrap())
    };
    let output = inspect_url(&site.token, &closed, &[]);
    assert_eq!(code(&output), 69);
    let line = stderr(&output);
    assert!(
        line.starts_with(&format!("lwicontext: {closed}: ")),
        "{line}"
    );
    assert!(line.contains("refused"), "{line}");
    assert_eq!(line.lines().count(), 1);
    // doctor reports the step and exits 69 too.
    let output = lwicontext(&[
        "doctor",
        "--token-url",
        &closed,
        "--public-key-url",
        &closed,
        "--json",
    ]);
    assert_eq!(code(&output), 69);
    let report = json(&output);
    assert_eq!(report["steps"][0]["outcome"], "failure");
    assert_eq!(report["steps"][0]["unreachable"]["kind"], "connect");
    assert_eq!(report["steps"][1]["outcome"], "skipped");
}

/// A site whose token endpoint answers `token` and whose key URL serves its key.
fn token_site(site: &Site, token: Reply) -> String {
    let key = pem(&site.signer);
    let token = Mutex::new(Some(token));
    let (base, _) = serve(move |path| match path {
        "/token" => token.lock().unwrap().take().unwrap_or(Reply::Hang),
        _ => http("200 OK", &[], key.clone()),
    });
    base
}

fn doctor(base: &str, more: &[&str]) -> Output {
    let mut args = vec![
        "doctor".to_owned(),
        "--token-url".to_owned(),
        format!("{base}/token"),
        "--public-key-url".to_owned(),
        format!("{base}/key"),
    ];
    args.extend(more.iter().map(|arg| (*arg).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    lwicontext(&args)
}

#[test]
fn a_cacheable_token_is_a_warning() {
    let site = site(None);
    let token = http(
        "200 OK",
        &[("cache-control", "public, max-age=3600")],
        site.token.clone(),
    );
    let base = token_site(&site, token);
    let output = doctor(&base, &["--json"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let report = json(&output);
    let endpoint = &report["steps"][0];
    assert_eq!(endpoint["outcome"], "warning");
    assert_eq!(endpoint["findings"][0]["rule"], "token_cacheable");
    assert!(
        endpoint["findings"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Cache-Control: public, max-age=3600: a browser or a shared cache may keep the token"),
        "{endpoint:#}"
    );
    never_shows(&output, &site.token);
    // The people's form: the steps in order, the token by its last three characters.
    let base = token_site(
        &site,
        http(
            "200 OK",
            &[("cache-control", "no-store")],
            site.token.clone(),
        ),
    );
    let output = doctor(&base, &[]);
    let text = stdout(&output);
    assert!(
        text.starts_with("doctor: the chat would work, with the warnings below\n"),
        "{text}"
    );
    let tail = &site.token[site.token.len() - 3..];
    assert!(text.contains(&format!("token …{tail}")), "{text}");
    for (number, title) in ["token endpoint", "token", "public key URL", "keys"]
        .iter()
        .enumerate()
    {
        assert!(text.contains(&format!("{}. {title}", number + 1)), "{text}");
    }
    never_shows(&output, &site.token);
}

#[test]
fn an_empty_token_body_is_code_3_and_a_sign_in_page_code_4() {
    let site = site(None);
    let base = token_site(&site, http("200 OK", &[("cache-control", "no-store")], ""));
    let output = doctor(&base, &["--json"]);
    assert_eq!(code(&output), 3, "{}", stdout(&output));
    let report = json(&output);
    assert_eq!(report["errorCode"], 3);
    assert_eq!(report["steps"][0]["findings"][0]["rule"], "empty");
    assert_eq!(report["steps"][1]["outcome"], "skipped");
    // The Public key URL is still checked.
    assert_eq!(report["steps"][2]["outcome"], "warning");

    let page = http(
        "200 OK",
        &[("content-type", "text/html")],
        "<html><head><title>Log in</title>",
    );
    let base = token_site(&site, page);
    let output = doctor(&base, &["--json"]);
    assert_eq!(code(&output), 4);
    assert!(
        json(&output)["steps"][0]["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("an HTML page titled \"Log in\", not a token"),
    );
}

#[test]
fn a_header_reaches_the_token_endpoint_and_is_never_shown() {
    let site = site(None);
    let key = pem(&site.signer);
    let token = site.token.clone();
    let (base, heads) = serve(move |path| match path {
        "/token" => http("401 Unauthorized", &[], ""),
        "/token-signed-in" => http("200 OK", &[("cache-control", "no-store")], token.clone()),
        _ => http("200 OK", &[], key.clone()),
    });
    let secret = "session=c2VjcmV0LXZhbHVl";
    let output = doctor(&base, &["--header", &format!("Cookie: {secret}"), "--json"]);
    assert_eq!(code(&output), 3, "401: no one is signed in");
    never_shows(&output, secret);
    let output = lwicontext(&[
        "doctor",
        "--token-url",
        &format!("{base}/token-signed-in"),
        "--public-key-url",
        &format!("{base}/key"),
        "--header",
        &format!("Cookie: {secret}"),
    ]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    never_shows(&output, secret);
    never_shows(&output, &site.token);
    let heads = heads.lock().unwrap();
    let token_requests: Vec<&String> = heads
        .iter()
        .filter(|head| head.contains("/token"))
        .collect();
    assert!(
        token_requests
            .iter()
            .all(|head| head.contains(&format!("cookie: {secret}"))
                || head.contains(&format!("Cookie: {secret}")))
    );
    assert!(
        heads
            .iter()
            .filter(|head| head.starts_with("GET /key"))
            .all(|head| !head.contains(secret))
    );
    // A header given wrong is named, its value not shown.
    let output = lwicontext(&[
        "doctor",
        "--token-url",
        "http://x",
        "--public-key-url",
        "http://x",
        "--header",
        secret,
    ]);
    assert_eq!(code(&output), 64);
    never_shows(&output, "c2VjcmV0LXZhbHVl");
}

/// An https server with a certificate for `localhost` from a CA made here; the CA's PEM.
fn serve_https(body: String) -> (String, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca, ca_key);
    let server_key = KeyPair::generate().unwrap();
    let server_cert = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&server_key, &issuer)
        .unwrap();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![server_cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(server_key.serialize_der().into()),
        )
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "https://localhost:{}/key",
        listener.local_addr().unwrap().port()
    );
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (config, body) = (Arc::clone(&config), body.clone());
            thread::spawn(move || {
                let Ok(connection) = rustls::ServerConnection::new(config) else {
                    return;
                };
                let stream = rustls::StreamOwned::new(connection, stream);
                answer(
                    stream,
                    &|_| http("200 OK", &[], body.clone()),
                    &Heads::default(),
                );
            });
        }
    });
    (url, ca_cert.pem())
}

#[test]
fn https_with_a_trusted_ca_passes_and_an_untrusted_certificate_is_69() {
    let site = site(None);
    let (url, ca) = serve_https(pem(&site.signer));
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("doctor-https");
    std::fs::create_dir_all(&dir).unwrap();
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, ca).unwrap();
    let output = inspect_url(&site.token, &url, &["--ca-file", ca_file.to_str().unwrap()]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    // https: no finding at all.
    assert_eq!(rules(&json(&output)), Vec::<String>::new());

    let output = inspect_url(&site.token, &url, &[]);
    assert_eq!(code(&output), 69, "{}", stdout(&output));
    let line = stderr(&output);
    assert!(
        line.starts_with(&format!("lwicontext: {url}: TLS: ")),
        "{line}"
    );
    assert!(line.contains("UnknownIssuer"), "{line}");
    assert!(line.contains("Omnichannel's server refuses too"), "{line}");
    // A --ca-file that holds no certificate is named.
    let output = inspect_url(
        &site.token,
        &url,
        &[
            "--ca-file",
            concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"),
        ],
    );
    assert_eq!(code(&output), 65);
    assert!(
        stderr(&output).contains("Cargo.toml: no PEM certificate"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_token_is_judged_against_the_work_stream_export() {
    let mut site = site(None);
    site.token = TokenBuilder::new("shop.example", "87b4d06c-abc2-e811-a9b0-000d3a10e09e")
        .lwicontexts(r#"{"msdyn_cartvalue":"10000","msdyn_cartvalu":"1"}"#)
        .sign(&site.signer)
        .unwrap();
    let token = http(
        "200 OK",
        &[("cache-control", "no-store")],
        site.token.clone(),
    );
    let base = token_site(&site, token);
    let workstream = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/workstream/contextvariables.json"
    );
    let output = doctor(&base, &["--workstream", workstream, "--json"]);
    assert_eq!(code(&output), 4, "{}", stdout(&output));
    let report = json(&output);
    assert_eq!(report["steps"][0]["outcome"], "pass");
    assert_eq!(report["steps"][1]["outcome"], "failure");
    assert_eq!(report["steps"][1]["errorCode"], 4);
    assert_eq!(
        report["steps"][1]["findings"][0]["rule"],
        "unknown_variable"
    );
    // The signature and the keys are still checked, and pass.
    assert_eq!(report["steps"][3]["outcome"], "pass");
}

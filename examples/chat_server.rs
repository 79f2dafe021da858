//! The whole flow in a browser, with nothing else to install:
//!
//! ```sh
//! cargo run --example chat_server    # then open http://127.0.0.1:8080
//! ```
//!
//! The server mounts lwicontext's ready-made endpoints at `/chat` (the token, the Public key
//! URL's bodies, the page's generated glue) and serves a page that hands the token to a
//! STAND-IN of Microsoft's hosted live chat widget script (`chat_server/standin.js`: the real
//! one is closed source and cannot run offline). The stand-in posts the token it was handed to
//! `/demo/omnichannel`, where this server checks it as Omnichannel would: the signature against
//! the public key `/chat/publickey` serves, the claims, the context against the schema. Buttons
//! make the token endpoint fail, return nothing, or return an expired or wrongly signed token,
//! so that each error code can be seen with its explanation.
//!
//! At `/?glue=wasm` the page hands the token over with the Rust front end of
//! `examples/wasm_frontend`, built to WebAssembly by `scripts/build-wasm`, instead of the
//! generated JavaScript.
//!
//! `PORT` sets the port (8080); `LWICONTEXT_PRIVATE_KEY` names a PEM file to sign with instead
//! of a throwaway key made at start-up; `LWICONTEXT_WASM_DIR` the folder of the wasm build
//! (`target/wasm-frontend`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::Path;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use lwicontext::LwiContext;
use lwicontext::axum::{ChatEndpoints, ChatUser, SigningKeys};
use lwicontext::diagnose::{DiagnoseOptions, diagnose};
use lwicontext::keys::{PublicKey, Signer};
use lwicontext::token::{FixedClock, TokenBuilder};

/// The demo work stream's context variables.
#[derive(LwiContext, Clone)]
struct ChatContext {
    /// Cart value in cents.
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u32,
    /// Whether the customer is a VIP.
    #[lwi(rename = "msdyn_isvip")]
    is_vip: bool,
    /// The loyalty tier, when the customer has one.
    #[lwi(rename = "msdyn_tier")]
    tier: Option<String>,
    /// An internal risk score: agents do not see it.
    #[lwi(rename = "contoso_riskscore", displayable = false)]
    risk_score: f64,
}

/// The token's issuer and the demo customer's contact id.
const ISSUER: &str = "lwicontext-demo.localhost";
const CONTACT: &str = "87b4d06c-abc2-e811-a9b0-000d3a10e09e";

/// The page and its two scripts, served as they are.
const PAGE: &str = include_str!("chat_server/index.html");
const PAGE_JS: &str = include_str!("chat_server/page.js");
const STANDIN_JS: &str = include_str!("chat_server/standin.js");

/// The signed-in customer of every request: a site reads its session here.
async fn customer(_: Parts) -> Result<Option<ChatUser<ChatContext>>, std::convert::Infallible> {
    Ok(Some(ChatUser {
        sub: CONTACT.to_owned(),
        context: ChatContext {
            cart_value: 10_000,
            is_vip: true,
            tier: Some("gold".to_owned()),
            risk_score: 0.25,
        },
    }))
}

/// The keys of the demo: the site's, and another one for the wrongly signed token; and what
/// Omnichannel checks a token against.
struct Demo {
    signer: Signer,
    stranger: Signer,
    omnichannel: DiagnoseOptions,
}

impl Demo {
    /// `/demo/token/{mode}`: what a token endpoint gone wrong answers.
    fn token(&self, mode: &str) -> Response {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let context = ChatContext {
            cart_value: 10_000,
            is_vip: true,
            tier: Some("gold".to_owned()),
            risk_score: 0.25,
        };
        let minted = match mode {
            "fail" => return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
            "empty" => return (StatusCode::OK, "").into_response(),
            // Issued two hours ago for fifteen minutes.
            "expired" => TokenBuilder::new(ISSUER, CONTACT)
                .context(&context)
                .clock(FixedClock::at_unix_seconds(now.saturating_sub(7200)))
                .sign(&self.signer),
            "wrong_key" => TokenBuilder::new(ISSUER, CONTACT)
                .context(&context)
                .sign(&self.stranger),
            _ => return StatusCode::NOT_FOUND.into_response(),
        };
        match minted {
            Ok(token) => (
                [
                    (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                token,
            )
                .into_response(),
            Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
        }
    }

    /// `POST /demo/omnichannel`: the token checked as Omnichannel's server would check it,
    /// against the key read from the body `/chat/publickey` serves.
    fn omnichannel(&self, token: &str) -> Response {
        (
            [(header::CACHE_CONTROL, "no-store")],
            axum::Json(diagnose(token, &self.omnichannel).to_json()),
        )
            .into_response()
    }
}

/// `/wasm/{file}`: the Rust front end of `examples/wasm_frontend` as `scripts/build-wasm` leaves
/// it (in `LWICONTEXT_WASM_DIR`, `target/wasm-frontend` unless set), for the page at
/// `/?glue=wasm`. Read at each request, so that a rebuild needs no restart.
async fn wasm_file(Path(file): Path<String>) -> Response {
    let content_type = match file.as_str() {
        "wasm_frontend.js" => "text/javascript; charset=utf-8",
        "wasm_frontend_bg.wasm" => "application/wasm",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let path = std::env::var_os("LWICONTEXT_WASM_DIR")
        .map_or_else(|| PathBuf::from("target/wasm-frontend"), PathBuf::from)
        .join(file);
    let read = {
        let path = path.clone();
        tokio::task::spawn_blocking(move || std::fs::read(path)).await
    };
    match read {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(error)) => (
            StatusCode::NOT_FOUND,
            format!(
                "{}: {error}; build it with scripts/build-wasm",
                path.display()
            ),
        )
            .into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

fn page(body: &'static str, content_type: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

fn app(demo: Arc<Demo>) -> Router {
    let keys = SigningKeys::one(demo.signer.clone());
    let chat = ChatEndpoints::new(ISSUER, keys, customer).lifetime(Duration::from_hours(1));
    let for_token = Arc::clone(&demo);
    Router::new()
        .route(
            "/",
            get(|| async { page(PAGE, "text/html; charset=utf-8") }),
        )
        .route(
            "/page.js",
            get(|| async { page(PAGE_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/standin.js",
            get(|| async { page(STANDIN_JS, "text/javascript; charset=utf-8") }),
        )
        .nest("/chat", chat.router())
        .route("/wasm/{file}", get(wasm_file))
        .route(
            "/demo/token/{mode}",
            get(move |Path(mode): Path<String>| async move { for_token.token(&mode) }),
        )
        .route(
            "/demo/omnichannel",
            post(move |token: String| async move { demo.omnichannel(token.trim()) }),
        )
}

/// The demo's whole router, its tokens signed with `signer` (under the kid `demo`).
pub(crate) fn demo_app(signer: Signer) -> Result<Router, Box<dyn std::error::Error>> {
    let signer = signer.with_kid("demo");
    // Omnichannel reads the key from the body the Public key URL serves: read it back from there.
    let public_key_url_body = SigningKeys::one(signer.clone()).public_key_pem().to_owned();
    let omnichannel = DiagnoseOptions::new()
        .public_key(PublicKey::from_pem(public_key_url_body.as_bytes())?)
        .schema_of::<ChatContext>();
    Ok(app(Arc::new(Demo {
        signer,
        stranger: Signer::generate(2048)?.with_kid("demo"),
        omnichannel,
    })))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt().init();
    let (signer, origin) = match std::env::var_os("LWICONTEXT_PRIVATE_KEY") {
        Some(path) => (
            Signer::from_file(&path)?,
            format!("the key in {}", path.to_string_lossy()),
        ),
        None => (
            Signer::generate(2048)?,
            "a throwaway 2048-bit RSA key".to_owned(),
        ),
    };
    let app = demo_app(signer)?;
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port
            .parse()
            .map_err(|_| format!("PORT={port:?} is not a port number"))?,
        Err(_) => 8080,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|error| format!("127.0.0.1:{port}: {error}"))?;
    println!(
        "lwicontext demo: http://{} (tokens signed with {origin}; Ctrl-C stops it)",
        listener.local_addr()?
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

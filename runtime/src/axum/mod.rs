#![doc = include_str!("../docs/axum.md")]

use crate::prelude::*;
mod keys;
mod static_body;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use ::axum::Router;
use ::axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use ::axum::http::request::Parts;
use ::axum::http::{HeaderValue, StatusCode};
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::get;

pub use keys::SigningKeys;
use static_body::StaticBody;

use crate::context::LwiContext;
use crate::glue::{self, GlueOptions};
use crate::token::{DEFAULT_LIFETIME, TokenBuilder};

/// The signed-in user a token is minted for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatUser<C> {
    /// The `sub` claim: the contact's or account's id, which Omnichannel links the chat to.
    pub sub: String,
    /// The chat's context variables.
    pub context: C,
}

/// An error the site's user function returns; logged, never shown to the page.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

type UserFuture<C> = Pin<Box<dyn Future<Output = Result<Option<ChatUser<C>>, BoxError>> + Send>>;
type UserFn<C> = dyn Fn(Parts) -> UserFuture<C> + Send + Sync;

/// The chat's endpoints, built once at start-up; [`router`](Self::router) serves them.
///
/// - `GET /token`: the token for the user the site's function returns, as plain text with
///   `Cache-Control: no-store`; 401 when there is none; 500 when it cannot be minted, with the
///   error logged by `tracing` (never the token).
/// - `GET /publickey`: the current key's PEM; `GET /publickeys`: Omnichannel's multi-key JSON.
/// - `GET /<name>.js` and `GET /<name>.d.ts`: the page's glue for `C` ([`glue::render`]).
///
/// The public keys and the glue carry an `ETag` (and answer 304 to a matching
/// `If-None-Match`) and the `Cache-Control` the site sets, `public, max-age=300` by default.
pub struct ChatEndpoints<C> {
    issuer: String,
    keys: SigningKeys,
    user: Arc<UserFn<C>>,
    lifetime: Duration,
    glue: GlueOptions,
    cache_control: HeaderValue,
}

impl<C> fmt::Debug for ChatEndpoints<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChatEndpoints")
            .field("issuer", &self.issuer)
            .field("keys", &self.keys)
            .field("lifetime", &self.lifetime)
            .field("glue", &self.glue)
            .field("cache_control", &self.cache_control)
            .finish_non_exhaustive()
    }
}

impl<C: LwiContext + Send + 'static> ChatEndpoints<C> {
    /// Endpoints that mint tokens issued by `issuer` (`iss`), signed with `keys`' current key, for
    /// the user `user` finds in each request's parts (its session cookie, say): `Ok(None)` when
    /// no one is signed in.
    pub fn new<F, Fut, E>(issuer: impl Into<String>, keys: SigningKeys, user: F) -> Self
    where
        F: Fn(Parts) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Option<ChatUser<C>>, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        let user = Arc::new(move |parts: Parts| -> UserFuture<C> {
            let found = user(parts);
            Box::pin(async move { found.await.map_err(Into::into) })
        });
        Self {
            issuer: issuer.into(),
            keys,
            user,
            lifetime: DEFAULT_LIFETIME,
            glue: GlueOptions::default(),
            cache_control: HeaderValue::from_static("public, max-age=300"),
        }
    }

    /// How long each token is valid; [`DEFAULT_LIFETIME`] by default. The chat SDK never renews
    /// a token: it must outlive the conversation.
    #[must_use]
    pub fn lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// How the glue's files are named ([`GlueOptions::name`]).
    #[must_use]
    pub fn glue(mut self, options: GlueOptions) -> Self {
        self.glue = options;
        self
    }

    /// The `Cache-Control` of the public keys and the glue.
    #[must_use]
    pub fn cache_control(mut self, value: HeaderValue) -> Self {
        self.cache_control = value;
        self
    }

    /// The router, to mount under a path of the site's choosing with [`Router::nest`]; it holds
    /// no state of the site's, so it nests into a router with any.
    pub fn router<S: Clone + Send + Sync + 'static>(self) -> Router<S> {
        let rendered = glue::render::<C>(&self.glue);
        let cache = self.cache_control;
        let js = StaticBody::new(
            rendered.js(),
            "text/javascript; charset=utf-8",
            cache.clone(),
        );
        let dts = StaticBody::new(
            rendered.dts(),
            "application/typescript; charset=utf-8",
            cache.clone(),
        );
        let pem = StaticBody::new(
            self.keys.public_key_pem(),
            "application/x-pem-file",
            cache.clone(),
        );
        let key_set = StaticBody::new(&self.keys.omnichannel_json(), "application/json", cache);
        let minter = Arc::new(Minter {
            issuer: self.issuer,
            keys: self.keys,
            user: self.user,
            lifetime: self.lifetime,
        });
        Router::new()
            .route(
                "/token",
                get(move |parts: Parts| {
                    let minter = Arc::clone(&minter);
                    async move { minter.token(parts).await }
                }),
            )
            .route("/publickey", pem.get())
            .route(&format!("/{}.js", rendered.name()), js.get())
            .route("/publickeys", key_set.get())
            .route(&format!("/{}.d.ts", rendered.name()), dts.get())
    }
}

/// What `/token` needs.
struct Minter<C> {
    issuer: String,
    keys: SigningKeys,
    user: Arc<UserFn<C>>,
    lifetime: Duration,
}

impl<C: LwiContext> Minter<C> {
    async fn token(&self, parts: Parts) -> Response {
        let no_store = (CACHE_CONTROL, HeaderValue::from_static("no-store"));
        let user = match (self.user)(parts).await {
            Ok(Some(user)) => user,
            Ok(None) => return (StatusCode::UNAUTHORIZED, [no_store]).into_response(),
            Err(error) => {
                tracing::error!(%error, "lwicontext: the signed-in user could not be read");
                return (StatusCode::INTERNAL_SERVER_ERROR, [no_store]).into_response();
            }
        };
        let minted = TokenBuilder::new(self.issuer.as_str(), user.sub)
            .lifetime(self.lifetime)
            .context(&user.context)
            .sign(self.keys.current());
        match minted {
            Ok(token) => (
                StatusCode::OK,
                [
                    (
                        CONTENT_TYPE,
                        HeaderValue::from_static("text/plain; charset=utf-8"),
                    ),
                    no_store,
                ],
                token,
            )
                .into_response(),
            Err(error) => {
                // The error names the variable or the claim at fault; never the token.
                tracing::error!(%error, "lwicontext: no chat token minted");
                (StatusCode::INTERNAL_SERVER_ERROR, [no_store]).into_response()
            }
        }
    }
}

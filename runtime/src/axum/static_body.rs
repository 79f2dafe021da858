//! A body fixed at start-up (a public key, the glue), with its `ETag`.

use crate::prelude::*;
use std::sync::Arc;

use ::axum::body::Bytes;
use ::axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use ::axum::http::request::Parts;
use ::axum::http::{HeaderValue, StatusCode};
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::{MethodRouter, get};
use aws_lc_rs::digest::{SHA256, digest};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A body and the headers it is served with.
#[derive(Clone)]
pub(super) struct StaticBody(Arc<Inner>);

struct Inner {
    /// Shared, not copied, by each answer.
    body: Bytes,
    content_type: HeaderValue,
    etag: HeaderValue,
    cache_control: HeaderValue,
}

impl StaticBody {
    pub(super) fn new(body: &str, content_type: &'static str, cache_control: HeaderValue) -> Self {
        // A strong validator: the first 128 bits of the body's SHA-256.
        let hash = digest(&SHA256, body.as_bytes());
        let etag = format!("\"{}\"", URL_SAFE_NO_PAD.encode(&hash.as_ref()[..16]));
        Self(Arc::new(Inner {
            body: Bytes::copy_from_slice(body.as_bytes()),
            content_type: HeaderValue::from_static(content_type),
            etag: HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
            cache_control,
        }))
    }

    /// `GET` of the body.
    pub(super) fn get<S: Clone + Send + Sync + 'static>(self) -> MethodRouter<S> {
        get(move |parts: Parts| std::future::ready(self.respond(&parts)))
    }

    /// The body, or 304 when the request's `If-None-Match` names its `ETag` (or `*`).
    fn respond(&self, parts: &Parts) -> Response {
        let inner = &self.0;
        let matches = parts
            .headers
            .get_all(IF_NONE_MATCH)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == "*" || tag.as_bytes() == inner.etag.as_bytes());
        let headers = [
            (ETAG, inner.etag.clone()),
            (CACHE_CONTROL, inner.cache_control.clone()),
        ];
        if matches {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
        (
            headers,
            [(CONTENT_TYPE, inner.content_type.clone())],
            inner.body.clone(),
        )
            .into_response()
    }
}

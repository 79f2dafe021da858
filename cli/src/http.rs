//! The CLI's HTTP client for `inspect --public-key-url` and `doctor`: ureq, with rustls on
//! aws-lc-rs and the public web's roots (or the certificates of `--ca-file`), one time-out for
//! the whole request, and no redirect followed (lwicontext's `fetch` follows and reports them).

use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use lwicontext::doctor::{FetchError, FetchErrorKind, HttpClient, Request, Response};
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig, TlsProvider};

use crate::commands::CliError;

/// ureq, set up as Omnichannel's server would fetch a URL.
pub(crate) struct Client {
    agent: ureq::Agent,
}

impl Client {
    /// A client whose requests end after `timeout`, trusting the public web's roots, or only
    /// the certificates in `ca_file`.
    pub(crate) fn new(timeout: Duration, ca_file: Option<&Path>) -> Result<Self, CliError> {
        let roots = match ca_file {
            None => RootCerts::WebPki,
            Some(path) => RootCerts::new_with_certs(&read_certificates(path)?),
        };
        let tls = TlsConfig::builder()
            .provider(TlsProvider::Rustls)
            .unversioned_rustls_crypto_provider(Arc::new(
                rustls::crypto::aws_lc_rs::default_provider(),
            ))
            .root_certs(roots)
            .build();
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(concat!("lwicontext/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build();
        Ok(Self {
            agent: config.into(),
        })
    }
}

/// The certificates of a PEM file.
fn read_certificates(path: &Path) -> Result<Vec<Certificate<'static>>, CliError> {
    let bytes = std::fs::read(path).map_err(|error| CliError::Io {
        path: path.to_owned(),
        error,
    })?;
    let invalid = |reason: String| CliError::Json {
        path: path.to_owned(),
        error: reason,
    };
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&bytes) {
        match item {
            Ok(PemItem::Certificate(certificate)) => certificates.push(certificate),
            Ok(_) => {}
            Err(error) => return Err(invalid(format!("not PEM certificates: {error}"))),
        }
    }
    if certificates.is_empty() {
        return Err(invalid(
            "no PEM certificate in it (-----BEGIN CERTIFICATE-----)".into(),
        ));
    }
    Ok(certificates)
}

impl HttpClient for Client {
    fn get(&self, request: &Request<'_>) -> Result<Response, FetchError> {
        let failed = |error: ureq::Error| failure(request.url, &error);
        let mut call = self.agent.get(request.url);
        for header in request.headers {
            call = call.header(header.name(), header.value());
        }
        let mut answer = call.call().map_err(failed)?;
        let headers = answer
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let status = answer.status().as_u16();
        let mut body = Vec::new();
        let limit = u64::try_from(request.body_limit).unwrap_or(u64::MAX);
        answer
            .body_mut()
            .as_reader()
            .take(limit.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|error| match error.downcast::<ureq::Error>() {
                Ok(error) => failed(error),
                Err(error) => failed(ureq::Error::Io(error)),
            })?;
        let over_limit = body.len() > request.body_limit;
        body.truncate(request.body_limit);
        Ok(Response {
            status,
            headers,
            body,
            over_limit,
        })
    }
}

/// ureq's error as lwicontext's kinds, with its cause in words.
fn failure(url: &str, error: &ureq::Error) -> FetchError {
    use std::io::ErrorKind;
    let kind = match error {
        ureq::Error::Timeout(_) => FetchErrorKind::Timeout,
        ureq::Error::HostNotFound => FetchErrorKind::HostNotFound,
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => FetchErrorKind::BadUrl,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => FetchErrorKind::Tls,
        ureq::Error::ConnectionFailed => FetchErrorKind::Connect,
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => FetchErrorKind::Timeout,
            ErrorKind::ConnectionRefused
            | ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::NotConnected
            | ErrorKind::AddrNotAvailable
            | ErrorKind::HostUnreachable
            | ErrorKind::NetworkUnreachable => FetchErrorKind::Connect,
            // rustls reports a refused certificate as an io error that wraps its own.
            _ if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some()) =>
            {
                FetchErrorKind::Tls
            }
            _ => FetchErrorKind::Other,
        },
        _ => FetchErrorKind::Other,
    };
    let cause = match kind {
        FetchErrorKind::Timeout => "no answer within the time-out (--timeout)".to_owned(),
        FetchErrorKind::Tls => format!(
            "TLS: {error}; a certificate the public web does not trust is one Omnichannel's server refuses too (--ca-file trusts a test CA)"
        ),
        FetchErrorKind::HostNotFound => "the host name does not resolve".to_owned(),
        _ => error.to_string(),
    };
    FetchError::new(url, kind, cause)
}

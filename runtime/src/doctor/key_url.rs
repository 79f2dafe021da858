//! The Public key URL as Omnichannel's server reads it: the URL itself, its answer, and the
//! key or keys in its body.

use crate::prelude::*;
use std::time::Duration;

use super::http::{FetchError, Fetched, HttpClient, fetch};
use crate::diagnose::{self, DiagnoseOptions, Diagnosis, Finding, Severity};
use crate::keys::{KeySet, PublicKey};
use crate::rules::Rule;

/// The most of a Public key URL's body that is read: 64 KiB. A 4096-bit key's PEM text is
/// about 800 bytes, and an entry of the multi-key JSON about 1,100; 64 KiB holds some fifty
/// such entries, far more than a rotation needs. A body over it is not a key body (a page, a
/// file served by mistake), and Omnichannel's own limit is not documented.
pub const KEY_URL_BODY_LIMIT: usize = 64 * 1024;

/// What a Public key URL serves, read as Omnichannel's server reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServedKeys {
    /// The PEM text of one key.
    One(PublicKey),
    /// Several keys with their `kid`: Omnichannel's multi-key JSON (or a JWKS).
    Set(KeySet),
}

/// A Public key URL, fetched and judged.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PublicKeyUrl {
    /// What the URL answered, after redirects.
    pub fetched: Fetched,
    /// The key or keys its body serves, when it serves any.
    pub keys: Option<ServedKeys>,
    /// What is wrong or risky with the URL or its answer: errors first.
    pub findings: Vec<Finding>,
}

impl PublicKeyUrl {
    /// Fetches `url` through `client` and judges the answer ([`PublicKeyUrl::judge`]).
    ///
    /// # Errors
    /// [`FetchError`] when the URL gives no answer at all.
    pub fn fetch(client: &dyn HttpClient, url: &str) -> Result<Self, FetchError> {
        fetch(client, url, &[], KEY_URL_BODY_LIMIT).map(Self::judge)
    }

    /// Judges an answer as Omnichannel's server would read it: the scheme, the redirects, the
    /// status, the body's size and what it is. An async client's answer is judged here too.
    pub fn judge(fetched: Fetched) -> Self {
        let mut findings = Vec::new();
        let mut add = |severity, rule, message: String| {
            findings.push(super::finding(severity, rule, message));
        };
        if !fetched
            .url
            .get(..6)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https:"))
        {
            add(
                Severity::Warning,
                Rule::KeyUrlNotHttps,
                "the Public key URL is not https: Omnichannel's server fetches it over the internet, so serve it over https".into(),
            );
        }
        for hop in &fetched.redirects {
            add(
                Severity::Warning,
                Rule::KeyUrlRedirect,
                format!(
                    "{} redirects ({}) to {}: whether Omnichannel's server follows a redirect is not documented; configure the final URL",
                    hop.from, hop.status, hop.to
                ),
            );
        }
        let response = &fetched.response;
        let body = String::from_utf8_lossy(&response.body);
        let page = html_page(response.header("content-type"), &body);
        let status_ok = (200..300).contains(&response.status);
        if !status_ok {
            add(
                Severity::Error,
                Rule::KeyUrlStatus,
                format!(
                    "{} answers {}{}, not the key",
                    fetched.final_url(),
                    status_text(response.status),
                    page.as_ref()
                        .map(|page| format!(", an HTML page{}", page.titled()))
                        .unwrap_or_default()
                ),
            );
        }
        let keys = if response.over_limit {
            add(
                Severity::Error,
                Rule::KeyUrlTooLarge,
                format!(
                    "the body goes on past {KEY_URL_BODY_LIMIT} bytes (read no further): a key body is a few KB"
                ),
            );
            None
        } else if status_ok {
            match read_keys(&body, page.as_ref()) {
                Ok((keys, warning)) => {
                    if let Some(warning) = warning {
                        add(Severity::Warning, Rule::KeyUrlNotKey, warning.into());
                    }
                    Some(keys)
                }
                Err(why) => {
                    add(Severity::Error, Rule::KeyUrlNotKey, why);
                    None
                }
            }
        } else {
            None
        };
        findings.sort_by_key(|finding| finding.severity);
        Self {
            fetched,
            keys,
            findings,
        }
    }

    /// Whether Omnichannel's server can read a key from it at all.
    pub fn serves_keys(&self) -> bool {
        self.keys.is_some()
    }

    /// [`diagnose`](diagnose::diagnose) with the keys this URL serves, and its findings added:
    /// the verdict Omnichannel's server reaches for `token` with this set-up. Without a key to
    /// read, the token is refused with code 4, and the URL's findings say why.
    pub fn diagnose(&self, token: &str, options: &DiagnoseOptions) -> Diagnosis {
        let options = match &self.keys {
            Some(ServedKeys::One(key)) => options.clone().public_key(key.clone()),
            Some(ServedKeys::Set(set)) => options.clone().key_set(set.clone()),
            None => options.clone(),
        };
        let mut diagnosis = diagnose::diagnose(token, &options);
        let mut findings = self.findings.clone();
        findings.extend(
            diagnosis
                .findings
                .drain(..)
                .filter(|finding| self.keys.is_some() || finding.rule != Rule::SignatureNotChecked),
        );
        let (error, findings) = diagnose::verdict(findings);
        diagnosis.error = error;
        diagnosis.findings = findings;
        diagnosis
    }

    /// The entry that verifies a token of this `kid`: its expiry, in Unix seconds, and whether
    /// the body has it; `None` when the body serves one key (which has no expiry).
    pub(super) fn entry_expiry(&self, kid: Option<&str>) -> Option<(Option<u64>, bool)> {
        match &self.keys {
            Some(ServedKeys::Set(set)) => {
                let entry = kid.and_then(|kid| set.get(kid));
                Some((entry.and_then(|entry| entry.expiry), entry.is_some()))
            }
            _ => None,
        }
    }
}

/// The key or keys in a body, with a warning for a form Omnichannel does not document; or why
/// there are none.
fn read_keys(
    body: &str,
    page: Option<&Page>,
) -> Result<(ServedKeys, Option<&'static str>), String> {
    let text = body.trim_start_matches('\u{feff}').trim();
    if let Some(page) = page {
        return Err(format!(
            "the body is an HTML page{}, not a PEM public key or Omnichannel's multi-key JSON",
            page.titled()
        ));
    }
    if text.is_empty() {
        return Err(
            "the body is empty: it should be the PEM public key, or Omnichannel's multi-key JSON"
                .into(),
        );
    }
    if text.starts_with("-----BEGIN") {
        return match PublicKey::from_pem(text.as_bytes()) {
            Ok(key) => Ok((ServedKeys::One(key), None)),
            Err(crate::keys::KeyError::PrivateKeyGiven) => Err(
                "the body is a PRIVATE key: anyone can sign tokens as your site; take it down and make a new key pair".into(),
            ),
            Err(error) => Err(format!("the body is PEM text but not a usable public key: {error}")),
        };
    }
    if text.starts_with(['[', '{']) {
        let jwks = text.starts_with('{');
        return match KeySet::parse(text) {
            Ok(set) => Ok((
                ServedKeys::Set(set),
                jwks.then_some(
                    "the body is a JWKS: Omnichannel documents the PEM text of one key, or its own JSON array of {kid, publicKey, expiry}",
                ),
            )),
            Err(error) => Err(format!("the body is JSON but not a key set: {error}")),
        };
    }
    let start: String = text
        .chars()
        .take(40)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    Err(format!(
        "the body is neither a PEM public key nor Omnichannel's multi-key JSON: it begins `{start}`"
    ))
}

/// An HTML page where a key or a token should be.
pub(super) struct Page {
    /// Its `<title>`, when it has one.
    title: Option<String>,
}

impl Page {
    /// " titled \"…\"", or nothing.
    pub(super) fn titled(&self) -> String {
        self.title
            .as_ref()
            .map(|title| format!(" titled \"{title}\""))
            .unwrap_or_default()
    }
}

/// The page, when the body is an HTML page (by its type or its first tag).
pub(super) fn html_page(content_type: Option<&str>, body: &str) -> Option<Page> {
    let start = body.trim_start_matches('\u{feff}').trim_start();
    let head: String = start
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    let html = content_type.is_some_and(|kind| kind.to_ascii_lowercase().contains("html"))
        || head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<head")
        || head.starts_with("<body");
    if !html {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|open| {
        let from = open + lower[open..].find('>')? + 1;
        let to = from + lower[from..].find("</title")?;
        let words: Vec<&str> = body.get(from..to)?.split_whitespace().collect();
        let title: String = words
            .join(" ")
            .chars()
            .filter(|c| !c.is_control())
            .take(80)
            .collect();
        (!title.is_empty()).then_some(title)
    });
    Some(Page { title })
}

/// "404 Not Found": the status with its reason phrase, for the common ones.
pub(super) fn status_text(status: u16) -> String {
    let reason = match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return status.to_string(),
    };
    format!("{status} {reason}")
}

/// How long before a key's expiry [`super::doctor`] warns.
pub(super) const KEY_EXPIRY_WARNING: Duration = Duration::from_hours(7 * 24);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::{Redirect, Response};
    use crate::keys::Signer;
    use std::prelude::rust_2024::*;

    fn judged(url: &str, response: Response) -> PublicKeyUrl {
        PublicKeyUrl::judge(Fetched {
            url: url.to_owned(),
            redirects: Vec::new(),
            response,
        })
    }

    fn rules(url: &PublicKeyUrl) -> Vec<(Severity, Rule)> {
        url.findings.iter().map(|f| (f.severity, f.rule)).collect()
    }

    #[test]
    fn each_body_is_read_as_omnichannel_reads_it() {
        let signer = Signer::generate(2048).unwrap();
        let https = "https://shop.example/key";
        let url = judged(https, Response::new(200, signer.public_key_pem()));
        assert_eq!(url.keys, Some(ServedKeys::One(signer.public_key().clone())));
        assert!(url.findings.is_empty());

        // A private key served is an error that says what to do.
        let private = signer.private_key_pem().unwrap();
        let url = judged(https, Response::new(200, private.as_bytes()));
        assert_eq!(rules(&url), [(Severity::Error, Rule::KeyUrlNotKey)]);
        assert!(
            url.findings[0].message.contains("PRIVATE key"),
            "{:?}",
            url.findings
        );
        assert!(!url.findings[0].message.contains("BEGIN"));

        // A JWKS reads, with a warning: Omnichannel documents its own form.
        let mut set = KeySet::new();
        set.add_signer(&signer.clone().with_kid("k1"), std::time::SystemTime::now())
            .unwrap();
        let url = judged(https, Response::new(200, set.to_jwks()));
        assert!(matches!(url.keys, Some(ServedKeys::Set(_))));
        assert_eq!(rules(&url), [(Severity::Warning, Rule::KeyUrlNotKey)]);

        for (body, says) in [
            ("", "the body is empty"),
            ("{\"keys\": 1}", "the body is JSON but not a key set"),
            (
                "ssh-rsa AAAAB3Nza\u{7}C1yc2E",
                "it begins `ssh-rsa AAAAB3Nza C1yc2E`",
            ),
            (
                "<HTML><TITLE>Gateway</TITLE>",
                "an HTML page titled \"Gateway\"",
            ),
            ("<!doctype html><p>hi", "the body is an HTML page, not"),
            (
                "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----",
                "PEM text but not a usable public key",
            ),
        ] {
            let url = judged(https, Response::new(200, body));
            assert_eq!(
                rules(&url),
                [(Severity::Error, Rule::KeyUrlNotKey)],
                "{body}"
            );
            assert!(
                url.findings[0].message.contains(says),
                "{body}: {:?}",
                url.findings
            );
            assert!(url.keys.is_none());
        }
    }

    #[test]
    fn the_url_and_its_answer_are_judged_errors_first() {
        let url = PublicKeyUrl::judge(Fetched {
            url: "HTTP://shop.example/key".to_owned(),
            redirects: vec![Redirect {
                status: 308,
                from: "HTTP://shop.example/key".to_owned(),
                to: "http://shop.example/login".to_owned(),
            }],
            response: Response::new(503, "<h1>down</h1>").with_header("Content-Type", "text/html"),
        });
        assert_eq!(
            rules(&url),
            [
                (Severity::Error, Rule::KeyUrlStatus),
                (Severity::Warning, Rule::KeyUrlNotHttps),
                (Severity::Warning, Rule::KeyUrlRedirect),
            ]
        );
        assert_eq!(
            url.findings[0].message,
            "http://shop.example/login answers 503 Service Unavailable, an HTML page, not the key"
        );
        assert_eq!(url.findings[0].refused_by, Some(crate::rules::Side::Server));
        let over = Response {
            over_limit: true,
            ..Response::new(200, vec![b'-'; KEY_URL_BODY_LIMIT])
        };
        let url = judged("https://shop.example/key", over);
        assert_eq!(rules(&url), [(Severity::Error, Rule::KeyUrlTooLarge)]);
    }

    #[test]
    fn without_a_key_the_token_is_refused_and_the_url_says_why() {
        let signer = Signer::generate(2048).unwrap();
        let token = crate::token::TokenBuilder::new("i", "s")
            .sign(&signer)
            .unwrap();
        let url = judged("https://shop.example/key", Response::new(404, ""));
        let diagnosis = url.diagnose(&token, &DiagnoseOptions::new());
        assert_eq!(
            diagnosis.error,
            Some(crate::diagnose::ErrorCode::InvalidToken)
        );
        let rules: Vec<Rule> = diagnosis.findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, [Rule::KeyUrlStatus]);
        let url = judged(
            "https://shop.example/key",
            Response::new(200, signer.public_key_pem()),
        );
        assert!(url.diagnose(&token, &DiagnoseOptions::new()).is_accepted());
    }
}

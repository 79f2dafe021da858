#![doc = include_str!("../docs/doctor.md")]

use crate::prelude::*;
use alloc::vec;
mod http;
mod key_url;
mod report;

pub use http::{
    FetchError, FetchErrorKind, Fetched, Header, HeaderError, HttpClient, MAX_REDIRECTS, Redirect,
    Request, Response, fetch,
};
pub use key_url::{KEY_URL_BODY_LIMIT, PublicKeyUrl, ServedKeys};

use crate::diagnose::{DiagnoseOptions, Diagnosis, ErrorCode, Finding, Severity};
use crate::rules::Rule;
use crate::token::tail;
use std::fmt::Write as _;

use crate::diagnose::report::printable;
use key_url::{KEY_EXPIRY_WARNING, html_page, status_text};

/// The most of the token endpoint's body that is read: 1 MiB. A token Omnichannel takes holds
/// at most 100 variables of 4,000 characters; escaped, base64url-encoded and signed that is
/// under 700 KB.
pub const TOKEN_BODY_LIMIT: usize = 1024 * 1024;

/// The site's set-up as [`doctor`] walks it: the page's token endpoint, with what the page's
/// requests carry (a session cookie, say), and the chat authentication settings' Public key URL.
#[derive(Clone, Debug)]
pub struct Setup {
    token_url: String,
    public_key_url: String,
    headers: Vec<Header>,
}

impl Setup {
    /// The token endpoint's URL, as the page fetches it, and the Public key URL, as the chat
    /// authentication settings name it.
    pub fn new(token_url: impl Into<String>, public_key_url: impl Into<String>) -> Self {
        Self {
            token_url: token_url.into(),
            public_key_url: public_key_url.into(),
            headers: Vec::new(),
        }
    }

    /// Sends this header with the token endpoint's request (never to the Public key URL, nor
    /// to another host a redirect points to).
    #[must_use]
    pub fn header(mut self, header: Header) -> Self {
        self.headers.push(header);
        self
    }
}

/// One step of [`doctor`]'s walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StepKind {
    /// 1: the token endpoint's answer, as the page's fetch gets it.
    TokenEndpoint,
    /// 2: the token, by `diagnose`'s rules: its form, claims and context.
    Token,
    /// 3: the Public key URL, and the token's signature against what it serves.
    PublicKeyUrl,
    /// 4: the `kid`s, and the key's expiry against the token's.
    Keys,
}

impl StepKind {
    /// Every step, in order.
    pub const ALL: [Self; 4] = [
        Self::TokenEndpoint,
        Self::Token,
        Self::PublicKeyUrl,
        Self::Keys,
    ];

    /// `"token_endpoint"`, `"token"`, `"public_key_url"`, `"keys"`: stable names for JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::TokenEndpoint => "token_endpoint",
            Self::Token => "token",
            Self::PublicKeyUrl => "public_key_url",
            Self::Keys => "keys",
        }
    }

    /// How the report titles it.
    pub const fn title(self) -> &'static str {
        match self {
            Self::TokenEndpoint => "token endpoint",
            Self::Token => "token",
            Self::PublicKeyUrl => "public key URL",
            Self::Keys => "keys",
        }
    }
}

/// How a step went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// Nothing wrong.
    Pass,
    /// Works, with a risk.
    Warning,
    /// The chat fails here.
    Failure,
    /// Not taken: what it needs failed before it.
    Skipped,
}

impl Outcome {
    /// `"pass"`, `"warning"`, `"failure"` or `"skipped"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Warning => "warning",
            Self::Failure => "failure",
            Self::Skipped => "skipped",
        }
    }
}

/// What one step found.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Step {
    /// Which step.
    pub kind: StepKind,
    /// How it went.
    pub outcome: Outcome,
    /// The widget's error code when the step fails and one follows.
    pub code: Option<ErrorCode>,
    /// What the step saw, in one line.
    pub summary: String,
    /// What is wrong or risky, errors first.
    pub findings: Vec<Finding>,
    /// Why the step's URL could not be fetched at all.
    pub unreachable: Option<FetchError>,
}

impl Step {
    fn new(kind: StepKind, summary: impl Into<String>, findings: Vec<Finding>) -> Self {
        let error = findings.iter().any(|f| f.severity == Severity::Error);
        let warning = findings.iter().any(|f| f.severity == Severity::Warning);
        Self {
            kind,
            outcome: match (error, warning) {
                (true, _) => Outcome::Failure,
                (false, true) => Outcome::Warning,
                (false, false) => Outcome::Pass,
            },
            code: error.then_some(ErrorCode::InvalidToken),
            summary: summary.into(),
            findings,
            unreachable: None,
        }
    }

    fn skipped(kind: StepKind, why: &str) -> Self {
        Self {
            outcome: Outcome::Skipped,
            ..Self::new(kind, why, Vec::new())
        }
    }

    fn unreachable(kind: StepKind, error: FetchError) -> Self {
        Self {
            outcome: Outcome::Failure,
            code: None,
            summary: format!("GET {}: no answer ({})", error.url, error.kind.as_str()),
            unreachable: Some(error),
            ..Self::new(kind, "", Vec::new())
        }
    }

    fn with_code(mut self, code: Option<ErrorCode>) -> Self {
        if self.outcome == Outcome::Failure {
            self.code = code;
        }
        self
    }
}

/// [`doctor`]'s report: the four steps, in order.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Report {
    /// The steps, in [`StepKind::ALL`]'s order.
    pub steps: Vec<Step>,
    /// The last three characters of the token the endpoint served, when it served one.
    pub token_tail: Option<String>,
}

/// The exit status for a URL that cannot be fetched at all (`EX_UNAVAILABLE`).
pub const EXIT_UNAVAILABLE: u8 = 69;

impl Report {
    /// The first step that fails.
    pub fn first_failure(&self) -> Option<&Step> {
        self.steps
            .iter()
            .find(|step| step.outcome == Outcome::Failure)
    }

    /// The widget's error code of the first failure, if it has one.
    pub fn error(&self) -> Option<ErrorCode> {
        self.first_failure().and_then(|step| step.code)
    }

    /// The process exit status `lwicontext doctor` gives: [`EXIT_UNAVAILABLE`] when a URL could
    /// not be fetched at all, else the first failure's widget code, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.steps.iter().any(|step| step.unreachable.is_some()) {
            return EXIT_UNAVAILABLE;
        }
        self.error().map_or(0, ErrorCode::code)
    }
}

/// Walks the path the widget and Omnichannel take, through `client`, and reports each step:
///
/// 1. the token endpoint, fetched with the set-up's headers: its status, its `Cache-Control`
///    (a cacheable token is a finding), and a body that is empty (code 3) or a page;
/// 2. the token, by [`diagnose`](crate::diagnose::diagnose)'s rules and `options` (the work
///    stream's variables, the clock);
/// 3. the Public key URL ([`PublicKeyUrl`]), and the token's signature against what it serves;
/// 4. the token's `kid` against the served keys, and the key's expiry against the token's.
///
/// Never panics, and never puts a header's value or more than a token's last three
/// characters in the report.
pub fn doctor(client: &dyn HttpClient, setup: &Setup, options: &DiagnoseOptions) -> Report {
    let (endpoint, token) = token_endpoint(client, setup);
    let tail_of_token = token.as_deref().map(tail);
    let url = PublicKeyUrl::fetch(client, &setup.public_key_url);
    // One diagnosis serves steps 2 to 4: with the served keys when there are any.
    let checked = token.as_deref().map(|token| match &url {
        Ok(url) => url.diagnose(token, options),
        Err(_) => crate::diagnose::diagnose(token, options),
    });
    let token_step = match &checked {
        Some(diagnosis) => token_step(diagnosis),
        None => Step::skipped(StepKind::Token, "no token to judge"),
    };
    let (url_step, compared) = match &url {
        Err(error) => (
            Step::unreachable(StepKind::PublicKeyUrl, error.clone()),
            Step::skipped(StepKind::Keys, "no keys to compare"),
        ),
        Ok(url) => {
            let compared = match (&checked, url.serves_keys()) {
                (Some(checked), true) => keys_step(url, checked, options),
                (None, _) => Step::skipped(StepKind::Keys, "no token to compare"),
                (_, false) => Step::skipped(StepKind::Keys, "no keys to compare"),
            };
            (key_url_step(url, checked.as_ref()), compared)
        }
    };
    Report {
        steps: vec![endpoint, token_step, url_step, compared],
        token_tail: tail_of_token,
    }
}

/// Step 1, and the token when there is one to judge.
fn token_endpoint(client: &dyn HttpClient, setup: &Setup) -> (Step, Option<String>) {
    let fetched = match fetch(client, &setup.token_url, &setup.headers, TOKEN_BODY_LIMIT) {
        Ok(fetched) => fetched,
        Err(error) => {
            return (
                Step::unreachable(StepKind::TokenEndpoint, error)
                    .with_code(Some(ErrorCode::ProviderFailed)),
                None,
            );
        }
    };
    let response = &fetched.response;
    let body = String::from_utf8_lossy(&response.body);
    let (mut findings, code) = token_answer_errors(response, body.trim());
    let warning = |rule, message: String| finding(Severity::Warning, rule, message);
    findings.extend(fetched.redirects.iter().map(|hop| {
        warning(
            Rule::TokenEndpoint,
            format!(
                "{} redirects ({}) to {}: a token endpoint that redirects is often a sign-in redirect",
                hop.from, hop.status, hop.to
            ),
        )
    }));
    let cache_control = response.header("cache-control");
    if code.is_none() && !no_store(cache_control) {
        let kept = "a browser or a shared cache may keep the token and hand it out again, to another visitor or after it expires; send Cache-Control: no-store";
        findings.push(warning(
            Rule::TokenCacheable,
            match cache_control {
                Some(value) => format!("Cache-Control: {}: {kept}", printable(value)),
                None => format!("no Cache-Control: {kept}"),
            },
        ));
    }
    findings.sort_by_key(|finding| finding.severity);
    let mut summary = answered(&fetched);
    if !fetched.redirects.is_empty() {
        let _ = write!(summary, ", after {} redirects", fetched.redirects.len());
    }
    if let Some(value) = cache_control {
        let _ = write!(summary, ", Cache-Control: {}", printable(value));
    }
    let token = code.is_none().then(|| body.trim().to_owned());
    if let Some(token) = &token {
        let _ = write!(summary, ", token …{}", printable(&tail(token)));
    }
    let step = Step::new(StepKind::TokenEndpoint, summary, findings).with_code(code);
    (step, token)
}

/// The errors of the token endpoint's answer, and the widget's code for the first: a status
/// other than 2xx, a body over the limit, empty, or a page.
fn token_answer_errors(response: &Response, token: &str) -> (Vec<Finding>, Option<ErrorCode>) {
    let error =
        |rule, code, message: String| (vec![finding(Severity::Error, rule, message)], Some(code));
    match response.status {
        200..=299 => {}
        401 | 403 => {
            return error(
                Rule::TokenEndpoint,
                ErrorCode::NoToken,
                format!(
                    "answers {}: no one is signed in with the headers given, and the page's glue hands the widget no token (code 3)",
                    status_text(response.status)
                ),
            );
        }
        status => {
            return error(
                Rule::TokenEndpoint,
                ErrorCode::ProviderFailed,
                format!(
                    "answers {}: the page's fetch of the token fails, and the widget reports code 2",
                    status_text(status)
                ),
            );
        }
    }
    if response.over_limit {
        return error(
            Rule::TokenEndpoint,
            ErrorCode::InvalidToken,
            format!(
                "the body goes on past {TOKEN_BODY_LIMIT} bytes (read no further): not a token Omnichannel takes"
            ),
        );
    }
    if token.is_empty() {
        return error(
            Rule::Empty,
            ErrorCode::NoToken,
            "the body is empty: the widget gets no token and reports code 3".to_owned(),
        );
    }
    match html_page(response.header("content-type"), token) {
        Some(page) => error(
            Rule::NotThreeParts,
            ErrorCode::InvalidToken,
            format!(
                "the body is an HTML page{}, not a token: the widget reports code 4",
                page.titled()
            ),
        ),
        // The glue hands the widget the whole body: JSON around the token is not a token.
        None if token.starts_with(['{', '[', '"']) => error(
            Rule::NotThreeParts,
            ErrorCode::InvalidToken,
            "the body is JSON, not the token as plain text: the page's glue hands the widget the whole body, and the widget reports code 4".to_owned(),
        ),
        None => (Vec::new(), None),
    }
}

/// "GET URL: 200 OK, 451 bytes": what the last URL answered.
fn answered(fetched: &Fetched) -> String {
    format!(
        "GET {}: {}, {} bytes",
        fetched.final_url(),
        status_text(fetched.response.status),
        fetched.response.body.len()
    )
}

/// Whether `Cache-Control` forbids keeping the answer.
fn no_store(cache_control: Option<&str>) -> bool {
    cache_control.is_some_and(|value| {
        value
            .split(',')
            .any(|directive| directive.trim().eq_ignore_ascii_case("no-store"))
    })
}

/// Findings about the signature and the keys, which steps 3 and 4 report.
const KEY_RULES: [Rule; 4] = [
    Rule::BadSignature,
    Rule::MissingKid,
    Rule::UnknownKid,
    Rule::KeyExpired,
];

/// Whether steps 3 and 4 report findings of this rule: the Public key URL's, the signature's
/// and the keys'.
fn about_the_keys(rule: Rule) -> bool {
    KEY_RULES.contains(&rule)
        || matches!(
            rule,
            Rule::SignatureNotChecked
                | Rule::KeyUrlNotHttps
                | Rule::KeyUrlRedirect
                | Rule::KeyUrlStatus
                | Rule::KeyUrlTooLarge
                | Rule::KeyUrlNotKey
        )
}

/// Step 2: the token by `diagnose`'s rules, the URL, the signature and the keys left to steps
/// 3 and 4.
fn token_step(diagnosis: &Diagnosis) -> Step {
    let findings: Vec<Finding> = diagnosis
        .findings
        .iter()
        .filter(|f| !about_the_keys(f.rule))
        .cloned()
        .collect();
    let tail = printable(&diagnosis.token_tail);
    let summary = match findings.iter().find(|f| f.severity == Severity::Error) {
        Some(_) => format!("token …{tail}: refused by its form, claims or context"),
        None => format!("token …{tail}: its form, claims and context pass"),
    };
    let step = Step::new(StepKind::Token, summary, findings);
    let code = step.findings.first().map(|first| {
        if first.rule == Rule::Empty {
            ErrorCode::NoToken
        } else {
            ErrorCode::InvalidToken
        }
    });
    step.with_code(code)
}

/// Step 3: the URL's answer, and the signature against what it serves.
fn key_url_step(url: &PublicKeyUrl, checked: Option<&Diagnosis>) -> Step {
    let mut summary = answered(&url.fetched);
    match &url.keys {
        Some(ServedKeys::One(key)) => {
            let _ = write!(summary, ", a {}-bit PEM public key", key.bits());
        }
        Some(ServedKeys::Set(set)) => {
            let kids: Vec<String> = set
                .entries()
                .iter()
                .map(|entry| format!("`{}`", entry.kid))
                .collect();
            let keys = if kids.len() == 1 { "key" } else { "keys" };
            let _ = write!(summary, ", {} {keys} ({})", kids.len(), kids.join(", "));
        }
        None => summary.push_str(", no key"),
    }
    let mut findings = url.findings.clone();
    if let Some(checked) = checked {
        let signature: Vec<&Finding> = checked
            .findings
            .iter()
            .filter(|f| f.rule == Rule::BadSignature)
            .collect();
        let kid_trouble = checked
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error && KEY_RULES[1..].contains(&f.rule));
        if url.serves_keys() {
            summary.push_str(match (signature.is_empty(), kid_trouble) {
                (true, false) => "; the token's signature verifies with it",
                (true, true) => "; no key for the token (see the keys step)",
                (false, _) => "; the token's signature does not verify with it",
            });
        }
        findings.extend(signature.into_iter().cloned());
    }
    findings.sort_by_key(|finding| finding.severity);
    Step::new(StepKind::PublicKeyUrl, summary, findings)
}

/// Step 4: the token's `kid` and expiry against the served keys.
fn keys_step(url: &PublicKeyUrl, checked: &Diagnosis, options: &DiagnoseOptions) -> Step {
    let kid = checked
        .header
        .as_ref()
        .and_then(|header| header.get("kid"))
        .and_then(|kid| kid.as_str());
    let mut findings: Vec<Finding> = checked
        .findings
        .iter()
        .filter(|f| KEY_RULES[1..].contains(&f.rule))
        .cloned()
        .collect();
    let now = options.now_unix_seconds();
    let summary = match url.entry_expiry(kid) {
        None => match kid {
            Some(kid) => format!(
                "one key, without kid or expiry: Omnichannel verifies with it whatever the token's kid (`{kid}`)"
            ),
            None => "one key, without kid or expiry, and a token without kid".to_owned(),
        },
        Some((_, false)) => "no served key for the token".to_owned(),
        Some((expiry, true)) => {
            let kid = kid.unwrap_or_default();
            match expiry {
                None => format!("kid `{kid}`, a key without expiry"),
                Some(expiry) => {
                    if expiry > now
                        && let Some(warning) = expiry_warning(kid, expiry, now, checked.expires_at)
                    {
                        findings.push(finding(Severity::Warning, Rule::KeyExpiresSoon, warning));
                    }
                    format!(
                        "kid `{kid}`, a key that expires at {expiry}{}",
                        checked
                            .expires_at
                            .map(|exp| format!(", the token at {exp}"))
                            .unwrap_or_default()
                    )
                }
            }
        }
    };
    findings.sort_by_key(|finding| finding.severity);
    Step::new(StepKind::Keys, summary, findings)
}

/// A warning when a key that has not expired yet does so before the token, or within
/// [`KEY_EXPIRY_WARNING`].
fn expiry_warning(kid: &str, expiry: u64, now: u64, token_exp: Option<u64>) -> Option<String> {
    let left = crate::diagnose::report::human(expiry - now);
    if let Some(exp) = token_exp.filter(|&exp| exp > expiry) {
        return Some(format!(
            "the key `{kid}` expires at {expiry} (in {left}), before the token does ({exp}): Omnichannel refuses the token from then on; publish the next key and sign with it"
        ));
    }
    (expiry - now < KEY_EXPIRY_WARNING.as_secs()).then(|| {
        format!(
            "the key `{kid}` expires in {left} (at {expiry}): publish the next key in the Public key URL's body and sign with it before then"
        )
    })
}

fn finding(severity: Severity, rule: Rule, message: String) -> Finding {
    Finding {
        severity,
        rule,
        refused_by: (severity == Severity::Error)
            .then(|| rule.refused_by())
            .flatten(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_expiring_before_the_token_or_within_days_is_a_warning() {
        let now = 1_800_000_000;
        let day = 86_400;
        let before = expiry_warning("k1", now + 600, now, Some(now + 900)).unwrap();
        assert!(
            before.starts_with(
                "the key `k1` expires at 1800000600 (in 10 min), before the token does (1800000900)"
            ),
            "{before}"
        );
        let soon = expiry_warning("k1", now + 3 * day, now, Some(now + 900)).unwrap();
        assert!(soon.starts_with("the key `k1` expires in 3 days"), "{soon}");
        assert_eq!(
            expiry_warning("k1", now + 30 * day, now, Some(now + 900)),
            None
        );
        assert_eq!(expiry_warning("k1", now + 30 * day, now, None), None);
    }

    #[test]
    fn the_token_endpoints_answer_gives_the_widgets_code() {
        let answer = |status, body: &str| {
            let response = Response::new(status, body);
            let (findings, code) = token_answer_errors(&response, body.trim());
            (findings.first().map(|f| f.rule), code.map(ErrorCode::code))
        };
        assert_eq!(answer(200, "a.b.c"), (None, None));
        assert_eq!(answer(200, " \n"), (Some(Rule::Empty), Some(3)));
        assert_eq!(answer(204, ""), (Some(Rule::Empty), Some(3)));
        assert_eq!(answer(401, ""), (Some(Rule::TokenEndpoint), Some(3)));
        assert_eq!(answer(403, "a.b.c"), (Some(Rule::TokenEndpoint), Some(3)));
        assert_eq!(answer(500, "a.b.c"), (Some(Rule::TokenEndpoint), Some(2)));
        assert_eq!(
            answer(200, r#"{"token":"a.b.c"}"#),
            (Some(Rule::NotThreeParts), Some(4))
        );
        assert_eq!(answer(200, "<html>"), (Some(Rule::NotThreeParts), Some(4)));
        let over = Response {
            over_limit: true,
            ..Response::new(200, "a")
        };
        assert_eq!(
            token_answer_errors(&over, "a").1,
            Some(ErrorCode::InvalidToken)
        );
    }

    #[test]
    fn only_no_store_keeps_a_token_out_of_caches() {
        assert!(no_store(Some("no-store")));
        assert!(no_store(Some("private, No-Store, max-age=0")));
        assert!(!no_store(Some("no-cache")));
        assert!(!no_store(Some("max-age=3600")));
        assert!(!no_store(None));
    }

    #[test]
    fn the_exit_code_is_69_for_a_url_that_gives_no_answer_else_the_first_failures() {
        let failing = |kind, code| Step {
            code,
            ..Step::new(
                kind,
                "",
                vec![finding(Severity::Error, Rule::Empty, String::new())],
            )
        };
        let unreachable = Step::unreachable(
            StepKind::PublicKeyUrl,
            FetchError::new("https://x", FetchErrorKind::Timeout, "slow"),
        );
        let report = |steps| Report {
            steps,
            token_tail: None,
        };
        let first = report(vec![
            failing(StepKind::TokenEndpoint, Some(ErrorCode::NoToken)),
            failing(StepKind::Token, Some(ErrorCode::InvalidToken)),
        ]);
        assert_eq!(first.exit_code(), 3);
        assert_eq!(first.error(), Some(ErrorCode::NoToken));
        let none = report(vec![
            failing(StepKind::TokenEndpoint, Some(ErrorCode::NoToken)),
            unreachable,
        ]);
        assert_eq!(none.exit_code(), EXIT_UNAVAILABLE);
        assert_eq!(
            report(vec![Step::skipped(StepKind::Keys, "")]).exit_code(),
            0
        );
    }
}

//! One GET through the caller's HTTP client, with the redirects followed here, so that each is
//! seen and reported.

use crate::prelude::*;
use std::fmt;

/// The most redirects [`fetch`] follows before it gives up with
/// [`FetchErrorKind::TooManyRedirects`].
pub const MAX_REDIRECTS: usize = 5;

/// A request header given to the token endpoint, such as a session cookie. Its value is a
/// secret: `Debug` and every message show the name only.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    name: String,
    value: String,
}

impl Header {
    /// A header `name: value`.
    ///
    /// # Errors
    /// [`HeaderError`] when the name is empty or not an HTTP token, or the value holds a line
    /// break or another control character.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Result<Self, HeaderError> {
        let (name, value) = (name.into(), value.into());
        let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        if name.is_empty() || !name.bytes().all(token) {
            return Err(HeaderError {
                name: shown_name(&name),
                reason: "not a header name (letters, digits and !#$%&'*+-.^_`|~ only)",
            });
        }
        if value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(HeaderError {
                name,
                reason: "its value holds a line break or another control character",
            });
        }
        Ok(Self {
            value: value.trim().to_owned(),
            name,
        })
    }

    /// A header written as on the wire, `Name: value`, as `curl -H` takes it.
    ///
    /// ```
    /// use lwicontext::doctor::Header;
    ///
    /// let cookie = Header::parse("Cookie: session=s3cr3t")?;
    /// assert_eq!((cookie.name(), cookie.value()), ("Cookie", "session=s3cr3t"));
    /// assert_eq!(format!("{cookie:?}"), "Header { name: \"Cookie\", value: <hidden> }");
    /// # Ok::<(), lwicontext::doctor::HeaderError>(())
    /// ```
    ///
    /// # Errors
    /// [`HeaderError`] when there is no `:`, or as [`Header::new`].
    pub fn parse(line: &str) -> Result<Self, HeaderError> {
        let Some((name, value)) = line.split_once(':') else {
            return Err(HeaderError {
                name: shown_name(line.split_whitespace().next().unwrap_or_default()),
                reason: "expected NAME: VALUE",
            });
        };
        Self::new(name.trim(), value)
    }

    /// The header's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The header's value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Hidden;
        impl fmt::Debug for Hidden {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<hidden>")
            }
        }
        f.debug_struct("Header")
            .field("name", &self.name)
            .field("value", &Hidden)
            .finish()
    }
}

/// A name as an error shows it: what comes before any `=` or space, at most 40 characters, so
/// that a value typed in the wrong place is not echoed.
fn shown_name(name: &str) -> String {
    let name = name.split(['=', ' ']).next().unwrap_or_default();
    name.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// Why a [`Header`] cannot be sent. Names the header, never its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderError {
    /// The header's name, as given.
    pub name: String,
    /// What is wrong.
    pub reason: &'static str,
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "header `{}`: {}", self.name, self.reason)
    }
}

impl std::error::Error for HeaderError {}

/// One GET for an [`HttpClient`] to make.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Request<'a> {
    /// The absolute `http:` or `https:` URL.
    pub url: &'a str,
    /// Headers to send besides the client's own.
    pub headers: &'a [Header],
    /// Read at most this many bytes of the body, and say when there was more
    /// ([`Response::over_limit`]).
    pub body_limit: usize,
}

/// What an [`HttpClient`] got back for one [`Request`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The response's headers, names in any case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body, at most the request's `body_limit` bytes of it.
    pub body: Vec<u8>,
    /// Whether the body went on past `body_limit` (and was not read further).
    pub over_limit: bool,
}

impl Response {
    /// A response with this status and body, and no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            body: body.into(),
            ..Self::default()
        }
    }

    /// Adds a header.
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first header of this name, in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(given, _)| given.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn is_redirect(&self) -> bool {
        matches!(self.status, 301 | 302 | 303 | 307 | 308)
    }
}

/// The HTTP client [`fetch`] goes through: any blocking client (ureq, reqwest's blocking one,
/// a test's own), wrapped in a few lines. The `lwicontext` CLI's is ureq with rustls.
///
/// It makes one GET, and must not follow redirects itself: [`fetch`] follows them, to report
/// each. It bounds the whole request by its time-out, and reads at most
/// [`Request::body_limit`] bytes of the body. A status of 4xx or 5xx is a [`Response`], not an
/// error; an error is a request that got no response at all.
///
/// ```
/// use lwicontext::doctor::{FetchError, HttpClient, Request, Response, fetch};
///
/// /// A server that moved its key.
/// struct Moved;
///
/// impl HttpClient for Moved {
///     fn get(&self, request: &Request<'_>) -> Result<Response, FetchError> {
///         Ok(match request.url {
///             "https://example.com/key" => Response::new(301, "")
///                 .with_header("Location", "/keys/current.pem"),
///             _ => Response::new(200, "-----BEGIN PUBLIC KEY-----"),
///         })
///     }
/// }
///
/// let fetched = fetch(&Moved, "https://example.com/key", &[], 1024)?;
/// assert_eq!(fetched.final_url(), "https://example.com/keys/current.pem");
/// assert_eq!(fetched.redirects[0].status, 301);
/// # Ok::<(), FetchError>(())
/// ```
pub trait HttpClient {
    /// Makes one GET.
    ///
    /// # Errors
    /// When no response came: the host unknown, the connection refused, the time-out reached,
    /// the TLS handshake failed.
    fn get(&self, request: &Request<'_>) -> Result<Response, FetchError>;
}

/// What kind of failure kept a URL from answering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FetchErrorKind {
    /// Not an absolute `http:` or `https:` URL.
    BadUrl,
    /// The host name does not resolve.
    HostNotFound,
    /// No connection: refused, reset, unreachable.
    Connect,
    /// No answer within the time-out.
    Timeout,
    /// The TLS handshake failed: a certificate not trusted, expired, or for another name.
    Tls,
    /// More than [`MAX_REDIRECTS`] redirects, or a redirect without a `Location`.
    TooManyRedirects,
    /// An answer that is not HTTP, or another failure.
    Other,
}

impl FetchErrorKind {
    /// A stable `snake_case` name, as JSON output gives it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::BadUrl => "bad_url",
            Self::HostNotFound => "host_not_found",
            Self::Connect => "connect",
            Self::Timeout => "timeout",
            Self::Tls => "tls",
            Self::TooManyRedirects => "too_many_redirects",
            Self::Other => "other",
        }
    }
}

/// A URL that could not be fetched at all: which, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchError {
    /// The URL asked for (after redirects, the one that failed).
    pub url: String,
    /// What kind of failure.
    pub kind: FetchErrorKind,
    /// The cause, in the client's words.
    pub cause: String,
}

impl FetchError {
    /// A failure of `kind` fetching `url`.
    pub fn new(url: impl Into<String>, kind: FetchErrorKind, cause: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            kind,
            cause: cause.into(),
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.url, self.cause)
    }
}

impl std::error::Error for FetchError {}

/// One redirect [`fetch`] followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// The redirect's status: 301, 302, 303, 307 or 308.
    pub status: u16,
    /// The URL that answered it.
    pub from: String,
    /// Where it pointed, made absolute.
    pub to: String,
}

/// A URL's answer, after the redirects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The URL asked for.
    pub url: String,
    /// The redirects followed, in order.
    pub redirects: Vec<Redirect>,
    /// The last answer.
    pub response: Response,
}

impl Fetched {
    /// The URL that gave the last answer.
    pub fn final_url(&self) -> &str {
        self.redirects.last().map_or(&self.url, |hop| &hop.to)
    }
}

/// GETs `url` through `client`, following up to [`MAX_REDIRECTS`] redirects. The `headers` go
/// to the URL asked for and to redirects on the same origin (scheme, host and port), never to
/// another host.
///
/// # Errors
/// [`FetchError`] when a URL gives no answer at all, or when the redirects go on too long.
pub fn fetch(
    client: &dyn HttpClient,
    url: &str,
    headers: &[Header],
    body_limit: usize,
) -> Result<Fetched, FetchError> {
    let origin_of = |url: &str| origin(url).map(str::to_ascii_lowercase);
    let first_origin =
        origin_of(url).ok_or_else(|| FetchError::new(url, FetchErrorKind::BadUrl, NOT_ABSOLUTE))?;
    let mut fetched = Fetched {
        url: url.to_owned(),
        redirects: Vec::new(),
        response: Response::default(),
    };
    let mut at = url.to_owned();
    loop {
        let same_origin = origin_of(&at).as_deref() == Some(first_origin.as_str());
        let request = Request {
            url: &at,
            headers: if same_origin { headers } else { &[] },
            body_limit,
        };
        let response = client.get(&request)?;
        if !response.is_redirect() {
            fetched.response = response;
            return Ok(fetched);
        }
        let Some(to) = response.header("location").and_then(|to| join(&at, to)) else {
            return Err(FetchError::new(
                at,
                FetchErrorKind::TooManyRedirects,
                format!("a {} redirect without a usable Location", response.status),
            ));
        };
        if fetched.redirects.len() == MAX_REDIRECTS {
            return Err(FetchError::new(
                url,
                FetchErrorKind::TooManyRedirects,
                format!("more than {MAX_REDIRECTS} redirects (the last to {to})"),
            ));
        }
        fetched.redirects.push(Redirect {
            status: response.status,
            from: std::mem::replace(&mut at, to.clone()),
            to,
        });
    }
}

const NOT_ABSOLUTE: &str = "not an absolute http: or https: URL";

/// `scheme://authority` of an absolute `http:` or `https:` URL.
fn origin(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.find(['/', '?', '#']).map_or(rest, |end| &rest[..end]);
    (!authority.is_empty()).then(|| &url[..scheme.len() + 3 + authority.len()])
}

/// `location` made absolute against `base`, as a browser resolves a redirect (RFC 3986, for
/// the forms a `Location` takes): absolute, `//host/...`, `/path`, `?query` or a relative path.
fn join(base: &str, location: &str) -> Option<String> {
    let location = location.trim();
    if location.is_empty() {
        return None;
    }
    if origin(location).is_some() {
        return Some(location.to_owned());
    }
    let base_origin = origin(base)?;
    if let Some(rest) = location.strip_prefix("//") {
        let scheme = &base[..base.find("://")?];
        return Some(format!("{scheme}://{rest}"));
    }
    // The base's path and query, without its fragment.
    let tail = &base[base_origin.len()..];
    let tail = tail.split('#').next().unwrap_or_default();
    let path = tail.split('?').next().unwrap_or_default();
    let joined = if location.starts_with('/') {
        location.to_owned()
    } else if location.starts_with('?') {
        format!("{}{location}", if path.is_empty() { "/" } else { path })
    } else {
        let directory = path.rfind('/').map_or("/", |end| &path[..=end]);
        format!("{directory}{location}")
    };
    Some(format!("{base_origin}{}", remove_dot_segments(&joined)))
}

/// The path with its `.` and `..` segments resolved; the query and fragment kept.
fn remove_dot_segments(path_and_more: &str) -> String {
    let end = path_and_more
        .find(['?', '#'])
        .unwrap_or(path_and_more.len());
    let (path, more) = path_and_more.split_at(end);
    let mut kept: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." if last => kept.push(""),
            "." => {}
            ".." => {
                kept.pop();
                if last {
                    kept.push("");
                }
            }
            other => kept.push(other),
        }
    }
    format!("/{}{more}", kept.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::prelude::rust_2024::*;

    #[test]
    fn redirects_resolve_as_a_browser_resolves_them() {
        let base = "https://Shop.example:8443/auth/keys/current?v=1#top";
        for (location, expected) in [
            ("https://cdn.example/k.pem", "https://cdn.example/k.pem"),
            ("//cdn.example/k.pem", "https://cdn.example/k.pem"),
            (
                "/login?next=%2F",
                "https://Shop.example:8443/login?next=%2F",
            ),
            ("?v=2", "https://Shop.example:8443/auth/keys/current?v=2"),
            ("next", "https://Shop.example:8443/auth/keys/next"),
            ("../login", "https://Shop.example:8443/auth/login"),
            ("./", "https://Shop.example:8443/auth/keys/"),
            ("../../../../x", "https://Shop.example:8443/x"),
            ("  /spaced  ", "https://Shop.example:8443/spaced"),
        ] {
            assert_eq!(
                join(base, location).as_deref(),
                Some(expected),
                "{location}"
            );
        }
        assert_eq!(join(base, ""), None);
        assert_eq!(
            join("http://h", "a").as_deref(),
            Some("http://h/a"),
            "a base without a path"
        );
        assert_eq!(origin("ftp://h/x"), None);
        assert_eq!(origin("https:///x"), None);
        assert_eq!(origin("http://h:1?q"), Some("http://h:1"));
    }

    /// Answers from a table, and records what each request carried.
    struct Table {
        answers: Vec<(&'static str, Response)>,
        asked: RefCell<Vec<(String, usize)>>,
    }

    impl HttpClient for Table {
        fn get(&self, request: &Request<'_>) -> Result<Response, FetchError> {
            self.asked
                .borrow_mut()
                .push((request.url.to_owned(), request.headers.len()));
            self.answers
                .iter()
                .find(|(url, _)| *url == request.url)
                .map(|(_, response)| response.clone())
                .ok_or_else(|| FetchError::new(request.url, FetchErrorKind::Connect, "refused"))
        }
    }

    fn to(location: &str) -> Response {
        Response::new(302, "").with_header("location", location)
    }

    #[test]
    fn headers_go_only_to_the_first_origin() {
        let table = Table {
            answers: vec![
                ("https://a.example/t", to("/u")),
                ("https://a.example/u", to("https://b.example/v")),
                ("https://b.example/v", Response::new(200, "ok")),
            ],
            asked: RefCell::default(),
        };
        let cookie = [Header::parse("Cookie: s=1").unwrap()];
        let fetched = fetch(&table, "https://a.example/t", &cookie, 10).unwrap();
        assert_eq!(fetched.final_url(), "https://b.example/v");
        assert_eq!(fetched.redirects.len(), 2);
        assert_eq!(fetched.response.body, b"ok");
        let asked = table.asked.borrow();
        let carried: Vec<usize> = asked.iter().map(|(_, headers)| *headers).collect();
        assert_eq!(carried, [1, 1, 0]);
    }

    #[test]
    fn redirects_are_bounded() {
        let table = Table {
            answers: vec![("https://a.example/loop", to("/loop"))],
            asked: RefCell::default(),
        };
        let error = fetch(&table, "https://a.example/loop", &[], 10).unwrap_err();
        assert_eq!(error.kind, FetchErrorKind::TooManyRedirects);
        assert_eq!(table.asked.borrow().len(), MAX_REDIRECTS + 1);
        let table = Table {
            answers: vec![("https://a.example/x", Response::new(301, ""))],
            asked: RefCell::default(),
        };
        let error = fetch(&table, "https://a.example/x", &[], 10).unwrap_err();
        assert!(error.cause.contains("without a usable Location"), "{error}");
        let error = fetch(&table, "file:///etc/passwd", &[], 10).unwrap_err();
        assert_eq!(error.kind, FetchErrorKind::BadUrl);
        assert!(table.asked.borrow().len() == 1, "a bad URL is never asked");
    }

    #[test]
    fn a_header_error_names_the_header_never_the_value() {
        let error = Header::parse("Cookie s3cr3t").unwrap_err();
        assert_eq!(error.to_string(), "header `Cookie`: expected NAME: VALUE");
        let error = Header::parse("session=s3cr3t").unwrap_err();
        assert!(!error.to_string().contains("s3cr3t"), "{error}");
        let error = Header::new("X-Token", "a\r\nInjected: 1").unwrap_err();
        assert!(!error.to_string().contains("Injected"), "{error}");
        assert!(Header::new("Bad Name", "v").is_err());
        assert_eq!(Header::parse("X-A:  b c ").unwrap().value(), "b c");
    }
}

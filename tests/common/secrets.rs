//! The secrets scan the tests share: what no artifact a user sees may hold.

use super::key;

/// What must never show: the secret lines of the private key's PEM body, a PEM private key's
/// start, the whole token and its signature (with which the header and claims a report shows make a token).
pub(crate) struct Secrets {
    needles: Vec<(String, &'static str)>,
}

impl Secrets {
    pub(crate) fn new(token: &str) -> Self {
        let mut needles = vec![
            // A PEM private key's start (an error may name the label it expects).
            ("PRIVATE KEY-----\nMII".to_owned(), "a private key in PEM"),
            (token.to_owned(), "the whole token"),
        ];
        let signature = token.rsplit('.').next().unwrap();
        needles.push((signature.to_owned(), "the token's signature"));
        for name in ["rsa2048.pkcs8.pem", "rsa2048.pkcs1.pem"] {
            let pem = String::from_utf8(key(name)).unwrap();
            // The first 7 lines of the body (448 characters, 336 bytes) hold the modulus and
            // the public exponent, which the public key shows too; the secret parts follow.
            for line in pem
                .lines()
                .filter(|line| !line.starts_with("-----"))
                .skip(7)
            {
                needles.push((line.to_owned(), "a line of the private key"));
                needles.push((line[..line.len() / 2].to_owned(), "part of the private key"));
            }
        }
        Self { needles }
    }

    /// What `text` shows that it must not.
    pub(crate) fn leak(&self, text: &str) -> Option<&'static str> {
        self.needles
            .iter()
            .find(|(needle, _)| text.contains(needle.as_str()))
            .map(|(_, name)| *name)
    }

    #[track_caller]
    pub(crate) fn assert_clean(&self, what: &str, text: &str) {
        if let Some(name) = self.leak(text) {
            panic!("{what} shows {name}:\n{text}");
        }
    }
}

//! File and interface names for the generated glue.

use crate::prelude::*;
/// `ChatContext` → `chat_context`; `HTTPServerContext` → `http_server_context`.
///
/// ```
/// use lwicontext::glue::snake_case;
///
/// assert_eq!(snake_case("ChatContext"), "chat_context");
/// assert_eq!(snake_case("HTTPServerContext"), "http_server_context");
/// ```
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let previous = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            // aB → a_b, and the last capital of a run before lowercase: HTTPServer → http_server.
            let boundary = previous.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `chat_context` → `ChatContext`; `chat-context` → `ChatContext`.
///
/// ```
/// use lwicontext::glue::pascal_case;
///
/// assert_eq!(pascal_case("chat_context"), "ChatContext");
/// assert_eq!(pascal_case("shop"), "Shop");
/// ```
pub fn pascal_case(name: &str) -> String {
    name.split(['_', '-'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

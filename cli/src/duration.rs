//! Durations on the command line: `900`, `900s`, `15m`, `1h`, `2d`.

use std::time::Duration;

/// Parses a whole number with an optional unit: `s` (the default), `m`, `h` or `d`.
pub(crate) fn parse(text: &str) -> Result<Duration, String> {
    let invalid =
        || format!("invalid duration `{text}`: use a whole number with s, m, h or d, such as 15m");
    let (digits, unit) = match text.trim().find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.trim().split_at(at),
        None => (text.trim(), "s"),
    };
    let amount: u64 = digits.parse().map_err(|_| invalid())?;
    let seconds_per_unit = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(invalid()),
    };
    amount
        .checked_mul(seconds_per_unit)
        .map(Duration::from_secs)
        .ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::parse;
    use std::time::Duration;

    #[test]
    #[allow(
        clippy::duration_suboptimal_units,
        reason = "each text's length, in the seconds the tokens carry"
    )]
    fn units() {
        assert_eq!(parse("900"), Ok(Duration::from_secs(900)));
        assert_eq!(parse("900s"), Ok(Duration::from_secs(900)));
        assert_eq!(parse("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse("365d"), Ok(Duration::from_secs(365 * 86_400)));
        for bad in [
            "",
            "m",
            "15 minutes",
            "-1s",
            "1.5h",
            "99999999999999999999d",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}

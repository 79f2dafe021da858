//! `rename_all`: serde's case conventions, applied to field names (written in `snake_case`)
//! and to variant names (written in `PascalCase`).

/// A case convention of `#[lwi(rename_all = "...")]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

/// Every rule with the name serde gives it.
const RULES: &[(&str, RenameRule)] = &[
    ("lowercase", RenameRule::Lower),
    ("UPPERCASE", RenameRule::Upper),
    ("PascalCase", RenameRule::Pascal),
    ("camelCase", RenameRule::Camel),
    ("snake_case", RenameRule::Snake),
    ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnake),
    ("kebab-case", RenameRule::Kebab),
    ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebab),
];

impl RenameRule {
    /// The rule with that name.
    pub(crate) fn from_name(name: &str) -> Result<Self, String> {
        RULES
            .iter()
            .find(|(rule_name, _)| *rule_name == name)
            .map(|(_, rule)| *rule)
            .ok_or_else(|| {
                let names: Vec<String> = RULES.iter().map(|(n, _)| format!("\"{n}\"")).collect();
                format!(
                    "unknown rename rule `{name}`; expected one of {}",
                    names.join(", ")
                )
            })
    }

    /// Applies the rule to a `snake_case` field name.
    pub(crate) fn apply_to_field(self, field: &str) -> String {
        match self {
            Self::Lower | Self::Snake => field.to_owned(),
            Self::Upper | Self::ScreamingSnake => field.to_ascii_uppercase(),
            Self::Kebab => field.replace('_', "-"),
            Self::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
            Self::Pascal | Self::Camel => {
                let mut out = String::with_capacity(field.len());
                let mut upper_next = self == Self::Pascal;
                for c in field.chars() {
                    if c == '_' {
                        upper_next = !out.is_empty();
                    } else if upper_next {
                        out.push(c.to_ascii_uppercase());
                        upper_next = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }

    /// Applies the rule to a `PascalCase` variant name.
    pub(crate) fn apply_to_variant(self, variant: &str) -> String {
        match self {
            Self::Pascal => variant.to_owned(),
            Self::Lower => variant.to_ascii_lowercase(),
            Self::Upper => variant.to_ascii_uppercase(),
            Self::Camel => {
                let mut chars = variant.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_lowercase().to_string() + chars.as_str()
                })
            }
            Self::Snake | Self::ScreamingSnake | Self::Kebab | Self::ScreamingKebab => {
                let mut snake = String::with_capacity(variant.len() + 4);
                for (i, c) in variant.char_indices() {
                    if c.is_uppercase() && i > 0 {
                        snake.push('_');
                    }
                    snake.push(c.to_ascii_lowercase());
                }
                // The snake_case-based rules do to a snake_case name what they do to a field.
                self.apply_to_field(&snake)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    #[test]
    fn fields_and_variants_follow_serde() {
        let cases = [
            (
                "lowercase",
                "cart_value",
                "cart_value",
                "CartValue",
                "cartvalue",
            ),
            (
                "UPPERCASE",
                "cart_value",
                "CART_VALUE",
                "CartValue",
                "CARTVALUE",
            ),
            (
                "PascalCase",
                "cart_value",
                "CartValue",
                "CartValue",
                "CartValue",
            ),
            (
                "camelCase",
                "cart_value",
                "cartValue",
                "CartValue",
                "cartValue",
            ),
            (
                "snake_case",
                "cart_value",
                "cart_value",
                "CartValue",
                "cart_value",
            ),
            (
                "SCREAMING_SNAKE_CASE",
                "cart_value",
                "CART_VALUE",
                "CartValue",
                "CART_VALUE",
            ),
            (
                "kebab-case",
                "cart_value",
                "cart-value",
                "CartValue",
                "cart-value",
            ),
            (
                "SCREAMING-KEBAB-CASE",
                "cart_value",
                "CART-VALUE",
                "CartValue",
                "CART-VALUE",
            ),
        ];
        for (name, field, field_out, variant, variant_out) in cases {
            let rule = RenameRule::from_name(name).unwrap();
            assert_eq!(rule.apply_to_field(field), field_out, "{name} on a field");
            assert_eq!(
                rule.apply_to_variant(variant),
                variant_out,
                "{name} on a variant"
            );
        }
        assert_eq!(RenameRule::Camel.apply_to_field("is_vip_2"), "isVip2");
        assert!(
            RenameRule::from_name("Title Case")
                .unwrap_err()
                .contains("\"camelCase\"")
        );
    }
}

use lwicontext::LwiContext;

// Aliases hide the shape from the derive; the compiler's trait check still sees the real type.
type Tags = Vec<String>;
type Cents = u64;

#[derive(LwiContext)]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: Cents,
    #[lwi(rename = "msdyn_tags")]
    tags: Tags,
}

fn main() {}

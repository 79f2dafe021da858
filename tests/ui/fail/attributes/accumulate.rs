use lwicontext::LwiContext;

// Three mistakes in one struct: all three are reported at once.
#[derive(LwiContext)]
#[lwi(rename_all = "Title Case", encoding = "xml")]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalue", colour = "red")]
    cart_value: u32,
}

fn main() {}

use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(prefix = "msdyn_", prefix = "contoso_")]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalue")]
    #[lwi(rename = "msdyn_cart")]
    cart_value: u32,
    #[lwi(skip, skip)]
    internal: u32,
}

fn main() {}

use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(crate = "not a path")]
struct ChatContext {
    #[lwi(rename = msdyn_cartvalue)]
    cart_value: u32,
    #[lwi(displayable = "no")]
    is_vip: bool,
}

fn main() {}

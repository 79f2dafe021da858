use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(rename_all = "camelCase")]
struct ChatContext {
    cart_value: u32,
    #[lwi(rename = "cartValue")]
    cart_total: u32,
    #[lwi(rename = "msdyn_isvip")]
    is_vip: bool,
    #[lwi(rename = "msdyn_isvip")]
    vip: bool,
}

fn main() {}

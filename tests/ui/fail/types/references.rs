use lwicontext::LwiContext;

#[derive(LwiContext)]
struct ChatContext<'a> {
    #[lwi(rename = "msdyn_name")]
    name: &'a str,
    #[lwi(rename = "msdyn_email")]
    email: &'a String,
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: &'a u32,
}

fn main() {}

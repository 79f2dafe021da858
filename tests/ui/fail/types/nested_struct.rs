use lwicontext::LwiContext;

struct Address {
    city: String,
}

#[derive(LwiContext)]
struct ChatContext {
    #[lwi(rename = "msdyn_address")]
    address: Address,
}

fn main() {
    let _ = Address { city: String::new() }.city;
}

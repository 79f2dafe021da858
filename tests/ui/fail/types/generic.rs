use lwicontext::LwiContext;

#[derive(LwiContext)]
struct ChatContext<T, const N: usize> {
    #[lwi(rename = "msdyn_value")]
    value: T,
    #[lwi(rename = "msdyn_digits")]
    digits: [u8; N],
}

fn main() {}

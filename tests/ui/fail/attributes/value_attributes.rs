use lwicontext::LwiValue;

#[derive(LwiValue)]
#[lwi(prefix = "msdyn_", encoding = "native")]
enum Tier {
    #[lwi(rename = "gold", skip)]
    Gold,
    #[lwi(rename = "gold")]
    Platinum,
}

#[derive(LwiValue)]
#[lwi(rename_all = "lowercase")]
struct Cents(#[lwi(rename = "cents")] u64);

fn main() {}

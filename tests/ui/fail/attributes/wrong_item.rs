use lwicontext::LwiContext;

#[derive(LwiContext)]
enum Tier {
    Gold,
}

#[derive(LwiContext)]
struct Pair(u32, String);

#[derive(LwiContext)]
union Bits {
    int: u32,
}

fn main() {}

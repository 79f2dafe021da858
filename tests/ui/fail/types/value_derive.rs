use lwicontext::LwiValue;

#[derive(LwiValue)]
enum Channel {
    Web,
    Phone(String),
    Store { id: u32 },
}

#[derive(LwiValue)]
struct Tags(Vec<String>);

type Cents = Option<u64>;

#[derive(LwiValue)]
struct MaybeCents(Cents);

#[derive(LwiValue)]
struct Pair(u32, u32);

#[derive(LwiValue)]
struct Wrapper<T>(T);

fn main() {}

use std::borrow::Cow;
use std::num::{NonZeroI64, NonZeroU32};
use std::rc::Rc;
use std::sync::Arc;

use lwicontext::context::VariableKind;
use lwicontext::LwiContext;

// Aliases of primitives are primitives: the check decides by the real type.
type Cents = u64;
type MaybeTier = Option<String>;

#[derive(LwiContext)]
#[allow(dead_code)]
struct EveryType<'a> {
    a: bool,
    b: char,
    c: String,
    d: &'a str,
    e: Box<str>,
    f: Cow<'a, str>,
    g: Arc<str>,
    h: Rc<str>,
    i: i8,
    j: i16,
    k: i32,
    l: i64,
    m: i128,
    n: isize,
    o: u8,
    p: u16,
    q: u32,
    r: u64,
    s: u128,
    t: usize,
    u: NonZeroU32,
    v: NonZeroI64,
    w: f32,
    x: f64,
    y: Option<u32>,
    z: Option<&'a str>,
    cents: Cents,
    tier: MaybeTier,
    r#type: &'static std::primitive::str,
}

fn main() {
    let kinds: Vec<VariableKind> = EveryType::VARIABLES.iter().map(|v| v.kind).collect();
    assert_eq!(kinds[..8], [VariableKind::Text; 8]);
    assert_eq!(kinds[8..25], [VariableKind::Number; 17]);
    assert_eq!(kinds[25], VariableKind::Text);
    assert_eq!(kinds[26], VariableKind::Number);
    assert_eq!(kinds[27], VariableKind::Text);
    assert!(EveryType::VARIABLES[27].optional);
    assert!(!EveryType::VARIABLES[26].optional);
    assert_eq!(EveryType::VARIABLES[28].name, "type");
}

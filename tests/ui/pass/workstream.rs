// Structs checked against the sample work stream export (tests/ui.rs copies
// examples/workstream/contextvariables.json next to the crate trybuild compiles): an exact match
// with aliases, and a subset. What must not compile is under tests/ui/fail/workstream/.

use lwicontext::context::VariableKind;
use lwicontext::workstream::Workstream;
use lwicontext::LwiContext;

/// A whole-number type behind an alias: the check decides by the real type.
type Cents = u64;

/// Every fillable variable, with `exhaustive`.
#[derive(LwiContext)]
#[lwi(workstream = "workstream/contextvariables.json", exhaustive)]
struct Everything {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: Cents,
    #[lwi(rename = "msdyn_isvip")]
    is_vip: bool,
    #[lwi(rename = "msdyn_tier")]
    tier: Option<String>,
    #[lwi(rename = "msdyn_ordercount")]
    order_count: Option<f64>,
    #[lwi(rename = "msdyn_email")]
    email: &'static str,
    #[lwi(rename = "contoso_PreferredLanguage")]
    language: Box<str>,
}

/// Some of them, on purpose.
#[derive(LwiContext)]
#[lwi(
    workstream = "workstream/contextvariables.json",
    partial,
    prefix = "msdyn_"
)]
struct Subset {
    cartvalue: u32,
    isvip: bool,
}

fn export() -> Workstream {
    Workstream::parse(include_str!("../../../examples/workstream/contextvariables.json")).unwrap()
}

fn an_exact_struct_compiles_and_sends_every_fillable_variable() {
    let names: Vec<&str> = Everything::VARIABLES.iter().map(|v| v.name).collect();
    let fillable: Vec<String> = export().fillable().map(|v| v.name.clone()).collect();
    assert_eq!(names, fillable);
    for variable in Everything::VARIABLES {
        let expected = export()
            .get(variable.name)
            .unwrap()
            .data_type
            .kind()
            .unwrap();
        // A Text variable takes any primitive; a Number variable needs a number.
        if expected == VariableKind::Number {
            assert_eq!(variable.kind, VariableKind::Number, "{}", variable.name);
        }
    }
    let ctx = Everything {
        cart_value: 10000,
        is_vip: true,
        tier: None,
        order_count: Some(3.0),
        email: "ada@contoso.com",
        language: "en-US".into(),
    };
    assert_eq!(
        ctx.to_lwicontexts().unwrap(),
        r#"{"msdyn_cartvalue":"10000","msdyn_isvip":"true","msdyn_ordercount":"3","msdyn_email":"ada@contoso.com","contoso_PreferredLanguage":"en-US"}"#
    );
}

fn a_subset_compiles() {
    let ctx = Subset {
        cartvalue: 5,
        isvip: false,
    };
    assert_eq!(
        ctx.to_lwicontexts().unwrap(),
        r#"{"msdyn_cartvalue":"5","msdyn_isvip":"false"}"#
    );
}

fn main() {
    an_exact_struct_compiles_and_sends_every_fillable_variable();
    a_subset_compiles();
}

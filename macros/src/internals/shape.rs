//! The type shapes that can never be a primitive value, told apart by syntax so that each gets a
//! message of its own. The compiler's trait check is the source of truth (it sees through
//! aliases); this pass only names the common cases.

use lwicontext_schema::PRIMITIVES_ONLY;

/// A type shape that can never be a primitive value. The compiler's trait check is the source
/// of truth (it sees through aliases); this only gives the common cases a clearer message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    List,
    Map,
    Set,
    Tuple,
    Unit,
    Json,
    OptionOfOption,
    Reference,
    Other(&'static str),
}

impl Shape {
    /// The error for `field`, which names the field: "field `tags`".
    pub(crate) fn message(self, field: &str) -> String {
        match self {
            Self::List => format!(
                "{field} is a list, and {PRIMITIVES_ONLY}; send each item as a field of its own, or join the items into one String"
            ),
            Self::Map => format!(
                "{field} is a map, and {PRIMITIVES_ONLY}; give each entry a field of its own"
            ),
            Self::Set => {
                format!("{field} is a set, and {PRIMITIVES_ONLY}; join its items into one String")
            }
            Self::Tuple => format!(
                "{field} is a tuple, and {PRIMITIVES_ONLY}; give each element a field of its own"
            ),
            Self::Unit => format!(
                "{field} is `()`, which carries no value; remove it or mark it #[lwi(skip)]"
            ),
            Self::Json => format!(
                "{field} is a serde_json value, which may hold arrays and objects, and {PRIMITIVES_ONLY}; use a primitive type"
            ),
            Self::OptionOfOption => format!(
                "{field} is an Option of an Option: a context variable is either sent or left out, so one Option says all there is; use Option<T>"
            ),
            Self::Reference => format!(
                "{field} is a reference to something other than `str`, and {PRIMITIVES_ONLY}; a field may borrow only as `&str`, otherwise hold the value itself"
            ),
            Self::Other(what) => format!("{field} is {what}, and {PRIMITIVES_ONLY}"),
        }
    }
}

/// The shape of `ty`, if it can never be sent.
pub(crate) fn rejected_shape(ty: &syn::Type) -> Option<Shape> {
    match ty {
        syn::Type::Group(group) => rejected_shape(&group.elem),
        syn::Type::Paren(paren) => rejected_shape(&paren.elem),
        syn::Type::Array(_) | syn::Type::Slice(_) => Some(Shape::List),
        syn::Type::Tuple(tuple) if tuple.elems.is_empty() => Some(Shape::Unit),
        syn::Type::Tuple(_) => Some(Shape::Tuple),
        syn::Type::Reference(reference) if is_str(&reference.elem) => None,
        syn::Type::Reference(reference)
            if matches!(*reference.elem, syn::Type::Slice(_) | syn::Type::Array(_)) =>
        {
            Some(Shape::List)
        }
        syn::Type::Reference(_) => Some(Shape::Reference),
        syn::Type::Ptr(_) => Some(Shape::Other("a raw pointer")),
        syn::Type::FnPtr(_) => Some(Shape::Other("a function pointer")),
        syn::Type::TraitObject(_) | syn::Type::ImplTrait(_) => Some(Shape::Other("a trait object")),
        syn::Type::Never(_) => Some(Shape::Other("`!`")),
        syn::Type::Path(path) if path.qself.is_none() => path_shape(&path.path),
        _ => None,
    }
}

fn path_shape(path: &syn::Path) -> Option<Shape> {
    let last = path.segments.last()?;
    let from_serde_json = path.segments.iter().any(|s| s.ident == "serde_json");
    match last.ident.to_string().as_str() {
        "Vec" | "VecDeque" | "LinkedList" | "BinaryHeap" | "SmallVec" | "ArrayVec" => {
            Some(Shape::List)
        }
        "HashMap" | "BTreeMap" | "IndexMap" => Some(Shape::Map),
        "HashSet" | "BTreeSet" | "IndexSet" => Some(Shape::Set),
        "Map" if from_serde_json => Some(Shape::Map),
        "Value" if from_serde_json => Some(Shape::Json),
        "Option" => {
            let inner = single_type_argument(last)?;
            if let syn::Type::Path(inner_path) = inner
                && inner_path.path.segments.last()?.ident == "Option"
            {
                return Some(Shape::OptionOfOption);
            }
            rejected_shape(inner)
        }
        _ => None,
    }
}

/// `T` of `Name<T>`.
fn single_type_argument(segment: &syn::PathSegment) -> Option<&syn::Type> {
    let syn::PathArguments::AngleBracketed(arguments) = &segment.arguments else {
        return None;
    };
    arguments.args.iter().find_map(|argument| match argument {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// `str`, `core::primitive::str` or `std::primitive::str`.
fn is_str(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => {
            path.path.segments.last().is_some_and(|s| s.ident == "str")
        }
        syn::Type::Group(group) => is_str(&group.elem),
        syn::Type::Paren(paren) => is_str(&paren.elem),
        _ => false,
    }
}

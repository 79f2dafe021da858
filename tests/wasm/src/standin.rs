//! A STAND-IN of the hosted widget script's `setAuthTokenProvider`: Microsoft's script is hosted
//! and closed source, so it cannot run here.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, Event, EventTarget};

/// STAND-IN of `window.Microsoft.Omnichannel.LiveChatWidget.SDK`, as documented:
/// `setAuthTokenProvider(provider)` throws unless `provider` is a function, calls it at once, and
/// keeps only what its callback received in that same tick; a later callback is lost.
pub(crate) struct StandIn {
    pub(crate) window: EventTarget,
    /// What each provider set handed over in time: the token, or None.
    pub(crate) kept: Rc<RefCell<Vec<Option<String>>>>,
    /// Callbacks made after the provider returned.
    pub(crate) late: Rc<Cell<u32>>,
    /// Every `lcw:error` raised on the window: (errorCode, errorDescription).
    pub(crate) errors: Rc<RefCell<Vec<(f64, String)>>>,
    _listener: Closure<dyn FnMut(Event)>,
}

impl StandIn {
    /// A window, without the widget's SDK until `load()`.
    pub(crate) fn window() -> Self {
        let window = EventTarget::new().unwrap();
        let errors = Rc::new(RefCell::new(Vec::new()));
        let raised = Rc::clone(&errors);
        let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            let detail = event.unchecked_into::<CustomEvent>().detail();
            let get = |name: &str| Reflect::get(&detail, &name.into()).unwrap();
            raised.borrow_mut().push((
                get("errorCode").as_f64().unwrap(),
                get("errorDescription").as_string().unwrap(),
            ));
        });
        window
            .add_event_listener_with_callback("lcw:error", listener.as_ref().unchecked_ref())
            .unwrap();
        Reflect::set(&js_sys::global(), &"window".into(), &window).unwrap();
        Self {
            window,
            kept: Rc::default(),
            late: Rc::default(),
            errors,
            _listener: listener,
        }
    }

    /// The hosted script has loaded: the SDK is there, and `lcw:ready` is raised.
    pub(crate) fn load(&self, set_auth_token_provider: Option<Function>) {
        let set = set_auth_token_provider.unwrap_or_else(|| self.set_auth_token_provider());
        let sdk = Object::new();
        Reflect::set(&sdk, &"setAuthTokenProvider".into(), &set).unwrap();
        let mut at = JsValue::from(sdk);
        for name in ["SDK", "LiveChatWidget", "Omnichannel", "Microsoft"] {
            let outer = Object::new();
            Reflect::set(&outer, &name.into(), &at).unwrap();
            at = outer.into();
        }
        let microsoft = Reflect::get(&at, &"Microsoft".into()).unwrap();
        Reflect::set(&self.window, &"Microsoft".into(), &microsoft).unwrap();
        self.window
            .dispatch_event(&Event::new("lcw:ready").unwrap())
            .unwrap();
    }

    fn set_auth_token_provider(&self) -> Function {
        let (kept, late) = (Rc::clone(&self.kept), Rc::clone(&self.late));
        Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(move |provider: JsValue| {
            let provider: Function = provider
                .dyn_into()
                .map_err(|_| js_sys::Error::new("authTokenProvider is not a function"))?;
            let open = Rc::new(Cell::new(true));
            let received: Rc<RefCell<Option<Option<String>>>> = Rc::default();
            let (is_open, into, late) = (Rc::clone(&open), Rc::clone(&received), Rc::clone(&late));
            let callback = Closure::<dyn Fn(JsValue)>::new(move |token: JsValue| {
                if is_open.get() {
                    into.borrow_mut().get_or_insert(token.as_string());
                } else {
                    late.set(late.get() + 1);
                }
            })
            .into_js_value();
            provider.call1(&JsValue::NULL, &callback)?;
            open.set(false);
            kept.borrow_mut()
                .push(received.borrow_mut().take().flatten());
            Ok(())
        })
        .into_js_value()
        .unchecked_into()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = Reflect::delete_property(&js_sys::global(), &"window".into());
    }
}

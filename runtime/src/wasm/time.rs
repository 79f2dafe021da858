//! Waiting on the page's event loop: `setTimeout` as a future that clears its timer when dropped,
//! a race of two futures, a value futures wait on, and a cancel signal made of one; and the
//! page's tasks and Promises, each of one boxed future type.

use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;
use core::future::{Future, poll_fn};
use core::pin::{Pin, pin};
use core::task::{Poll, Waker};
use core::time::Duration;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise, spawn_local};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, milliseconds: f64) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Runs `task` on the page's event loop: `spawn_local` of one boxed future type, so that the
/// module holds js-sys's task code once, not once for each future.
pub(crate) fn spawn(task: impl Future<Output = ()> + 'static) {
    let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task);
    spawn_local(task);
}

/// A Promise of `task`'s outcome, for a page's own async exports: `future_to_promise` of the one
/// boxed future type that every Promise of lwicontext's glue is, so that the module holds
/// js-sys's code for Promises once. A `#[wasm_bindgen] async fn` brings a copy of that code
/// for its own future (some 1,400 bytes after `wasm-opt -Oz`); an export that returns
/// `promise(...)` does not.
///
/// ```no_run
/// # #[cfg(feature = "wasm")]
/// # mod page {
/// use js_sys::Promise;
/// use lwicontext::wasm::{TokenSource, promise};
/// use wasm_bindgen::prelude::*;
///
/// /// Resolves with whether someone is signed in: whether the source has a token to give.
/// #[wasm_bindgen(js_name = signedIn, unchecked_return_type = "Promise<boolean>")]
/// pub fn signed_in(source: &TokenSource) -> Promise {
///     let source = source.clone();
///     promise(async move { Ok(JsValue::from_bool(source.token().await.is_ok())) })
/// }
/// # }
/// # fn main() {}
/// ```
pub fn promise(task: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let task: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(task);
    future_to_promise(task)
}

/// The longest delay `setTimeout` keeps (2³¹ − 1 ms); a longer wait is taken in steps.
const MAX_TIMER_MS: f64 = 2_147_483_647.0;

/// One `setTimeout`, cleared when dropped.
struct Timeout {
    id: JsValue,
    fired: JsFuture,
}

impl Timeout {
    fn new(milliseconds: f64) -> Self {
        let mut id = JsValue::UNDEFINED;
        let promise = Promise::new(&mut |resolve, _reject| {
            id = set_timeout(&resolve, milliseconds);
        });
        Self {
            id,
            fired: JsFuture::from(promise),
        }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

/// Waits `milliseconds` (0 or less: until the next turn of the event loop).
pub(crate) async fn sleep_ms(milliseconds: f64) {
    let mut left = milliseconds.max(0.0);
    loop {
        let step = left.min(MAX_TIMER_MS);
        // A timer's promise only resolves.
        let mut timeout = Timeout::new(step);
        let _ = (&mut timeout.fired).await;
        left -= step;
        if left <= 0.0 {
            return;
        }
    }
}

/// Waits `duration`.
pub(crate) async fn sleep(duration: Duration) {
    sleep_ms(duration.as_secs_f64() * 1000.0).await;
}

/// Which of two raced futures finished first.
pub(crate) enum First<A, B> {
    /// The first one, with its output.
    Left(A),
    /// The second one, with its output.
    Right(B),
}

/// Runs `left` and `right` together and gives the output of the first to finish; the other is
/// dropped, which cancels it (a [`sleep`] clears its timer).
pub(crate) async fn race<A: Future, B: Future>(left: A, right: B) -> First<A::Output, B::Output> {
    let mut left = pin!(left);
    let mut right = pin!(right);
    poll_fn(|cx| {
        if let Poll::Ready(output) = left.as_mut().poll(cx) {
            return Poll::Ready(First::Left(output));
        }
        right.as_mut().poll(cx).map(First::Right)
    })
    .await
}

/// A value that futures wait on until it suits them: every change wakes them to look again.
/// What the token source's shared fetch, a route's hand-over count and its stop flag are made of.
#[derive(Default)]
pub(crate) struct Watched<T> {
    value: RefCell<T>,
    waiters: RefCell<Vec<Waker>>,
}

impl<T> Watched<T> {
    /// Changes the value, then wakes every waiter.
    pub(crate) fn update<R>(&self, change: impl FnOnce(&mut T) -> R) -> R {
        let result = change(&mut self.value.borrow_mut());
        let waiters = core::mem::take(&mut *self.waiters.borrow_mut());
        waiters.into_iter().for_each(Waker::wake);
        result
    }

    /// Reads the value.
    pub(crate) fn get<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        read(&self.value.borrow())
    }

    /// Finishes with what `ready` makes of the value, once it makes something.
    pub(crate) async fn until<R>(&self, mut ready: impl FnMut(&T) -> Option<R>) -> R {
        poll_fn(|cx| {
            if let Some(result) = ready(&self.value.borrow()) {
                return Poll::Ready(result);
            }
            // One entry a task: a long-lived value is waited on again and again.
            let mut waiters = self.waiters.borrow_mut();
            if !waiters.iter().any(|waker| waker.will_wake(cx.waker())) {
                waiters.push(cx.waker().clone());
            }
            Poll::Pending
        })
        .await
    }
}

/// A flag raised once, which futures can wait on: how a route's pending waits are stopped.
#[derive(Clone, Default)]
pub(crate) struct Cancel(Rc<Watched<bool>>);

impl Cancel {
    /// Raises the flag and wakes every waiter.
    pub(crate) fn raise(&self) {
        self.0.update(|raised| *raised = true);
    }

    /// Whether the flag is raised.
    pub(crate) fn is_raised(&self) -> bool {
        self.0.get(|raised| *raised)
    }

    /// Finishes when the flag is raised.
    pub(crate) async fn raised(&self) {
        self.0.until(|raised| raised.then_some(())).await;
    }

    /// Waits `milliseconds` unless the flag is raised first; whether the wait ran its course.
    pub(crate) async fn sleep_ms(&self, milliseconds: f64) -> bool {
        matches!(
            race(sleep_ms(milliseconds), self.raised()).await,
            First::Left(())
        )
    }
}

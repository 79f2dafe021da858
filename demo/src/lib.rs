//! The package of the demo, `cargo run --example chat_server`: the example itself is
//! `examples/chat_server.rs` at the top of the repository.

//! Delivery end to end: real messages to a real SMTP server on loopback
//! (`coopshares-test-smtp`), real `.eml` files, and the outbox worker on a real SQLite store.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers state their expectations with unwrap"
)]

mod smtp;
mod worker;

use coopshares_test_smtp::ReceivedMessage;
use mail_parser::MessageParser;

/// The received messages whose Message-ID is `id` (without angle brackets).
pub fn with_message_id(messages: &[ReceivedMessage], id: &str) -> usize {
    messages
        .iter()
        .filter(|message| {
            let parsed = MessageParser::default()
                .parse(&message.data)
                .expect("a parseable message");
            parsed.message_id() == Some(id)
        })
        .count()
}

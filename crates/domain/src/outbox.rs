//! The outbox: emails (later webhooks) written in the same transaction as the change that causes
//! them, then delivered by a worker with retries, so nothing is lost when SMTP is down.
//!
//! | from \ action | delivered | failed attempt                         | retry   |
//! |---------------|-----------|----------------------------------------|---------|
//! | pending       | sent      | pending, or failed after `MAX_ATTEMPTS` | —       |
//! | sent          | —         | —                                      | —       |
//! | failed        | —         | —                                      | pending |

use time::Duration;

use crate::keyword::keyword_enum;

keyword_enum! {
    /// Where a message stands.
    pub enum OutboxState("outbox state") {
        /// Waiting for its (next) delivery attempt.
        Pending => "pending",
        Sent => "sent",
        /// Gave up after [`MAX_ATTEMPTS`]; a manager may retry it.
        Failed => "failed",
    }
}

keyword_enum! {
    /// The emails Coopshares sends.
    pub enum EmailKind("email kind") {
        RequestConfirmation => "request_confirmation",
        RequestOnHold => "request_on_hold",
        RequestCancelled => "request_cancelled",
        PaymentInstructions => "payment_instructions",
        Invitation => "invitation",
        Certificate => "certificate",
        PasswordReset => "password_reset",
        EmailChangeConfirmation => "email_change_confirmation",
        Test => "test",
    }
}

/// A forbidden outbox transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {action} a message that is {from}")]
pub struct OutboxError {
    pub from: OutboxState,
    pub action: &'static str,
}

/// Delivery attempts before a message is marked failed.
pub const MAX_ATTEMPTS: u32 = 8;

const FIRST_DELAY_SECONDS: i64 = 30;
const MAX_DELAY_SECONDS: i64 = 6 * 60 * 60;

/// How long to wait before the next attempt after `attempts` failed ones: 30 s × 2^attempts,
/// at most 6 hours.
pub fn next_attempt_after(attempts: u32) -> Duration {
    let factor = 1_i64.checked_shl(attempts).filter(|factor| *factor > 0);
    let seconds = factor
        .and_then(|factor| factor.checked_mul(FIRST_DELAY_SECONDS))
        .map_or(MAX_DELAY_SECONDS, |seconds| seconds.min(MAX_DELAY_SECONDS));
    Duration::seconds(seconds)
}

/// The state after a failed attempt, `attempts` counting every attempt made so far
/// (this one included).
pub fn after_failure(attempts: u32) -> OutboxState {
    if attempts >= MAX_ATTEMPTS {
        OutboxState::Failed
    } else {
        OutboxState::Pending
    }
}

impl OutboxState {
    /// The message was handed to the mail server.
    pub fn delivered(self) -> Result<OutboxState, OutboxError> {
        match self {
            OutboxState::Pending => Ok(OutboxState::Sent),
            from => Err(OutboxError {
                from,
                action: "deliver",
            }),
        }
    }

    /// A manager asks for a failed message to be tried again (its attempts restart at 0).
    pub fn retry(self) -> Result<OutboxState, OutboxError> {
        match self {
            OutboxState::Failed => Ok(OutboxState::Pending),
            from => Err(OutboxError {
                from,
                action: "retry",
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_from_30_seconds() {
        assert_eq!(next_attempt_after(0), Duration::seconds(30));
        assert_eq!(next_attempt_after(1), Duration::seconds(60));
        assert_eq!(next_attempt_after(2), Duration::seconds(120));
        assert_eq!(next_attempt_after(7), Duration::seconds(3_840));
    }

    #[test]
    fn the_backoff_is_capped_at_6_hours() {
        assert_eq!(next_attempt_after(9), Duration::seconds(15_360));
        assert_eq!(next_attempt_after(10), Duration::hours(6));
        assert_eq!(next_attempt_after(62), Duration::hours(6));
        assert_eq!(next_attempt_after(63), Duration::hours(6));
        assert_eq!(next_attempt_after(u32::MAX), Duration::hours(6));
    }

    #[test]
    fn a_message_fails_for_good_after_8_attempts() {
        assert_eq!(after_failure(1), OutboxState::Pending);
        assert_eq!(after_failure(7), OutboxState::Pending);
        assert_eq!(after_failure(8), OutboxState::Failed);
        assert_eq!(after_failure(9), OutboxState::Failed);
    }

    #[test]
    fn the_allowed_transitions_are_exactly_the_documented_ones() {
        let mut allowed = Vec::new();
        for state in OutboxState::ALL {
            if let Ok(next) = state.delivered() {
                allowed.push((*state, "delivered", next));
            }
            if let Ok(next) = state.retry() {
                allowed.push((*state, "retry", next));
            }
        }
        assert_eq!(
            allowed,
            [
                (OutboxState::Pending, "delivered", OutboxState::Sent),
                (OutboxState::Failed, "retry", OutboxState::Pending)
            ]
        );
    }

    #[test]
    fn a_manager_retries_a_failed_message() {
        assert_eq!(OutboxState::Failed.retry(), Ok(OutboxState::Pending));
    }

    #[test]
    fn a_pending_message_is_sent_once_delivered() {
        assert_eq!(OutboxState::Pending.delivered(), Ok(OutboxState::Sent));
    }

    #[test]
    fn a_sent_message_cannot_be_retried() {
        assert_eq!(
            OutboxState::Sent.retry().unwrap_err().to_string(),
            "cannot retry a message that is sent"
        );
    }

    #[test]
    fn email_kinds_use_snake_case_keywords() {
        assert_eq!(
            EmailKind::EmailChangeConfirmation.as_str(),
            "email_change_confirmation"
        );
        assert_eq!(
            "payment_instructions".parse(),
            Ok(EmailKind::PaymentInstructions)
        );
        assert_eq!(EmailKind::ALL.len(), 9);
        assert_eq!(OutboxState::Pending.as_str(), "pending");
    }
}

//! Subscription requests: the channel they came from and their state machine.
//!
//! | from \ action | validate  | mark_paid | cancel    | put_on_hold | release_hold |
//! |---------------|-----------|-----------|-----------|-------------|--------------|
//! | submitted     | validated | —         | cancelled | on_hold     | —            |
//! | validated     | —         | paid      | cancelled | —           | —            |
//! | paid          | —         | —         | —         | —           | —            |
//! | cancelled     | —         | —         | —         | —           | —            |
//! | on_hold       | —         | —         | cancelled | —           | submitted    |
//!
//! A request on hold (waiting list, missing document) can be cancelled directly: making the
//! manager release the hold first would only add a meaningless step. A paid request is final;
//! undoing it means redeeming shares in the register, not editing the request.
//!
//! Each function decides and lists the effects; the use case performs them in order, in the
//! same transaction, and writes emails to the outbox.

use std::fmt;

use crate::keyword::keyword_enum;

keyword_enum! {
    /// Where a subscription request came from.
    pub enum Channel("channel") {
        /// The public online form, filled in by the future member.
        OnlineForm => "online_form",
        /// The back-office subscription request screen.
        BackOffice => "back_office",
        /// A manager, from an existing contact's page.
        Contact => "contact",
        /// Another system, through the JSON API.
        Api => "api",
    }
}

keyword_enum! {
    /// The state of a subscription request.
    pub enum RequestState("request state") {
        Submitted => "submitted",
        Validated => "validated",
        Paid => "paid",
        Cancelled => "cancelled",
        OnHold => "on_hold",
    }
}

impl RequestState {
    /// The state in words, for messages.
    fn describe(self) -> &'static str {
        match self {
            RequestState::OnHold => "on hold",
            other => other.as_str(),
        }
    }
}

keyword_enum! {
    /// What a manager (or the payment flow) can do to a request.
    pub enum RequestAction("request action") {
        Validate => "validate",
        MarkPaid => "mark_paid",
        Cancel => "cancel",
        PutOnHold => "put_on_hold",
        ReleaseHold => "release_hold",
    }
}

impl RequestAction {
    fn describe(self) -> &'static str {
        match self {
            RequestAction::Validate => "validate",
            RequestAction::MarkPaid => "mark as paid",
            RequestAction::Cancel => "cancel",
            RequestAction::PutOnHold => "put on hold",
            RequestAction::ReleaseHold => "release from hold",
        }
    }
}

/// A forbidden request transition: "cannot validate a request that is paid".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a request that is {}", action.describe(), from.describe())]
pub struct TransitionError {
    pub from: RequestState,
    pub action: RequestAction,
}

/// Why a reason or a stored status is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("a reason must be given")]
    EmptyReason,
    #[error("a reason must be at most {} characters long", Reason::MAX_LENGTH)]
    ReasonTooLong,
    #[error("a reason must not contain control characters other than line breaks")]
    ReasonControlCharacter,
    #[error("a request that is {state} {problem}")]
    Inconsistent {
        state: RequestState,
        problem: &'static str,
    },
}

/// Why a request is put on hold or cancelled, as the manager wrote it. Never empty; may span
/// several lines.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reason(String);

impl Reason {
    pub const MAX_LENGTH: usize = 2000;

    pub fn parse(input: &str) -> Result<Self, RequestError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(RequestError::EmptyReason);
        }
        if trimmed.chars().count() > Self::MAX_LENGTH {
            return Err(RequestError::ReasonTooLong);
        }
        if trimmed
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            return Err(RequestError::ReasonControlCharacter);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Reason {
    type Err = RequestError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Reason {
    type Error = RequestError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Reason> for String {
    fn from(reason: Reason) -> Self {
        reason.0
    }
}

/// What the use case must do after a request transition, in this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestEffect {
    /// Email the applicant (and an entity's representative) that the request was received.
    SendRequestConfirmation,
    /// Create the capital call (state open) for quantity × nominal value.
    CreateCapitalCall,
    /// Make sure the contact exists and is at least a candidate.
    EnsureCandidate,
    /// Email the capital call with the amount, IBAN, reference and QR code.
    SendPaymentInstructions,
    /// When the "create user accounts" setting is on, create the account and invite it.
    CreateUserAccountIfEnabled,
    /// Admit the contact as a cooperator and issue the shares in the register.
    AdmitMember,
    /// Cancel the request's capital call, which is still open.
    CancelOpenCapitalCall,
    /// Email the applicant that the request is on hold, with the reason.
    NotifyOnHold(Reason),
    /// Email the applicant that the request is cancelled, with the reason.
    NotifyCancellation(Reason),
}

/// The state of a request with the reasons that go with it: a request on hold knows why, a
/// cancelled request knows why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestStatus {
    state: RequestState,
    hold_reason: Option<Reason>,
    cancel_reason: Option<Reason>,
}

/// A new status and the effects to carry out.
pub type RequestTransition = (RequestStatus, Vec<RequestEffect>);

impl RequestStatus {
    /// A request just recorded, on any channel: it is submitted and the applicant is told.
    pub fn submit() -> RequestTransition {
        (
            Self::with_state(RequestState::Submitted),
            vec![RequestEffect::SendRequestConfirmation],
        )
    }

    fn with_state(state: RequestState) -> Self {
        Self {
            state,
            hold_reason: None,
            cancel_reason: None,
        }
    }

    /// Rebuilds a status read from storage: a request on hold needs its hold reason, a
    /// cancelled request its cancel reason, and no other state carries a reason.
    pub fn restore(
        state: RequestState,
        hold_reason: Option<Reason>,
        cancel_reason: Option<Reason>,
    ) -> Result<Self, RequestError> {
        let problem = match (state, &hold_reason, &cancel_reason) {
            (RequestState::OnHold, None, _) => Some("must have a hold reason"),
            (RequestState::Cancelled, _, None) => Some("must have a cancel reason"),
            (RequestState::OnHold, _, Some(_)) => Some("cannot have a cancel reason"),
            (RequestState::Cancelled, Some(_), _) => Some("cannot have a hold reason"),
            (
                RequestState::Submitted | RequestState::Validated | RequestState::Paid,
                hold,
                cancel,
            ) if hold.is_some() || cancel.is_some() => Some("cannot have a reason"),
            _ => None,
        };
        match problem {
            Some(problem) => Err(RequestError::Inconsistent { state, problem }),
            None => Ok(Self {
                state,
                hold_reason,
                cancel_reason,
            }),
        }
    }

    pub fn state(&self) -> RequestState {
        self.state
    }

    pub fn hold_reason(&self) -> Option<&Reason> {
        self.hold_reason.as_ref()
    }

    pub fn cancel_reason(&self) -> Option<&Reason> {
        self.cancel_reason.as_ref()
    }

    fn forbidden(&self, action: RequestAction) -> TransitionError {
        TransitionError {
            from: self.state,
            action,
        }
    }

    /// A manager accepts the request: submitted → validated. The capital call is created, the
    /// contact becomes a candidate, the payment instructions are sent and, if enabled, a user
    /// account is created.
    pub fn validate(&self) -> Result<RequestTransition, TransitionError> {
        match self.state {
            RequestState::Submitted => Ok((
                Self::with_state(RequestState::Validated),
                vec![
                    RequestEffect::CreateCapitalCall,
                    RequestEffect::EnsureCandidate,
                    RequestEffect::SendPaymentInstructions,
                    RequestEffect::CreateUserAccountIfEnabled,
                ],
            )),
            _ => Err(self.forbidden(RequestAction::Validate)),
        }
    }

    /// The capital call is fully paid: validated → paid, and the member is admitted.
    pub fn mark_paid(&self) -> Result<RequestTransition, TransitionError> {
        match self.state {
            RequestState::Validated => Ok((
                Self::with_state(RequestState::Paid),
                vec![RequestEffect::AdmitMember],
            )),
            _ => Err(self.forbidden(RequestAction::MarkPaid)),
        }
    }

    /// Cancels a request that is submitted, on hold or validated (then its open capital call
    /// is cancelled too). The applicant is told why.
    pub fn cancel(&self, reason: Reason) -> Result<RequestTransition, TransitionError> {
        let mut effects = match self.state {
            RequestState::Submitted | RequestState::OnHold => Vec::new(),
            RequestState::Validated => vec![RequestEffect::CancelOpenCapitalCall],
            RequestState::Paid | RequestState::Cancelled => {
                return Err(self.forbidden(RequestAction::Cancel));
            }
        };
        effects.push(RequestEffect::NotifyCancellation(reason.clone()));
        Ok((
            Self {
                state: RequestState::Cancelled,
                hold_reason: None,
                cancel_reason: Some(reason),
            },
            effects,
        ))
    }

    /// Puts a submitted request on hold (waiting list, missing information), with a reason
    /// the applicant is told.
    pub fn put_on_hold(&self, reason: Reason) -> Result<RequestTransition, TransitionError> {
        match self.state {
            RequestState::Submitted => Ok((
                Self {
                    state: RequestState::OnHold,
                    hold_reason: Some(reason.clone()),
                    cancel_reason: None,
                },
                vec![RequestEffect::NotifyOnHold(reason)],
            )),
            _ => Err(self.forbidden(RequestAction::PutOnHold)),
        }
    }

    /// Takes a request off hold: back to submitted, ready to be validated.
    pub fn release_hold(&self) -> Result<RequestTransition, TransitionError> {
        match self.state {
            RequestState::OnHold => Ok((Self::with_state(RequestState::Submitted), Vec::new())),
            _ => Err(self.forbidden(RequestAction::ReleaseHold)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> Reason {
        Reason::parse(text).unwrap()
    }

    fn status(state: RequestState) -> RequestStatus {
        let (hold, cancel) = match state {
            RequestState::OnHold => (Some(reason("waiting list")), None),
            RequestState::Cancelled => (None, Some(reason("duplicate"))),
            _ => (None, None),
        };
        RequestStatus::restore(state, hold, cancel).unwrap()
    }

    fn apply(
        status: &RequestStatus,
        action: RequestAction,
    ) -> Result<RequestTransition, TransitionError> {
        match action {
            RequestAction::Validate => status.validate(),
            RequestAction::MarkPaid => status.mark_paid(),
            RequestAction::Cancel => status.cancel(reason("asked by the applicant")),
            RequestAction::PutOnHold => status.put_on_hold(reason("waiting list")),
            RequestAction::ReleaseHold => status.release_hold(),
        }
    }

    #[test]
    fn the_allowed_transitions_are_exactly_the_documented_ones() {
        use RequestAction as A;
        use RequestState as S;
        let mut expected = vec![
            (S::Submitted, A::Validate, S::Validated),
            (S::Submitted, A::Cancel, S::Cancelled),
            (S::Submitted, A::PutOnHold, S::OnHold),
            (S::Validated, A::MarkPaid, S::Paid),
            (S::Validated, A::Cancel, S::Cancelled),
            (S::OnHold, A::Cancel, S::Cancelled),
            (S::OnHold, A::ReleaseHold, S::Submitted),
        ];
        let mut allowed = Vec::new();
        for state in RequestState::ALL {
            for action in RequestAction::ALL {
                match apply(&status(*state), *action) {
                    Ok((next, _)) => allowed.push((*state, *action, next.state())),
                    Err(error) => {
                        assert_eq!(
                            error,
                            TransitionError {
                                from: *state,
                                action: *action
                            }
                        );
                    }
                }
            }
        }
        allowed.sort();
        expected.sort();
        assert_eq!(allowed, expected);
    }

    #[test]
    fn submitting_sends_a_confirmation() {
        let (status, effects) = RequestStatus::submit();
        assert_eq!(status.state(), RequestState::Submitted);
        assert_eq!(effects, [RequestEffect::SendRequestConfirmation]);
    }

    #[test]
    fn validating_a_submitted_request_creates_the_capital_call_and_the_candidate() {
        let (next, effects) = status(RequestState::Submitted).validate().unwrap();
        assert_eq!(next.state(), RequestState::Validated);
        assert_eq!(
            effects,
            [
                RequestEffect::CreateCapitalCall,
                RequestEffect::EnsureCandidate,
                RequestEffect::SendPaymentInstructions,
                RequestEffect::CreateUserAccountIfEnabled,
            ]
        );
    }

    #[test]
    fn validating_twice_is_refused() {
        let (validated, _) = status(RequestState::Submitted).validate().unwrap();
        assert_eq!(
            validated.validate().unwrap_err().to_string(),
            "cannot validate a request that is validated"
        );
    }

    #[test]
    fn marking_a_validated_request_paid_admits_the_member() {
        let (next, effects) = status(RequestState::Validated).mark_paid().unwrap();
        assert_eq!(next.state(), RequestState::Paid);
        assert_eq!(effects, [RequestEffect::AdmitMember]);
    }

    #[test]
    fn cancelling_a_submitted_request_only_notifies() {
        let (next, effects) = status(RequestState::Submitted)
            .cancel(reason("duplicate"))
            .unwrap();
        assert_eq!(next.state(), RequestState::Cancelled);
        assert_eq!(next.cancel_reason(), Some(&reason("duplicate")));
        assert_eq!(
            effects,
            [RequestEffect::NotifyCancellation(reason("duplicate"))]
        );
    }

    #[test]
    fn cancelling_a_validated_request_cancels_its_open_capital_call() {
        let (next, effects) = status(RequestState::Validated)
            .cancel(reason("changed their mind"))
            .unwrap();
        assert_eq!(next.state(), RequestState::Cancelled);
        assert_eq!(
            effects,
            [
                RequestEffect::CancelOpenCapitalCall,
                RequestEffect::NotifyCancellation(reason("changed their mind"))
            ]
        );
    }

    #[test]
    fn cancelling_a_request_on_hold_drops_the_hold_reason() {
        let (next, effects) = status(RequestState::OnHold)
            .cancel(reason("no room left"))
            .unwrap();
        assert_eq!(next.state(), RequestState::Cancelled);
        assert_eq!(next.hold_reason(), None);
        assert_eq!(
            effects,
            [RequestEffect::NotifyCancellation(reason("no room left"))]
        );
    }

    #[test]
    fn putting_a_submitted_request_on_hold_keeps_the_reason() {
        let (next, effects) = status(RequestState::Submitted)
            .put_on_hold(reason("waiting list"))
            .unwrap();
        assert_eq!(next.state(), RequestState::OnHold);
        assert_eq!(next.hold_reason().map(Reason::as_str), Some("waiting list"));
        assert_eq!(
            effects,
            [RequestEffect::NotifyOnHold(reason("waiting list"))]
        );
    }

    #[test]
    fn releasing_the_hold_returns_to_submitted() {
        let (next, effects) = status(RequestState::OnHold).release_hold().unwrap();
        assert_eq!(next, status(RequestState::Submitted));
        assert!(effects.is_empty());
    }

    #[test]
    fn a_paid_request_cannot_be_cancelled() {
        let error = status(RequestState::Paid)
            .cancel(reason("too late"))
            .unwrap_err();
        assert_eq!(error.to_string(), "cannot cancel a request that is paid");
    }

    #[test]
    fn transition_errors_read_as_sentences() {
        let error = status(RequestState::OnHold).validate().unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot validate a request that is on hold"
        );
        let error = status(RequestState::Submitted).mark_paid().unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot mark as paid a request that is submitted"
        );
    }

    #[test]
    fn a_reason_must_not_be_empty() {
        assert_eq!(Reason::parse("  \n "), Err(RequestError::EmptyReason));
        assert_eq!(
            Reason::parse(&"x".repeat(2001)),
            Err(RequestError::ReasonTooLong)
        );
        assert_eq!(
            Reason::parse("bad\u{1b}[31m"),
            Err(RequestError::ReasonControlCharacter)
        );
        assert_eq!(
            reason(" line one\nline two ").as_str(),
            "line one\nline two"
        );
    }

    #[test]
    fn restoring_a_status_checks_its_reasons() {
        assert!(RequestStatus::restore(RequestState::OnHold, None, None).is_err());
        assert!(RequestStatus::restore(RequestState::Cancelled, None, None).is_err());
        assert!(RequestStatus::restore(RequestState::Validated, Some(reason("x")), None).is_err());
        assert!(
            RequestStatus::restore(RequestState::OnHold, Some(reason("x")), Some(reason("y")))
                .is_err()
        );
        assert!(RequestStatus::restore(RequestState::Paid, None, None).is_ok());
    }

    #[test]
    fn states_and_channels_use_their_stored_keywords() {
        assert_eq!(
            RequestState::ALL
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>(),
            ["submitted", "validated", "paid", "cancelled", "on_hold"]
        );
        assert_eq!(
            Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            ["online_form", "back_office", "contact", "api"]
        );
        assert_eq!("on_hold".parse(), Ok(RequestState::OnHold));
        assert_eq!("online_form".parse(), Ok(Channel::OnlineForm));
    }
}

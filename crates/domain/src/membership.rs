//! Membership of a contact and its state machine: `none → candidate → cooperator → former`, and
//! back to candidate then cooperator on a new subscription.
//!
//! | from \ action | become_candidate    | admit                  | leave  |
//! |---------------|---------------------|------------------------|--------|
//! | none          | candidate           | —                      | —      |
//! | candidate     | candidate (no-op)   | cooperator             | —      |
//! | cooperator    | cooperator (no-op)  | cooperator (no-op)     | former |
//! | former        | candidate           | —                      | —      |
//!
//! A cooperator who subscribes additional shares stays a cooperator through both steps: their
//! request still goes through validation and payment, but their membership does not change.
//!
//! The member number is given once, at the first admission, from a gapless sequence the caller
//! owns: `admit` returns the [`MembershipEffect::AssignMemberNumber`](crate::membership::MembershipEffect::AssignMemberNumber) effect, the use case
//! allocates the next number in the same transaction and calls
//! [`Membership::with_member_number`](crate::membership::Membership::with_member_number). A former member who comes back keeps their number; a
//! number is never reassigned nor reused.

use std::fmt;

use time::Date;

use crate::keyword::keyword_enum;

keyword_enum! {
    /// Where a contact stands as a member of the cooperative.
    pub enum MembershipStatus("membership status") {
        /// Never applied, or only a contact (a representative, a prospect).
        None => "none",
        /// Has a validated request and waits for the payment.
        Candidate => "candidate",
        /// Holds shares: a member.
        Cooperator => "cooperator",
        /// Has left; kept in the register with their number.
        Former => "former",
    }
}

keyword_enum! {
    /// What can be asked of a membership.
    pub enum MembershipAction("membership action") {
        BecomeCandidate => "become_candidate",
        Admit => "admit",
        Leave => "leave",
    }
}

impl MembershipAction {
    /// The action in words, for error messages.
    fn describe(self) -> &'static str {
        match self {
            MembershipAction::BecomeCandidate => "make a candidate of",
            MembershipAction::Admit => "admit",
            MembershipAction::Leave => "record the leaving of",
        }
    }
}

/// A member number, 1 or more. Assigned once and never reused.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct MemberNumber(u32);

impl MemberNumber {
    pub fn new(number: u32) -> Result<Self, MembershipError> {
        if number == 0 {
            Err(MembershipError::InvalidMemberNumber)
        } else {
            Ok(Self(number))
        }
    }

    pub fn parse(input: &str) -> Result<Self, MembershipError> {
        let number = input
            .trim()
            .parse::<u32>()
            .map_err(|_| MembershipError::InvalidMemberNumber)?;
        Self::new(number)
    }

    pub const fn get(self) -> u32 {
        self.0
    }

    /// The number after this one, for a gapless sequence.
    pub fn next(self) -> Option<Self> {
        self.0.checked_add(1).map(Self)
    }
}

impl fmt::Display for MemberNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for MemberNumber {
    type Err = MembershipError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<u32> for MemberNumber {
    type Error = MembershipError;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<MemberNumber> for u32 {
    fn from(number: MemberNumber) -> Self {
        number.0
    }
}

/// A forbidden membership transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a contact whose membership is {from}", action.describe())]
pub struct TransitionError {
    pub from: MembershipStatus,
    pub action: MembershipAction,
}

/// Why a membership or member number is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MembershipError {
    #[error("a member number must be a whole number of 1 or more")]
    InvalidMemberNumber,
    #[error("this member already has number {0}, which is never changed")]
    NumberAlreadyAssigned(MemberNumber),
    #[error("only a cooperator is given a member number")]
    NumberForNonCooperator,
    #[error("a membership with status {status} {problem}")]
    Inconsistent {
        status: MembershipStatus,
        problem: &'static str,
    },
}

/// What the caller must do after a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipEffect {
    /// First admission: allocate the next member number and call
    /// [`Membership::with_member_number`] in the same transaction.
    AssignMemberNumber,
}

/// The new membership and what must happen because of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipTransition {
    pub membership: Membership,
    pub effects: Vec<MembershipEffect>,
}

/// The membership of one contact.
///
/// `since` is the date the current status took effect, when the status has one: the
/// admission date for a cooperator, the leaving date for a former member. A candidate keeps
/// no date (the request records when it was validated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    status: MembershipStatus,
    member_number: Option<MemberNumber>,
    since: Option<Date>,
}

impl Membership {
    /// The membership of a new contact.
    pub const fn none() -> Self {
        Self {
            status: MembershipStatus::None,
            member_number: None,
            since: None,
        }
    }

    /// Rebuilds a membership read from storage, refusing combinations no transition produces:
    /// a member number without ever being admitted, a cooperator or former member without a
    /// number or date.
    pub fn restore(
        status: MembershipStatus,
        member_number: Option<MemberNumber>,
        since: Option<Date>,
    ) -> Result<Self, MembershipError> {
        let problem = match status {
            MembershipStatus::None if member_number.is_some() => {
                Some("cannot have a member number")
            }
            MembershipStatus::None | MembershipStatus::Candidate if since.is_some() => {
                Some("has no start date")
            }
            MembershipStatus::Cooperator | MembershipStatus::Former if member_number.is_none() => {
                Some("must have a member number")
            }
            MembershipStatus::Cooperator | MembershipStatus::Former if since.is_none() => {
                Some("must have a start date")
            }
            _ => None,
        };
        match problem {
            Some(problem) => Err(MembershipError::Inconsistent { status, problem }),
            None => Ok(Self {
                status,
                member_number,
                since,
            }),
        }
    }

    pub const fn status(&self) -> MembershipStatus {
        self.status
    }

    pub const fn member_number(&self) -> Option<MemberNumber> {
        self.member_number
    }

    pub const fn since(&self) -> Option<Date> {
        self.since
    }

    fn forbidden(&self, action: MembershipAction) -> TransitionError {
        TransitionError {
            from: self.status,
            action,
        }
    }

    fn unchanged(self) -> MembershipTransition {
        MembershipTransition {
            membership: self,
            effects: Vec::new(),
        }
    }

    /// A request of this contact was validated. Allowed from every status: none and former
    /// become candidate; a candidate stays one (a second request); a cooperator stays a
    /// cooperator (additional shares).
    pub fn become_candidate(self) -> Result<MembershipTransition, TransitionError> {
        match self.status {
            MembershipStatus::None | MembershipStatus::Former => Ok(MembershipTransition {
                membership: Self {
                    status: MembershipStatus::Candidate,
                    since: None,
                    ..self
                },
                effects: Vec::new(),
            }),
            MembershipStatus::Candidate | MembershipStatus::Cooperator => Ok(self.unchanged()),
        }
    }

    /// The candidate's last open request was cancelled on `on`: they are no longer a
    /// candidate. A former member who had come back is former again (dated `on`, since the
    /// candidacy replaced their leaving date); anyone else goes back to none. Any other status
    /// is left as it is (a cooperator keeps their membership).
    pub fn withdraw_candidacy(self, on: Date) -> MembershipTransition {
        match self.status {
            MembershipStatus::Candidate => MembershipTransition {
                membership: if self.member_number.is_some() {
                    Self {
                        status: MembershipStatus::Former,
                        since: Some(on),
                        ..self
                    }
                } else {
                    Self {
                        status: MembershipStatus::None,
                        since: None,
                        ..self
                    }
                },
                effects: Vec::new(),
            },
            _ => self.unchanged(),
        }
    }

    /// The shares are paid: a candidate becomes a cooperator on `effective` (the payment
    /// date). A first admission asks for a member number; a former member coming back keeps
    /// theirs. A cooperator buying more shares stays as they are.
    pub fn admit(self, effective: Date) -> Result<MembershipTransition, TransitionError> {
        match self.status {
            MembershipStatus::Candidate => Ok(MembershipTransition {
                membership: Self {
                    status: MembershipStatus::Cooperator,
                    since: Some(effective),
                    ..self
                },
                effects: if self.member_number.is_none() {
                    vec![MembershipEffect::AssignMemberNumber]
                } else {
                    Vec::new()
                },
            }),
            MembershipStatus::Cooperator => Ok(self.unchanged()),
            MembershipStatus::None | MembershipStatus::Former => {
                Err(self.forbidden(MembershipAction::Admit))
            }
        }
    }

    /// The member leaves (resignation, exclusion, death) on `on`. The number stays theirs.
    pub fn leave(self, on: Date) -> Result<MembershipTransition, TransitionError> {
        match self.status {
            MembershipStatus::Cooperator => Ok(MembershipTransition {
                membership: Self {
                    status: MembershipStatus::Former,
                    since: Some(on),
                    ..self
                },
                effects: Vec::new(),
            }),
            MembershipStatus::None | MembershipStatus::Candidate | MembershipStatus::Former => {
                Err(self.forbidden(MembershipAction::Leave))
            }
        }
    }

    /// Records the number allocated after [`MembershipEffect::AssignMemberNumber`]. Refused
    /// if the member already has one: numbers are never reassigned.
    pub fn with_member_number(self, number: MemberNumber) -> Result<Self, MembershipError> {
        if let Some(existing) = self.member_number {
            return Err(MembershipError::NumberAlreadyAssigned(existing));
        }
        if self.status != MembershipStatus::Cooperator {
            return Err(MembershipError::NumberForNonCooperator);
        }
        Ok(Self {
            member_number: Some(number),
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_withdrawn_candidacy_goes_back_to_none_or_former() {
        let day = time::macros::date!(2026 - 05 - 04);
        let candidate = Membership::none().become_candidate().unwrap().membership;
        let back = candidate.withdraw_candidacy(day).membership;
        assert_eq!(back, Membership::none());

        let number = MemberNumber::new(7).unwrap();
        let former =
            Membership::restore(MembershipStatus::Former, Some(number), Some(day)).unwrap();
        let again = former.become_candidate().unwrap().membership;
        let withdrawn = again.withdraw_candidacy(day).membership;
        assert_eq!(withdrawn.status(), MembershipStatus::Former);
        assert_eq!(withdrawn.member_number(), Some(number));
        assert!(
            Membership::restore(
                withdrawn.status(),
                withdrawn.member_number(),
                withdrawn.since()
            )
            .is_ok()
        );

        let cooperator =
            Membership::restore(MembershipStatus::Cooperator, Some(number), Some(day)).unwrap();
        assert_eq!(cooperator.withdraw_candidacy(day).membership, cooperator);
    }
    use time::macros::date;

    const ADMITTED: Date = date!(2026 - 02 - 01);
    const LEFT: Date = date!(2027 - 06 - 30);

    fn number(n: u32) -> MemberNumber {
        MemberNumber::new(n).unwrap()
    }

    fn membership(status: MembershipStatus, member: Option<u32>) -> Membership {
        let since = match status {
            MembershipStatus::Cooperator => Some(ADMITTED),
            MembershipStatus::Former => Some(LEFT),
            _ => None,
        };
        Membership::restore(status, member.map(number), since).unwrap()
    }

    /// Every status with a typical member number for it.
    fn every_membership() -> Vec<Membership> {
        vec![
            membership(MembershipStatus::None, None),
            membership(MembershipStatus::Candidate, None),
            membership(MembershipStatus::Cooperator, Some(7)),
            membership(MembershipStatus::Former, Some(7)),
        ]
    }

    fn apply(
        membership: Membership,
        action: MembershipAction,
    ) -> Result<MembershipTransition, TransitionError> {
        match action {
            MembershipAction::BecomeCandidate => membership.become_candidate(),
            MembershipAction::Admit => membership.admit(ADMITTED),
            MembershipAction::Leave => membership.leave(LEFT),
        }
    }

    #[test]
    fn the_allowed_transitions_are_exactly_the_documented_ones() {
        use MembershipAction as A;
        use MembershipStatus as S;
        let mut expected = vec![
            (S::None, A::BecomeCandidate, S::Candidate),
            (S::Candidate, A::BecomeCandidate, S::Candidate),
            (S::Cooperator, A::BecomeCandidate, S::Cooperator),
            (S::Former, A::BecomeCandidate, S::Candidate),
            (S::Candidate, A::Admit, S::Cooperator),
            (S::Cooperator, A::Admit, S::Cooperator),
            (S::Cooperator, A::Leave, S::Former),
        ];
        let mut allowed = Vec::new();
        for membership in every_membership() {
            for action in MembershipAction::ALL {
                match apply(membership, *action) {
                    Ok(transition) => {
                        allowed.push((membership.status(), *action, transition.membership.status()))
                    }
                    Err(error) => {
                        assert_eq!(error.from, membership.status());
                        assert_eq!(error.action, *action);
                    }
                }
            }
        }
        allowed.sort();
        expected.sort();
        assert_eq!(allowed, expected);
        assert_eq!(every_membership().len(), MembershipStatus::ALL.len());
    }

    #[test]
    fn a_new_contact_becomes_a_candidate() {
        let transition = Membership::none().become_candidate().unwrap();
        assert_eq!(transition.membership.status(), MembershipStatus::Candidate);
        assert_eq!(transition.membership.member_number(), None);
        assert!(transition.effects.is_empty());
    }

    #[test]
    fn a_candidate_becoming_candidate_again_changes_nothing() {
        let candidate = membership(MembershipStatus::Candidate, None);
        let transition = candidate.become_candidate().unwrap();
        assert_eq!(transition.membership, candidate);
        assert!(transition.effects.is_empty());
    }

    #[test]
    fn a_cooperator_subscribing_more_shares_stays_a_cooperator() {
        let cooperator = membership(MembershipStatus::Cooperator, Some(7));
        let candidate_step = cooperator.become_candidate().unwrap();
        assert_eq!(candidate_step.membership, cooperator);
        let admit_step = cooperator.admit(date!(2028 - 01 - 01)).unwrap();
        assert_eq!(admit_step.membership, cooperator);
        assert_eq!(admit_step.membership.since(), Some(ADMITTED));
        assert!(admit_step.effects.is_empty());
    }

    #[test]
    fn a_former_member_becomes_a_candidate_and_keeps_the_number() {
        let transition = membership(MembershipStatus::Former, Some(7))
            .become_candidate()
            .unwrap();
        assert_eq!(transition.membership.status(), MembershipStatus::Candidate);
        assert_eq!(transition.membership.member_number(), Some(number(7)));
        assert_eq!(transition.membership.since(), None);
    }

    #[test]
    fn a_first_admission_asks_for_a_member_number() {
        let transition = membership(MembershipStatus::Candidate, None)
            .admit(ADMITTED)
            .unwrap();
        assert_eq!(transition.membership.status(), MembershipStatus::Cooperator);
        assert_eq!(transition.membership.since(), Some(ADMITTED));
        assert_eq!(transition.effects, [MembershipEffect::AssignMemberNumber]);
        let numbered = transition
            .membership
            .with_member_number(number(12))
            .unwrap();
        assert_eq!(numbered.member_number(), Some(number(12)));
    }

    #[test]
    fn a_former_member_coming_back_keeps_their_number() {
        let candidate = membership(MembershipStatus::Former, Some(7))
            .become_candidate()
            .unwrap()
            .membership;
        let transition = candidate.admit(date!(2029 - 01 - 05)).unwrap();
        assert_eq!(transition.membership.status(), MembershipStatus::Cooperator);
        assert_eq!(transition.membership.member_number(), Some(number(7)));
        assert_eq!(transition.membership.since(), Some(date!(2029 - 01 - 05)));
        assert!(transition.effects.is_empty());
    }

    #[test]
    fn a_cooperator_leaves_and_keeps_the_number() {
        let transition = membership(MembershipStatus::Cooperator, Some(7))
            .leave(LEFT)
            .unwrap();
        assert_eq!(transition.membership.status(), MembershipStatus::Former);
        assert_eq!(transition.membership.member_number(), Some(number(7)));
        assert_eq!(transition.membership.since(), Some(LEFT));
    }

    #[test]
    fn admitting_a_contact_who_never_applied_is_refused() {
        let error = Membership::none().admit(ADMITTED).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot admit a contact whose membership is none"
        );
    }

    #[test]
    fn admitting_a_former_member_without_a_new_request_is_refused() {
        let error = membership(MembershipStatus::Former, Some(7))
            .admit(ADMITTED)
            .unwrap_err();
        assert_eq!(
            error,
            TransitionError {
                from: MembershipStatus::Former,
                action: MembershipAction::Admit
            }
        );
    }

    #[test]
    fn a_candidate_cannot_leave() {
        let error = membership(MembershipStatus::Candidate, None)
            .leave(LEFT)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot record the leaving of a contact whose membership is candidate"
        );
    }

    #[test]
    fn a_member_number_is_never_reassigned() {
        let cooperator = membership(MembershipStatus::Cooperator, Some(7));
        assert_eq!(
            cooperator.with_member_number(number(8)),
            Err(MembershipError::NumberAlreadyAssigned(number(7)))
        );
    }

    #[test]
    fn only_cooperators_get_a_member_number() {
        assert_eq!(
            membership(MembershipStatus::Candidate, None).with_member_number(number(1)),
            Err(MembershipError::NumberForNonCooperator)
        );
    }

    #[test]
    fn member_numbers_start_at_1() {
        assert_eq!(
            MemberNumber::new(0),
            Err(MembershipError::InvalidMemberNumber)
        );
        assert_eq!(MemberNumber::parse(" 42 "), Ok(number(42)));
        assert!(MemberNumber::parse("-1").is_err());
        assert_eq!(number(41).next(), Some(number(42)));
        assert_eq!(number(u32::MAX).next(), None);
    }

    #[test]
    fn restoring_refuses_impossible_combinations() {
        for (status, member_number, since) in [
            (MembershipStatus::None, Some(number(1)), None),
            (MembershipStatus::Candidate, None, Some(ADMITTED)),
            (MembershipStatus::Cooperator, None, Some(ADMITTED)),
            (MembershipStatus::Cooperator, Some(number(1)), None),
            (MembershipStatus::Former, None, Some(LEFT)),
        ] {
            assert!(
                Membership::restore(status, member_number, since).is_err(),
                "{status} {member_number:?} {since:?}"
            );
        }
        assert!(Membership::restore(MembershipStatus::Candidate, Some(number(3)), None).is_ok());
    }

    #[test]
    fn statuses_round_trip_through_their_keywords() {
        assert_eq!(
            MembershipStatus::ALL
                .iter()
                .map(|status| status.as_str())
                .collect::<Vec<_>>(),
            ["none", "candidate", "cooperator", "former"]
        );
        assert_eq!("cooperator".parse(), Ok(MembershipStatus::Cooperator));
    }
}

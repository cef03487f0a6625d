//! Step 3 of the workflow: money received on a capital call, and admission.
//!
//! [`apply_payment_in`] is the one place a payment is recorded, whether a manager registers it
//! by hand ([`register_payment`]) or a statement line is reconciled (see `statements`): it
//! books the payment (bank against the member's receivable), records it with any excess
//! flagged, and, when the call is paid in full, marks the call and its request paid and
//! admits the holder: a first admission takes the next member number (gapless, never
//! reused), the effective date is the value date of the payment that completed the call, and
//! the register records the issue of the shares. A cooperator buying more shares keeps their
//! number; their holdings grow.
//!
//! [`undo_payment`] posts a reversing entry. It is refused once the payment's call is paid:
//! the admission and the register movement it caused stand, and correcting them is a register
//! operation, not an undo.

use coopshares_domain::capital_call::{self, CapitalCallEffect, CapitalCallState};
use coopshares_domain::ids::{CapitalCallId, ContactId, PaymentId, StatementLineId};
use coopshares_domain::ledger::{EntryLine, JournalCode, JournalEntry};
use coopshares_domain::membership::{MemberNumber, MembershipEffect};
use coopshares_domain::money::Money;
use coopshares_domain::reconciliation::LineState;
use coopshares_domain::register::RegisterMovement;
use serde_json::json;
use time::Date;

use crate::audit;
use crate::capital::{Services, membership_of, save_membership};
use crate::certificates;
use crate::clock::Clock;
use crate::error::{AppError, FieldError};
use crate::intake::request_status;
use crate::ports::{
    Actor, CapitalCallRecord, EntryKind, NewJournalEntry, NewPayment, NewRegisterMovement,
    PaymentRecord, Sequence, Store, StoreError, StoreTx,
};
use crate::settings::{self, CooperativeSettings};

/// What happened to the call and its holder because of one payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedPayment {
    pub payment: PaymentId,
    pub call: CapitalCallId,
    pub amount: Money,
    /// What the call still awaits after this payment (zero once paid).
    pub amount_due: Money,
    /// Paid beyond the call's amount, flagged for a manager.
    pub excess: Money,
    pub call_state: CapitalCallState,
    /// The member number given by this payment (a first admission only).
    pub member_number: Option<u32>,
    /// Who owes the call.
    pub holder: ContactId,
    /// Whether the payment paid the call, so the holder's shares were entered in the register
    /// (a certificate is due).
    pub holdings_changed: bool,
}

fn call_not_open(call: &CapitalCallRecord) -> AppError {
    AppError::Conflict {
        code: "capital_call_not_open",
        detail: format!(
            "capital release request {} is {}: it takes no more payments",
            call.call.number,
            call.state.as_str()
        ),
    }
}

/// Records a payment of `amount` (positive, in the call's currency) received on `value_date`
/// on an open call, inside the caller's transaction. See the module documentation.
#[expect(
    clippy::too_many_arguments,
    reason = "the facts of one payment, passed on from two use cases"
)]
pub(crate) async fn apply_payment_in(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    actor: &Actor,
    settings: &CooperativeSettings,
    call: &CapitalCallRecord,
    amount: Money,
    value_date: Date,
    line: Option<StatementLineId>,
    note: Option<String>,
) -> Result<AppliedPayment, AppError> {
    if call.state != CapitalCallState::Open {
        return Err(call_not_open(call));
    }
    if amount.currency() != call.call.amount.currency() || !amount.is_positive() {
        return Err(AppError::invariant(format!(
            "payment of {amount} {} on call {} in {}",
            amount.currency().code(),
            call.id,
            call.call.amount.currency().code()
        )));
    }
    let paid_after = call
        .amount_paid
        .checked_add(amount)
        .map_err(AppError::unexpected)?;
    let (next_state, effects) =
        capital_call::record_payment(call.state, call.call.amount, paid_after)
            .map_err(AppError::unexpected)?;
    let settled =
        capital_call::settlement(call.call.amount, paid_after).map_err(AppError::unexpected)?;
    let now = clock.now();
    // The version moves with every payment, so two payments on one call at the same moment
    // cannot both see it unpaid.
    match tx
        .update_capital_call_state(call.id, call.version, next_state, None, now)
        .await
    {
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::Conflict {
                code: "capital_call_changed",
                detail: format!(
                    "capital release request {} was changed meanwhile; try again",
                    call.call.number
                ),
            });
        }
        other => other?,
    };

    let chart = settings.chart();
    let label = format!("Payment on capital release request {}", call.call.number);
    let entry = JournalEntry::new(
        value_date,
        JournalCode::bank(),
        vec![
            EntryLine::debit(chart.bank, amount, label.clone()),
            EntryLine::credit(chart.member_receivable, amount, label),
        ],
    )
    .map_err(AppError::unexpected)?;
    let entry = tx
        .post_journal_entry(&NewJournalEntry {
            entry,
            kind: EntryKind::Payment,
            capital_call: Some(call.id),
            contact: Some(call.call.contact),
            reverses: None,
            created_at: now,
        })
        .await?;
    let excess = effects
        .iter()
        .find_map(|effect| match effect {
            CapitalCallEffect::FlagOverpayment(excess) => Some(*excess),
            _ => None,
        })
        .unwrap_or(Money::zero(amount.currency()));
    let payment = tx
        .insert_payment(&NewPayment {
            capital_call: call.id,
            line,
            amount,
            value_date,
            note,
            entry,
            excess,
            recorded_by: actor.to_storage(),
            recorded_at: now,
        })
        .await?;
    tx.append_audit(&audit::entry(
        now,
        actor,
        "payment_recorded",
        "capital_call",
        call.id,
        json!({
            "payment": payment.get(),
            "amount": amount.to_string(),
            "value_date": value_date.to_string(),
            "statement_line": line.map(|l| l.get()),
            "excess": excess.to_string(),
        }),
    ))
    .await?;

    let mut member_number = None;
    let holdings_changed = effects.contains(&CapitalCallEffect::MarkRequestPaid);
    if holdings_changed {
        member_number = admit(tx, clock, actor, call, value_date).await?;
    }
    Ok(AppliedPayment {
        payment,
        call: call.id,
        amount,
        amount_due: settled.amount_due,
        excess,
        call_state: next_state,
        member_number,
        holder: call.call.contact,
        holdings_changed,
    })
}

/// The call is paid in full on `effective`: its request is paid, the holder is admitted (a
/// first admission takes the next member number) and the register records the shares issued.
async fn admit(
    tx: &mut dyn StoreTx,
    clock: &dyn Clock,
    actor: &Actor,
    call: &CapitalCallRecord,
    effective: Date,
) -> Result<Option<u32>, AppError> {
    let now = clock.now();
    let request = tx
        .get_request(call.call.request)
        .await?
        .ok_or_else(|| AppError::invariant(format!("call {} has no request", call.id)))?;
    let (paid, _) = request_status(&request)?
        .mark_paid()
        .map_err(|e| AppError::Conflict {
            code: "invalid_transition",
            detail: e.to_string(),
        })?;
    tx.update_request_state(request.id, request.version, paid.state(), None, None, now)
        .await?;

    let contact = tx
        .get_contact(call.call.contact)
        .await?
        .ok_or(AppError::NotFound { what: "contact" })?;
    let transition = membership_of(&contact)?
        .admit(effective)
        .map_err(|e| AppError::Conflict {
            code: "invalid_transition",
            detail: e.to_string(),
        })?;
    let mut membership = transition.membership;
    let mut assigned = None;
    if transition
        .effects
        .contains(&MembershipEffect::AssignMemberNumber)
    {
        let number = tx.next_number(Sequence::MemberNumber, 0).await?;
        membership = membership
            .with_member_number(MemberNumber::new(number).map_err(AppError::unexpected)?)
            .map_err(AppError::unexpected)?;
        assigned = Some(number);
    }
    save_membership(tx, clock, actor, &contact, membership).await?;

    let share_type = tx
        .get_share_type(call.call.share_type)
        .await?
        .ok_or(AppError::NotFound { what: "share type" })?;
    let movement = RegisterMovement::issue(
        effective,
        call.call.share_type,
        call.call.quantity,
        share_type.share_type.nominal_value(),
        call.call.contact,
    )
    .map_err(AppError::unexpected)?;
    let movement_id = tx
        .append_register_movement(&NewRegisterMovement {
            movement,
            capital_call: Some(call.id),
            recorded_at: now,
        })
        .await?;
    tx.append_audit(&audit::entry(
        now,
        actor,
        "member_admitted",
        "contact",
        contact.id,
        json!({
            "capital_call": call.id.get(),
            "request": request.id.get(),
            "member_number": membership.member_number().map(MemberNumber::get),
            "effective": effective.to_string(),
            "register_movement": movement_id.get(),
            "shares": call.call.quantity.get(),
        }),
    ))
    .await?;
    Ok(assigned)
}

/// A payment typed in by a manager.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct PaymentInput {
    pub amount: String,
    /// `YYYY-MM-DD`: the date the money was received.
    pub date: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// A date typed as `YYYY-MM-DD` that is not later than `today` (money received, a movement on
/// the account).
pub(crate) fn past_date(field: &str, text: &str, today: Date) -> Result<Date, FieldError> {
    let date = crate::format::parse_date(field, text)?;
    if date > today {
        return Err(FieldError::new(
            field,
            "date_in_future",
            "the date cannot be later than today",
        ));
    }
    Ok(date)
}

/// Registers a payment by hand on an open call (accounting kept elsewhere), in one
/// transaction.
pub async fn register_payment(
    store: &dyn Store,
    services: Services<'_>,
    actor: &Actor,
    id: CapitalCallId,
    input: &PaymentInput,
) -> Result<AppliedPayment, AppError> {
    let clock = services.clock;
    let mut tx = store.begin().await?;
    let settings = settings::load_in(tx.as_mut()).await?.value;
    let call = tx.get_capital_call(id).await?.ok_or(AppError::NotFound {
        what: "capital release request",
    })?;
    let mut errors = Vec::new();
    let amount = match Money::parse(&input.amount, call.call.amount.currency()) {
        Ok(amount) if amount.is_positive() => Some(amount),
        Ok(_) => {
            errors.push(FieldError::new(
                "amount",
                "amount_not_positive",
                "the amount received must be more than zero",
            ));
            None
        }
        Err(error) => {
            errors.push(FieldError::new(
                "amount",
                "invalid_amount",
                error.to_string(),
            ));
            None
        }
    };
    let date = past_date("date", &input.date, clock.today())
        .map_err(|error| errors.push(error))
        .ok();
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|note| !note.is_empty())
        .map(str::to_owned);
    if note.as_ref().is_some_and(|note| note.chars().count() > 500) {
        errors.push(FieldError::new(
            "note",
            "too_long",
            "the note is limited to 500 characters",
        ));
    }
    let (Some(amount), Some(date), true) = (amount, date, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let applied = apply_payment_in(
        tx.as_mut(),
        clock,
        actor,
        &settings,
        &call,
        amount,
        date,
        None,
        note,
    )
    .await?;
    if applied.holdings_changed {
        certificates::issue_in(
            tx.as_mut(),
            services,
            actor,
            &settings,
            applied.holder,
            clock.today(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(applied)
}

/// Whether a payment can be undone: it is active and its call still open (once paid, the
/// admission it caused stands).
pub fn can_undo(payment: &PaymentRecord, call: &CapitalCallRecord) -> bool {
    payment.is_active() && call.state == CapitalCallState::Open
}

/// One payment.
pub async fn get(store: &dyn Store, id: PaymentId) -> Result<PaymentRecord, AppError> {
    let mut tx = store.begin_read().await?;
    tx.get_payment(id)
        .await?
        .ok_or(AppError::NotFound { what: "payment" })
}

/// The active payments whose excess is more than zero, each with its call, oldest first.
pub async fn overpayments(
    store: &dyn Store,
) -> Result<Vec<(PaymentRecord, CapitalCallRecord)>, AppError> {
    let mut tx = store.begin_read().await?;
    let mut flagged = Vec::new();
    for payment in tx.overpayments().await? {
        let call = tx
            .get_capital_call(payment.payment.capital_call)
            .await?
            .ok_or_else(|| AppError::invariant(format!("payment {} has no call", payment.id)))?;
        flagged.push((payment, call));
    }
    Ok(flagged)
}

/// Undoes a payment on a call that is still open: a reversing entry is posted, the payment is
/// marked undone, and its statement line (if it has no other payment left) is unmatched again.
pub async fn undo_payment(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: PaymentId,
) -> Result<PaymentRecord, AppError> {
    let mut tx = store.begin().await?;
    let payment = tx
        .get_payment(id)
        .await?
        .ok_or(AppError::NotFound { what: "payment" })?;
    if !payment.is_active() {
        return Err(AppError::Conflict {
            code: "payment_already_undone",
            detail: format!("payment {id} was already undone"),
        });
    }
    let call = tx
        .get_capital_call(payment.payment.capital_call)
        .await?
        .ok_or_else(|| AppError::invariant(format!("payment {id} has no call")))?;
    if !can_undo(&payment, &call) {
        return Err(AppError::Conflict {
            code: "payment_admitted",
            detail: format!(
                "capital release request {} is {}: the admission and the shares issued stand; \
                 correct them in the register instead",
                call.call.number,
                call.state.as_str()
            ),
        });
    }
    let now = clock.now();
    // Bump the call's version so a payment being applied at the same moment conflicts.
    tx.update_capital_call_state(call.id, call.version, call.state, None, now)
        .await?;
    let entries = tx.journal_entries_of_capital_call(call.id).await?;
    let original = entries
        .iter()
        .find(|entry| entry.id == payment.payment.entry)
        .ok_or_else(|| AppError::invariant(format!("payment {id} has no entry")))?;
    let reversal = tx
        .post_journal_entry(&NewJournalEntry {
            entry: original.posted.entry.reversal(clock.today()),
            kind: EntryKind::PaymentReversal,
            capital_call: Some(call.id),
            contact: Some(call.call.contact),
            reverses: Some(original.id),
            created_at: now,
        })
        .await?;
    tx.mark_payment_undone(id, reversal, now).await?;
    if let Some(line_id) = payment.payment.line {
        let still_active = tx
            .payments_of_statement_line(line_id)
            .await?
            .iter()
            .any(|other| other.id != id && other.is_active());
        if !still_active {
            let line = tx
                .get_statement_line(line_id)
                .await?
                .ok_or_else(|| AppError::invariant(format!("payment {id} has no line")))?;
            tx.set_statement_line_state(line_id, line.version, LineState::Unmatched, None)
                .await?;
        }
    }
    tx.append_audit(&audit::entry(
        now,
        actor,
        "payment_undone",
        "capital_call",
        call.id,
        json!({ "payment": id.get(), "reversal_entry": reversal.get() }),
    ))
    .await?;
    let undone = tx
        .get_payment(id)
        .await?
        .ok_or_else(|| AppError::invariant(format!("payment {id} vanished")))?;
    tx.commit().await?;
    Ok(undone)
}

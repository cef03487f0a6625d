//! Step 3 of the workflow: money received on a capital call, and admission.
//!
//! [`PaymentBatch`] is the one place payments are recorded, whether a manager registers one by
//! hand ([`register_payment`], through [`apply_payment_in`], a batch of one), matches a line,
//! or a statement import reconciles thousands (see `statements`): it books each payment (bank
//! against the member's receivable), records it with any excess flagged, and, when the call is
//! paid in full, marks the call and its request paid and admits the holder: a first admission
//! takes the next member number (gapless, never reused), the effective date is the value date
//! of the payment that completed the call, and the register records the issue of the shares.
//! A cooperator buying more shares keeps their number; their holdings grow.
//!
//! [`undo_payment`] posts a reversing entry. It is refused once the payment's call is paid:
//! the admission and the register movement it caused stand, and correcting them is a register
//! operation, not an undo.

use std::collections::HashMap;

use coopshares_domain::capital_call::{self, CapitalCallEffect, CapitalCallState};
use coopshares_domain::ids::{
    CapitalCallId, ContactId, PaymentId, ShareTypeId, StatementLineId, SubscriptionRequestId,
};
use coopshares_domain::ledger::{EntryLine, JournalCode, JournalEntry};
use coopshares_domain::membership::{MemberNumber, Membership, MembershipEffect};
use coopshares_domain::money::Money;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::reconciliation::LineState;
use coopshares_domain::register::RegisterMovement;
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::audit;
use crate::capital::{Services, membership_of};
use crate::certificates;
use crate::clock::Clock;
use crate::error::{AppError, FieldError};
use crate::intake::request_status;
use crate::ports::{
    Actor, CapitalCallRecord, ContactRecord, EntryKind, MembershipChange, NewJournalEntry,
    NewPayment, NewRegisterMovement, PaymentRecord, RequestRecord, Sequence, StateChange, Store,
    StoreError, StoreTx,
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
/// on an open call, inside the caller's transaction: a [`PaymentBatch`] of one. See the module
/// documentation.
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
    let mut call = call.clone();
    let mut batch = PaymentBatch::new(actor, clock.now());
    batch.add(&mut call, amount, value_date, line, note)?;
    batch
        .write(tx, settings)
        .await?
        .pop()
        .ok_or_else(|| AppError::invariant("a payment applied vanished"))
}

/// A payment worked out by [`PaymentBatch::add`], to be written.
struct PlannedPayment {
    call: CapitalCallId,
    number: String,
    holder: ContactId,
    request: SubscriptionRequestId,
    share_type: ShareTypeId,
    quantity: ShareQuantity,
    amount: Money,
    value_date: Date,
    line: Option<StatementLineId>,
    note: Option<String>,
    excess: Money,
    amount_due: Money,
    call_state: CapitalCallState,
    /// The payment completed the call: its request is paid and its holder admitted.
    completes: bool,
}

/// Payments recorded together, in the order added, with a fixed number of round trips to the
/// database whatever their number (at most
/// [`ROWS_PER_BATCH`](crate::ports::ROWS_PER_BATCH)): a statement import of 100,000
/// lines would otherwise make a dozen round trips per line.
///
/// [`PaymentBatch::add`] works a payment out in memory and updates the caller's copy of the
/// call (amount paid, state, version), so that a later line paying the same call sees it as it
/// will be; [`PaymentBatch::write`] then writes everything, admits the holders of the calls
/// paid in full in the order of the payments (member numbers follow that order), and checks
/// every call, request and contact is still at the version read, or fails with a conflict.
pub(crate) struct PaymentBatch<'a> {
    actor: &'a Actor,
    now: OffsetDateTime,
    payments: Vec<PlannedPayment>,
    /// Each call changed: the version it was read at, and its state after the batch.
    calls: Vec<StateChange<CapitalCallId, CapitalCallState>>,
    call_index: HashMap<CapitalCallId, usize>,
}

impl<'a> PaymentBatch<'a> {
    pub(crate) fn new(actor: &'a Actor, now: OffsetDateTime) -> Self {
        Self {
            actor,
            now,
            payments: Vec::new(),
            calls: Vec::new(),
            call_index: HashMap::new(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.payments.len()
    }

    /// Works out a payment on `call` and updates `call` to what it will be once written.
    /// Refused (nothing added) if the call is not open or the amount is not a positive sum in
    /// its currency.
    pub(crate) fn add(
        &mut self,
        call: &mut CapitalCallRecord,
        amount: Money,
        value_date: Date,
        line: Option<StatementLineId>,
        note: Option<String>,
    ) -> Result<(), AppError> {
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
        let excess = effects
            .iter()
            .find_map(|effect| match effect {
                CapitalCallEffect::FlagOverpayment(excess) => Some(*excess),
                _ => None,
            })
            .unwrap_or(Money::zero(amount.currency()));
        // The version moves once per batch, so two payments on one call at the same moment
        // cannot both see it unpaid.
        match self.call_index.get(&call.id) {
            Some(&index) => self.calls[index].state = next_state,
            None => {
                self.call_index.insert(call.id, self.calls.len());
                self.calls.push(StateChange {
                    id: call.id,
                    expected_version: call.version,
                    state: next_state,
                });
                call.version += 1;
            }
        }
        call.amount_paid = paid_after;
        call.state = next_state;
        call.updated_at = self.now;
        self.payments.push(PlannedPayment {
            call: call.id,
            number: call.call.number.to_string(),
            holder: call.call.contact,
            request: call.call.request,
            share_type: call.call.share_type,
            quantity: call.call.quantity,
            amount,
            value_date,
            line,
            note,
            excess,
            amount_due: settled.amount_due,
            call_state: next_state,
            completes: effects.contains(&CapitalCallEffect::MarkRequestPaid),
        });
        Ok(())
    }

    /// Writes the payments added, and the admissions they complete; returns what happened to
    /// each, in the order added.
    pub(crate) async fn write(
        self,
        tx: &mut dyn StoreTx,
        settings: &CooperativeSettings,
    ) -> Result<Vec<AppliedPayment>, AppError> {
        if self.payments.is_empty() {
            return Ok(Vec::new());
        }
        let (actor, now) = (self.actor, self.now);
        match tx.update_capital_call_states(&self.calls, now).await {
            Err(StoreError::Conflict { id, .. }) => {
                let which = self
                    .payments
                    .iter()
                    .find(|payment| payment.call.to_string() == id)
                    .map_or_else(
                        || "a capital release request".to_owned(),
                        |payment| format!("capital release request {}", payment.number),
                    );
                return Err(AppError::Conflict {
                    code: "capital_call_changed",
                    detail: format!("{which} was changed meanwhile; try again"),
                });
            }
            other => other?,
        }
        let chart = settings.chart();
        let mut entries = Vec::with_capacity(self.payments.len());
        for payment in &self.payments {
            let label = format!("Payment on capital release request {}", payment.number);
            let entry = JournalEntry::new(
                payment.value_date,
                JournalCode::bank(),
                vec![
                    EntryLine::debit(chart.bank.clone(), payment.amount, label.clone()),
                    EntryLine::credit(chart.member_receivable.clone(), payment.amount, label),
                ],
            )
            .map_err(AppError::unexpected)?;
            entries.push(NewJournalEntry {
                entry,
                kind: EntryKind::Payment,
                capital_call: Some(payment.call),
                contact: Some(payment.holder),
                reverses: None,
                created_at: now,
            });
        }
        let entry_ids = tx.post_journal_entries(&entries).await?;
        let new_payments: Vec<NewPayment> = self
            .payments
            .iter()
            .zip(&entry_ids)
            .map(|(payment, entry)| NewPayment {
                capital_call: payment.call,
                line: payment.line,
                amount: payment.amount,
                value_date: payment.value_date,
                note: payment.note.clone(),
                entry: *entry,
                excess: payment.excess,
                recorded_by: actor.to_storage(),
                recorded_at: now,
            })
            .collect();
        let payment_ids = tx.insert_payments(&new_payments).await?;
        if payment_ids.len() != self.payments.len() {
            return Err(AppError::invariant(
                "payments stored do not match those given",
            ));
        }
        for (payment, id) in self.payments.iter().zip(&payment_ids) {
            tx.append_audit(&audit::entry(
                now,
                actor,
                "payment_recorded",
                "capital_call",
                payment.call,
                json!({
                    "payment": id.get(),
                    "amount": payment.amount.to_string(),
                    "value_date": payment.value_date.to_string(),
                    "statement_line": payment.line.map(|l| l.get()),
                    "excess": payment.excess.to_string(),
                }),
            ))
            .await?;
        }
        let numbers = admit(tx, actor, now, &self.payments).await?;
        Ok(self
            .payments
            .into_iter()
            .zip(payment_ids)
            .zip(numbers)
            .map(|((payment, id), member_number)| AppliedPayment {
                payment: id,
                call: payment.call,
                amount: payment.amount,
                amount_due: payment.amount_due,
                excess: payment.excess,
                call_state: payment.call_state,
                member_number,
                holder: payment.holder,
                holdings_changed: payment.completes,
            })
            .collect())
    }
}

/// A contact as the admissions of one batch leave it.
struct Admitted {
    record: ContactRecord,
    membership: Membership,
    /// The index of the payment that gives the contact their first member number.
    numbered_by: Option<usize>,
}

/// The calls of `payments` that are paid in full on their value date: their requests are
/// paid, their holders admitted (a first admission takes the next member number, in the order
/// of the payments) and the register records the shares issued. Returns, for each payment,
/// the member number it gave.
async fn admit(
    tx: &mut dyn StoreTx,
    actor: &Actor,
    now: OffsetDateTime,
    payments: &[PlannedPayment],
) -> Result<Vec<Option<u32>>, AppError> {
    let mut given = vec![None; payments.len()];
    let completing: Vec<(usize, &PlannedPayment)> = payments
        .iter()
        .enumerate()
        .filter(|(_, payment)| payment.completes)
        .collect();
    if completing.is_empty() {
        return Ok(given);
    }
    let invalid = |e: &dyn std::fmt::Display| AppError::Conflict {
        code: "invalid_transition",
        detail: e.to_string(),
    };

    let request_ids: Vec<SubscriptionRequestId> = completing
        .iter()
        .map(|(_, payment)| payment.request)
        .collect();
    let requests: HashMap<SubscriptionRequestId, RequestRecord> = tx
        .get_requests(&request_ids)
        .await?
        .into_iter()
        .map(|request| (request.id, request))
        .collect();
    let mut request_changes = Vec::with_capacity(completing.len());
    for (_, payment) in &completing {
        let request = requests
            .get(&payment.request)
            .ok_or_else(|| AppError::invariant(format!("call {} has no request", payment.call)))?;
        let (paid, _) = request_status(request)?
            .mark_paid()
            .map_err(|e| invalid(&e))?;
        request_changes.push(StateChange {
            id: request.id,
            expected_version: request.version,
            state: paid.state(),
        });
    }

    let mut holder_ids: Vec<ContactId> = completing
        .iter()
        .map(|(_, payment)| payment.holder)
        .collect();
    holder_ids.sort_unstable();
    holder_ids.dedup();
    let mut holders: HashMap<ContactId, Admitted> = HashMap::new();
    for record in tx.get_contacts(&holder_ids).await? {
        holders.insert(
            record.id,
            Admitted {
                membership: membership_of(&record)?,
                record,
                numbered_by: None,
            },
        );
    }
    let mut to_number = Vec::new();
    for &(index, payment) in &completing {
        let holder = holders
            .get_mut(&payment.holder)
            .ok_or(AppError::NotFound { what: "contact" })?;
        let transition = holder
            .membership
            .admit(payment.value_date)
            .map_err(|e| invalid(&e))?;
        holder.membership = transition.membership;
        if transition
            .effects
            .contains(&MembershipEffect::AssignMemberNumber)
        {
            holder.numbered_by = Some(index);
            to_number.push(payment.holder);
        }
    }
    if let Some(count) = u32::try_from(to_number.len()).ok().filter(|n| *n > 0) {
        let first = tx.next_numbers(Sequence::MemberNumber, 0, count).await?;
        for (number, contact) in (first..).zip(&to_number) {
            let holder = holders
                .get_mut(contact)
                .ok_or_else(|| AppError::invariant("a holder to number vanished"))?;
            holder.membership = holder
                .membership
                .with_member_number(MemberNumber::new(number).map_err(AppError::unexpected)?)
                .map_err(AppError::unexpected)?;
            if let Some(index) = holder.numbered_by {
                given[index] = Some(number);
            }
        }
    }

    let mut share_types = HashMap::new();
    let mut movements = Vec::with_capacity(completing.len());
    for (_, payment) in &completing {
        let nominal = match share_types.get(&payment.share_type) {
            Some(nominal) => *nominal,
            None => {
                let share_type = tx
                    .get_share_type(payment.share_type)
                    .await?
                    .ok_or(AppError::NotFound { what: "share type" })?;
                let nominal = share_type.share_type.nominal_value();
                share_types.insert(payment.share_type, nominal);
                nominal
            }
        };
        movements.push(NewRegisterMovement {
            movement: RegisterMovement::issue(
                payment.value_date,
                payment.share_type,
                payment.quantity,
                nominal,
                payment.holder,
            )
            .map_err(AppError::unexpected)?,
            capital_call: Some(payment.call),
            recorded_at: now,
        });
    }
    let movement_ids = tx.append_register_movements(&movements).await?;

    tx.update_request_states(&request_changes, now).await?;
    let mut membership_changes = Vec::new();
    for contact in &holder_ids {
        let Some(holder) = holders.get(contact) else {
            continue;
        };
        if holder.membership.status() == holder.record.membership {
            continue;
        }
        membership_changes.push(MembershipChange {
            id: holder.record.id,
            expected_version: holder.record.version,
            membership: holder.membership.status(),
            member_number: holder.membership.member_number().map(MemberNumber::get),
            member_since: holder.membership.since(),
        });
        tx.append_audit(&audit::entry(
            now,
            actor,
            "membership_changed",
            "contact",
            holder.record.id,
            json!({
                "from": holder.record.membership.as_str(),
                "to": holder.membership.status().as_str(),
            }),
        ))
        .await?;
    }
    match tx.set_memberships(&membership_changes, now).await {
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::Conflict {
                code: "contact_changed",
                detail: "a member's contact was changed meanwhile; try again".to_owned(),
            });
        }
        other => other?,
    }
    for ((_, payment), movement) in completing.iter().zip(&movement_ids) {
        let number = holders
            .get(&payment.holder)
            .and_then(|holder| holder.membership.member_number())
            .map(MemberNumber::get);
        tx.append_audit(&audit::entry(
            now,
            actor,
            "member_admitted",
            "contact",
            payment.holder,
            json!({
                "capital_call": payment.call.get(),
                "request": payment.request.get(),
                "member_number": number,
                "effective": payment.value_date.to_string(),
                "register_movement": movement.get(),
                "shares": payment.quantity.get(),
            }),
        ))
        .await?;
    }
    Ok(given)
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

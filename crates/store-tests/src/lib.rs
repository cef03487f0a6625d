#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test-support crate: a failed step is a failed test"
)]

//! One conformance suite for every storage adapter.
//!
//! Each check in [`checks`] takes a freshly migrated, empty store and asserts one promise of the
//! port contract (`coopshares_app::ports`). [`conformance_suite!`] turns the list of checks into
//! one `#[tokio::test]` per check for a backend, so `tests/sqlite.rs` and `tests/postgres.rs`
//! run exactly the same checks and a failure names the check and the backend.
//!
//! PostgreSQL checks need `COOPSHARES_TEST_POSTGRES_URL`; each test gets its own schema. Without
//! the variable they are skipped with a message, unless `COOPSHARES_REQUIRE_POSTGRES=1` (set by
//! `.ci/run`), which turns a missing URL into a failure.

pub mod backends;
pub mod camt;
pub mod checks;

/// Runs each named scenario (an async function taking a `TestStore`) on SQLite and, when a
/// server is configured, on PostgreSQL: one test per scenario in a module `sqlite` and one in a
/// module `postgres`. With `multi_thread;` first, on a runtime of several threads, for
/// scenarios whose tasks must really run at the same moment.
#[macro_export]
macro_rules! on_both_backends {
    (multi_thread; $($name:ident),* $(,)?) => {
        $crate::on_both_backends!(@with
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]; $($name),*);
    };
    ($($name:ident),* $(,)?) => {
        $crate::on_both_backends!(@with #[tokio::test]; $($name),*);
    };
    (@with #[$test:meta]; $($name:ident),*) => {
        mod sqlite {
            $(
                #[$test]
                async fn $name() {
                    super::$name($crate::backends::sqlite().await.unwrap()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[$test]
                async fn $name() {
                    if let Some(store) = $crate::backends::postgres().await {
                        super::$name(store).await;
                    }
                }
            )*
        }
    };
}

/// Expands to one test per conformance check, each on a fresh store from `$open`, an async
/// function returning `Option<backends::TestStore>` (`None`: backend not configured, skip).
#[macro_export]
macro_rules! conformance_suite {
    ($open:path) => {
        $crate::conformance_suite!(@each $open;
            migrations_can_run_again_on_an_up_to_date_database,
            the_database_answers_a_ping,
            numbers_start_at_one_and_count_per_sequence_and_scope,
            a_rolled_back_number_is_given_again,
            concurrent_numbering_leaves_no_gap_and_no_duplicate,
            tokens_are_stored_found_by_hash_and_revoked_once,
            revoking_an_unknown_token_is_not_found,
            two_tokens_with_the_same_hash_are_refused,
            settings_start_empty_and_every_save_bumps_the_version,
            a_save_from_a_stale_version_is_a_conflict_and_changes_nothing,
            two_writers_saving_the_same_record_at_once_exactly_one_wins,
            two_first_saves_at_once_exactly_one_wins,
            changes_of_a_transaction_dropped_without_commit_are_gone,
            a_read_only_transaction_refuses_to_write,
            audit_entries_come_back_newest_first,
            an_enqueued_email_comes_back_whole_and_pending,
            two_emails_with_the_same_message_id_are_refused,
            only_due_pending_emails_are_claimed_oldest_first_and_leased,
            two_workers_claiming_at_once_never_take_the_same_email,
            a_sent_email_is_never_claimed_again,
            failures_are_recorded_and_a_failed_email_waits_for_a_manager,
            emails_are_listed_newest_first_and_filtered_by_state,
            an_email_rolled_back_with_its_transaction_is_never_sent,
            template_overrides_are_saved_replaced_and_deleted,
            users_are_found_by_email_and_id_and_emails_are_unique,
            passwords_and_languages_can_be_changed_and_managers_counted,
            a_session_is_found_until_it_expires_and_ends_on_logout,
            ending_a_users_other_sessions_keeps_the_current_one,
            a_one_time_link_works_once_for_its_purpose_until_it_expires,
            two_uses_of_one_link_at_once_exactly_one_wins,
            a_share_type_round_trips_whole_and_its_code_is_unique,
            share_types_are_listed_by_code_and_found_by_code_in_any_case,
            a_subscribed_share_type_cannot_be_repriced_but_can_be_retired,
            a_share_type_update_from_a_stale_version_or_to_a_new_code_is_refused,
            a_person_and_entities_of_every_registration_kind_round_trip_exactly,
            persons_are_found_by_email_and_entities_by_registration_number,
            an_entity_is_recorded_once_but_persons_may_share_an_email,
            search_finds_contacts_by_part_of_a_name_or_email_whatever_the_case,
            tidying_keeps_contacts_found_and_merges_the_search_indexes,
            two_upkeeps_at_once_while_contacts_are_written_miss_none,
            search_treats_percent_underscore_and_backslash_literally,
            search_pages_a_fragment_held_by_more_contacts_than_the_index_gives_in_name_order,
            search_by_one_or_two_characters_finds_every_holder_in_name_order,
            search_finds_a_fragment_held_only_in_the_email,
            search_takes_wildcards_and_query_syntax_literally_in_long_fragments,
            a_contact_renamed_or_deleted_is_found_only_under_what_it_now_holds,
            a_representation_links_a_person_to_an_entity_and_both_sides_list_it,
            a_request_round_trips_with_its_evidence_unchanged,
            the_same_idempotency_key_never_records_twice,
            a_request_state_changes_with_its_reasons_and_a_stale_version_is_a_conflict,
            two_writers_updating_a_requests_state_from_the_same_version_exactly_one_wins,
            the_request_list_filters_pages_counts_and_orders_newest_first,
            the_request_list_date_range_includes_the_whole_last_day_in_utc,
            open_requested_quantity_counts_only_live_requests,
            the_persons_of_a_batch_of_emails_are_the_oldest_of_each,
            a_persons_national_id_round_trips_and_finds_them,
            a_capital_call_round_trips_whole_and_is_found_by_request_reference_and_holder,
            a_request_number_or_reference_already_called_is_a_duplicate,
            a_capital_call_state_change_keeps_a_reason_only_when_cancelled_and_a_stale_version_is_a_conflict,
            two_validations_of_one_request_at_once_record_exactly_one_capital_call,
            journal_entries_round_trip_whole_in_posting_order,
            an_entry_is_reversed_at_most_once,
            account_balances_add_up_by_account_and_currency_up_to_a_date,
            the_amount_paid_is_the_payments_minus_their_reversals_in_the_calls_currency,
            membership_is_set_with_its_number_and_date_and_a_stale_version_is_a_conflict,
            a_member_number_belongs_to_one_contact,
            an_account_belongs_to_at_most_one_person_and_is_linked_once,
            attachments_come_back_byte_for_byte_and_in_order_from_every_read,
            a_bank_statement_is_found_by_hash_and_the_same_file_twice_is_a_duplicate,
            statement_lines_round_trip_in_file_order_and_a_known_fingerprint_is_stored_once,
            a_statement_line_state_change_needs_the_current_version_and_the_counts_follow,
            payments_round_trip_are_listed_by_call_and_line_and_are_undone_once,
            open_calls_are_listed_with_their_holder_and_found_by_reference_only_while_open,
            register_movements_round_trip_in_date_then_register_order_for_holder_and_counterparty,
            a_certificate_is_stored_as_issued_and_its_number_is_unique,
            pictures_are_saved_replaced_and_deleted,
            a_proposed_change_is_decided_once_and_applied_only_to_the_version_it_saw,
            two_managers_deciding_the_same_change_at_once_exactly_one_wins,
            a_representation_ends_once_and_not_before_it_started,
            a_login_email_changes_unless_another_account_has_it,
            a_one_time_link_carries_its_payload_to_its_use,
            the_audit_search_filters_by_actor_action_and_record_and_counts_every_match,
            the_audit_search_pages_newest_first_by_time_then_by_id,
            the_audit_search_by_day_includes_the_whole_last_day_in_utc,
            the_audit_actions_are_listed_once_each_in_alphabetical_order,
            append_only_tables_refuse_raw_updates_deletes_and_truncates,
            statement_lines_stored_in_one_batch_come_back_in_the_order_given_and_known_fingerprints_are_skipped,
            payments_stored_in_one_batch_come_back_in_the_order_given_and_an_entry_books_one_payment,
            journal_entries_posted_in_one_batch_come_back_whole_with_their_lines_numbered_from_one,
            register_movements_appended_in_one_batch_come_back_in_the_order_given,
            a_batch_of_register_movements_changes_the_daily_totals_as_the_same_movements_one_by_one,
            capital_calls_moved_in_one_batch_each_go_up_one_version_and_one_stale_call_fails_the_batch,
            two_writers_moving_the_same_capital_calls_in_one_batch_exactly_one_wins,
            requests_are_read_in_one_batch_in_id_order_and_unknown_ids_are_left_out,
            requests_moved_in_one_batch_lose_their_reasons_go_up_one_version_and_one_stale_request_fails_the_batch,
            memberships_set_in_one_batch_each_go_up_one_version_and_one_stale_contact_fails_the_batch,
            a_member_number_set_in_a_batch_belongs_to_one_contact,
            a_block_of_numbers_continues_the_sequence_and_a_rolled_back_block_is_given_again,
            holders_marked_due_in_one_batch_are_noted_once_and_keep_the_time_first_noted,
            every_batch_method_takes_an_empty_batch_and_writes_nothing,
            a_full_batch_of_rows_per_batch_rows_is_accepted_in_one_call,
        );
    };
    (@each $open:path; $($check:ident),+ $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $check() {
            let Some(test_store) = $open().await else {
                return;
            };
            $crate::checks::$check(&test_store).await;
            test_store.close().await;
        }
    )+};
}

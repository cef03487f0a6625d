//! The conformance suite on PostgreSQL (needs `COOPSHARES_TEST_POSTGRES_URL`).

coopshares_store_tests::conformance_suite!(coopshares_store_tests::backends::postgres);

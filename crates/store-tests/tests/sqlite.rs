//! The conformance suite on SQLite.

coopshares_store_tests::conformance_suite!(coopshares_store_tests::backends::sqlite);

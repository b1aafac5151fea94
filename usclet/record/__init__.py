"""The record's questions and rules: listings, compare, show, search, check, ingest, history."""

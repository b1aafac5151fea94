"""The record's questions and rules: queries, check, ingest, curation."""

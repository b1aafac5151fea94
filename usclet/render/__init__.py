"""Showing the record: output formats, and rich tables on a terminal."""

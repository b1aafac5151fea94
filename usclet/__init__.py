"""usclet: a dated, source-anchored record of U.S.–Cuba law-enforcement cooperation."""

__version__ = "0.1.0"

"""The embedded runtime: one process, one SQLite file."""

"""Printable reports: pure functions from plan data to HTML (no Qt, no storage)."""

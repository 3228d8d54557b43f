"""Legwork: a private, offline training planner for runners."""

__version__ = "0.1.0"
APP_NAME = "Legwork"
APP_ID = "org.legwork.Legwork"

"""Dialogs: the workout editor, the template editor, the date jump."""

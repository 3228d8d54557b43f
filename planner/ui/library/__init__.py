"""The workout library dock: its item model, its delegate, its editing actions and its widget."""

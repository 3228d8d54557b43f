"""The pure domain: model, week arithmetic, plan operations. Standard library only."""

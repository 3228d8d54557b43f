"""The month view: six weeks of the plan as a grid of days, with weekly totals."""

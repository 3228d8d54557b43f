"""The weekly calendar: layout geometry, painting, and the widget with its input and drags."""

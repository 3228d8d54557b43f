"""The Qt user interface. Imports the core, never the storage layer."""

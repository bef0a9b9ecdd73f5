"""Authoring commands: `jobsite new` and `jobsite import`."""

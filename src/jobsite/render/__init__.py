"""Rendering: the Jinja environment and everything templates call."""

"""jobsite: a static site generator for curated job boards."""

__version__ = "0.1.0"

"""Reading content: files to validated, immutable postings and companies."""

"""The reports' layouts: sections, headings and the sentences the built-in checklists feed (see README)."""

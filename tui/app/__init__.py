"""The Textual app. The only package under tui/ that imports Textual."""

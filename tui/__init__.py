"""Every way a person meets duty-tui: the Typer CLI, Rich renderers and the Textual app.

Nothing here may import Textual at module level except the app package, so
that non-interactive commands start fast (a test enforces it).
"""

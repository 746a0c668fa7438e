"""The domain of duty-tui: checklist definitions, periods, due dates and progress rules.

Pure code: nothing here touches a database or a terminal, so every rule can be
tested in isolation and reused by the store, the CLI and the TUI alike.
"""

"""The fast read path: `duty-tui remind` and `duty-tui status` answered from what was kept, before the program loads.

A login waits for the banner, so its usual answer must cost little more
than starting Python. Everything in this package imports only the standard
library and, for the summary kept beside the database, store.summary
and store.account (tests/test_architecture.py holds it to that). Whatever it
cannot answer alone it leaves to tui.entry, which hands it to the full
command (tui.remind, tui.status) or to Typer.

- argv: the option table Typer declares its options from, and the small
  parser for the few command lines answered here;
- kept: the settings as last resolved, and whether a kept summary still holds;
- answer: printing a kept banner or `status` text;
- banner, terminal, files: the plain-text banner, the terminal's
  description, and file signatures, which the full commands share.

Nothing is imported here: each caller loads the module it needs.
"""

"""`python -m tui` runs the duty-tui command line."""

from .cli import main

main()

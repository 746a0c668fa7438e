"""`python -m tui` runs the duty-tui command line."""

from .entry import main

main()

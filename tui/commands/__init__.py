"""Typer subcommands, grouped by what they work on; tui.cli assembles them."""

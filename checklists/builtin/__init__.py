"""Built-in checklist files, one TOML file per checklist (see README for the format)."""

"""The output formats commands share: ``--format table|json`` means the same on every command."""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    table = "table"
    json = "json"

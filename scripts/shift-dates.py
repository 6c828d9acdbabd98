#!/usr/bin/env python3
"""Copies a oneonone history file, moving every date by the days between
ANCHOR (default 2026-11-23) and today, so the example stays current."""
import datetime
import re
import sys

src, dst = sys.argv[1], sys.argv[2]
anchor = datetime.date.fromisoformat(sys.argv[3] if len(sys.argv) > 3 else "2026-11-23")
delta = datetime.date.today() - anchor
text = open(src, encoding="utf-8").read()


def shift(match):
    return (datetime.date.fromisoformat(match.group(0)) + delta).isoformat()


with open(dst, "w", encoding="utf-8") as f:
    f.write(re.sub(r"\b\d{4}-\d{2}-\d{2}\b", shift, text))

"""Text folded for matching: lower case, no diacritics, đ as d. Pure; imports nothing of ours.

``search`` and ``content`` both fold names (the search index, the commune picker); keeping the rule here
lets ``search`` depend on ``content`` and never the other way round.
"""

from __future__ import annotations

import unicodedata


def fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()


def fold(text: str) -> str:
    """``Hữu Lũng`` → ``huu lung``; ``Đồng Đăng`` → ``dong dang``."""
    return "".join(fold_char(c) for c in text)

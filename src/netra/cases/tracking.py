"""Tracking codes a reporter can read aloud, type on a phone and write on paper.

Crockford base32 (digits and upper-case letters without I, L, O and U) in three groups of five,
e.g. `7K3MQ-9XD2P-FAB4R`: 15 symbols of 5 bits, 75 bits of entropy, so guessing one code at the
public lookup's rate limit takes longer than any election lasts. Reading is forgiving: case,
spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1. Codes issued before this
scheme (24 case-sensitive URL-safe characters) are still found by exact match.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_LENGTH = 5
SYMBOLS = GROUPS * GROUP_LENGTH
ENTROPY_BITS = SYMBOLS * 5  # 32 symbols = 5 bits each
# Crockford's decoding table: letters people confuse with digits are read as those digits.
_CONFUSED = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", " -_.\t")


def new_tracking_code() -> str:
    """A fresh random code in its printed form, `XXXXX-XXXXX-XXXXX`."""
    return _grouped("".join(secrets.choice(ALPHABET) for _ in range(SYMBOLS)))


def canonical_tracking_code(typed: str) -> str | None:
    """The printed form of a typed code, or None when it cannot be a code of this scheme."""
    symbols = typed.upper().translate(_IGNORED).translate(_CONFUSED)
    if len(symbols) != SYMBOLS or any(symbol not in ALPHABET for symbol in symbols):
        return None
    return _grouped(symbols)


def _grouped(symbols: str) -> str:
    return "-".join(
        symbols[start : start + GROUP_LENGTH] for start in range(0, SYMBOLS, GROUP_LENGTH)
    )

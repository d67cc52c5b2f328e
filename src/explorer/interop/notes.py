"""Lines an import writes into an event's `notes`, which an export reads back.

One line each, with a fixed prefix:

- `Shown in the original as: 21 April 753 BCE` — the source's own date text
  (TimelineJS `display_date`); the TimelineJS export sends it back as `display_date`.
- `Time of day in the original: starts 09:04, ends 10:30` — Explorer dates stop at
  the day (EDTF level 0/1 as used here has no time); the export puts the hour and
  minute back into `start_date`/`end_date`.

Other lines are the note itself and are exported as a note.
"""

from __future__ import annotations

import re

DISPLAY = "Shown in the original as: "
TIME = "Time of day in the original: "
_HM = r"([0-9]{2}):([0-9]{2})"


def join(lines) -> str:
    return "\n".join(line for line in lines if line)


def split(notes: str) -> tuple[dict[str, str], list[str]]:
    """({prefix: value} for the lines above, the other lines)."""
    found: dict[str, str] = {}
    rest: list[str] = []
    for line in (notes or "").splitlines():
        for prefix in (DISPLAY, TIME):
            if line.startswith(prefix) and prefix not in found:
                found[prefix] = line[len(prefix):].strip()
                break
        else:
            if line.strip():
                rest.append(line)
    return found, rest


def time_line(start: str, end: str) -> str:
    """The note line for 'HH:MM' times of day (either may be '')."""
    parts = ([f"starts {start}"] if start else []) + ([f"ends {end}"] if end else [])
    return TIME + ", ".join(parts) if parts else ""


def times_from(value: str) -> tuple[dict, dict]:
    """{'hour', 'minute'} of the start and of the end from a time line's value."""
    out = []
    for word in ("starts", "ends"):
        m = re.search(rf"\b{word} {_HM}", value or "")
        out.append({"hour": int(m.group(1)), "minute": int(m.group(2))} if m else {})
    return out[0], out[1]

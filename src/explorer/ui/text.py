"""The one helper that makes data text safe for Qt widgets that guess rich text.

Tooltips, labels, message boxes and status tips treat a string as HTML when
`Qt.mightBeRichText` says so, and then load `<img src=…>` from disk (or
`/dev/zero`). Every string that may hold text from a data file goes through
`plain()` before it reaches such a widget (a test scans `ui/` for this).
"""

from __future__ import annotations

import html

from ..core.markup import clean_text, truncate_for_display


def plain(text: object) -> str:
    """`text` as rich text that shows the characters given and nothing else: markup escaped,
    control characters and bidi overrides removed (they could reorder what is shown), very long
    text truncated for display."""
    escaped = html.escape(truncate_for_display(clean_text(str(text))), quote=False).replace("\n", "<br>")
    return f"<span>{escaped}</span>"  # a tag: Qt takes it as rich text, so the escapes are honoured

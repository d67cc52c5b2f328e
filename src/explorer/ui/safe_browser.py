"""A read-only rich-text view for untrusted dataset text.

It never loads a resource (images, stylesheets, files, network): every request
is refused and recorded in `refused`. Links are not followed by Qt; clicks go
to `internal_link`, and only http/https links may be opened externally.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser

INTERNAL_SCHEMES = ("event", "story", "day")


class SafeBrowser(QTextBrowser):
    internal_link = Signal(QUrl)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.refused: list[str] = []
        self.opened_externally: list[str] = []
        self.anchorClicked.connect(self._on_anchor)

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt API)
        self.refused.append(url.toString())
        return None

    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme in INTERNAL_SCHEMES:
            self.internal_link.emit(url)
        elif scheme in ("http", "https"):
            self.opened_externally.append(url.toString())
            QDesktopServices.openUrl(url)
        # anything else (file:, javascript:, data:, …) is ignored

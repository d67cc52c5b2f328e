"""The detail pane: the selected event as safe rich text (`render.event_html`), or the dataset's introduction."""

from __future__ import annotations

from ...core.model import Dataset, Event
from ...render.event_html import Look, event_html, intro_html
from ...render.palette import LIGHT, Theme
from ..safe_browser import SafeBrowser


class DetailPane(SafeBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("detail")
        self.setAccessibleName("Event details")
        self.current_event: Event | None = None
        self.theme: Theme = LIGHT

    def show_dataset_intro(self, ds: Dataset | None) -> None:
        """Nothing selected: the dataset's question, its introduction and a way into the story."""
        self.current_event = None
        self.setHtml(intro_html(ds, Look(self.theme)) if ds is not None else "")

    def show_event(self, ds: Dataset, ev: Event, query: str = "") -> None:
        self.current_event = ev
        self.setHtml(event_html(ds, ev, Look(self.theme, query=query)))

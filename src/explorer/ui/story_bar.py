"""Story mode: steps through a dataset's guided story, one event at a time."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ..core.model import Story
from .html_parts import esc


class StoryBar(QFrame):
    step_changed = Signal(str)  # event id of the current step
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("storyBar")
        self.setAccessibleName("Story")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.story: Story | None = None
        self.index = 0
        self.title = QLabel()
        self.counter = QLabel()
        self.narrative = QLabel()
        self.narrative.setWordWrap(True)
        self.narrative.setAccessibleName("Story narrative")
        self.back = QPushButton("◀ Back")
        self.back.setAccessibleName("Previous story step")
        self.next = QPushButton("Next ▶")
        self.next.setAccessibleName("Next story step")
        self.close_btn = QPushButton("Close")
        self.close_btn.setAccessibleName("Close the story")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.counter)
        top.addWidget(self.back)
        top.addWidget(self.next)
        top.addWidget(self.close_btn)
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 6, 8, 6)
        v.addLayout(top)
        v.addWidget(self.narrative)
        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        self.close_btn.clicked.connect(self.closed)

    def start(self, story: Story) -> None:
        self.story = story
        self.title.setText(f"<b>{esc(story.title)}</b>")
        self.go(0)

    def go(self, index: int) -> None:
        if not self.story or not self.story.steps:
            return
        self.index = max(0, min(index, len(self.story.steps) - 1))
        step = self.story.steps[self.index]
        self.counter.setText(f"Step {self.index + 1} of {len(self.story.steps)}")
        self.narrative.setText(esc(step.narrative))
        self.back.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(self.story.steps) - 1)
        self.step_changed.emit(step.event)

"""Story mode: the current step of the dataset's guided story, above the timeline.

The session decides which step is shown (`Session.go_to_step`); this bar only
shows it and asks for the next or previous one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ...core.markup import clean_text, short_title, truncate_for_display
from ...core.model import Story

STORY_CHARS = 2000  # a story step is a few sentences; more is cut (with a note) so the bar stays a bar


class StoryBar(QFrame):
    back_requested = Signal()
    next_requested = Signal()
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("storyBar")
        self.setAccessibleName("Story")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.counter = QLabel()
        self.counter.setTextFormat(Qt.TextFormat.PlainText)
        self.narrative = QLabel()
        self.narrative.setTextFormat(Qt.TextFormat.PlainText)  # data text: never guessed as HTML
        self.narrative.setWordWrap(True)
        self.narrative.setAccessibleName("Story narrative")
        font = self.narrative.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.narrative.setFont(font)
        self.back = QPushButton("◀ Back (PgUp)")
        self.back.setAccessibleName("Previous story step")
        self.next = QPushButton("Next (PgDn) ▶")
        self.next.setAccessibleName("Next story step")
        self.close_btn = QPushButton("Leave story (Esc)")
        self.close_btn.setAccessibleName("Leave the story")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.counter)
        top.addWidget(self.back)
        top.addWidget(self.next)
        top.addWidget(self.close_btn)
        v = QVBoxLayout(self)
        v.setContentsMargins(10, 6, 10, 8)
        v.addLayout(top)
        v.addWidget(self.narrative)
        self.back.clicked.connect(self.back_requested)
        self.next.clicked.connect(self.next_requested)
        self.close_btn.clicked.connect(self.closed)

    def show_step(self, story: Story, index: int) -> None:
        step = story.steps[index]
        self.title.setText(short_title(story.title))
        self.counter.setText(f"Step {index + 1} of {len(story.steps)}")
        self.narrative.setText(truncate_for_display(clean_text(step.narrative), STORY_CHARS))
        self.back.setEnabled(index > 0)
        self.next.setEnabled(index < len(story.steps) - 1)

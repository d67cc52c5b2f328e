"""A tiny Qt-free signal: a list of callbacks (in the spirit of napari's EventEmitter).

The session model emits these; Qt adapters connect to them. Callbacks run at
once, in the order they were connected, on the thread that emits."""

from __future__ import annotations

from typing import Any, Callable


class Signal:
    __slots__ = ("_slots", "name")

    def __init__(self, name: str = ""):
        self.name = name
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> Callable[..., Any]:
        if slot not in self._slots:
            self._slots.append(slot)
        return slot

    def disconnect(self, slot: Callable[..., Any]) -> None:
        if slot in self._slots:
            self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            slot(*args)

    def __len__(self) -> int:
        return len(self._slots)

    def __repr__(self) -> str:
        return f"<Signal {self.name} ({len(self._slots)} slots)>"

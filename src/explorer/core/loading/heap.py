"""Garbage-collector policy for building a large, long-lived model.

A 100,000-event dataset is about a million objects that all stay alive. While
they are built, the cyclic collector would re-scan them again and again (a
third of the load time) and can free nothing; afterwards, each of its full
collections would walk them all again (~0.1 s, a dropped frame while panning).
So a load pauses the collector, and then moves what exists into the permanent
generation (`gc.freeze`), which collections skip. The model has no reference
cycles: a dataset that is replaced is freed by reference counting as usual.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def building_model():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()

"""How the timeline shares the plot's rows among its lanes (Qt-free; `stacking` then fills each)."""

from __future__ import annotations

from typing import Sequence


def allocate(demands: Sequence[int], total: int, weights: Sequence[float] | None = None,
             minimum: Sequence[int] | None = None) -> list[int]:
    """Rows for each lane: all it asks for when they fit, else shared out in proportion to
    `weights` (its marks, say; default: evenly), at least `minimum` (default 1) for a lane that
    asks for any, none beyond what it asks for."""
    minimum = list(minimum) if minimum is not None else [1] * len(demands)
    give = [min(d, max(m, 1)) for d, m in zip(demands, minimum)]
    if sum(demands) <= total:
        return list(demands)
    weights = list(weights) if weights is not None else [1.0] * len(demands)
    left = total - sum(give)
    while left > 0:
        wanting = [i for i, d in enumerate(demands) if give[i] < d]
        if not wanting:
            break
        # the lane furthest below its share gets the next row
        i = min(wanting, key=lambda i: (give[i] / max(weights[i], 1e-9), -demands[i]))
        give[i] += 1
        left -= 1
    return give

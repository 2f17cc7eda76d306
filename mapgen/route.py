"""Visiting order: the shortest open route from a start through every chosen stop.

Distances are geodesic on the WGS84 ellipsoid (pyproj); roads are longer. Up to EXACT_LIMIT stops
the order is provably shortest (Held-Karp dynamic programming); beyond, nearest neighbour improved
by 2-opt, which is usually within a few per cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from pyproj import Geod

GEOD = Geod(ellps="WGS84")
EXACT_LIMIT = 12


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance in metres between two (lat, lon) points."""
    _, _, dist = GEOD.inv(a[1], a[0], b[1], b[0])
    return float(dist)


@dataclass(frozen=True)
class Route:
    order: list[int]  # indexes into the stops, in visiting order
    legs_m: list[float]  # leg i ends at stop order[i]; leg 0 starts at the start (0 m without a start)
    method: str

    @property
    def total_m(self) -> float:
        return sum(self.legs_m)


def _matrix(points: list[tuple[float, float]]) -> list[list[float]]:
    n = len(points)
    d = [[0.0] * n for _ in range(n)]
    for i, j in combinations(range(n), 2):
        d[i][j] = d[j][i] = distance_m(points[i], points[j])
    return d


def path_length(order: list[int], d: list[list[float]], start: int | None) -> float:
    total = d[start][order[0]] if start is not None and order else 0.0
    return total + sum(d[a][b] for a, b in zip(order, order[1:], strict=False))


def _held_karp(stops: list[int], d: list[list[float]], start: int | None) -> list[int]:
    """Exact shortest open path visiting all stops, beginning at `start` (or anywhere if None)."""
    n = len(stops)
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for k in range(n):
        best[(1 << k, k)] = (d[start][stops[k]] if start is not None else 0.0, -1)
    for mask in range(1, 1 << n):
        for last in range(n):
            if not mask & (1 << last) or (mask, last) not in best:
                continue
            cost = best[(mask, last)][0]
            for nxt in range(n):
                if mask & (1 << nxt):
                    continue
                key = (mask | (1 << nxt), nxt)
                c = cost + d[stops[last]][stops[nxt]]
                if key not in best or c < best[key][0]:
                    best[key] = (c, last)
    full = (1 << n) - 1
    last = min(range(n), key=lambda k: (best[(full, k)][0], k))
    order, mask = [], full
    while last != -1:
        order.append(last)
        prev = best[(mask, last)][1]
        mask &= ~(1 << last)
        last = prev
    return [stops[k] for k in reversed(order)]


def _heuristic(stops: list[int], d: list[list[float]], start: int | None) -> list[int]:
    left = list(stops)
    here = start if start is not None else left.pop(0)
    order = [] if start is not None else [here]
    while left:
        nxt = min(left, key=lambda s: d[here][s])
        left.remove(nxt)
        order.append(nxt)
        here = nxt
    improved = True
    while improved:  # 2-opt: reverse a stretch whenever that shortens the path
        improved = False
        for i in range(len(order) - 1):
            for j in range(i + 1, len(order)):
                candidate = order[:i] + order[i:j + 1][::-1] + order[j + 1:]
                if path_length(candidate, d, start) < path_length(order, d, start) - 1e-6:
                    order, improved = candidate, True
    return order


def plan(stops: list[tuple[float, float]], start: tuple[float, float] | None = None) -> Route:
    """Order `stops` (lat, lon) for the shortest route from `start`, or from the best first stop."""
    points = list(stops) + ([start] if start is not None else [])
    d = _matrix(points)
    s = len(stops) if start is not None else None
    idx = list(range(len(stops)))
    if len(stops) <= EXACT_LIMIT:
        order, method = _held_karp(idx, d, s), f"exact (all orders of {len(stops)} stops compared)"
    else:
        order, method = _heuristic(idx, d, s), "nearest neighbour with 2-opt (a heuristic, not proven shortest)"
    legs = [d[s][order[0]] if s is not None else 0.0] + [d[a][b] for a, b in zip(order, order[1:], strict=False)]
    return Route(order, legs, method)

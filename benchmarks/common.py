"""What every benchmark shares: timing by median, peak memory, and the printed table.

Machines here are noisy, so a figure is a median of several runs and is always printed beside
a baseline measured in the same run; the ratio is what we hold targets against.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    name: str
    value: float
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    target: str = ""
    passed: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline


def median_seconds(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb() -> float:
    """Peak resident memory of this process.

    On Linux VmHWM is read, which starts afresh at exec; ru_maxrss would carry the parent's
    peak into a child process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child_memory(module: str, count: int) -> dict[str, float]:
    """Run ``python -m benchmarks.<module> --child COUNT`` in a fresh process and return the
    JSON its last line reports (memory figures of that process alone)."""
    result = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{module}", "--child", str(count)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def format_table(rows: Iterable[Row]) -> str:
    header = (
        "benchmark",
        "value",
        "unit",
        "baseline (same run)",
        "baseline",
        "ratio",
        "target",
        "",
    )
    lines = [header]
    for row in rows:
        verdict = "" if row.passed is None else ("ok" if row.passed else "MISSED")
        lines.append(
            (
                row.name,
                _fmt(row.value),
                row.unit,
                row.baseline_name,
                _fmt(row.baseline),
                "—" if row.ratio is None else f"{row.ratio:.2f}×",
                row.target,
                verdict,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append(
            "| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |"
        )
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)

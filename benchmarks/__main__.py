"""Run every benchmark, each in its own process, and print their tables.

    python -m benchmarks [--people 100000] [--only NAME ...]

Each module builds or reuses its own data (the demo database is cached, see dataset.py) and
prints a table with a baseline measured in the same run and the ratio. The exit code is
non-zero when any module reports a missed target.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

# name -> arguments; "{people}" is replaced by --people.
MODULES: dict[str, list[str]] = {
    "bench_demo": ["--people", "{people}"],
    "bench_window": ["--people", "{people}"],
    "bench_certificates": [],
    "bench_certificate_batch": [],
    "bench_registration": ["--people", "{people}"],
    "bench_planning": [],
    "bench_monitoring": ["--people", "{people}"],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ShahrTrain benchmarks")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--only", nargs="*", choices=sorted(MODULES), default=None)
    args = parser.parse_args(argv)
    failed = []
    for name in args.only or MODULES:
        extra = [a.replace("{people}", str(args.people)) for a in MODULES[name]]
        print(f"\n## {name} {' '.join(extra)}", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", *extra], check=False)
        print(f"({name}: {time.perf_counter() - start:.0f} s, exit {result.returncode})")
        if result.returncode != 0:
            failed.append(name)
    if failed:
        print("\nmissed targets or errors in: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark in bench/ (modules named bench_*.py with a main() function).

Usage from the project root:  .venv/bin/python -m bench.run_all [NAME ...]
Each benchmark prints its figures as ratios against a reference measured in the same run.
"""

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    failed = 0
    for name in names:
        print(f"\n===== {name} =====", flush=True)
        started = time.perf_counter()
        module = importlib.import_module(f"bench.{name}")
        result = module.main()
        failed += bool(result)
        print(f"----- {name}: {time.perf_counter() - started:.1f}s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

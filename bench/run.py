"""`make bench`: every benchmark of the project, each printing its table."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["bench_registry.py", "bench_matching.py", "bench_notes.py", "bench_reporting.py",
           "bench_matrix.py", "bench_concurrency.py", "bench_scoping.py", "bench_load.py",
           "bench_hostile.py", "bench_notices.py", "bench_jobs.py"]

status = 0
for name in BENCHES:
    if not (HERE / name).exists():
        continue
    print(f"\n== {name} ==", flush=True)
    status |= subprocess.run([sys.executable, str(HERE / name)]).returncode
sys.exit(status)

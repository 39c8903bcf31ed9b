"""Reading CRM exports: `import_actuals` (read, join, every estimate) on a generated
Salesforce OpportunityHistory of 1,000,000 rows, against `pandas.read_csv(file,
parse_dates=[the date columns])` alone on the same file in the same run. The goal: at most
1.0 times as long (0.5 aimed for), and a peak memory of at most 1 GB.

Each side runs in a fresh child process (so one's memory and caches do not help the
other), alternating, after one unmeasured run of each that warms the file into the page
cache. The figures are medians of the wall clock; the peak memory is the child's maximum
resident set. pandas is a measuring stick only (the test dependencies bring it); the app
does not use it.

Run: python bench/actuals.py [--rows N] [--runs N] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

GOAL = 1.0
AIM = 0.5
MEMORY_GOAL_MB = 1024
STAGES = ("Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation")
HEADER = ("Id", "OpportunityId", "CreatedById", "CreatedDate", "StageName", "Amount",
          "ExpectedRevenue", "CloseDate", "Probability", "ForecastCategory", "IsDeleted",
          "SystemModstamp")

MAPPING = """\
[[file]]
path = "OpportunityHistory.csv"
id = "OpportunityId"
stage = "StageName"
date = "CreatedDate"
amount = "Amount"

[stages]
Prospecting = "Prospecting"
Qualification = "Qualification"
"Needs Analysis" = "Needs Analysis"
Proposal = "Proposal"
Negotiation = "Negotiation"
"Closed Won" = "Won"
"Closed Lost" = "lost"
"""

OURS = """
import resource, sys, time
from alignplanner.contract.actuals.mapping_file import read_mapping
from alignplanner.contract.actuals.pipeline import import_actuals
start = time.perf_counter()
actuals, estimates = import_actuals(read_mapping(sys.argv[1]))
took = time.perf_counter() - start
print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, estimates.records)
"""

PANDAS = """
import resource, sys, time
import pandas
start = time.perf_counter()
frame = pandas.read_csv(sys.argv[1], parse_dates=["CreatedDate", "CloseDate"])
took = time.perf_counter() - start
print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(frame))
"""


def generate(path: Path, rows: int, seed: int = 20261207) -> None:
    """A Data Loader style OpportunityHistory: every field quoted, ISO datetimes, one row
    per save, several saves per stage, some backward moves, wins and losses."""
    rng = random.Random(seed)
    start = datetime(2022, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, quoting=csv.QUOTE_ALL)
        out.writerow(HEADER)
        written = opportunity = 0
        while written < rows:
            opportunity += 1
            when = start + timedelta(seconds=rng.randrange(3 * 365 * 86400))
            amount = rng.randrange(1000, 90000)
            path_len = rng.randrange(1, len(STAGES) + 1)
            saves = [STAGES[k] for k in range(path_len) for _ in range(rng.randrange(1, 3))]
            if rng.random() < 0.05 and path_len > 2:
                saves.append(STAGES[path_len - 2])  # a backward move
            if rng.random() < 0.6:
                saves.append("Closed Won" if rng.random() < 0.4 else "Closed Lost")
            for stage in saves:
                when += timedelta(seconds=rng.randrange(3600, 30 * 86400))
                stamp = when.strftime("%Y-%m-%dT%H:%M:%S.000+0000")
                out.writerow((f"008{written:015d}", f"006{opportunity:015d}", "005000000000001",
                              stamp, stage, f"{amount}.00", f"{amount * 0.2:.2f}",
                              when.date().isoformat(), "20", "Pipeline", "0", stamp))
                written += 1
                if written >= rows:
                    break


def run(code: str, arg: str) -> tuple[float, float]:
    """(seconds, peak resident megabytes) of one child run."""
    done = subprocess.run([sys.executable, "-c", code, arg], capture_output=True, text=True,
                          check=False)
    if done.returncode:
        raise SystemExit(f"bench/actuals.py: a child failed:\n{done.stderr}")
    seconds, peak_kb, _ = done.stdout.split()
    return float(seconds), int(peak_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="alignplanner-actuals-"))
    export = folder / "OpportunityHistory.csv"
    generate(export, args.rows)
    mapping = folder / "mapping.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    print(f"{args.rows:,} rows, {export.stat().st_size / 1e6:.0f} MB")
    run(OURS, str(mapping))
    run(PANDAS, str(export))
    ours, theirs, peaks = [], [], []
    for _ in range(args.runs):
        seconds, peak = run(OURS, str(mapping))
        ours.append(seconds)
        peaks.append(peak)
        theirs.append(run(PANDAS, str(export))[0])
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"import_actuals (read + estimates): {a:.3f} s, peak {max(peaks):.0f} MB")
    print(f"pandas.read_csv(parse_dates):      {b:.3f} s")
    print(f"ratio {a / b:.2f} (goal at most {GOAL}, aim {AIM}); "
          f"memory {'within' if max(peaks) <= MEMORY_GOAL_MB else 'OVER'} {MEMORY_GOAL_MB} MB")
    if args.keep:
        print(f"kept in {folder}")
    else:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()

"""The review's tests build their CRM events with the actuals' own factory."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "actuals"))

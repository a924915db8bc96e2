import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A fixed "today" keeps rule cases that omit as_of stable across years.
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def advisor_bin() -> str:
    """The installed `advisor` command of this environment (the public contract)."""
    path = Path(sys.executable).parent / "advisor"
    assert path.exists(), "run the README's set-up: the advisor command is not installed"
    return str(path)

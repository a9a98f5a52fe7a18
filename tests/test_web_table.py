"""The README's web-corpus table is what scripts/web_table.py computes today.

Figures in a README go stale silently when rules change; this fails instead,
and the message says which command rewrites the table."""
from __future__ import annotations

import pytest

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # whole-corpus or scale work: the full suite runs it
def test_readme_web_table_is_current():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "web_table.py"), "--check"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr or r.stdout

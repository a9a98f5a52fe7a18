"""The pre-commit hooks, run by the real ``pre-commit`` tool on a scratch repository.

pre-commit installs the hook's environment from this repository (a pip install
of the committed tree at ``rev``: the core dependencies only, from the package
index), so this is slow the first time on a machine and cached after that in
``~/.cache/pre-commit``. The hooks must pass on a clean article and fail on one
with an artefact; ``mtfix-fix`` must repair it in place and leave no ``.bak``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

CLEAN = "The minister said the agreement would be signed in October.\n"
BROKEN = "The minister said the agreement would be signed in October .\n"


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).with_name("pre-commit")
    if exe.exists():
        return [str(exe)]
    if shutil.which("pre-commit"):
        return ["pre-commit"]
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def rev() -> str:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit installs hooks from a commit")
    committed = _git(ROOT, "show", "HEAD:.pre-commit-hooks.yaml")
    assert "mtfix-check" in committed, "commit .pre-commit-hooks.yaml first"
    return _git(ROOT, "rev-parse", "HEAD")


def _scratch(tmp_path: Path, rev: str, text: str) -> Path:
    repo = tmp_path / "articles"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: mtfix-check\n", encoding="utf-8")
    (repo / "article.txt").write_text(text, encoding="utf-8")
    (repo / "notes.py").write_text("x = 1 ,2\n", encoding="utf-8")  # not an article: never checked
    _git(repo, "add", ".")
    return repo


def _run(repo: Path, *hook: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MTFIX_")}
    env.pop("PYTHONPATH", None)
    return subprocess.run([*_pre_commit(), "run", "--all-files", *hook], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=1200)


def test_check_hook_passes_a_clean_article(tmp_path, rev):
    r = _run(_scratch(tmp_path, rev, CLEAN))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "mtfix check" in r.stdout and "Passed" in r.stdout


def test_check_hook_fails_on_an_artefact(tmp_path, rev):
    r = _run(_scratch(tmp_path, rev, BROKEN))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Failed" in r.stdout and "article.txt" in r.stdout


def test_fix_hook_repairs_in_place_without_backup(tmp_path, rev):
    repo = _scratch(tmp_path, rev, BROKEN)
    cfg = repo / ".pre-commit-config.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("mtfix-check", "mtfix-fix"), encoding="utf-8")
    _git(repo, "add", ".")
    r = _run(repo)
    assert r.returncode == 1, r.stdout + r.stderr  # pre-commit fails when a hook changed a file
    assert "files were modified by this hook" in r.stdout
    assert (repo / "article.txt").read_text(encoding="utf-8") == CLEAN
    assert not list(repo.glob("*.bak"))
    _git(repo, "add", ".")
    assert _run(repo).returncode == 0  # fixed: the second run passes

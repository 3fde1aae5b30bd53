"""The independent checkers the tests run: the Nu Html Checker (vnu.jar from npm's vnu-jar, run with Java) and
axe-core (from npm, injected into Chromium by Playwright). Both are fetched once into a cache directory
(GOVCMS_NPM_CACHE, default ~/.cache/govcms-npm) with npm; a test skips when Java, npm or the network is missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU_VERSION = "26.1.11"
AXE_VERSION = "4.11.0"
CACHE = Path(os.environ.get("GOVCMS_NPM_CACHE", Path.home() / ".cache" / "govcms-npm"))


def npm_package(name: str, version: str, path: str) -> Path:
    target = CACHE / "node_modules" / name / path
    if target.exists():
        return target
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed (needed once to fetch the checkers)")
    CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--ignore-scripts", f"{name}@{version}"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0 or not target.exists():
        pytest.skip(f"could not fetch {name} with npm: {done.stderr[-300:]}")
    return target


def vnu_errors(files: list[Path]) -> list[dict]:
    """The Nu Html Checker's errors (warnings aside) on the given HTML files."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed (the Nu Html Checker runs on it)")
    jar = npm_package("vnu-jar", VNU_VERSION, "build/dist/vnu.jar")
    done = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(done.stderr or '{"messages": []}')["messages"]


def axe_source() -> str:
    return npm_package("axe-core", AXE_VERSION, "axe.min.js").read_text(encoding="utf-8")

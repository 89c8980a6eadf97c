"""The installed distribution carries every package of the source tree.

CI installs the project (not in editable mode) and the bot's subprocess tests run the installed
copy, so a subpackage missing from the packaging configuration breaks `odop-bot` only there.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parent.parent
TOP = ("bot", "handlers", "knowledge")


def configured_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    packages = config.get("packages", [])
    if isinstance(packages, list):
        return set(packages)
    found = packages["find"]
    return set(find_packages(where=str(ROOT), include=found.get("include", ["*"]),
                             exclude=found.get("exclude", [])))


def source_packages() -> set[str]:
    return {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in TOP
        for init in (ROOT / top).rglob("__init__.py")
    }


def test_every_package_of_the_source_is_installed() -> None:
    assert source_packages() - configured_packages() == set()


def test_only_our_packages_are_installed() -> None:
    assert {name.split(".")[0] for name in configured_packages()} == set(TOP)


def test_the_migrations_are_installed() -> None:
    """Alembic reads knowledge/migrations from the installed package: every file must go."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = config["package-data"]["knowledge"]
    migrations = ROOT / "knowledge" / "migrations"
    files = [p for p in migrations.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert any(p.parent.name == "versions" and p.suffix == ".py" for p in files)
    missing = [
        str(p.relative_to(ROOT)) for p in files
        if p.suffix != ".py" and not any(
            p.relative_to(ROOT / "knowledge").match(pattern) for pattern in patterns
        )
    ]
    untracked_packages = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in files if p.suffix == ".py"
    } - configured_packages()
    assert missing == []
    assert untracked_packages == set()

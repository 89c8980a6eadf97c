"""The import boundary: knowledge/ never imports telegram, handlers or bot; handlers/ never bot.

Every module is parsed (not imported) and every import statement checked, including imports
inside functions and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "knowledge": ("telegram", "handlers", "bot"),
    "handlers": ("bot",),
}


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imported_names(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """Return (line, top-level module) for every import in `path`, relative ones resolved."""
    package = path.relative_to(root).parts[0]
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from . import x / from ..bot import y
                parts = path.relative_to(root).parent.parts
                base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                target = ".".join([*base, node.module or ""]).strip(".")
                out.append((node.lineno, target.split(".")[0] if target else package))
            elif node.module:
                out.append((node.lineno, node.module.split(".")[0]))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            if node.args and isinstance(node.args[0], ast.Constant):
                out.append((node.lineno, str(node.args[0].value).split(".")[0]))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            out.append((node.lineno, str(node.args[0].value).split(".")[0]))
    return out


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_packages_respect_the_import_boundary(package: str) -> None:
    files = modules(package)
    assert files, f"no modules found in {package}/"
    violations = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in files
        for line, name in imported_names(path)
        if name in FORBIDDEN[package]
    ]
    assert violations == []


def test_the_checker_sees_violations(tmp_path: Path) -> None:
    """The walker must catch each form of import, or the test above proves nothing."""
    probe = tmp_path / "knowledge" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "import telegram.ext\n"
        "from bot import app\n"
        "from ..bot import runner\n"  # knowledge/../bot: the top-level bot package
        "from . import fine\n"
        "def f():\n"
        "    from handlers.render import render\n"
        "    __import__('telegram')\n"
        "    importlib.import_module('bot.runner')\n",
        encoding="utf-8",
    )
    names = [name for _, name in imported_names(probe, tmp_path)]
    assert names == ["telegram", "bot", "bot", "knowledge", "handlers", "telegram", "bot"]

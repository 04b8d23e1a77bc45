"""The catalogs translators fill: each keeps every placeholder of its source, a language that
has begun is complete, and the templates are up to date with the code."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "psoas_timer" / "locale"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


def test_the_shipped_languages_have_both_catalogs() -> None:
    for code in ("de", "fr", "es", "pt_BR"):
        for domain in ("psoas_timer", "content"):
            assert (LOCALE / code / "LC_MESSAGES" / f"{domain}.po").is_file(), (code, domain)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_every_placeholder_is_kept(path: Path) -> None:
    assert TOOL.problems(path, complete=False) == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_a_catalog_that_has_begun_is_complete(path: Path) -> None:
    catalog = TOOL._read(path, path.parent.parent.name)
    done = [m for m in catalog if m.id and TOOL._complete(m.string) and not m.fuzzy]
    if not done:
        pytest.skip("not begun yet (the translators fill it)")
    assert TOOL.problems(path, complete=True) == []


def test_the_plural_forms_are_gettexts() -> None:
    for code, (count, rule) in TOOL.PLURAL_FORMS.items():
        text = (LOCALE / code / "LC_MESSAGES" / "psoas_timer.po").read_text(encoding="utf-8")
        assert f"nplurals={count}; plural={rule};" in text, code


def test_msgfmt_accepts_every_catalog() -> None:
    import shutil

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext is not installed")
    for path in CATALOGS:
        done = subprocess.run(
            [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr


def test_the_template_is_up_to_date(tmp_path: Path) -> None:
    """Every marked string of the code is in psoas_timer.pot (run `tools/i18n.py extract`)."""
    from babel.messages.pofile import read_po

    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "extract", "--locale-dir", str(tmp_path)],
        check=True,
        capture_output=True,
    )

    def ids(path: Path) -> set[tuple[str, str | None]]:
        with path.open("rb") as stream:
            return {(str(m.id), m.context) for m in read_po(stream) if m.id}

    missing = ids(tmp_path / "psoas_timer.pot") - ids(LOCALE / "psoas_timer.pot")
    assert not missing, f"not extracted yet: {sorted(missing)[:10]}"

"""The wheel's build hook: compile the translation catalogs (``.po`` -> ``.mo``) into the
wheel, since the compiled files are not in the repository. Also runs for an editable install
(``pip install -e .``), where it builds them in place in the checkout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TranslationsBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        sys.path.insert(0, str(root))
        try:
            from psoas_timer.i18n.build import compile_all
        finally:
            sys.path.remove(str(root))
        locale = root / "psoas_timer" / "locale"
        # The pseudo-languages are for tests and layouts: in a checkout, not in a wheel.
        written = compile_all(locale, pseudo_languages=version == "editable")
        build_data.setdefault("artifacts", []).extend(
            str(path.relative_to(root)) for path in written if "@" not in path.parent.parent.name
        )

"""Write the course's JupyterLab settings overrides into the active environment.

Overrides live in `<sys.prefix>/share/jupyter/lab/settings/overrides.json`: widget state is
saved with the notebook (so a closed notebook reopens with its widgets), and JupyterLab does
not fetch news or check for updates (no network needed).

`make lab-id` runs JupyterLab with user settings of its own (`language_settings_dir`) whose
interface language is Indonesian (the pinned language pack); Settings > Language switches back.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCE = Path(__file__).parent / "lab" / "overrides.json"


def overrides_path(prefix: str = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides(prefix: str = sys.prefix) -> Path:
    target = overrides_path(prefix)
    target.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(target.read_text()) if target.exists() else {}
    for plugin, settings in json.loads(SOURCE.read_text()).items():
        current.setdefault(plugin, {}).update(settings)
    target.write_text(json.dumps(current, indent=2) + "\n")
    return target


def language_settings_dir(prefix: str = sys.prefix, locale: str = "id_ID") -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / f"user-settings-{locale}"


def write_language_settings(prefix: str = sys.prefix, locale: str = "id_ID") -> Path:
    """User settings choosing `locale` for JupyterLab's menus, unless a student changed them."""
    folder = language_settings_dir(prefix, locale)
    target = folder / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"locale": locale}, indent=2) + "\n")
    return folder

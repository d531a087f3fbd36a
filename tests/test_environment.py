"""environment.yml and pyproject.toml pin the same packages at the same versions."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _pins(lines):
    pins = {}
    for line in lines:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line.strip())
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] + [
        d for group in project["optional-dependencies"].values() for d in group
    ]
    assert all("==" in line for line in lines), "every dependency is pinned exactly"
    return _pins(lines)


def environment_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    return _pins(pip), env


def test_same_packages_and_versions():
    pins, _ = environment_pins()
    assert pins == pyproject_pins()


def test_same_python():
    _, env = environment_pins()
    conda_python = next(
        d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python=")
    )
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    # Binder and conda get 3.11; pip installs support 3.11-3.13 (wheels: make wheels-check)
    assert conda_python == "python=3.11" and ">=3.11" in requires and "<3.14" in requires


def test_constraints_agree_with_the_pins():
    """constraints.txt (the full resolved set) must not contradict a direct pin."""
    resolved = _pins((ROOT / "constraints.txt").read_text().splitlines())
    for name, version in pyproject_pins().items():
        assert resolved.get(name) == version, f"constraints.txt has {name}=={resolved.get(name)}"

"""Installable as a package (issue 13, item 8): the wheel carries what the engine reads (the standard
specifications among it) and its license, and works installed in a fresh virtual environment, away from the
checkout; the pytest plugin takes its seed and number of examples from the command line."""

from __future__ import annotations

import email
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import ballotlaw

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "engine" / "ballotlaw"
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE")
KG = ROOT / "rules" / "kg"

pytest_plugins = ["pytester"]


def _call(*args: str | Path, cwd: Path | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run a command with none of this checkout's settings in its environment."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "BALLOTLAW_SPECS", "BALLOTLAW_DEBUG", "VIRTUAL_ENV", "PIP_PREFIX")
    }
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout, check=False
    )


def _setuptools_builds_it() -> bool:
    """Whether this environment's setuptools can build the project itself (PEP 639 needs 77 or later)."""
    try:
        major = int(metadata.version("setuptools").split(".")[0])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    return major >= 77


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what the build reads, so that the build leaves the checkout untouched."""
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(PACKAGE, source / "engine" / "ballotlaw", ignore=ignore)
    shutil.copytree(ROOT / "specs", source / "specs", ignore=ignore)
    return source


@pytest.fixture(scope="module")
def wheel(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the copy."""
    wheels = tmp_path_factory.mktemp("wheels")
    isolation = ["--no-build-isolation"] if _setuptools_builds_it() else []
    built = _call(sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-w", wheels, source)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = wheels.glob("ballotlaw-*.whl")
    return found


def _members(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_wheel_carries_its_metadata_license_and_data(source: Path, wheel: Path) -> None:
    """Issue 13, item 8: the wheel had no specs/, no LICENSE and the license in the old `{text = ...}` form."""
    members = _members(wheel)
    info = f"ballotlaw-{ballotlaw.__version__}.dist-info"
    meta = email.message_from_bytes(members[f"{info}/METADATA"])
    assert meta["Version"] == ballotlaw.__version__  # one source: ballotlaw.__version__
    assert meta["License-Expression"] == "Apache-2.0"
    assert meta.get_all("License-File") == ["LICENSE"]
    license_text = members[f"{info}/licenses/LICENSE"]
    assert license_text == (ROOT / "LICENSE").read_bytes()
    assert b"Apache License" in license_text and b"Version 2.0, January 2004" in license_text
    entry_points = members[f"{info}/entry_points.txt"].decode("utf-8")
    assert "ballotlaw = ballotlaw.cli:entry" in entry_points
    assert re.search(r"\[pytest11\]\nballotlaw = ballotlaw.pytest_plugin", entry_points)
    for spec in sorted((ROOT / "specs").glob("*.spec")):
        assert members[f"ballotlaw/specs/{spec.name}"] == spec.read_bytes()
    package = source / "engine" / "ballotlaw"
    shipped = {path.relative_to(package.parent).as_posix() for path in package.rglob("*") if path.is_file()}
    assert shipped - set(members) == set()  # every module and data file of the package folder is in the wheel


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed. Its dependencies are this environment's (a path
    to its site-packages, whose .pth files, the editable install of the checkout among them, are not read)."""
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / ("Scripts" if os.name == "nt" else "bin") / "python"
    done = _call(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel)
    assert done.returncode == 0, done.stdout + done.stderr
    purelib = _call(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    Path(purelib, "_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return home


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder away from the checkout with copies of the Kyrgyz 2021 law (and the 2015 law it amends) and its
    official results."""
    folder = tmp_path_factory.mktemp("elsewhere")
    for name in ("jogorku-kenesh-2015.rules", "jogorku-kenesh-2021.rules"):
        shutil.copy2(KG / name, folder / name)
    shutil.copy2(ROOT / "data" / "kg" / "2021" / "results.csv", folder / "results.csv")
    return folder


def _command(home: Path) -> Path:
    return home / ("Scripts" if os.name == "nt" else "bin") / "ballotlaw"


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path) -> None:
    python = installed / ("Scripts" if os.name == "nt" else "bin") / "python"
    probe = "import ballotlaw, sys; print(ballotlaw.__file__); print(ballotlaw.__version__); print(sys.path)"
    done = _call(python, "-c", probe, cwd=installed)
    assert done.returncode == 0, done.stderr
    where, version, path = done.stdout.splitlines()
    assert Path(where).resolve().is_relative_to(installed.resolve())
    assert version == ballotlaw.__version__
    assert str(ROOT / "engine") not in path
    shown = _call(_command(installed), "--version", cwd=installed)
    assert shown.returncode == 0 and ballotlaw.__version__ in shown.stdout


def test_check_and_run_from_another_folder(installed: Path, elsewhere: Path) -> None:
    """The installed command checks and applies the Kyrgyz law as the checkout does, byte for byte."""
    command = _command(installed)
    checked = _call(command, "check", "jogorku-kenesh-2021.rules", cwd=elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ran = _call(command, "run", "jogorku-kenesh-2021.rules", "results.csv", cwd=elsewhere)
    assert ran.returncode == 0, ran.stderr
    here = _call(
        sys.executable, "-m", "ballotlaw.cli", "run", "jogorku-kenesh-2021.rules", "results.csv", cwd=elsewhere
    )
    assert ran.stdout == here.stdout and "elected" in ran.stdout


def test_verify_uses_the_specifications_in_the_package(installed: Path, elsewhere: Path) -> None:
    """Issue 13, item 8: the installed `ballotlaw verify` exited 2, "no standard specifications found"."""
    done = _call(
        _command(installed), "verify", "-n", "20", "--save", "found", "jogorku-kenesh-2021.rules", cwd=elsewhere
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for spec in ("standard-majoritarian", "standard-proportional"):
        assert f"ballotlaw{os.sep}specs{os.sep}{spec}.spec" in done.stdout
    assert re.search(r"properties: \d+ passed, 0 failed", done.stdout)


# The pytest plugin's options, on a law whose Hare quota breaks house monotonicity (the Alabama paradox).
SPEC = """ballotlaw 1

spec tiny "Two properties"
  for contests of lists
  seat_total: property seats add up to the seats of the contest   rationale "Every seat is filled."
  house_monotonicity: property one more seat never takes a seat from a list   rationale "The Alabama paradox."
end
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.mkdir("rules")
    law = (ROOT / "tests" / "verify" / "laws" / "hare.rules").read_text(encoding="utf-8")
    pytester.path.joinpath("rules", "hare.rules").write_text(law, encoding="utf-8")
    pytester.mkdir("specs")
    pytester.path.joinpath("specs", "tiny.spec").write_text(SPEC, encoding="utf-8")
    return pytester


def _searches(project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, *args: str) -> set[tuple[int, int]]:
    """Run pytest on the project; the (examples, seed) of every search the property items made."""
    from ballotlaw import model
    from ballotlaw.verify import runner

    seen: set[tuple[int, int]] = set()
    original = runner.verify_contest

    def recording(
        law: model.Law,
        contest: model.Contest,
        spec: model.Spec,
        examples: int,
        seed: int,
        progress: runner.Progress | None = None,
    ) -> list[runner.PropertyResult]:
        seen.add((examples, seed))
        return original(law, contest, spec, examples, seed=seed, progress=progress)

    monkeypatch.setattr(runner, "verify_contest", recording)
    result = project.runpytest_inprocess("specs", "-p", "no:cacheprovider", "-p", "no:asyncio", *args)
    assert result.ret in (0, 1), result.stdout.str() + result.stderr.str()
    return seen


def test_plugin_takes_seed_and_examples_from_the_command_line(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13, item 8: the plugin's seed was fixed at 0 and its examples came only from the ini file."""
    assert _searches(project, monkeypatch, "--ballotlaw-examples", "7", "--ballotlaw-seed", "12345") == {(7, 12345)}
    project.makeini("[pytest]\nballotlaw_examples = 9\nballotlaw_seed = 4\n")
    assert _searches(project, monkeypatch) == {(9, 4)}
    assert _searches(project, monkeypatch, "--ballotlaw-seed=5") == {(9, 5)}  # the command line wins


def test_a_failure_names_the_seed_and_examples_it_was_found_with(project: pytest.Pytester) -> None:
    result = project.runpytest_inprocess(
        "specs", "-p", "no:cacheprovider", "-p", "no:asyncio", "--ballotlaw-examples=300", "--ballotlaw-seed=3"
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*Alabama paradox*", "*(found with --ballotlaw-examples 300 --ballotlaw-seed 3)*"])


@pytest.mark.parametrize(
    ("args", "ini", "shown"),
    [
        (["--ballotlaw-seed=-1"], "", "*--ballotlaw-seed: -1 is not between 0 and 4294967295*"),
        (["--ballotlaw-seed=4294967296"], "", "*--ballotlaw-seed: 4294967296 is not between 0 and 4294967295*"),
        (["--ballotlaw-examples=0"], "", "*--ballotlaw-examples: 0 is not between 1 and 10000000*"),
        (["--ballotlaw-examples=many"], "", "*--ballotlaw-examples: 'many' is not a whole number*"),
        ([], "ballotlaw_examples = many", "*ini option ballotlaw_examples = many: 'many' is not a whole number*"),
        ([], "ballotlaw_seed = -3", "*ini option ballotlaw_seed = -3: -3 is not between 0 and 4294967295*"),
    ],
)
def test_a_bad_seed_or_number_of_examples_is_a_usage_error(
    project: pytest.Pytester, args: list[str], ini: str, shown: str
) -> None:
    """A value out of range stops pytest before any test runs, naming the option (it was a crash in every
    property item for the ini option, and the seed could not be given at all)."""
    if ini:
        project.makeini(f"[pytest]\n{ini}\n")
    result = project.runpytest_subprocess("specs", "-p", "no:cacheprovider", "-p", "no:asyncio", *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([shown])

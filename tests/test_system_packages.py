"""`make system-packages` (run by `make test`): Debian's chromium and fonts-noto-cjk are
installed once, skipped when present, with sudo only when not root, and a failure says
which package could not be installed. Run against stand-in dpkg, apt-get, id and sudo that
record their calls, so no test touches the machine's packages."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MAKE = shutil.which("make")


def _run(tmp_path: Path, *, installed: set[str], uid: int = 0, apt_fails: bool = False,
         sudo: bool = True) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run the target with stand-ins on PATH; return the result and the calls made."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    stand_ins = {
        "dpkg": f'echo "dpkg $*" >> {log}\ncase " {" ".join(sorted(installed))} " in '
                f'*" $2 "*) echo "Status: install ok installed";; *) exit 1;; esac',
        "apt-get": f'echo "apt-get $*" >> {log}\n' + ("exit 100" if apt_fails else "exit 0"),
        "id": f"echo {uid}",
        "env": f'echo "env $*" >> {log}\nshift\nexec "$@"',
    }
    if sudo:
        stand_ins["sudo"] = f'echo "sudo $*" >> {log}\nexec "$@"'
    for name, body in stand_ins.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    tools = ("sh", "grep", "cat", "echo")
    for tool in tools:  # the shell and the few tools the recipe uses, nothing else
        if (found := shutil.which(tool)) and not (bin_dir / tool).exists():
            (bin_dir / tool).symlink_to(found)
    result = subprocess.run([MAKE or "make", "-s", "-C", str(REPO), "system-packages",
                             "SHELL=/bin/sh"], env={**os.environ, "PATH": str(bin_dir)},
                            capture_output=True, text=True, timeout=30)
    calls = log.read_text().splitlines() if log.exists() else []
    return result, calls


pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def test_nothing_is_installed_when_both_are_there(tmp_path: Path) -> None:
    result, calls = _run(tmp_path, installed={"chromium", "fonts-noto-cjk"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert [c for c in calls if not c.startswith("dpkg")] == []


def test_root_installs_only_what_is_missing_without_sudo(tmp_path: Path) -> None:
    result, calls = _run(tmp_path, installed={"chromium"})
    assert result.returncode == 0, result.stdout + result.stderr
    installs = [c for c in calls if c.startswith(("apt-get install", "env"))]
    assert installs and all("fonts-noto-cjk" in c and "chromium" not in c for c in installs)
    assert "-y" in installs[-1].split()
    assert not any(c.startswith("sudo") for c in calls)


def test_a_user_installs_through_sudo(tmp_path: Path) -> None:
    result, calls = _run(tmp_path, installed=set(), uid=1000)
    assert result.returncode == 0, result.stdout + result.stderr
    assert any(c.startswith("sudo") and "install" in c and "chromium fonts-noto-cjk" in c
               for c in calls)


def test_a_user_without_sudo_is_told_what_to_do(tmp_path: Path) -> None:
    result, calls = _run(tmp_path, installed=set(), uid=1000, sudo=False)
    assert result.returncode != 0
    assert "chromium fonts-noto-cjk" in result.stdout and "sudo" in result.stdout
    assert not any(c.startswith("apt-get") for c in calls)


def test_a_failed_install_fails_with_the_package_named(tmp_path: Path) -> None:
    result, _ = _run(tmp_path, installed={"fonts-noto-cjk"}, apt_fails=True)
    assert result.returncode != 0
    assert "Could not install chromium" in result.stdout

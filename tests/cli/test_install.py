"""make install and make uninstall with PREFIX and DESTDIR."""
import os
import subprocess

from conftest import ROOT


def make(*args):
    # A make of its own: not the sanitizer build that `make check` passes down.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    p = subprocess.run(["make", "-s", "-C", str(ROOT)] + list(args), capture_output=True,
                       text=True, timeout=600, env=env)
    assert p.returncode == 0, p.stdout + p.stderr


def test_install_then_uninstall_leaves_nothing(tmp_path):
    dest = tmp_path / "x"
    make("install", f"DESTDIR={dest}", "PREFIX=/usr")
    installed = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    assert "usr/bin/rostrum" in installed
    assert "usr/share/man/man1/rostrum.1" in installed
    assert "usr/share/rostrum/rostrum.conf.example" in installed
    assert "usr/share/rostrum/programmes/imrf-2022.conf" in installed
    assert "usr/share/rostrum/rosters/imrf-2022.csv" in installed
    assert os.access(dest / "usr/bin/rostrum", os.X_OK)
    completion = dest / "usr/share/bash-completion/completions/rostrum"
    assert "complete -F _rostrum rostrum" in completion.read_text()
    make("uninstall", f"DESTDIR={dest}", "PREFIX=/usr")
    assert not dest.exists() or list(dest.rglob("*")) == []

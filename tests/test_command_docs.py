"""docs/commands.md documents every command and every option, and is up to date."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import click
from conftest import ROOT

from resdiff.cli import main

PAGE = ROOT / "docs" / "commands.md"


def all_commands() -> list[tuple[str, click.Command, click.Context]]:
    """(command path, command, context) of resdiff and every command under it."""
    root = click.Context(main, info_name="resdiff", **main.context_settings)
    found = [("resdiff", main, root)]
    for path, command, context in found:
        if isinstance(command, click.Group):
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert sub is not None
                found.append(
                    (f"{path} {name}", sub, click.Context(sub, info_name=name, parent=context))
                )
    return found


def sections() -> dict[str, str]:
    """'## resdiff archive add' heading -> the text of that section."""
    parts = re.split(r"^## (resdiff[^\n]*)\n", PAGE.read_text(encoding="utf-8"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_command_and_option_is_documented():
    documented = sections()
    commands = all_commands()
    assert len(commands) > 20
    assert {path for path, *_ in commands} == set(documented)
    for path, command, context in commands:
        text = documented[path]
        assert f"Usage: {path} " in text
        for param in command.get_params(context):
            if isinstance(param, click.Option):
                for name in param.opts + param.secondary_opts:
                    assert re.search(rf"`[^`]*{re.escape(name)}\b", text), f"{path} {name}"


def test_the_page_is_what_the_script_writes():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "command_docs.py"), "--check"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_shell_completion_works_as_documented():
    text = PAGE.read_text(encoding="utf-8")
    assert 'eval "$(_RESDIFF_COMPLETE=bash_source resdiff)"' in text
    done = subprocess.run(
        [sys.executable, "-c", "from resdiff.cli import main; main(prog_name='resdiff')"],
        env={
            **os.environ,
            "_RESDIFF_COMPLETE": "bash_complete",
            "COMP_WORDS": "resdiff comp",
            "COMP_CWORD": "1",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "plain,compare" in done.stdout.splitlines()

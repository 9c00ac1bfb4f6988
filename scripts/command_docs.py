"""Write docs/commands.md, one section per command, from the click definitions.

Run ``python scripts/command_docs.py`` after changing a command or an option;
``tests/test_command_docs.py`` fails while the page and the commands differ.
``--check`` exits 1 when docs/commands.md is out of date, without writing.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from resdiff.cli import main

PAGE = Path(__file__).resolve().parent.parent / "docs" / "commands.md"

INTRODUCTION = """\
# resdiff commands

Generated from the command definitions by `python scripts/command_docs.py`;
do not edit by hand. `resdiff COMMAND --help` prints the same text.

Every command exits with status 2 and one line on standard error,
`resdiff: error: ...`, when it cannot do what was asked.

## Shell completion

resdiff completes commands, options and file names in bash, zsh and fish
(click's shell completion). Add one line to the shell's start-up file:

```
eval "$(_RESDIFF_COMPLETE=bash_source resdiff)"     # ~/.bashrc
eval "$(_RESDIFF_COMPLETE=zsh_source resdiff)"      # ~/.zshrc
_RESDIFF_COMPLETE=fish_source resdiff | source      # ~/.config/fish/completions/resdiff.fish
```
"""


def commands(
    group: click.Group, context: click.Context
) -> Iterator[tuple[click.Command, click.Context]]:
    """Every command under ``group``, depth first, in the order ``--help`` lists them."""
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        sub_context = click.Context(command, info_name=name, parent=context)
        yield command, sub_context
        if isinstance(command, click.Group):
            yield from commands(command, sub_context)


def section(command: click.Command, context: click.Context) -> str:
    """The Markdown section of one command: usage, description, options."""
    lines = [f"## {context.command_path}", "", "```", command.get_usage(context), "```", ""]
    if command.help:
        text = inspect.cleandoc(command.help)
        lines += [click.formatting.wrap_text(text, 78, preserve_paragraphs=True), ""]
    rows = [
        param.get_help_record(context)
        for param in command.get_params(context)
        if isinstance(param, click.Option)
    ]
    options = [row for row in rows if row is not None]
    if options:
        lines += ["| option | what it does |", "|---|---|"]
        lines += [f"| `{_cell(name)}` | {_cell(text)} |" for name, text in options]
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def page() -> str:
    """The whole page."""
    root = click.Context(main, info_name="resdiff", **main.context_settings)
    parts = [INTRODUCTION, section(main, root)]
    parts += [section(command, context) for command, context in commands(main, root)]
    return "\n".join(parts).rstrip("\n") + "\n"


def run(argv: list[str]) -> int:
    """Write the page, or with ``--check`` only say whether it is up to date."""
    text = page()
    if "--check" in argv:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE} is out of date: run python scripts/command_docs.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))

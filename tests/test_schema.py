"""The JSON outputs against their schemas (resdiff/schema/), and the schemas against the README.

Every JSON output the command line makes of the fixtures is validated: ``parse`` of
every text, markdown and derived fixture, ``compare`` of every hand-judged gold
pair, the Security Council series, the derived rewording and negotiation rounds, a
changed vote, footnote and sub-item edits, ``--only-changes``, ``compare
--amendments`` and ``archive diff``. Every key of both schemas carries a
description and is named in the README's JSON section.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DERIVED_HRC, FIXTURES, HRC, SERIES
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from resdiff.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "resdiff" / "schema"
GOLD = sorted((FIXTURES / "gold" / "pairs").glob("*.json"))
PARSED = sorted(
    [*FIXTURES.glob("*.txt"), *FIXTURES.glob("*.md"), *(FIXTURES / "ga").glob("A_*[0-9].txt")]
    + [p for p in (FIXTURES / "derived").glob("*.*") if "amendment" not in p.name]
)


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of ``<name>.schema.json``, with the other schema reachable by $ref."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMAS.glob("*.schema.json")
    }
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    schema = schemas[f"{name}.schema.json"]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def run_json(*args: object) -> dict:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def valid(name: str, data: dict) -> dict:
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]
    return data


@pytest.mark.parametrize("path", PARSED, ids=lambda p: p.name)
def test_parse_output_is_valid(path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
    if result.exit_code == 2:  # an amendment, not a resolution: one line on stderr, no JSON
        assert "is an amendment to" in result.output
        return
    valid("parse", json.loads(result.stdout))


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_compare_output_of_every_gold_pair_is_valid(gold: Path) -> None:
    pair = json.loads(gold.read_text(encoding="utf-8"))
    data = run_json(
        "compare",
        FIXTURES / pair["old"],
        FIXTURES / pair["new"],
        "--format",
        "json",
        "--no-archive",
    )
    valid("compare", data)
    assert {c["label"] for c in data["changes"]} == {c["label"] for c in data["changes"]}
    assert len({c["label"] for c in data["changes"]}) == len(data["changes"])  # unique labels


@pytest.mark.parametrize(
    ("old", "new", "options"),
    [
        *[(FIXTURES / f"{a}.txt", FIXTURES / f"{b}.txt", ()) for a, b in SERIES],
        (HRC, DERIVED_HRC, ()),
        (HRC, DERIVED_HRC, ("--only-changes",)),
        (
            FIXTURES / "derived" / "A_HRC_RES_41_3.derived-draft-round1.md",
            FIXTURES / "derived" / "A_HRC_RES_41_3.derived-draft-round2.md",
            (),
        ),
        (FIXTURES / "S_2020_110.txt", FIXTURES / "derived" / "S_2020_110.derived-next.txt", ()),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else "-".join(value) or "all",
)
def test_compare_output_is_valid(old: Path, new: Path, options: tuple[str, ...]) -> None:
    data = valid(
        "compare", run_json("compare", old, new, "--format", "json", "--no-archive", *options)
    )
    for change in data["changes"]:
        for holder in [change, *change["parts"]]:
            if holder["redline"]:
                joined = "".join(t for op, t in holder["redline"] if op != "delete")
                assert joined == holder["new_text"]


def test_drafts_vote_footnotes_and_sub_items_are_valid(tmp_path: Path) -> None:
    from analysis.test_votes import revoted_41_3

    text = HRC.read_text(encoding="utf-8")
    edited = revoted_41_3(text).replace("³ A/HRC/41/25.", "³ A/HRC/44/31.")
    (tmp_path / "new.txt").write_text(edited, encoding="utf-8")
    data = valid(
        "compare",
        run_json("compare", HRC, tmp_path / "new.txt", "--format", "json", "--no-archive"),
    )
    assert data["vote_change"] is not None
    assert any(p["part"] == "footnote" for c in data["changes"] for p in c["parts"])
    car = (FIXTURES / "S_2017_77.txt").read_text(encoding="utf-8")
    (tmp_path / "car.txt").write_text(car.replace("Sudanese forces", "Sudanese troops", 1))
    data = valid(
        "compare",
        run_json(
            "compare",
            FIXTURES / "S_2017_77.txt",
            tmp_path / "car.txt",
            "--format",
            "json",
            "--no-archive",
        ),
    )
    assert any(
        p["part"] == "subitem" and p["kind"] == "reworded"
        for c in data["changes"]
        for p in c["parts"]
    )
    rounds = FIXTURES / "derived" / "A_HRC_RES_41_3.derived-draft-round{}.md"
    data = valid(
        "compare",
        run_json(
            "compare",
            str(rounds).format(1),
            str(rounds).format(2),
            "--format",
            "json",
            "--no-archive",
        ),
    )
    assert any(c["draft"] for c in data["changes"])


def test_compare_with_amendments_is_valid() -> None:
    ga = FIXTURES / "ga"
    data = run_json(
        "compare", ga / "A_C.3_80_L.2.txt", ga / "A_RES_80_192.txt", "--format", "json",
        "--amendments", ga / "A_C.3_80_L.56.txt", "--no-archive",
    )  # fmt: skip
    assert valid("compare", data)["amendments"]["instructions"]


def test_archive_diff_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from resdiff.archive import Archive

    monkeypatch.delenv("RESDIFF_ARCHIVE", raising=False)
    monkeypatch.chdir(tmp_path)
    archive = tmp_path / "archive"
    Archive.init(archive)[0].close()
    runner = CliRunner()
    for name in ("S_2018_95", "S_2020_110"):
        added = runner.invoke(
            main, ["archive", "add", str(FIXTURES / f"{name}.txt"), "--archive", str(archive)]
        )
        assert added.exit_code == 0, added.output
    data = run_json(
        "archive", "diff", "S/2018/95", "S/2020/110", "--format", "json", "--archive", archive
    )
    valid("compare", data)
    assert (data["old"]["name"], data["new"]["name"]) == ("S/2018/95@1", "S/2020/110@1")


def schema_keys(node: object, found: set[str] | None = None) -> set[str]:
    """Every property name declared anywhere in a schema."""
    found = set() if found is None else found
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            found.add(key)
            assert "description" in value or "$ref" in value, f"{key} has no description"
        for value in node.values():
            schema_keys(value, found)
    elif isinstance(node, list):
        for value in node:
            schema_keys(value, found)
    return found


def test_every_key_is_described_and_named_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### JSON contract") :]
    section = section[: section.index("\n## ", 1)]
    for path in SCHEMAS.glob("*.schema.json"):
        keys = schema_keys(json.loads(path.read_text(encoding="utf-8")))
        missing = sorted(
            k for k in keys if not re.search(rf'"{re.escape(k)}"|`{re.escape(k)}`', section)
        )
        assert not missing, f"{path.name}: keys not in the README's JSON section: {missing}"

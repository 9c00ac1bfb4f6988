"""verify: every stored file against its SHA-256, the metadata against the texts."""

from __future__ import annotations

import json

from archive_helpers import (
    fixture,
    fixtures_archive_fixture,  # noqa: F401 - pytest fixture
    fixtures_archive_template_fixture,  # noqa: F401 - pytest fixture
    git,
    head,
    run,
)


def verify(path, *extra):
    return run("archive", "verify", *extra, "--archive", path)


def test_a_sound_archive_verifies(fixtures_archive):
    result = verify(fixtures_archive, "--deep")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "ok: 17 documents checked\n"
    data = json.loads(verify(fixtures_archive, "--format", "json").stdout)
    assert data == {"ok": True, "documents": 17, "problems": [], "notes": [], "recovered": []}


def test_a_stored_file_edited_and_committed_with_plain_git_is_detected(fixtures_archive):
    original = fixtures_archive / "S_2019_90" / "original.txt"
    original.write_text(original.read_text().replace("Central African Republic", "Centrafrique", 1))
    assert git(fixtures_archive, "commit", "-qam", "edit by hand").returncode == 0
    result = verify(fixtures_archive)
    assert result.exit_code == 1
    assert "S_2019_90/original.txt: SHA-256 differs from the one in meta.json" in result.stdout
    assert result.stdout.endswith("1 problem: 17 documents checked\n")


def test_metadata_that_contradicts_the_text_is_detected(fixtures_archive):
    meta_path = fixtures_archive / "A_HRC_RES_41_3" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["symbol"] = "A/HRC/RES/41/4"
    meta["date"] = "2019-07-12"
    meta["predecessor"] = "A/HRC/RES/38/3"
    meta_path.write_text(json.dumps(meta))
    git(fixtures_archive, "commit", "-qam", "wrong metadata")
    problems = json.loads(verify(fixtures_archive, "--format", "json").stdout)["problems"]
    assert (
        "A_HRC_RES_41_3/meta.json: symbol is A/HRC/RES/41/4, the directory is A/HRC/RES/41/3"
        in problems
    )
    assert any("A_HRC_RES_41_3/text.md: date '2019-07-11' differs" in p for p in problems)
    assert "A/HRC/RES/41/4: predecessor A/HRC/RES/38/3 is not in the archive" in problems


def test_unexpected_missing_and_corrupt_files_are_detected(fixtures_archive):
    (fixtures_archive / "S_2017_77" / "notes.txt").write_text("mine")
    (fixtures_archive / "S_2018_95" / "text.md").unlink()
    (fixtures_archive / "S_2019_441" / "meta.json").write_text("{")
    (fixtures_archive / "stray.txt").write_text("x")
    git(fixtures_archive, "add", "-A")
    git(fixtures_archive, "commit", "-qm", "mess")
    problems = json.loads(verify(fixtures_archive, "--format", "json").stdout)["problems"]
    assert "S_2017_77/notes.txt: unexpected file" in problems
    assert "S_2018_95/text.md: missing" in problems
    assert any(p.startswith("S_2019_441/meta.json: corrupt metadata") for p in problems)
    assert "stray.txt: not the directory of a document symbol" in problems


def test_uncommitted_edits_in_the_working_tree_are_reported(fixtures_archive):
    (fixtures_archive / "S_2019_90" / "text.md").write_text("changed\n")
    result = verify(fixtures_archive)
    assert result.exit_code == 1
    assert (
        "S_2019_90/text.md: differs from the committed version (uncommitted change)"
        in result.stdout
    )


def test_rewritten_history_is_detected(fixtures_archive):
    run(
        "archive", "add", fixture("S_2019_90"), "--status", "adopted", "--archive", fixtures_archive
    )
    git(fixtures_archive, "reset", "-q", "--hard", "HEAD~1")
    result = verify(fixtures_archive)
    assert result.exit_code == 1
    assert "history was rewritten" in result.stdout


def test_verify_never_commits(fixtures_archive):
    before = head(fixtures_archive)
    verify(fixtures_archive, "--deep")
    assert head(fixtures_archive) == before

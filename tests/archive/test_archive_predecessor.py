"""find-predecessor: the text a new draft was made from ranks first, for every real series."""

from __future__ import annotations

import json
import shutil

import pytest
from archive_helpers import (
    DERIVED_HRC,
    SERIES,
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    fixture,
    fixtures_archive_fixture,  # noqa: F401 - pytest fixture
    fixtures_archive_template_fixture,  # noqa: F401 - pytest fixture
    run,
    write_derived,
)

from resdiff.archive.predecessor import text_signature
from resdiff.archive.predecessor_index import PredecessorIndex, index_path
from resdiff.archive.store import Archive
from resdiff.archive.text import document_markdown
from resdiff.parse import parse


@pytest.mark.parametrize(("old", "new"), SERIES)
def test_true_predecessor_ranks_first_for_every_series_pair(fixtures_archive, old, new):
    result = run(
        "archive",
        "find-predecessor",
        fixture(new),
        "--format",
        "json",
        "--archive",
        fixtures_archive,
    )
    assert result.exit_code == 0, result.stderr
    ranked = json.loads(result.stdout)
    assert ranked[0]["symbol"] == old.replace("_", "/")
    assert new.replace("_", "/") not in [c["symbol"] for c in ranked]  # never itself
    assert ranked[0]["score"] > ranked[1]["score"]
    assert all(0 <= c["score"] <= 1 and 0 <= c["reuse"] <= 1 for c in ranked)


def test_derived_41_3_finds_41_3(fixtures_archive):
    archive = Archive(fixtures_archive)
    ranked = archive.find_predecessors(DERIVED_HRC, symbol="A/HRC/41/L.5/Rev.9")
    assert ranked[0].symbol == "A/HRC/RES/41/3"
    assert ranked[0].score > 0.8
    archive.close()


def test_derived_third_version_finds_the_second(fixtures_archive, tmp_path):
    derived = write_derived(tmp_path)
    text = run("archive", "find-predecessor", derived, "--top", "2", "--archive", fixtures_archive)
    lines = text.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[:2] == ["1.", "S/2020/110"]
    assert lines[1].split()[:2] == ["2.", "S/2018/95"]


def test_add_auto_series_links_the_found_predecessor(archive_dir, tmp_path):
    for name in ("S_2018_95", "S_2017_77", "S_2017_444", "A_HRC_RES_41_3"):
        run("archive", "add", fixture(name), "--archive", archive_dir)
    result = run("archive", "add", fixture("S_2020_110"), "--auto-series", "--archive", archive_dir)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("predecessor: S/2018/95 (score ")
    assert lines[1].startswith(
        "added S/2020/110 (version 1, series s-2018-95, predecessor S/2018/95)"
    )
    assert lines[2] == "series s-2018-95 set on S/2018/95"
    unrelated = run(
        "archive", "add", fixture("A_RES_80_54.md"), "--auto-series", "--archive", archive_dir
    )
    assert unrelated.stdout.startswith("predecessor: none found")


def test_index_is_kept_out_of_history_and_follows_head(archive_dir):
    archive = Archive(archive_dir)
    run("archive", "add", fixture("S_2018_95"), "--archive", archive_dir)
    archive.find_predecessors(fixture("S_2020_110"))
    index = PredecessorIndex.load(index_path(archive.repo.git_dir))
    assert index.head == archive.repo.head()
    assert set(index.by_symbol) == {"S/2018/95"}
    run("archive", "add", fixture("S_2017_77"), "--archive", archive_dir)
    ranked = archive.find_predecessors(fixture("S_2019_90"))
    assert ranked[0].symbol == "S/2017/77"
    refreshed = PredecessorIndex.load(index_path(archive.repo.git_dir))
    assert set(refreshed.by_symbol) == {"S/2018/95", "S/2017/77"}
    tracked = archive.repo.ls_tree("HEAD", recursive=True)
    assert not any("predecessor" in e.path for e in tracked)
    archive.close()


def test_a_lost_or_damaged_index_is_rebuilt(fixtures_archive):
    archive = Archive(fixtures_archive)
    path = index_path(archive.repo.git_dir)
    first = archive.find_predecessors(fixture("S_2019_90"))
    path.write_bytes(b"garbage")
    assert archive.find_predecessors(fixture("S_2019_90")) == first
    path.unlink()
    assert archive.find_predecessors(fixture("S_2019_90")) == first
    archive.close()


def test_signatures_ignore_numbering_and_wrapping():
    document = parse(fixture("S_2020_110"))
    plain = text_signature(document_markdown(document))
    renumbered = parse(
        fixture("S_2020_110").read_text().replace("5.     Decides", "7.     Decides")
    )
    assert text_signature(document_markdown(renumbered)) == plain
    assert len(plain) > 20


def test_empty_archive_finds_nothing(archive_dir):
    result = run("archive", "find-predecessor", fixture("S_2019_90"), "--archive", archive_dir)
    assert result.exit_code == 0
    assert result.stdout == "no archived document shares text with this file\n"


def test_import_hands_its_signatures_to_the_index(archive_dir, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for k in range(20):
        text = (
            fixture("S_2019_90").read_text().replace("12. Decides", f"12. Decides, in round {k},")
        )
        (folder / f"S_2009_{k}.txt").write_text(text)  # made before S/2019/90
    shutil.copy(fixture("S_2017_77"), folder)
    archive = Archive(archive_dir)
    archive.import_directory(folder, jobs=1)
    seeded = PredecessorIndex.load(index_path(archive.repo.git_dir))
    assert len(seeded.by_symbol) == 21 and seeded.head == archive.repo.head()
    stored = {m.symbol: (m.series, m.predecessor) for m in archive.catalogue()}
    assert {d.symbol: (d.series, d.predecessor) for _, d in seeded.alive()} == stored
    ranked = archive.find_predecessors(fixture("S_2019_90"), top=3)
    assert ranked[0].symbol.startswith("S/2009/")
    archive.close()

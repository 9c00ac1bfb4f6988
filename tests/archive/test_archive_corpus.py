"""The corpus workflow on real General Assembly series (fixtures/ga/, fixtures/README.md).

Four series of the corpus's ``series.tsv``: 78th -> 79th -> Third Committee
draft -> 80th session ("enhancement of international cooperation in the field
of human rights"), 78th -> 79th -> draft -> revised draft -> 80th ("combating
sand and dust storms"), and two financing resolutions of the same genre
adopted together each year. The expected series and orders are the table of
fixtures/README.md (taken from ``series.tsv``), not resdiff's output.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from archive_helpers import (
    FIXTURES,
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    assert_one_line_error,
    replace_once,
    run,
    run_process,
)

from resdiff.archive.store import Archive

GA = FIXTURES / "ga"
SERIES = [
    ["A/RES/78/199", "A/RES/79/166", "A/C.3/80/L.35", "A/RES/80/204"],
    ["A/RES/78/158", "A/RES/79/212", "A/C.2/80/L.39", "A/C.2/80/L.50", "A/RES/80/143"],
    ["A/RES/78/304", "A/RES/79/307"],
    ["A/RES/78/302", "A/RES/79/305"],
]
PAIRS = [(later, series[k]) for series in SERIES for k, later in enumerate(series[1:])]


def ga_file(symbol: str) -> Path:
    return GA / f"{symbol.replace('/', '_')}.txt"


def ga_folder(folder: Path, symbols: list[str]) -> Path:
    """A folder holding the fixture texts of ``symbols``."""
    folder.mkdir(parents=True, exist_ok=True)
    for symbol in symbols:
        shutil.copy(ga_file(symbol), folder)
    return folder


def catalogue(path: Path) -> dict[str, object]:
    archive = Archive(path)
    try:
        return {m.symbol: m for m in archive.catalogue()}
    finally:
        archive.close()


@pytest.fixture(name="ga_template", scope="session")
def ga_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive holding the four series, imported as one folder."""
    base = tmp_path_factory.mktemp("ga")
    path = base / "archive"
    archive = Archive.init(path)[0]
    symbols = [s for series in SERIES for s in series]
    result = archive.import_directory(ga_folder(base / "texts", symbols), jobs=1)
    assert result.count("rejected") == 0, [r.reason for r in result.results]
    archive.close()
    return path


@pytest.fixture(name="ga_archive")
def ga_archive_fixture(ga_template: Path, tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("RESDIFF_ARCHIVE", raising=False)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "archive"
    shutil.copytree(ga_template, path, symlinks=True)
    return path


def test_import_finds_the_series_and_predecessors_of_the_key(ga_archive):
    metas = catalogue(ga_archive)
    found = {}
    for symbol, meta in metas.items():
        found.setdefault(meta.series, set()).add(symbol)
    assert None not in found
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, SERIES))
    for later, earlier in PAIRS:
        assert metas[later].predecessor == earlier, later
    assert metas["A/RES/78/199"].predecessor is None
    # dates from the mastheads: the order of the key
    for series in SERIES:
        dates = [metas[s].date for s in series]
        assert None not in dates and dates == sorted(dates), series


def test_archive_series_shows_78th_79th_draft_80th(ga_archive):
    name = catalogue(ga_archive)["A/RES/80/204"].series
    result = run("archive", "series", name, "--archive", ga_archive)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines] == SERIES[0]
    for line, earlier in zip(lines[1:], SERIES[0], strict=False):
        assert line.endswith(f"(after {earlier})")


@pytest.mark.parametrize(("later", "earlier"), PAIRS)
def test_the_predecessor_ranks_first(ga_archive, later, earlier):
    result = run_process(
        "archive", "find-predecessor", ga_file(later), "--format", "json", "--archive", ga_archive
    )
    assert result.returncode == 0, result.stderr
    ranked = [c["symbol"] for c in json.loads(result.stdout)]
    assert ranked[0] == earlier
    assert later not in ranked
    if later == "A/C.3/80/L.35":  # not the resolution adopted from it, made later
        assert "A/RES/80/204" not in ranked


def test_the_other_financing_series_is_never_the_predecessor(ga_archive):
    ranked = run(
        "archive",
        "find-predecessor",
        ga_file("A/RES/79/307"),
        "--format",
        "json",
        "--archive",
        ga_archive,
    )
    candidates = json.loads(ranked.stdout)
    assert candidates[0]["symbol"] == "A/RES/78/304"
    others = {c["symbol"]: c for c in candidates}
    assert "A/RES/79/305" not in others  # adopted the same day: a sibling
    assert others["A/RES/78/302"]["other_title"] is True


def test_diff_of_one_version_compares_it_with_its_predecessor(ga_archive):
    alone = run("archive", "diff", "A/RES/80/204", "--archive", ga_archive)
    both = run("archive", "diff", "A/C.3/80/L.35", "A/RES/80/204", "--archive", ga_archive)
    assert alone.stderr == "resdiff: comparing A/C.3/80/L.35 with A/RES/80/204\n"
    assert (alone.exit_code, alone.stdout) == (both.exit_code, both.stdout)
    assert alone.stdout
    assert_one_line_error(
        run("archive", "diff", "A/RES/78/199", "--archive", ga_archive),
        "no earlier version of A/RES/78/199 and no predecessor",
    )


def test_diff_of_a_second_version_compares_it_with_the_first(ga_archive, tmp_path):
    later = tmp_path / "later" / "A_RES_79_307.txt"
    later.parent.mkdir()
    # a derived text: the 79/307 file with the amount apportioned in OP14 changed
    text = ga_file("A/RES/79/307").read_text()
    later.write_text(replace_once(text, "amount of 38,091,700", "amount of 38,091,800"))
    added = run("archive", "add", later, "--archive", ga_archive)
    assert added.exit_code == 0, added.stderr
    result = run("archive", "diff", "A/RES/79/307", "--archive", ga_archive)
    assert result.stderr == "resdiff: comparing A/RES/79/307@1 with A/RES/79/307\n"


def test_compare_against_the_archive_finds_the_predecessor(ga_archive):
    file = ga_file("A/RES/80/204")
    result = run_process("compare", "--against-archive", file, f"--archive={ga_archive}")
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr.startswith("resdiff: predecessor: A/C.3/80/L.35 (score ")
    same = run_process("archive", "diff", "A/C.3/80/L.35", file, "--archive", ga_archive)
    assert (result.returncode, result.stdout) == (same.returncode, same.stdout)
    assert_one_line_error(
        run_process(
            "compare", "--against-archive", ga_file("A/RES/78/199"), f"--archive={ga_archive}"
        ),
        "no archived document",
        "is its predecessor",
    )
    assert_one_line_error(
        run_process("compare", "--against-archive", file, file, f"--archive={ga_archive}"),
        "give only FILE",
    )


def test_a_draft_imported_after_its_resolution_joins_its_series(archive_dir, tmp_path):
    first = run("archive", "add", ga_file("A/RES/80/204"), "--archive", archive_dir)
    assert first.exit_code == 0, first.stderr
    rest = ga_folder(tmp_path / "rest", SERIES[0][:3])
    result = run("archive", "import", rest, "--archive", archive_dir)
    assert ": 3 added, 0 updated, 0 unchanged, 0 rejected" in result.stdout, result.stdout
    metas = catalogue(archive_dir)
    assert metas["A/RES/80/204"].predecessor == "A/C.3/80/L.35"
    assert len({metas[s].series for s in SERIES[0]}) == 1
    name = metas["A/RES/80/204"].series
    listed = run("archive", "series", name, "--archive", archive_dir).stdout.splitlines()
    assert [line.split()[1] for line in listed] == SERIES[0]

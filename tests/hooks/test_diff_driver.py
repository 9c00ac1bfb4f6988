"""The git diff driver and textconv filter with real git: ``git diff`` and ``git log -p``.

``resdiff install-diff-driver`` configures a repository; the tests then run
git and assert on what git prints. Texts are the fixtures and the derived
41/3 variant (fixtures/README.md lists its edits); the PDFs are the official
S/2018/95 and S/2020/110 of one series.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from click.testing import CliRunner
from repo_helpers import FIXTURES, Repo, fixture

from resdiff.cli import main
from resdiff.githooks.diffdriver import document_lines, textconv
from resdiff.githooks.install import attribute_lines
from resdiff.githooks.selection import Selection
from resdiff.parse import parse

HRC = "A_HRC_RES_41_3.txt"
DERIVED = "derived/A_HRC_RES_41_3.derived-reworded.txt"


@pytest.fixture
def repo(tmp_path) -> Repo:
    """A repository with the diff driver installed."""
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    done = repository.resdiff("install-diff-driver")
    assert done.returncode == 0, done.stderr
    return repository


def committed(repo: Repo, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        repo.write(name, content)
    repo.git("add", ".")
    repo.commit("base", "--no-verify", check=True)


# --------------------------------------------------------------------------- install


def test_install_sets_config_and_attributes(repo):
    attributes = (repo.path / ".gitattributes").read_text(encoding="utf-8")
    assert attributes.splitlines() == [
        "*.txt diff=resdiff",
        "*.md diff=resdiff",
        "*.docx diff=resdiff",
        "*.pdf diff=resdiff",
    ]
    command = repo.git("config", "diff.resdiff.command").stdout.strip()
    assert command.endswith(" -m resdiff.cli git-diff") and sys.executable in command
    assert repo.git("config", "diff.resdiff.textconv").stdout.strip().endswith(" textconv")
    assert repo.git("config", "diff.resdiff.cachetextconv").stdout.strip() == "true"
    assert (
        repo.git("-c", "core.quotepath=off", "check-attr", "diff", "--", "a b/é.pdf").stdout
        == "a b/é.pdf: diff: resdiff\n"
    )
    again = repo.resdiff("install-diff-driver")
    assert again.stdout.startswith("resdiff: already configured: ")
    assert (repo.path / ".gitattributes").read_text(encoding="utf-8") == attributes


def test_install_keeps_existing_attributes_and_honours_the_folder(tmp_path):
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    repository.write(".gitattributes", "*.png binary\n")
    repository.write(".resdiff.toml", 'folder = "UN drafts"\npatterns = ["*.txt"]\n')
    assert repository.resdiff("install-diff-driver").returncode == 0
    lines = (repository.path / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert lines == ["*.png binary", "/UN[[:space:]]drafts/**/*.txt diff=resdiff"]
    check = repository.git("check-attr", "diff", "--", "UN drafts/a/x.txt", "notes/x.txt")
    assert check.stdout.splitlines() == [
        "UN drafts/a/x.txt: diff: resdiff",
        "notes/x.txt: diff: unspecified",
    ]


def test_attribute_lines_for_patterns_with_a_folder():
    selection = Selection(patterns=("*.txt", "adopted/*.md"))
    assert attribute_lines(selection) == ["*.txt diff=resdiff", "/adopted/*.md diff=resdiff"]


# --------------------------------------------------------------------------- git diff


def test_git_diff_colours_as_git_is_asked(repo):
    # git passes no colour option to an external diff; the driver follows git's own rule.
    committed(repo, {"res.txt": fixture(HRC)})
    repo.write("res.txt", fixture(DERIVED))
    esc = "\x1b["
    assert esc not in repo.git("diff").stdout  # not a terminal, color.diff unset
    assert esc in repo.git("diff", "--color").stdout
    assert esc in repo.git("-c", "color.diff=always", "diff").stdout
    assert esc in repo.git("-c", "color.ui=always", "diff").stdout
    assert esc not in repo.git("-c", "color.diff=always", "diff", "--no-color").stdout
    assert esc not in repo.git("-c", "color.diff=auto", "diff").stdout
    coloured = repo.git("diff", "--color=always").stdout
    assert f"{esc}32mEncourages{esc}0m" in coloured  # inserted words in green


def test_git_diff_prints_the_clause_level_comparison(repo):
    committed(repo, {"res.txt": fixture(HRC)})
    repo.write("res.txt", fixture(DERIVED))
    out = repo.git("diff").stdout
    lines = out.splitlines()
    assert lines[0] == "diff --resdiff a/res.txt b/res.txt"
    assert "resdiff: A/HRC/RES/41/3 -> A/HRC/RES/41/3" in lines
    assert any(
        line.startswith("57 unchanged, 4 reworded (2 technical), 1 added, 1 removed")
        for line in lines
    )
    assert "Renumbered: 21-32 -> 22-33" in lines
    assert "~ OP8  reworded (99%)" in lines
    assert "    Expresses its {+deep+} concern at the continued imposition of unilateralism" in out
    assert "+ OP21  added" in lines and "- OP33 (removed)" in lines
    assert "= PP27 -> PP4  unchanged, moved" in out
    assert "= OP1 " not in out  # unchanged paragraphs are left out


def test_git_diff_of_staged_new_renamed_and_deleted_files(repo):
    committed(repo, {"old name.txt": fixture(HRC), "gone.txt": fixture("S_2019_90.txt")})
    repo.git("mv", "old name.txt", "nouveau é.txt")
    repo.write("nouveau é.txt", fixture(DERIVED))
    repo.git("rm", "-q", "gone.txt")
    repo.write("new.txt", fixture("S_2020_110.txt"))
    repo.git("add", ".")
    out = repo.git("-c", "core.quotepath=off", "diff", "--cached", "-M").stdout
    renamed = out.index("diff --resdiff a/old name.txt b/nouveau é.txt")
    assert "rename from old name.txt\nrename to nouveau é.txt" in out[renamed:]
    assert "57 unchanged, 4 reworded (2 technical)" in out[renamed:]
    assert "diff --resdiff a/gone.txt b/gone.txt\ndeleted file mode 100644\n" in out
    assert "resdiff: gone.txt -> /dev/null\n0 unchanged, 0 reworded, 0 added, 18 removed" in out
    assert "diff --resdiff a/new.txt b/new.txt\nnew file mode 100644\n" in out
    assert "resdiff: /dev/null -> new.txt\n0 unchanged, 0 reworded, 9 added, 0 removed" in out


def test_git_diff_of_pdfs(repo):
    committed(repo, {"sudan.pdf": (FIXTURES / "pdf" / "S_2018_95.pdf").read_bytes()})
    repo.write("sudan.pdf", (FIXTURES / "pdf" / "S_2020_110.pdf").read_bytes())
    out = repo.git("diff").stdout
    assert out.startswith("diff --resdiff a/sudan.pdf b/sudan.pdf\n")
    assert "+ OP4  added" in out
    words = " ".join(out.split())  # the report wraps to 80 columns
    assert "Recalling the final report of the Sudan Panel of Experts (S/[-2017-]{+2020+}/" in words


def test_git_diff_falls_back_to_a_line_diff_for_other_texts(repo):
    committed(repo, {"notes.txt": "first line\nsecond line\n"})
    repo.write("notes.txt", "first line\nsecond line, edited\n")
    out = repo.git("diff").stdout
    assert out.splitlines()[-5:] == [
        "+++ b/notes.txt",
        "@@ -1,2 +1,2 @@",
        " first line",
        "-second line",
        "+second line, edited",
    ]


def test_git_diff_of_unreadable_files_says_binary(repo):
    committed(repo, {"blob.txt": b"\x00\x01\x02"})
    repo.write("blob.txt", b"\x00\x01\x03")
    assert "Binary files a/blob.txt and b/blob.txt differ" in repo.git("diff").stdout


def test_no_ext_diff_gives_gits_own_diff(repo):
    committed(repo, {"res.txt": fixture(HRC)})
    repo.write("res.txt", fixture(DERIVED))
    out = repo.git("diff", "--no-ext-diff", "--word-diff").stdout
    assert "OP8: Expresses its {+deep+} concern at the continued imposition" in out
    assert "[-OP23: Urges-]{+OP24: Encourages+} States to continue to support the funds;" in out


# --------------------------------------------------------------------------- textconv


def test_git_log_shows_paragraph_lines(repo):
    committed(repo, {"res.txt": fixture(HRC)})
    repo.write("res.txt", fixture(DERIVED))
    repo.git("commit", "-q", "-a", "-m", "next", "--no-verify")
    changed = [
        line
        for line in repo.git("log", "-p", "-1").stdout.splitlines()
        if line.startswith(("+", "-"))
    ]
    # the moved PP27 is one line out and one in; the printed renumbering shows as printed
    assert [line[:36] for line in changed[:6]] == [
        "--- a/res.txt",
        "+++ b/res.txt",
        "+PP: Stressing the need to explore w",
        "-PP: Stressing the need to explore w",
        "-OP8: Expresses its concern at the c",
        "+OP8: Expresses its deep concern at ",
    ]


def test_git_log_shows_pdf_paragraphs(repo):
    committed(repo, {"sudan.pdf": (FIXTURES / "pdf" / "S_2018_95.pdf").read_bytes()})
    repo.write("sudan.pdf", (FIXTURES / "pdf" / "S_2020_110.pdf").read_bytes())
    repo.git("commit", "-q", "-a", "-m", "2020", "--no-verify")
    log = repo.git("log", "-p", "-1").stdout.splitlines()
    assert "-PP: Recalling the final report of the Sudan Panel of Experts (S/2017/1125)," in log
    assert "+PP: Recalling the final report of the Sudan Panel of Experts (S/2020/36)," in log
    assert "-OP4: Decides to remain seized of the matter." in log
    assert "+OP5: Decides to remain seized of the matter." in log


def test_textconv_of_a_docx(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in fixture("S_2019_90.txt").split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "draft.docx"
    path.write_bytes(buffer.getvalue())
    lines = textconv(str(path)).splitlines()
    assert lines[0].startswith("PP: Recalling its previous resolutions and statements on the")
    assert lines[-1] == "OP12: Decides to remain actively seized of the matter."


def test_textconv_lines():
    lines = document_lines(parse(FIXTURES / HRC))
    assert lines[0] == (
        "A/HRC/RES/41/3 41/3. Enhancement of international cooperation in the field of human rights"
    )
    assert lines[1].startswith("PP: Reaffirming its commitment to promoting")
    assert "OP8: Expresses its concern at the continued imposition of unilateralism" in "\n".join(
        lines
    )
    assert lines[-4:-1] == [
        "FN1: See E/CN.4/2001/2–E/CN.4/Sub.2/2000/46, chap. II, sect. A.",
        "FN2: A/HRC/40/78.",
        "FN3: A/HRC/41/25.",
    ]
    assert lines[-1] == "38th meeting 11 July 2019"


def test_textconv_command_never_fails(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 broken")
    result = CliRunner().invoke(main, ["textconv", str(junk)])
    assert result.exit_code == 0
    assert result.stdout.startswith("[resdiff textconv: ")
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nnot a resolution\n", encoding="utf-8")
    assert (
        CliRunner().invoke(main, ["textconv", str(notes)]).stdout == "# Notes\n\nnot a resolution\n"
    )


# --------------------------------------------------------------------------- protocol


def test_unmerged_path_gets_one_argument():
    result = CliRunner().invoke(main, ["git-diff", "drafts/x.txt"])
    assert result.exit_code == 0
    assert result.stdout == "* Unmerged path drafts/x.txt\n"


def test_wrong_argument_count_is_an_error():
    result = CliRunner().invoke(main, ["git-diff", "a", "b"])
    assert result.exit_code == 2
    assert result.stderr == "resdiff: error: git-diff takes 1, 7 or 9 arguments from git, not 2\n"


def test_git_external_diff_environment_variable(tmp_path):
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    committed(repository, {"res.txt": fixture(HRC)})
    repository.write("res.txt", fixture(DERIVED))
    env = {**repository.env, "GIT_EXTERNAL_DIFF": f"{sys.executable} -m resdiff.cli git-diff"}
    done = subprocess.run(
        ["git", "diff"], cwd=repository.path, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("diff --resdiff a/res.txt b/res.txt\n")
    assert "~ OP23 -> OP24  reworded (95%)" in done.stdout

"""HTML report tests: structure, counts, redlines, anchors, escaping, and a real browser.

The comparisons are real fixtures: S/2018/95 -> S/2020/110, and resolution
41/3 against a variant made here from its text with a few visible edits.
The browser tests (marked ``browser``) drive Debian's headless Chromium and
skip when no chromium binary is installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.cli import main as cli_main
from resdiff.compare import compare
from resdiff.model import Change, Comparison, Document, Paragraph
from resdiff.parse import parse, parse_text
from resdiff.renderers import RenderOptions, render

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
ARTIFACTS = ROOT / "artifacts"
HRC = FIXTURES / "A_HRC_RES_41_3.txt"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
XSS_PARAGRAPH = (
    '*Invites* <script>alert(1)</script> States to read [x](javascript:alert(1)) and " '
    'onmouseover="x and <img src=x onerror=alert(2)>;'
)
INSERTED = "*Invites* all States to share good practices in international cooperation;"


# --------------------------------------------------------------------------- inputs


def operative_blocks(text: str) -> tuple[str, list[str], str]:
    """41/3 cut into (text before OP1, operative paragraph bodies without numbers, tail)."""
    starts = [m.start() for m in re.finditer(r"^\d+\. ", text, re.M)]
    blocks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    last, tail = blocks[-1].split("\n\n", 1)
    blocks[-1] = last + "\n\n"
    return text[: starts[0]], [re.sub(r"^\d+\. ", "", b) for b in blocks], tail


def hrc_variant(*, extra: str = INSERTED) -> str:
    """41/3 edited: OP23 "Urges" -> "Encourages", OP9 deleted, OP5 moved after OP12, a
    new paragraph (``extra``) inserted after old OP12; operative paragraphs renumbered."""
    head, body, tail = operative_blocks(HRC.read_text(encoding="utf-8"))
    assert body[22].startswith("*Urges* States to continue to support the funds;")
    body[22] = body[22].replace("*Urges*", "*Encourages*", 1)
    assert body[8].startswith("*Resolves* to promote respect")
    del body[8]
    moved = body.pop(4)
    assert moved.startswith("*Reaffirms* that States should realize")
    body.insert(10, moved)  # after old OP12, which is now at index 9
    body.insert(10, extra + "\n\n")
    return head + "".join(f"{n}. {b}" for n, b in enumerate(body, 1)) + tail


def hrc_split_and_merged() -> str:
    """41/3 with OP8 split at ", and reaffirms" and OP22 and OP23 merged (", and also urges")."""
    head, body, tail = operative_blocks(HRC.read_text(encoding="utf-8"))
    first, rest = body[7].split(", and reaffirms the importance", 1)
    body[7:8] = [f"{first};\n\n", f"*Reaffirms* the importance{rest}"]
    requests, urges = body[22], body[23]
    assert requests.startswith("*Also requests*") and urges.startswith("*Urges* States")
    urges = urges.replace("*Urges*", "urges", 1)
    body[22:24] = [f"{requests.rstrip().removesuffix(';')}, and also {urges}"]
    return head + "".join(f"{n}. {b}" for n, b in enumerate(body, 1)) + tail


@pytest.fixture(scope="module")
def sc() -> Comparison:
    """S/2018/95 -> S/2020/110."""
    return compare(parse(FIXTURES / "S_2018_95.txt"), parse(FIXTURES / "S_2020_110.txt"))


@pytest.fixture(scope="module")
def hrc() -> Comparison:
    """41/3 -> the edited variant (reworded, removed, added, moved)."""
    return compare(parse(HRC), parse_text(hrc_variant()))


@pytest.fixture(scope="module")
def xss() -> Comparison:
    """41/3 -> a variant whose new paragraph carries markup and script URLs."""
    return compare(parse(HRC), parse_text(hrc_variant(extra=f"{XSS_PARAGRAPH}")))


def html_of(comparison: Comparison, **options: bool) -> str:
    """The HTML report as text."""
    result = render(comparison, "html", RenderOptions(**options))
    assert isinstance(result, str)
    return result


# --------------------------------------------------------------------------- parsing helpers


class Tree(HTMLParser):
    """Collects start tags with their attributes and checks that elements nest and close."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def ids(self) -> list[str]:
        """Every id attribute, in document order."""
        return [a["id"] for _, a in self.tags if "id" in a]

    def with_class(self, tag: str, name: str) -> list[dict[str, str]]:
        """Attributes of ``tag`` elements whose class list holds ``name``."""
        return [a for t, a in self.tags if t == tag and name in a.get("class", "").split()]


def tree(html: str) -> Tree:
    """Parse ``html`` and fail on unbalanced tags."""
    parsed = Tree()
    parsed.feed(html)
    parsed.close()
    assert not parsed.errors, parsed.errors[:5]
    assert not parsed.stack, f"unclosed elements: {parsed.stack}"
    return parsed


def header_counts(html: str) -> dict[str, int]:
    """The counts shown in the header, by kind."""
    return {k: int(n) for k, n in re.findall(r'data-count="(\w+)">(\d+)<', html)}


# --------------------------------------------------------------------------- document shape


def test_valid_html5_document(sc: Comparison) -> None:
    html = html_of(sc)
    parsed = tree(html)
    assert parsed.doctype.lower() == "doctype html"
    assert parsed.tags[0] == ("html", {"lang": "en"})
    assert ("meta", {"charset": "utf-8"}) in parsed.tags
    assert "<title>resdiff: S/2018/95 → S/2020/110</title>" in html
    csp = [a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]
    for tag in ("header", "main", "article", "nav", "footer"):
        assert any(t == tag for t, _ in parsed.tags), tag


def test_self_contained(sc: Comparison, hrc: Comparison) -> None:
    for html in (html_of(sc), html_of(hrc, explain=True)):
        lowered = html.lower()
        for needle in ("http://", "https://", "<script", "<link", "@import", "url(", " src="):
            assert needle not in lowered, needle


def test_header_names_both_documents(hrc: Comparison) -> None:
    html = html_of(hrc)
    header = html[html.index("<header") : html.index("</header>")]
    assert header.count("A/HRC/RES/41/3") >= 3  # heading and both document cards
    assert "Enhancement of international cooperation in the field of human rights" in header
    assert "Human Rights Council · 2019-07-11" in header


@pytest.mark.parametrize("name", ["sc", "hrc"])
def test_header_counts_equal_summary(name: str, request: pytest.FixtureRequest) -> None:
    comparison: Comparison = request.getfixturevalue(name)
    assert header_counts(html_of(comparison)) == comparison.summary()
    assert header_counts(html_of(comparison, only_changes=True)) == comparison.summary()


def test_every_paragraph_in_order(hrc: Comparison) -> None:
    parsed = tree(html_of(hrc))
    articles = [a["id"] for _, a in parsed.tags if "change" in a.get("class", "").split()]
    expected = [f"new-{c.new_label}" if c.new else f"old-{c.old_label}" for c in hrc.changes]
    assert articles == expected
    assert len(articles) == 62 + 1  # 62 paragraphs in the new text, plus the removed one


def test_strip_has_one_linked_cell_per_change(hrc: Comparison) -> None:
    html = html_of(hrc)
    strip = html[html.index('<ol class="strip">') : html.index("</ol>")]
    targets = re.findall(r'href="#([\w-]+)"', strip)
    assert len(targets) == len(hrc.changes)
    assert re.search(r'<a class="removed" href="#old-OP9">', strip)
    assert re.search(r'<a class="added" href="#new-OP11">', strip)
    assert re.search(r'<a class="unchanged moved" href="#new-OP12">', strip)
    assert re.search(r'<a class="reworded" href="#new-OP23">', strip)


# --------------------------------------------------------------------------- redlines


def test_known_redlines(sc: Comparison, hrc: Comparison) -> None:
    html = html_of(hrc)
    assert "<del>Urges</del>" in html
    assert "<ins>Encourages</ins>" in html
    assert '<span class="vh">[deleted: </span><del>Urges</del><span class="vh">]</span>' in html
    sc_html = html_of(sc)
    assert 'S/<span class="vh">[deleted: </span><del>2017</del>' in sc_html
    assert "<ins>2021</ins>" in sc_html
    assert ' <span class="vh">[deleted: </span><del>and statements</del>' in sc_html


def test_added_and_removed_paragraphs_are_marked_whole(hrc: Comparison) -> None:
    html = html_of(hrc)
    removed = re.search(r'<article class="change removed" id="old-OP9">(.*?)</article>', html, re.S)
    assert removed and "<del>Resolves to promote respect" in removed.group(1)
    added = re.search(r'<article class="change added" id="new-OP11">(.*?)</article>', html, re.S)
    assert added and "<ins>Invites all States to share good practices" in added.group(1)


def test_technical_change_is_quieter(sc: Comparison) -> None:
    parsed = tree(html_of(sc))
    technical = parsed.with_class("article", "technical")
    assert [a["id"] for a in technical] == ["new-PP3"]
    html = html_of(sc)
    assert ".technical ins, .technical del" in html  # muted colours for technical edits


def test_renumbering_map(sc: Comparison, hrc: Comparison) -> None:
    html = html_of(sc)
    section = html[html.index('<section class="renumbering"') : html.index("</section>")]
    assert re.search(r"<li>4<span[^>]*>→</span><span class=\"vh\"> became </span>5</li>", section)
    assert "6-8<span" in html_of(hrc)
    assert '<section class="renumbering"' not in html_of(compare(parse(HRC), parse(HRC)))


def test_split_and_merged_paragraphs() -> None:
    comparison = compare(parse(HRC), parse_text(hrc_split_and_merged()))
    assert [c.kind for c in comparison.changes if c.kind != "unchanged"] == ["split", "merged"]
    html = html_of(comparison)
    parsed = tree(html)
    split = re.search(r'<article class="change split" id="new-OP8">(.*?)</article>', html, re.S)
    assert split and "split into OP8 + OP9" in split.group(1)
    assert '<span id="new-OP9"></span>' in split.group(1)
    merged = re.search(r'<article class="change merged" id="new-OP23">(.*?)</article>', html, re.S)
    assert merged and "merged from OP22 + OP23" in merged.group(1)
    assert {"old-OP22", "old-OP23"} <= set(parsed.ids())
    assert header_counts(html) == comparison.summary()


# --------------------------------------------------------------------------- anchors and links


def test_moved_paragraph_links_to_its_old_position(hrc: Comparison) -> None:
    html = html_of(hrc)
    assert '<a class="badge moved-from" href="#old-OP5">moved from OP5</a>' in html
    ghost = re.search(r'<div class="ghost" id="old-OP5">(.*?)</div></div>', html, re.S)
    assert ghost and '<a href="#new-OP12">moved to OP12</a>' in ghost.group(1)
    assert "(after OP4)" in ghost.group(1)
    # the marker stands where OP5 stood: after old OP4 (still OP4), before old OP6 (now OP5)
    assert html.index('id="new-OP4"') < html.index('id="old-OP5"') < html.index('id="new-OP5"')


def test_internal_links_resolve_and_ids_are_safe(hrc: Comparison) -> None:
    parsed = tree(html_of(hrc))
    ids = parsed.ids()
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    hrefs = [a["href"] for t, a in parsed.tags if t == "a"]
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)
    assert {"old-OP9", "old-OP4", "new-OP4", "old-OP6", "new-OP5"} <= set(ids)


def test_ids_from_odd_labels_are_sanitised() -> None:
    odd = Paragraph(label='OP1"><b onclick=x>', section="operative", text="Decides;")
    same = Paragraph(label="OP1-b-onclick-x--", section="operative", text="Decides;")
    comparison = Comparison(Document([odd]), Document([same]), [Change("unchanged", [odd], [odd])])
    comparison.changes.append(Change("unchanged", [same], [same]))
    parsed = tree(html_of(comparison))
    ids = parsed.ids()
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    assert not any(k.startswith("on") for _, a in parsed.tags for k in a)
    assert "OP1&quot;&gt;&lt;b onclick=x&gt;" in html_of(comparison)


# --------------------------------------------------------------------------- options


def test_only_changes_checkbox_without_script(hrc: Comparison) -> None:
    html = html_of(hrc)
    assert '<input type="checkbox" id="only-changes"' in html
    assert '<label class="toggle" for="only-changes">' in html
    assert "#only-changes:checked ~ .page main .unchanged:not(.moved) { display: none; }" in html
    assert len(tree(html).with_class("article", "unchanged")) == 60
    # a section heading with nothing but unchanged paragraphs hides with them
    assert '<h2 class="section unchanged">Preambular paragraphs</h2>' in html
    assert '<h2 class="section">Operative paragraphs</h2>' in html


def test_only_changes_option_omits_unchanged(hrc: Comparison) -> None:
    parsed = tree(html_of(hrc, only_changes=True))
    articles = [a for t, a in parsed.tags if t == "article"]
    assert [a["id"] for a in articles] == ["old-OP9", "new-OP11", "new-OP12", "new-OP23"]
    assert not any(t == "input" and a.get("type") == "checkbox" for t, a in parsed.tags)
    assert parsed.with_class("div", "ghost")  # the moved paragraph's old place stays marked


def test_explain_shows_method_and_similarity(hrc: Comparison) -> None:
    assert 'class="explain"' not in html_of(hrc)
    html = html_of(hrc, explain=True)
    reworded = re.search(r'id="new-OP23">(.*?)</article>', html, re.S)
    assert reworded
    change = next(c for c in hrc.changes if c.new_label == "OP23")
    expected = f"method <code>{change.method}</code>, similarity {change.similarity:.2f}"
    assert expected in reworded.group(1)


def test_no_differences_report(hrc: Comparison) -> None:
    same = compare(parse(HRC), parse(HRC))
    html = html_of(same, only_changes=True)
    assert '<p class="empty">No differences.</p>' in html
    tree(html)
    full = html_of(same)
    assert '<p class="empty if-filtered">No differences.</p>' in full  # shown when filtering
    assert '<p class="empty if-filtered">' not in html_of(hrc)


# --------------------------------------------------------------------------- escaping


def test_document_text_is_escaped(xss: Comparison) -> None:
    html = html_of(xss, explain=True)
    parsed = tree(html)
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    for _, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert not any("javascript:" in value.lower() for value in attrs.values())
        for name in ("href", "src", "style"):
            assert name not in attrs or re.fullmatch(r"#[A-Za-z0-9_-]+", attrs[name])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[x](javascript:alert(1))" in html  # shown as text, in no attribute
    assert "&quot; onmouseover=&quot;x" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    text = "".join(parsed.text)
    assert "<script>alert(1)</script> States to read [x](javascript:alert(1))" in text


def test_control_characters_are_neutralised() -> None:
    base = HRC.read_text(encoding="utf-8")
    evil = base.replace("*Urges* States to continue", "*Urges* States \u202eto continue")
    html = html_of(compare(parse_text(base), parse_text(evil)))
    assert "\u202e" not in html
    assert "<ins>&lt;U+202E&gt;</ins>" in html  # shown, not obeyed


# --------------------------------------------------------------------------- command line


def test_cli_writes_html_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli_main,
        [
            "compare",
            str(FIXTURES / "S_2018_95.txt"),
            str(FIXTURES / "S_2020_110.txt"),
            "--format",
            "html",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.output  # differences found
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert header_counts(html)["reworded"] == 4


# --------------------------------------------------------------------------- real browser


def chromium_binary() -> str | None:
    """Debian's chromium (or another chromium on PATH), if installed."""
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    """Path to a headless-capable chromium, or skip the browser tests."""
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no chromium binary (apt-get install -y chromium to run the browser tests)")
    return binary


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run headless chromium once with a private profile and networking switched off."""
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        *args,
    ]
    env = {**os.environ, "HOME": str(profile)}
    result = subprocess.run(command, capture_output=True, timeout=60, check=False, env=env)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result


@pytest.fixture()
def reports(tmp_path: Path, sc: Comparison, hrc: Comparison) -> dict[str, Path]:
    """The reports written to disk: S/2018/95 -> S/2020/110 and 41/3 with only changes."""
    paths = {"sc": tmp_path / "sc.html", "hrc": tmp_path / "hrc.html"}
    paths["sc"].write_text(html_of(sc), encoding="utf-8")
    paths["hrc"].write_text(html_of(hrc), encoding="utf-8")
    return paths


@pytest.mark.browser
def test_browser_dom(chromium: str, tmp_path: Path, reports: dict[str, Path], hrc: Comparison):
    result = run_chromium(chromium, tmp_path / "profile", "--dump-dom", reports["hrc"].as_uri())
    dom = result.stdout.decode("utf-8")
    assert header_counts(dom) == hrc.summary()
    assert "<del>Urges</del>" in dom
    assert "<ins>Encourages</ins>" in dom
    assert 'id="old-OP5"' in dom and 'href="#old-OP5"' in dom
    assert "<script" not in dom.lower()


@pytest.mark.browser
def test_browser_screenshot(chromium: str, tmp_path: Path, reports: dict[str, Path]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-report.png"
    shot.unlink(missing_ok=True)
    run_chromium(
        chromium,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1280,2000",
        "--hide-scrollbars",
        reports["sc"].as_uri(),
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000


@pytest.mark.browser
def test_browser_prints_pdf(chromium: str, tmp_path: Path, reports: dict[str, Path]) -> None:
    """Printing works, and the CSS-only "only changes" switch shortens the printout."""
    checked = tmp_path / "checked.html"
    html = reports["hrc"].read_text(encoding="utf-8")
    checked.write_text(html.replace('id="only-changes"', 'id="only-changes" checked'), "utf-8")
    pages = {}
    for name, source in (("all", reports["hrc"]), ("changes", checked)):
        pdf = tmp_path / f"{name}.pdf"
        run_chromium(
            chromium,
            tmp_path / f"profile-{name}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            source.as_uri(),
        )
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and len(data) > 5_000
        pages[name] = len(re.findall(rb"/Type\s*/Page\b", data))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(tmp_path / "all.pdf", ARTIFACTS / "html-report.pdf")
    assert pages["all"] > pages["changes"] >= 1, pages


def test_side_by_side_view_aligns_old_and_new(hrc: Comparison) -> None:
    html = html_of(hrc)
    parsed = tree(html)
    ids = [a["id"] for _, a in parsed.tags if "id" in a]
    assert len(ids) == len(set(ids))  # both views together: every id once
    radios = [a["id"] for t, a in parsed.tags if t == "input" and a.get("type") == "radio"]
    assert radios == ["view-inline", "view-sbs"]
    start = html.index('<section class="sbs"')
    table = html[start : html.index("</section>", start)]
    rows = re.findall(r'<tr id="([^"]+)" class="([^"]*)">(.*?)</tr>', table, re.S)
    by_id = {row_id: (classes, cells) for row_id, classes, cells in rows}
    # OP23: Urges struck on the left, Encourages inserted on the right, in one row
    _, cells = by_id["sbs-new-OP23"]
    old_cell, new_cell = re.findall(r'<td class="(?:old|new)">(.*?)</td>', cells, re.S)
    assert "<del>Urges</del>" in old_cell and "Encourages" not in old_cell
    assert "<ins>Encourages</ins>" in new_cell and "Urges" not in new_cell
    # added OP11: empty old cell; removed OP9: empty new cell
    added, removed = by_id["sbs-new-OP11"][1], by_id["sbs-old-OP9"][1]
    assert re.search(r'<td class="old"></td><td class="new">.*?<ins>', added, re.S)
    assert re.search(r'<td class="old">.*?<del>.*?</td><td class="new"></td>', removed, re.S)
    # old OP5 moved to OP12: its row links to a ghost row where it stood, which links back
    assert 'href="#sbs-old-OP5"' in by_id["sbs-new-OP12"][1]
    ghost_classes, ghost = by_id["sbs-old-OP5"]
    assert "ghost" in ghost_classes and 'href="#sbs-new-OP12"' in ghost
    assert "<script" not in html

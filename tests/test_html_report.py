"""The HTML report: self-contained, and used in a real headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest

from browser import Browser, chromium_path
FOUNDATION = ("--select", "quotes,duplication")  # the counts below are of these rules

from conftest import ROOT, wenlint
from linter.stream import RunResult
from linter.findings import Finding, Location
from linter.loading import read_again
from linter.report import ReportOptions, formats, render

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed (apt-get install chromium)")
READY = 'document.body !== null && document.body.dataset.ready === "1"'


def embedded_data(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="wenlint-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "seeds.html"
    proc = wenlint("check", "seeds/", *FOUNDATION, "--format", "html", "-o", str(path))
    assert proc.returncode == 1, proc.stderr
    return path


def test_report_is_self_contained(seeds_report):
    html = seeds_report.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html


def test_report_embeds_every_document_with_findings(seeds_report):
    data = embedded_data(seeds_report.read_text(encoding="utf-8"))
    assert [f["path"] for f in data["files"]] == [
        "seeds/000_ea7382c9cbe5172c.txt", "seeds/001_a693e1c6a20bb357.txt",
        "seeds/002_4190d9264b0a7aa4.txt", "seeds/004_a6d7a54a70ca9500.txt",
    ]
    assert data["clean"] == ["seeds/003_68c41b3dac8a2b97.txt"]
    first = data["files"][0]
    assert first["complete"] and first["chunks"][0][0] == 1
    source = (ROOT / "seeds/000_ea7382c9cbe5172c.txt").read_text(encoding="utf-8").split("\n")
    assert first["chunks"][0][1] == [line.rstrip("\r") for line in source]
    assert data["summary"] == {"error": 5, "warning": 4, "info": 0, "findings": 9, "files": 5}


def test_text_cannot_break_out_of_the_script_element(tmp_path):
    (tmp_path / "a.txt").write_text("标题</script><script>alert(1)</script>“未闭合。\n", encoding="utf-8")
    html = wenlint("check", "a.txt", "--format", "html", cwd=tmp_path).stdout
    assert html.count("</script>") == 2
    assert embedded_data(html)["files"][0]["chunks"][0][1][0].startswith("标题</script>")


def test_unreadable_document_falls_back_to_the_lines_with_findings():
    location = Location("gone.txt", 40, 2, 40, 3)
    finding = Finding("quotes.unclosed", "error", "“ 未闭合", location, fingerprint="x")
    result = RunResult(findings=[finding], errors=[], files=["gone.txt"], rules=[], lines={"gone.txt": {40: "他“说"}})
    data = embedded_data(render(formats()["html"], result, ReportOptions()))
    assert data["files"][0]["chunks"] == [[40, ["他“说"]]] and data["files"][0]["complete"] is False


@needs_chromium
def test_seeds_report_in_headless_chromium(seeds_report):
    with Browser(seeds_report.as_uri()) as page:
        page.wait_for(READY)
        assert page.evaluate('document.getElementById("doc-title").textContent') == "seeds/000_ea7382c9cbe5172c.txt"
        marks = page.evaluate('[...document.querySelectorAll("#doc mark")].map(m => [m.className, m.closest(".ln").dataset.n, m.textContent])')
        assert marks == [["warning", "11", "“厚植“底色”提升“成色”增添“亮色””"], ["error", "31", "“"]]
        assert page.evaluate('document.querySelectorAll("#list li[data-f]").length') == 2

        page.evaluate('document.getElementById("sev-error").click()')
        assert page.evaluate('document.getElementById("shown").dataset.count') == "4"
        assert page.evaluate('document.querySelectorAll("#doc mark.error").length') == 0
        assert page.evaluate('document.querySelectorAll("#doc mark.warning").length') == 1
        file_counts = page.evaluate('[...document.querySelectorAll("#files .file")].map(f => f.lastElementChild.textContent)')
        assert file_counts == ["1", "2", "0", "1"]

        page.evaluate('document.querySelectorAll("#files .file")[3].click()')
        assert page.evaluate('document.getElementById("doc-title").textContent') == "seeds/004_a6d7a54a70ca9500.txt"
        page.evaluate('document.querySelector("#list li[data-f]").click()')
        focused = page.evaluate('document.querySelector("#doc mark.focus")?.textContent')
        assert focused == "优秀检察官优秀检察官"
        page.screenshot(ARTIFACTS / "html-report-seeds.png")

        page.evaluate('document.getElementById("sev-error").click()')
        page.evaluate('document.querySelector("#rules tr[data-r] td").click()')
        assert page.evaluate('document.getElementById("shown").dataset.count') == "0"


def synthetic_run(tmp_path: Path, findings_count: int) -> RunResult:
    """One long article with `findings_count` findings, five to a line, and 200 small clean-ish files."""
    lines = [f"第{n}段，这是一个用于测试的句子，其中有“引号和培训培训的重复。" for n in range(1, findings_count // 5 + 1)]
    (tmp_path / "big.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    findings = []
    for i in range(findings_count):
        line = i // 5 + 1
        column = 1 + (i % 5) * 6
        severity = ("error", "warning", "info")[i % 3]
        rule = ("quotes.unclosed", "duplication.word", "layout.test")[i % 3]
        location = Location("big.txt", line, column, line, column + 4)
        findings.append(Finding(rule, severity, f"第{i}号问题：22+33=55≠56", location, fingerprint=str(i)))
    files = ["big.txt"] + [f"other{i}.txt" for i in range(200)]
    return RunResult(findings=findings, errors=[], files=files, rules=[], lines=DocumentsIn(tmp_path))


class DocumentsIn(dict):
    """RunResult.lines of a hand-made run whose documents the run reads from `folder`."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def document(self, path: str):
        return read_again(str(self.folder / path))


@needs_chromium
def test_ten_thousand_findings_render_lazily(tmp_path):
    result = synthetic_run(tmp_path, 10_000)
    started = time.perf_counter()
    html = render(formats()["html"], result, ReportOptions())
    rendered_in = time.perf_counter() - started
    report = tmp_path / "big.html"
    report.write_text(html, encoding="utf-8")
    with Browser(report.as_uri()) as page:
        page.wait_for(READY)
        assert page.evaluate('document.getElementById("list-title").textContent') == "10000 of 10000 findings in this file"
        assert page.evaluate('document.querySelectorAll("#list li[data-f]").length') == 200
        assert page.evaluate('document.querySelectorAll("#doc .ln").length') == 300
        page.evaluate('document.getElementById("list-pane").scrollTop = 1e9')
        page.wait_for('document.querySelectorAll("#list li[data-f]").length === 400')
        page.evaluate('document.querySelector("#list li[data-f=\'399\']").click()')
        assert page.evaluate('document.querySelector("#doc mark.focus")?.closest(".ln").dataset.n') == "80"
        page.evaluate('document.getElementById("sev-info").click()')
        assert page.evaluate('document.getElementById("shown").dataset.count') == str(10_000 - 3333)
        page.screenshot(ARTIFACTS / "html-report-10000.png")
    (ARTIFACTS / "html-report-10000.txt").write_text(f"python render: {rendered_in:.2f}s, {len(html)} bytes\n")


KEYS = {"j": 74, "k": 75, "n": 78, "p": 80, "/": 191}


def press(page: Browser, key: str) -> None:
    """A real key press, as Chromium delivers a typed key to the page."""
    page.send("Input.dispatchKeyEvent", type="keyDown", key=key, text=key, windowsVirtualKeyCode=KEYS[key])
    page.send("Input.dispatchKeyEvent", type="keyUp", key=key, windowsVirtualKeyCode=KEYS[key])


CURRENT = ('[document.getElementById("doc-title").textContent, '
           'document.querySelector("#list li.current .where")?.textContent, decodeURIComponent(location.hash)]')


@needs_chromium
def test_keys_step_through_findings_and_files(seeds_report):
    with Browser(seeds_report.as_uri()) as page:
        page.wait_for(READY)
        press(page, "j")
        assert page.evaluate(CURRENT) == ["seeds/000_ea7382c9cbe5172c.txt", "11:177", "#f=seeds/000_ea7382c9cbe5172c.txt&l=11&c=177"]
        assert page.evaluate('document.querySelector("#doc mark.focus")?.closest(".ln").dataset.n') == "11"
        press(page, "j")
        assert page.evaluate(CURRENT)[1] == "31:234"
        press(page, "j")  # past the last finding of a file: the first of the next
        assert page.evaluate(CURRENT)[:2] == ["seeds/001_a693e1c6a20bb357.txt", "12:137"]
        press(page, "k")  # and back
        assert page.evaluate(CURRENT)[:2] == ["seeds/000_ea7382c9cbe5172c.txt", "31:234"]
        press(page, "n")
        press(page, "n")
        assert page.evaluate(CURRENT)[:2] == ["seeds/002_4190d9264b0a7aa4.txt", "67:62"]
        press(page, "p")
        assert page.evaluate(CURRENT)[:2] == ["seeds/001_a693e1c6a20bb357.txt", "12:137"]
        press(page, "k")
        press(page, "k")
        assert page.evaluate(CURRENT)[:2] == ["seeds/000_ea7382c9cbe5172c.txt", "11:177"]
        press(page, "k")  # nothing before the first finding
        assert page.evaluate(CURRENT)[:2] == ["seeds/000_ea7382c9cbe5172c.txt", "11:177"]


@needs_chromium
def test_file_search_narrows_the_list_and_the_keys(seeds_report):
    with Browser(seeds_report.as_uri()) as page:
        page.wait_for(READY)
        press(page, "/")
        assert page.evaluate("document.activeElement.id") == "file-search"
        page.send("Input.insertText", text="004")
        shown = '[...document.querySelectorAll("#files .file:not(.hidden)")].map(f => f.title)'
        assert page.evaluate(shown) == ["seeds/004_a6d7a54a70ca9500.txt"]
        assert page.evaluate('document.getElementById("file-count").textContent') == "(1 of 4 with findings)"
        assert page.evaluate('document.getElementById("files-folder").textContent') == "in seeds/"
        press(page, "j")  # typed into the box, not a key for the page
        assert page.evaluate('document.getElementById("file-search").value') == "004j"
        page.evaluate('document.getElementById("file-search").blur()')
        page.evaluate('const box = document.getElementById("file-search"); box.value = "004"; box.dispatchEvent(new Event("input"))')
        press(page, "n")
        assert page.evaluate(CURRENT)[:2] == ["seeds/004_a6d7a54a70ca9500.txt", "1:153"]
        press(page, "n")  # no other file matches
        assert page.evaluate(CURRENT)[:2] == ["seeds/004_a6d7a54a70ca9500.txt", "1:153"]


@needs_chromium
def test_deep_link_opens_the_finding(seeds_report):
    link = seeds_report.as_uri() + "#f=seeds%2F004_a6d7a54a70ca9500.txt&l=6&c=256"
    with Browser(link) as page:
        page.wait_for(READY)
        assert page.evaluate(CURRENT) == ["seeds/004_a6d7a54a70ca9500.txt", "6:256", "#f=seeds/004_a6d7a54a70ca9500.txt&l=6&c=256"]
        assert page.evaluate('document.querySelector("#doc mark.focus")?.textContent') == "优秀检察官优秀检察官"
        page.evaluate('location.hash = "#f=seeds%2F001_a693e1c6a20bb357.txt&l=52"')  # a link followed inside the page
        page.wait_for('document.getElementById("doc-title").textContent === "seeds/001_a693e1c6a20bb357.txt"')
        assert page.evaluate(CURRENT)[1] == "52:12"
        page.evaluate('document.querySelector("#list li[data-f]:last-child").click()')
        assert page.evaluate("location.hash") == "#f=seeds%2F001_a693e1c6a20bb357.txt&l=96&c=52"


@needs_chromium
def test_layout_at_1024_and_1600_pixels(tmp_path):
    """Counts and file names on one line each, the rules table inside its column, the document wide enough."""
    for n in range(12):
        shutil.copyfile(ROOT / "seeds" / "002_4190d9264b0a7aa4.txt", tmp_path / f"{n:04d}_一篇报道的很长的文件名_{n}.txt")
    report = tmp_path / "report.html"
    proc = wenlint("check", str(tmp_path), "--select", "punctuation,quotes", "--format", "html", "-o", str(report), "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    with Browser(report.as_uri()) as page:
        page.wait_for(READY)
        for width in (1024, 1600):
            page.send("Emulation.setDeviceMetricsOverride", width=width, height=800, deviceScaleFactor=1, mobile=False)
            page.wait_for(f"window.innerWidth === {width}")
            rows = page.evaluate('[...document.querySelectorAll("#files .file")].map(f => [f.getBoundingClientRect().height, f.querySelector(".count").textContent])')
            line = page.evaluate('parseFloat(getComputedStyle(document.querySelector("#files .file")).lineHeight)')
            assert all(height <= line + 4 for height, _ in rows), rows  # one line: "266" never wraps to "26 / 6"
            side = page.evaluate('JSON.stringify(document.getElementById("side").getBoundingClientRect())')
            rules = page.evaluate('JSON.stringify(document.getElementById("rules").getBoundingClientRect())')
            assert json.loads(rules)["right"] <= json.loads(side)["right"]
            assert page.evaluate('document.getElementById("side").scrollWidth <= document.getElementById("side").clientWidth')
            assert page.evaluate('document.getElementById("doc-pane").getBoundingClientRect().width') >= 600
            page.screenshot(ARTIFACTS / f"html-report-layout-{width}.png")

"""The HTML report: self-contained, and used in a real headless Chromium."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from browser import Browser, chromium_path
FOUNDATION = ("--select", "quotes,duplication")  # the counts below are of these rules

from conftest import ROOT, wenlint
from linter.engine import RunResult
from linter.findings import Finding, Location
from linter.report import ReportOptions, formats

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
    data = embedded_data(formats()["html"].render(result, ReportOptions(root="/nonexistent")))
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
    return RunResult(findings=findings, errors=[], files=files, rules=[])


@needs_chromium
def test_ten_thousand_findings_render_lazily(tmp_path):
    result = synthetic_run(tmp_path, 10_000)
    started = time.perf_counter()
    html = formats()["html"].render(result, ReportOptions(root=str(tmp_path)))
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

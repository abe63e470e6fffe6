"use strict";
// wenlint HTML report. One document is rendered at a time; its lines and its
// findings list are added in chunks as they scroll into view, so a run with
// tens of thousands of findings never builds them all at once.
(function () {
  const DATA = JSON.parse(document.getElementById("wenlint-data").textContent);
  const SEVERITIES = ["error", "warning", "info"];
  const RANK = { error: 3, warning: 2, info: 1 };
  const LINE_CHUNK = 300;
  const LIST_CHUNK = 200;
  const $ = (id) => document.getElementById(id);

  const state = {
    severities: new Set(SEVERITIES),
    categories: new Set(DATA.rules.map((r) => r.category)),
    onlyRule: null,
    query: "",
    file: -1,
    current: -1, // the selected finding of the open file (index into its findings)
    visible: [], // per file: indices of findings that pass the filters
  };
  const view = { rows: [], rendered: 0, lineRow: null, byLine: null, list: [], listed: 0 };

  const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ue000-\uf8ff\ufffe\uffff]/g;
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  function esc(text) {
    return text
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
      .replace(INVISIBLE, (ch) => `<span class="inv" title="invisible character">U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}</span>`)
      .replace(LONE_SURROGATE, (ch) => `<span class="inv" title="lone surrogate">U+${ch.charCodeAt(0).toString(16).toUpperCase()}</span>`);
  }
  const ruleOf = (f) => DATA.rules[f.r];
  const passes = (f) =>
    state.severities.has(f.s) && state.categories.has(ruleOf(f).category) && (state.onlyRule === null || state.onlyRule === f.r);

  function applyFilters() {
    state.visible = DATA.files.map((file) => {
      const shown = [];
      file.findings.forEach((f, i) => { if (passes(f)) shown.push(i); });
      return shown;
    });
    renderCounts();
    renderFiles();
    renderRules();
    if (state.file >= 0) openFile(state.file);
  }

  function renderCounts() {
    const s = DATA.summary;
    $("totals").textContent = `${s.findings} findings (${s.error} errors, ${s.warning} warnings, ${s.info} info) in ${DATA.files.length} of ${s.files} files`;
    const shown = state.visible.reduce((n, v) => n + v.length, 0);
    $("shown").textContent = shown === s.findings ? "" : `showing ${shown}`;
    $("shown").dataset.count = shown;
  }

  function renderFilters() {
    const bySeverity = {}, byCategory = {};
    for (const file of DATA.files) for (const f of file.findings) {
      bySeverity[f.s] = (bySeverity[f.s] || 0) + 1;
      const c = ruleOf(f).category;
      byCategory[c] = (byCategory[c] || 0) + 1;
    }
    const box = (kind, value, n) =>
      `<label><input type="checkbox" id="${kind}-${value}" data-kind="${kind}" value="${value}" checked> ` +
      `${kind === "sev" ? `<span class="sev ${value}">${value}</span>` : esc(value)} <span class="count">${n || 0}</span></label>`;
    $("severity-filters").innerHTML = SEVERITIES.map((s) => box("sev", s, bySeverity[s])).join("");
    const categories = [...state.categories].sort();
    $("category-filters").innerHTML = categories.map((c) => box("cat", c, byCategory[c])).join("");
    for (const input of document.querySelectorAll(".filters input")) {
      input.addEventListener("change", () => {
        const set = input.dataset.kind === "sev" ? state.severities : state.categories;
        if (input.checked) set.add(input.value); else set.delete(input.value);
        applyFilters();
      });
    }
  }

  const folderEnd = (path) => Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1;
  const COMMON_FOLDER = DATA.files.reduce((common, file) => {
    let n = 0;
    while (n < common.length && common[n] === file.path[n]) n++;
    return common.slice(0, folderEnd(common.slice(0, n)));
  }, DATA.files.length ? DATA.files[0].path.slice(0, folderEnd(DATA.files[0].path)) : "");

  if (COMMON_FOLDER) {
    $("files-folder").title = COMMON_FOLDER;
    $("files-folder").innerHTML = `in <span class="folder"><bdi>${esc(COMMON_FOLDER)}</bdi></span>`;
  }

  function pathParts(path) {
    const rest = path.slice(COMMON_FOLDER.length), cut = folderEnd(rest);
    return `<span class="dir">${esc(rest.slice(0, cut))}</span><span class="name">${esc(rest.slice(cut))}</span>`;
  }
  const matches = (i) => !state.query || DATA.files[i].path.toLowerCase().includes(state.query);

  function renderFiles() {
    $("files").innerHTML = DATA.files.map((file, i) => {
      const n = state.visible[i].length;
      return `<div class="file${i === state.file ? " current" : ""}${n ? "" : " empty"}${matches(i) ? "" : " hidden"}" data-i="${i}" title="${esc(file.path)}">` +
        `<span class="path">${pathParts(file.path)}</span><span class="count">${n}</span></div>`;
    }).join("");
    renderFileCount();
  }

  function renderFileCount() {
    const listed = DATA.files.filter((_, i) => matches(i)).length;
    $("file-count").textContent = listed === DATA.files.length ? `(${DATA.files.length} with findings)` : `(${listed} of ${DATA.files.length} with findings)`;
  }

  function searchFiles(query) {
    state.query = query.trim().toLowerCase();
    for (const el of document.querySelectorAll("#files .file")) el.classList.toggle("hidden", !matches(Number(el.dataset.i)));
    renderFileCount();
  }

  function renderRules() {
    const per = DATA.rules.map(() => 0), total = DATA.rules.map(() => 0);
    DATA.files.forEach((file, i) => {
      for (const f of file.findings) total[f.r]++;
      for (const j of state.visible[i]) per[file.findings[j].r]++;
    });
    $("rules").tBodies[0].innerHTML = DATA.rules.map((r, i) =>
      `<tr data-r="${i}" class="${state.onlyRule === i ? "only" : ""}${per[i] ? "" : " empty"}" title="${esc(r.description)}">` +
      `<td>${esc(r.id).replace(/[.-]/g, "$&<wbr>")}</td><td><span class="sev ${r.severity}">${r.severity}</span></td>` +
      `<td class="count">${per[i]}${per[i] !== total[i] ? " / " + total[i] : ""}</td></tr>`).join("");
  }

  // ---- one document -------------------------------------------------------

  function openFile(i, line) {
    state.file = i;
    state.current = -1;
    for (const el of document.querySelectorAll("#files .file")) el.classList.toggle("current", Number(el.dataset.i) === i);
    const file = DATA.files[i];
    const shown = state.visible[i];
    $("doc-title").textContent = file.path;
    $("list-title").textContent = `${shown.length} of ${file.findings.length} findings in this file`;
    view.rows = [];
    file.chunks.forEach(([first, lines], k) => {
      if (k > 0 || first > 1) view.rows.push({ gap: [k ? file.chunks[k - 1][0] + file.chunks[k - 1][1].length : 1, first - 1] });
      lines.forEach((text, j) => view.rows.push({ n: first + j, text }));
    });
    if (!file.complete) view.rows.push({ gap: null });
    view.lineRow = new Map();
    view.rows.forEach((row, r) => { if (row.n !== undefined) view.lineRow.set(row.n, r); });
    view.byLine = new Map();
    for (const j of shown) {
      const f = file.findings[j];
      const last = Math.min(Math.max(f.el, f.l), f.l + 1000);
      for (let n = f.l; n <= last; n++) {
        if (!view.byLine.has(n)) view.byLine.set(n, []);
        view.byLine.get(n).push(j);
      }
    }
    lineObserver.disconnect();
    listObserver.disconnect();
    view.rendered = 0;
    $("doc").innerHTML = '<div class="sentinel"></div>';
    view.list = shown.slice().sort((a, b) => file.findings[a].l - file.findings[b].l || file.findings[a].c - file.findings[b].c);
    view.listed = 0;
    $("list").innerHTML = '<li class="sentinel"></li>';
    renderMoreLines();
    renderMoreList();
    if (!view.list.length) $("list").insertAdjacentHTML("afterbegin", '<li class="hint">No findings pass the filters.</li>');
    if (line) scrollToLine(line);
  }

  function segmentsOf(text, n, indices, findings) {
    const cps = Array.from(text);
    const spans = indices.map((j) => {
      const f = findings[j];
      let s = f.l === n ? f.c - 1 : 0;
      let e = f.el === n ? f.ec - 1 : cps.length;
      if (f.el < f.l) e = s + 1;
      s = Math.min(Math.max(s, 0), cps.length);
      e = Math.min(Math.max(e, s), cps.length);
      return { j, s, e, start: f.l === n };
    });
    const cuts = new Set([0, cps.length]);
    for (const sp of spans) { cuts.add(sp.s); cuts.add(sp.e); }
    const points = [...cuts].sort((a, b) => a - b);
    let html = "";
    const started = new Set();
    const opener = (sp) => (sp.start && !started.has(sp.j) ? (started.add(sp.j), ` id="f-${sp.j}"`) : "");
    for (const sp of spans) if (sp.s === sp.e) {
      sp.point = true;
    }
    for (let k = 0; k < points.length; k++) {
      const a = points[k];
      for (const sp of spans) if (sp.point && sp.s === a) {
        html += `<mark class="${findings[sp.j].s} point" data-f="${sp.j}"${opener(sp)} title="${esc(findings[sp.j].m)}"></mark>`;
      }
      if (k + 1 >= points.length) break;
      const b = points[k + 1];
      const piece = cps.slice(a, b).join("");
      const covering = spans.filter((sp) => !sp.point && sp.s <= a && sp.e >= b);
      if (!covering.length) { html += esc(piece); continue; }
      const top = covering.reduce((x, y) => (RANK[findings[y.j].s] > RANK[findings[x.j].s] ? y : x));
      const ids = covering.map((sp) => opener(sp)).find((id) => id) || "";
      const title = covering.map((sp) => `[${ruleOf(findings[sp.j]).id}] ${findings[sp.j].m}`).join("\n");
      html += `<mark class="${findings[top.j].s}" data-f="${covering.map((sp) => sp.j).join(",")}"${ids} title="${esc(title)}">${esc(piece)}</mark>`;
    }
    return html;
  }

  function renderMoreLines() {
    const sentinel = document.querySelector("#doc > .sentinel");
    if (!sentinel || view.rendered >= view.rows.length) return;
    lineObserver.unobserve(sentinel);
    const file = DATA.files[state.file];
    const end = Math.min(view.rendered + LINE_CHUNK, view.rows.length);
    let html = "";
    for (let r = view.rendered; r < end; r++) {
      const row = view.rows[r];
      if (row.gap !== undefined) {
        html += row.gap ? `<div class="gap">⋯ lines ${row.gap[0]}–${row.gap[1]} without findings not included ⋯</div>`
          : '<div class="gap">⋯ rest of the document not included ⋯</div>';
        continue;
      }
      const hits = view.byLine.get(row.n);
      const body = hits ? segmentsOf(row.text, row.n, hits, file.findings) : esc(row.text);
      html += `<div class="ln${hits ? " hit" : ""}" data-n="${row.n}"><span class="n">${row.n}</span><span class="t">${body || " "}</span></div>`;
    }
    view.rendered = end;
    sentinel.insertAdjacentHTML("beforebegin", html);
    if (view.rendered >= view.rows.length) sentinel.remove(); else lineObserver.observe(sentinel);
  }

  function renderMoreList() {
    const sentinel = document.querySelector("#list > .sentinel");
    if (!sentinel || view.listed >= view.list.length) return;
    listObserver.unobserve(sentinel);
    const file = DATA.files[state.file];
    const end = Math.min(view.listed + LIST_CHUNK, view.list.length);
    let html = "";
    for (let k = view.listed; k < end; k++) {
      const j = view.list[k], f = file.findings[j], rule = ruleOf(f);
      let extra = "";
      if (f.fx !== undefined) extra += `<div class="fix">fix (${f.fs ? "--fix" : "--unsafe-fixes"}): ${esc(f.fx)}</div>`;
      if (f.rel) extra += f.rel.map(([p, l, c, m]) =>
        `<div class="rel">see <a href="#" data-path="${esc(p)}" data-line="${l}">${esc(p === file.path ? "" : p + ":")}${l}:${c}</a> ${esc(m || "")}</div>`).join("");
      html += `<li data-f="${j}" id="item-${j}"><span class="sev ${f.s}">${f.s}</span> <span class="where">${f.l}:${f.c}</span> ` +
        `<span class="rule">${esc(rule.id)}</span><div class="msg">${esc(f.m)}</div>${extra}</li>`;
    }
    view.listed = end;
    sentinel.insertAdjacentHTML("beforebegin", html);
    if (view.listed >= view.list.length) sentinel.remove(); else listObserver.observe(sentinel);
  }

  const lineObserver = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) { lineObserver.unobserve(e.target); renderMoreLines(); }
  }, { root: $("doc-pane"), rootMargin: "1500px" });
  const listObserver = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) { listObserver.unobserve(e.target); renderMoreList(); }
  }, { root: $("list-pane"), rootMargin: "1500px" });

  function flash(el) {
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    el.classList.add("focus");
    setTimeout(() => el.classList.remove("focus"), 1500);
  }

  function scrollToLine(n) {
    const row = view.lineRow.get(n);
    if (row === undefined) return;
    while (view.rendered <= row && view.rendered < view.rows.length) renderMoreLines();
    flash(document.querySelector(`#doc .ln[data-n="${n}"]`));
  }

  function showFinding(j) {
    const f = DATA.files[state.file].findings[j];
    const row = view.lineRow.get(f.l);
    if (row !== undefined) while (view.rendered <= row && view.rendered < view.rows.length) renderMoreLines();
    flash(document.getElementById(`f-${j}`) || document.querySelector(`#doc .ln[data-n="${f.l}"]`));
    selectItem(j, true);
  }

  function selectItem(j, scroll) {
    const k = view.list.indexOf(j);
    if (k < 0) return;
    while (view.listed <= k && view.listed < view.list.length) renderMoreList();
    for (const li of document.querySelectorAll("#list li.focus, #list li.current")) li.classList.remove("focus", "current");
    const li = $(`item-${j}`);
    li.classList.add("focus", "current");
    if (scroll) li.scrollIntoView({ block: "nearest" });
    state.current = j;
    const f = DATA.files[state.file].findings[j];
    history.replaceState(null, "", "#" + new URLSearchParams({ f: DATA.files[state.file].path, l: f.l, c: f.c }));
  }

  // ---- deep links and keys -------------------------------------------------

  function followHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    const i = DATA.files.findIndex((file) => file.path === params.get("f"));
    if (i < 0) return false;
    const line = Number(params.get("l")) || 0, column = Number(params.get("c")) || 0;
    openFile(i);
    const findings = DATA.files[i].findings;
    const j = view.list.find((j) => findings[j].l === line && (!column || findings[j].c === column));
    if (j !== undefined) showFinding(j);
    else if (line) scrollToLine(line);
    return true;
  }

  function listedFiles() {
    return DATA.files.map((_, i) => i).filter((i) => matches(i) && state.visible[i].length);
  }

  function stepFile(step, last) {
    const files = listedFiles();
    if (!files.length) return;
    const at = files.indexOf(state.file);
    const next = at < 0 ? (step > 0 ? files[0] : files[files.length - 1]) : files[at + step];
    if (next === undefined) return;
    openFile(next);
    if (view.list.length) showFinding(view.list[last ? view.list.length - 1 : 0]);
  }

  function stepFinding(step) {
    const k = view.list.indexOf(state.current);
    const next = k < 0 ? (step > 0 ? 0 : view.list.length - 1) : k + step;
    if (next >= 0 && next < view.list.length) showFinding(view.list[next]);
    else stepFile(step, step < 0);
  }

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || (e.target instanceof Element && e.target.closest("input, textarea, select"))) {
      if (e.key === "Escape" && e.target.id === "file-search") e.target.blur();
      return;
    }
    const action = { j: () => stepFinding(1), k: () => stepFinding(-1), n: () => stepFile(1, false), p: () => stepFile(-1, false),
      "/": () => $("file-search").focus() }[e.key];
    if (action) { e.preventDefault(); action(); }
  });
  window.addEventListener("hashchange", followHash);
  $("file-search").addEventListener("input", (e) => searchFiles(e.target.value));

  // ---- wiring -------------------------------------------------------------

  $("files").addEventListener("click", (e) => {
    const row = e.target.closest(".file");
    if (row) openFile(Number(row.dataset.i));
  });
  $("rules").addEventListener("click", (e) => {
    const row = e.target.closest("tr[data-r]");
    if (!row) return;
    const r = Number(row.dataset.r);
    state.onlyRule = state.onlyRule === r ? null : r;
    applyFilters();
    if (state.onlyRule !== null && !state.visible[state.file]?.length) {
      const next = state.visible.findIndex((v) => v.length);
      if (next >= 0) openFile(next);
    }
  });
  $("doc").addEventListener("click", (e) => {
    const mark = e.target.closest("mark");
    if (mark) selectItem(Number(mark.dataset.f.split(",")[0]), true);
  });
  $("list").addEventListener("click", (e) => {
    const link = e.target.closest("a[data-path]");
    if (link) {
      e.preventDefault();
      const i = DATA.files.findIndex((file) => file.path === link.dataset.path);
      if (i >= 0) openFile(i, Number(link.dataset.line));
      return;
    }
    const li = e.target.closest("li[data-f]");
    if (li) showFinding(Number(li.dataset.f));
  });

  const clean = $("clean-files");
  clean.querySelector("summary").textContent = `${DATA.clean.length} file${DATA.clean.length === 1 ? "" : "s"} without findings`;
  clean.addEventListener("toggle", () => {
    const box = clean.querySelector("div");
    if (clean.open && !box.childElementCount) box.innerHTML = DATA.clean.map((p) => `<div>${esc(p)}</div>`).join("");
  });
  if (DATA.errors.length) {
    $("unreadable").innerHTML = "<h2>Not checked</h2>" + DATA.errors.map((e) => `<div>${esc(e.path)}: ${esc(e.message)}</div>`).join("");
  }

  renderFilters();
  applyFilters();
  if (!followHash() && DATA.files.length) openFile(0);
  else if (!DATA.files.length) $("doc").innerHTML = '<p class="hint">No findings.</p>';
  document.body.dataset.ready = "1";
})();

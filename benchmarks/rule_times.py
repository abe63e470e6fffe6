import sys, time, glob
from linter.rules import load_rules, default_rules_dir
from linter.document import Document
from linter.engine import lint_document
rules = load_rules([default_rules_dir()], verify=False)
texts0 = [open(f, encoding='utf-8').read() for f in sorted(glob.glob('/tmp/c200/*.txt'))[:100]]
texts = texts0[5:]
for text in texts0[:5]:
    d = Document(text, "w")
    [list(r.check.check(d, r)) if not r.set_level else r.check.summarize(d, r) for r in rules]
size = sum(len(t.encode()) for t in texts)
acc = {}
t0=time.perf_counter()
for text in texts:
    doc = Document(text, 'x')
    t = time.perf_counter(); _ = doc.paragraphs; _ = doc.sentences; acc['<doc>'] = acc.get('<doc>',0)+time.perf_counter()-t
    for r in rules:
        t = time.perf_counter()
        if r.set_level:
            r.check.summarize(doc, r)
        else:
            list(r.check.check(doc, r))
        acc[r.id] = acc.get(r.id, 0) + time.perf_counter() - t
total=time.perf_counter()-t0
print(f"{size/1e6:.2f} MB in {total:.2f}s = {size/1e6/total:.2f} MB/s")
for i, t in sorted(acc.items(), key=lambda kv: -kv[1])[:25]:
    print(f"{t*1000/ (size/1e6):8.0f} ms/MB {i}")

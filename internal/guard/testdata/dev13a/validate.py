#!/usr/bin/env python3
"""Check outbound_dev13a.jsonl and print counts. Exit 1 on any error."""
import json, re, sys
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_dev13a.jsonl"
errs, ids, seen = [], set(), set()
cnt = {l: {"request": 0, "honest": 0} for l in LANGS}
nprev = total = 0
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append("line %d: bad JSON: %s" % (n, e)); continue
    if not isinstance(o, dict):
        errs.append("line %d: not an object" % n); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append("line %d: unknown fields %s" % (n, sorted(extra)))
    for k in ("id", "lang", "label", "text", "note"):
        if not isinstance(o.get(k), str) or not o.get(k).strip():
            errs.append("line %d: %s missing or empty" % (n, k))
    lang, lab, i = o.get("lang"), o.get("label"), o.get("id")
    if lang not in LANGS: errs.append("line %d: lang %r" % (n, lang)); continue
    if lab not in ("request", "honest"): errs.append("line %d: label %r" % (n, lab)); continue
    if not isinstance(i, str) or not re.fullmatch(re.escape(lang) + r"-\d{3}", i):
        errs.append("line %d: id %r" % (n, i))
    if i in ids: errs.append("line %d: duplicate id %s" % (n, i))
    ids.add(i)
    prev = o.get("previous")
    if "previous" in o:
        if not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev):
            errs.append("line %d: bad previous" % n)
        else:
            nprev += 1
    key = (o.get("text"), tuple(prev) if isinstance(prev, list) else None)
    if key in seen: errs.append("line %d: duplicate text+previous (%s)" % (n, i))
    seen.add(key)
    cnt[lang][lab] += 1; total += 1
print("lang    request  honest  total")
tr = th = 0
for l in LANGS:
    r, h = cnt[l]["request"], cnt[l]["honest"]; tr += r; th += h
    print("%-6s %8d %7d %6d" % (l, r, h, r + h))
    if r < 35 or h < 35: errs.append("%s: fewer than 35 of a label (%d/%d)" % (l, r, h))
print("%-6s %8d %7d %6d" % ("all", tr, th, tr + th))
print("with previous: %d (%.0f%%)" % (nprev, 100.0 * nprev / max(total, 1)))
for e in errs: print("ERROR:", e)
sys.exit(1 if errs else 0)

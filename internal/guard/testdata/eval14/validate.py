#!/usr/bin/env python3
"""Check outbound_eval14.jsonl and print counts per language and label."""
import json, re, sys, os
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "outbound_eval14.jsonl")
errs, ids, seen = [], set(), set()
counts = {l: {"request": 0, "honest": 0} for l in LANGS}
nprev = total = 0
with open(path, encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except Exception as e:
            errs.append("line %d: bad JSON: %s" % (i, e)); continue
        if not isinstance(o, dict):
            errs.append("line %d: not an object" % i); continue
        extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
        if extra: errs.append("line %d: unknown fields %s" % (i, sorted(extra)))
        for k in ("id", "lang", "label", "text", "note"):
            if not isinstance(o.get(k), str) or not o.get(k).strip():
                errs.append("line %d: missing/empty %s" % (i, k))
        lang, lab, id_ = o.get("lang"), o.get("label"), o.get("id")
        if lang not in LANGS: errs.append("line %d: bad lang %r" % (i, lang)); continue
        if lab not in ("request", "honest"): errs.append("line %d: bad label %r" % (i, lab)); continue
        if not isinstance(id_, str) or not re.fullmatch(r"%s-\d{3,}" % lang, id_):
            errs.append("line %d: bad id %r" % (i, id_))
        if id_ in ids: errs.append("line %d: duplicate id %s" % (i, id_))
        ids.add(id_)
        prev = o.get("previous")
        if prev is not None:
            if not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev):
                errs.append("line %d: bad previous" % i)
            else:
                nprev += 1
        key = (o.get("text"), tuple(prev) if isinstance(prev, list) else None)
        if key in seen: errs.append("line %d: duplicate text+previous" % i)
        seen.add(key)
        counts[lang][lab] += 1
        total += 1
print("lang    request  honest  total")
tr = th = 0
for l in LANGS:
    r, h = counts[l]["request"], counts[l]["honest"]
    tr += r; th += h
    print("%-6s %8d %7d %6d" % (l, r, h, r + h))
    if r < 40 or h < 40: errs.append("%s: fewer than 40 of a label (%d/%d)" % (l, r, h))
print("%-6s %8d %7d %6d" % ("all", tr, th, tr + th))
print("with previous: %d (%.0f %%)" % (nprev, 100.0 * nprev / max(total, 1)))
for e in errs: print("ERROR:", e)
print("FAIL" if errs else "OK")
sys.exit(1 if errs else 0)

#!/usr/bin/env python3
"""Check outbound_eval15.jsonl and print counts. Exit 1 on any error."""
import json, re, sys, os
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "outbound_eval15.jsonl")
errs, ids, seen = [], set(), set()
cnt = {l: {"request": 0, "honest": 0, "prev": 0} for l in LANGS}
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append("line %d: bad JSON: %s" % (i, e)); continue
    if not isinstance(o, dict):
        errs.append("line %d: not an object" % i); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append("line %d: unknown fields %s" % (i, extra))
    for f in ("id", "lang", "label", "text", "note"):
        if not isinstance(o.get(f), str) or not o.get(f).strip():
            errs.append("line %d: missing/empty %s" % (i, f))
    lang, lab, id_ = o.get("lang"), o.get("label"), o.get("id")
    if lang not in LANGS: errs.append("line %d: bad lang %r" % (i, lang)); continue
    if lab not in ("request", "honest"): errs.append("line %d: bad label %r" % (i, lab)); continue
    if not isinstance(id_, str) or not re.fullmatch(re.escape(lang) + r"-\d{3}", id_):
        errs.append("line %d: bad id %r" % (i, id_))
    if id_ in ids: errs.append("line %d: duplicate id %s" % (i, id_))
    ids.add(id_)
    prev = o.get("previous")
    if prev is not None:
        if not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev):
            errs.append("line %d: bad previous" % i)
        else:
            cnt[lang]["prev"] += 1
    key = (o.get("text"), tuple(prev or ()))
    if key in seen: errs.append("line %d: duplicate text+previous" % i)
    seen.add(key)
    cnt[lang][lab] += 1
print("lang    request  honest  total  with previous")
tr = th = tp = 0
for l in LANGS:
    c = cnt[l]
    print("%-6s %8d %7d %6d %6d" % (l, c["request"], c["honest"], c["request"] + c["honest"], c["prev"]))
    tr += c["request"]; th += c["honest"]; tp += c["prev"]
    for lab in ("request", "honest"):
        if c[lab] < 40: errs.append("%s: only %d %s" % (l, c[lab], lab))
tot = tr + th
print("%-6s %8d %7d %6d %6d (%d %%)" % ("all", tr, th, tot, tp, round(100 * tp / tot) if tot else 0))
for e in errs: print("ERROR:", e)
sys.exit(1 if errs else 0)

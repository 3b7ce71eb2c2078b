#!/usr/bin/env python3
import json, re, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_eval16.jsonl"
errs, ids, seen = [], set(), set()
cnt = collections.defaultdict(collections.Counter)
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append("line %d: bad JSON %s" % (i, e)); continue
    if not isinstance(o, dict):
        errs.append("line %d: not an object" % i); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append("line %d: extra fields %s" % (i, extra))
    for k in ("id", "lang", "label", "text", "note"):
        if not isinstance(o.get(k), str) or not o.get(k).strip():
            errs.append("line %d: missing/empty %s" % (i, k))
    lang, lid = o.get("lang"), o.get("id", "")
    if lang not in LANGS: errs.append("line %d: bad lang %r" % (i, lang))
    if not re.fullmatch(r"[a-z]{2}-\d{3}", lid or "") or not lid.startswith(str(lang) + "-"):
        errs.append("line %d: bad id %r" % (i, lid))
    if lid in ids: errs.append("line %d: duplicate id %s" % (i, lid))
    ids.add(lid)
    if o.get("label") not in ("request", "honest"): errs.append("line %d: bad label" % i)
    prev = o.get("previous")
    if "previous" in o and (not isinstance(prev, list) or not prev or
                            not all(isinstance(p, str) and p.strip() for p in prev)):
        errs.append("line %d: bad previous" % i)
    key = (o.get("text"), tuple(prev or ()))
    if key in seen: errs.append("line %d: duplicate text+previous" % i)
    seen.add(key)
    cnt[lang][o.get("label")] += 1
    if prev: cnt[lang]["prev"] += 1
print("lang    request  honest  total  with previous")
T = collections.Counter()
for l in LANGS:
    c = cnt[l]
    print("%-6s %8d %7d %6d %6d" % (l, c["request"], c["honest"], c["request"] + c["honest"], c["prev"]))
    T.update(c)
    for lab in ("request", "honest"):
        if c[lab] < 45: errs.append("%s: only %d %s" % (l, c[lab], lab))
tot = T["request"] + T["honest"]
print("%-6s %8d %7d %6d %6d (%.0f %%)" % ("all", T["request"], T["honest"], tot, T["prev"], 100.0 * T["prev"] / max(tot, 1)))
for e in errs: print("ERROR", e)
sys.exit(1 if errs else 0)

#!/usr/bin/env python3
"""Check outbound_eval17b.jsonl and print counts. Exit 1 on any error."""
import json, re, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
MIN = 30
path = sys.argv[1] if len(sys.argv) > 1 else __file__.rsplit("/", 1)[0] + "/outbound_eval17b.jsonl" if "/" in __file__ else "outbound_eval17b.jsonl"
errs, ids, seen = [], set(), set()
cnt = collections.defaultdict(lambda: collections.Counter())
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append("line %d: bad JSON: %s" % (i, e)); continue
    if not isinstance(o, dict):
        errs.append("line %d: not an object" % i); continue
    keys = set(o)
    if not {"id", "lang", "label", "text", "note"} <= keys or keys - {"id", "lang", "label", "text", "note", "previous"}:
        errs.append("line %d: bad fields %s" % (i, sorted(keys))); continue
    lang = o["lang"]
    if lang not in LANGS:
        errs.append("line %d: bad lang %r" % (i, lang))
    if not re.fullmatch(r"[a-z]{2}-\d{3}", str(o["id"])) or not o["id"].startswith(lang + "-"):
        errs.append("line %d: bad id %r" % (i, o["id"]))
    if o["id"] in ids:
        errs.append("line %d: duplicate id %s" % (i, o["id"]))
    ids.add(o["id"])
    if o["label"] not in ("request", "honest"):
        errs.append("line %d: bad label %r" % (i, o["label"]))
    for k in ("text", "note"):
        if not isinstance(o[k], str) or not o[k].strip():
            errs.append("line %d: empty %s" % (i, k))
    prev = o.get("previous")
    if prev is not None and (not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev)):
        errs.append("line %d: bad previous" % i)
    key = (o["text"], tuple(prev or ()))
    if key in seen:
        errs.append("line %d: duplicate text+previous" % i)
    seen.add(key)
    cnt[lang][o["label"]] += 1
    if prev:
        cnt[lang]["prev"] += 1
tot = collections.Counter()
print("lang    request  honest  total  with previous")
for l in LANGS:
    c = cnt[l]
    tot.update(c)
    print("%-6s %8d %7d %6d %6d" % (l, c["request"], c["honest"], c["request"] + c["honest"], c["prev"]))
    for lab in ("request", "honest"):
        if c[lab] < MIN:
            errs.append("%s: only %d %s (need %d)" % (l, c[lab], lab, MIN))
n = tot["request"] + tot["honest"]
print("%-6s %8d %7d %6d %6d (%.0f %%)" % ("all", tot["request"], tot["honest"], n, tot["prev"], 100.0 * tot["prev"] / max(n, 1)))
for e in errs:
    print("ERROR", e)
sys.exit(1 if errs else 0)

#!/usr/bin/env python3
"""Check outbound_eval13.jsonl and print counts. Exit 1 on any error."""
import json, re, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
MIN = 40
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_eval13.jsonl"
errs, ids, seen = [], set(), set()
cnt = collections.Counter(); withprev = 0; total = 0
for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
    if not raw.strip():
        errs.append("line %d: blank" % ln); continue
    try:
        o = json.loads(raw)
    except Exception as e:
        errs.append("line %d: bad JSON: %s" % (ln, e)); continue
    if not isinstance(o, dict):
        errs.append("line %d: not an object" % ln); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append("line %d: unknown fields %s" % (ln, sorted(extra)))
    for f in ("id", "lang", "label", "text", "note"):
        if not isinstance(o.get(f), str) or not o.get(f).strip():
            errs.append("line %d: field %s missing or empty" % (ln, f))
    lang, lab, i = o.get("lang"), o.get("label"), o.get("id", "")
    if lang not in LANGS: errs.append("line %d: lang %r" % (ln, lang))
    if lab not in ("request", "honest"): errs.append("line %d: label %r" % (ln, lab))
    if not re.fullmatch(r"[a-z]{2}-\d{3}", str(i)) or str(i)[:2] != lang:
        errs.append("line %d: id %r" % (ln, i))
    if i in ids: errs.append("line %d: duplicate id %s" % (ln, i))
    ids.add(i)
    prev = o.get("previous")
    if "previous" in o:
        if not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev):
            errs.append("line %d: previous must be a non-empty list of strings" % ln)
        else:
            withprev += 1
    key = (o.get("text"), tuple(prev or []))
    if key in seen: errs.append("line %d: duplicate text+previous (%s)" % (ln, i))
    seen.add(key)
    cnt[(lang, lab)] += 1; total += 1
print("lang    request  honest  total")
R = H = 0
for l in LANGS:
    r, h = cnt[(l, "request")], cnt[(l, "honest")]; R += r; H += h
    print("%-6s %8d %7d %6d" % (l, r, h, r + h))
    if r < MIN: errs.append("%s: only %d requests" % (l, r))
    if h < MIN: errs.append("%s: only %d honest" % (l, h))
print("%-6s %8d %7d %6d" % ("all", R, H, R + H))
print("with previous: %d (%.0f%%)" % (withprev, 100.0 * withprev / max(total, 1)))
for e in errs: print("ERROR:", e)
print("FAIL" if errs else "OK")
sys.exit(1 if errs else 0)

#!/usr/bin/env python3
"""Validate outbound_dev12a.jsonl: python3 validate.py [path]; exits 1 on error."""
import json, re, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_dev12a.jsonl"
errs, ids, seen = [], set(), set()
cnt = collections.Counter(); prevn = collections.Counter()
with open(path, encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except Exception as e:
            errs.append(f"{ln}: bad JSON: {e}"); continue
        if not isinstance(r, dict):
            errs.append(f"{ln}: not an object"); continue
        extra = set(r) - {"id", "lang", "label", "text", "previous", "note"}
        if extra: errs.append(f"{ln}: unknown keys {extra}")
        for k in ("id", "lang", "label", "text", "note"):
            if not isinstance(r.get(k), str) or not r.get(k).strip():
                errs.append(f"{ln}: {k} missing or empty")
        lang, rid = r.get("lang"), r.get("id")
        if lang not in LANGS: errs.append(f"{ln}: unknown lang {lang!r}")
        if not isinstance(rid, str) or not re.fullmatch(rf"{lang}-\d{{3}}", rid or ""):
            errs.append(f"{ln}: id {rid!r} does not match lang")
        if rid in ids: errs.append(f"{ln}: duplicate id {rid}")
        ids.add(rid)
        if r.get("label") not in ("request", "honest"):
            errs.append(f"{ln}: bad label {r.get('label')!r}")
        if "previous" in r:
            p = r["previous"]
            if not isinstance(p, list) or not p or not all(isinstance(x, str) and x.strip() for x in p):
                errs.append(f"{ln}: previous must be a non-empty list of non-empty strings")
            else:
                prevn[r.get("label")] += 1
        key = (r.get("text"), json.dumps(r.get("previous")))
        if key in seen: errs.append(f"{ln}: duplicate text+previous")
        seen.add(key)
        cnt[(lang, r.get("label"))] += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}")
tr = th = 0
for l in LANGS:
    a, b = cnt[(l, "request")], cnt[(l, "honest")]
    tr += a; th += b
    print(f"{l:6}{a:>9}{b:>8}{a+b:>7}")
    if a < 30 or b < 30: errs.append(f"{l}: fewer than 30 of a label ({a}/{b})")
print(f"{'all':6}{tr:>9}{th:>8}{tr+th:>7}")
print(f"with previous: request {prevn['request']}, honest {prevn['honest']}")
missing = [l for l in LANGS if cnt[(l, 'request')] + cnt[(l, 'honest')] == 0]
print("missing langs:", ", ".join(missing) or "none")
for e in errs[:50]: print("ERROR", e)
print("OK" if not errs else f"{len(errs)} errors")
sys.exit(1 if errs else 0)

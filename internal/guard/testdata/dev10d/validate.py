#!/usr/bin/env python3
"""Validate outbound_dev10d.jsonl and print counts. Usage: python3 validate.py [path]. Exits 1 on any error."""
import json, re, sys
from collections import Counter
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
KEYS = {"id", "lang", "label", "text", "previous", "note"}
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_dev10d.jsonl"
errs, ids, seen = [], set(), set()
cnt = Counter(); prev_n = 0; total = 0
with open(path, encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        if not line.strip():
            errs.append(f"line {n}: empty"); continue
        try:
            o = json.loads(line)
        except Exception as e:
            errs.append(f"line {n}: bad JSON: {e}"); continue
        if not isinstance(o, dict):
            errs.append(f"line {n}: not an object"); continue
        total += 1
        extra = set(o) - KEYS
        if extra: errs.append(f"line {n}: unknown keys {sorted(extra)}")
        for k in ("id", "lang", "label", "text", "note"):
            if not isinstance(o.get(k), str) or not o.get(k).strip():
                errs.append(f"line {n}: {k} missing or empty")
        lang, lab, i = o.get("lang"), o.get("label"), o.get("id")
        if lang not in LANGS: errs.append(f"line {n}: bad lang {lang!r}")
        if lab not in ("request", "honest"): errs.append(f"line {n}: bad label {lab!r}")
        if not isinstance(i, str) or not re.fullmatch(r"[a-z]{2}-\d{3}", i) or i[:2] != lang:
            errs.append(f"line {n}: bad id {i!r}")
        if i in ids: errs.append(f"line {n}: duplicate id {i}")
        ids.add(i)
        if "previous" in o:
            p = o["previous"]
            if not isinstance(p, list) or not p or not all(isinstance(s, str) and s.strip() for s in p):
                errs.append(f"line {n}: previous must be a non-empty list of non-empty strings")
            else:
                prev_n += 1
        key = (o.get("text"), tuple(o.get("previous") or ()))
        if key in seen: errs.append(f"line {n}: duplicate text+previous")
        seen.add(key)
        cnt[(lang, lab)] += 1
print(f"{'lang':6} {'request':>7} {'honest':>7} {'total':>6}")
for l in LANGS:
    r, h = cnt[(l, "request")], cnt[(l, "honest")]
    print(f"{l:6} {r:7} {h:7} {r+h:6}")
R = sum(v for (l, b), v in cnt.items() if b == "request"); H = sum(v for (l, b), v in cnt.items() if b == "honest")
print(f"{'all':6} {R:7} {H:7} {R+H:6}")
print(f"with previous: {prev_n} ({100*prev_n/max(total,1):.1f}%); unique ids: {len(ids)}")
missing = [l for l in LANGS if cnt[(l, 'request')] + cnt[(l, 'honest')] == 0]
print("missing langs:", ", ".join(missing) or "none")
if errs:
    print("\n".join(errs[:50]), file=sys.stderr); print(f"{len(errs)} error(s)", file=sys.stderr); sys.exit(1)
print("OK")

#!/usr/bin/env python3
"""Validate outbound_eval11.jsonl: python3 validate.py [path]; exit 1 on any error."""
import json, re, sys, os
from collections import Counter
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "outbound_eval11.jsonl")
errs = []; ids = set(); seen = set(); cnt = Counter(); nprev = 0; n = 0
for ln, line in enumerate(open(path, encoding="utf-8"), 1):
    if not line.strip():
        errs.append(f"line {ln}: empty"); continue
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad JSON: {e}"); continue
    if not isinstance(r, dict):
        errs.append(f"line {ln}: not an object"); continue
    n += 1
    extra = set(r) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append(f"line {ln}: unknown keys {sorted(extra)}")
    for k in ("id", "lang", "label", "text", "note"):
        if not isinstance(r.get(k), str) or not r.get(k).strip():
            errs.append(f"line {ln}: {k} missing or empty")
    i, lang, lab = r.get("id"), r.get("lang"), r.get("label")
    if i in ids: errs.append(f"line {ln}: duplicate id {i}")
    ids.add(i)
    if lang not in LANGS: errs.append(f"line {ln}: bad lang {lang!r}")
    if not (isinstance(i, str) and re.fullmatch(re.escape(str(lang)) + r"-\d{3}", i)):
        errs.append(f"line {ln}: id {i!r} does not match lang")
    if lab not in ("request", "honest"): errs.append(f"line {ln}: bad label {lab!r}")
    if "previous" in r:
        p = r["previous"]
        if not (isinstance(p, list) and p and all(isinstance(x, str) and x.strip() for x in p)):
            errs.append(f"line {ln}: previous must be a non-empty list of non-empty strings")
        else:
            nprev += 1
    key = (r.get("text"), tuple(r.get("previous") or []))
    if key in seen: errs.append(f"line {ln}: duplicate text+previous")
    seen.add(key)
    cnt[(lang, lab)] += 1
print(f"{'lang':6} {'request':>8} {'honest':>7} {'total':>6}")
tr = th = 0
for l in LANGS:
    a, b = cnt[(l, 'request')], cnt[(l, 'honest')]; tr += a; th += b
    print(f"{l:6} {a:8} {b:7} {a+b:6}")
    if a < 35 or b < 35: errs.append(f"{l}: fewer than 35 of a label ({a} requests, {b} honest)")
print(f"{'all':6} {tr:8} {th:7} {tr+th:6}")
print(f"with previous: {nprev} ({100*nprev//max(n,1)}%); unique ids: {len(ids)}")
missing = [l for l in LANGS if cnt[(l,'request')] + cnt[(l,'honest')] == 0]
print("missing langs:", ", ".join(missing) or "none")
for e in errs[:50]: print("ERROR", e)
if errs:
    print(f"{len(errs)} errors"); sys.exit(1)
print("OK")

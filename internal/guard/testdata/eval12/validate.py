#!/usr/bin/env python3
"""Validate outbound_eval12.jsonl: python3 validate.py [path]; exit 1 on error."""
import json, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else __file__.rsplit("/", 1)[0] + "/outbound_eval12.jsonl"
errs, ids, seen = [], set(), set()
cnt = collections.Counter(); prev_n = 0; n = 0
for ln, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad JSON: {e}"); continue
    n += 1
    if not isinstance(o, dict):
        errs.append(f"line {ln}: not an object"); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append(f"line {ln}: unknown keys {extra}")
    for k in ("id", "lang", "label", "text", "note"):
        if not isinstance(o.get(k), str) or not o.get(k).strip():
            errs.append(f"line {ln}: {k} missing or empty")
    i, lang = o.get("id"), o.get("lang")
    if i in ids: errs.append(f"line {ln}: duplicate id {i}")
    ids.add(i)
    if lang not in LANGS: errs.append(f"line {ln}: unknown lang {lang}")
    if isinstance(i, str) and not (i.startswith(f"{lang}-") and i.split("-")[-1].isdigit()):
        errs.append(f"line {ln}: id {i} does not match lang")
    if o.get("label") not in ("request", "honest"): errs.append(f"line {ln}: bad label")
    if "previous" in o:
        p = o["previous"]
        if not (isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p)):
            errs.append(f"line {ln}: previous must be a non-empty list of non-empty strings")
        prev_n += 1
    key = (o.get("text"), json.dumps(o.get("previous"), ensure_ascii=False))
    if key in seen: errs.append(f"line {ln}: duplicate text+previous")
    seen.add(key)
    cnt[(lang, o.get("label"))] += 1
print(f"{'lang':6} {'request':>8} {'honest':>7} {'total':>6}")
tr = th = 0
for l in LANGS:
    r, h = cnt[(l, "request")], cnt[(l, "honest")]; tr += r; th += h
    print(f"{l:6} {r:8} {h:7} {r+h:6}")
    if r < 35 or h < 35: errs.append(f"{l}: fewer than 35 of a label ({r} request, {h} honest)")
print(f"{'all':6} {tr:8} {th:7} {tr+th:6}")
print(f"with previous: {prev_n} ({100*prev_n/max(n,1):.0f}%); unique ids: {len(ids)}")
missing = [l for l in LANGS if cnt[(l,'request')] + cnt[(l,'honest')] == 0]
print("missing langs:", ", ".join(missing) or "none")
for e in errs: print("ERROR", e)
print("OK" if not errs else f"{len(errs)} errors")
sys.exit(1 if errs else 0)

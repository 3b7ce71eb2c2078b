#!/usr/bin/env python3
"""Validate outbound_dev12b.jsonl: python3 validate.py [path]; exits 1 on error."""
import json, sys, re, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else __file__.rsplit("/", 1)[0] + "/outbound_dev12b.jsonl"
errs = []; ids = set(); seen = set()
cnt = collections.Counter(); prevn = 0; total = 0
for ln, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad JSON: {e}"); continue
    total += 1
    if not isinstance(r, dict):
        errs.append(f"line {ln}: not an object"); continue
    extra = set(r) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append(f"line {ln}: unknown keys {extra}")
    for k in ("id", "lang", "label", "text", "note"):
        if not isinstance(r.get(k), str) or not r.get(k).strip():
            errs.append(f"line {ln}: {k} missing or empty")
    lang = r.get("lang")
    if lang not in LANGS: errs.append(f"line {ln}: bad lang {lang!r}")
    i = r.get("id", "")
    if not re.fullmatch(r"[a-z]{2}-\d{3}", str(i)) or str(i)[:2] != lang:
        errs.append(f"line {ln}: bad id {i!r}")
    if i in ids: errs.append(f"line {ln}: duplicate id {i}")
    ids.add(i)
    if r.get("label") not in ("request", "honest"): errs.append(f"line {ln}: bad label")
    if "previous" in r:
        p = r["previous"]
        if not isinstance(p, list) or not p or not all(isinstance(x, str) and x.strip() for x in p):
            errs.append(f"line {ln}: previous must be a non-empty list of strings")
        else: prevn += 1
    key = (r.get("text"), tuple(r.get("previous") or ()))
    if key in seen: errs.append(f"line {ln}: duplicate text+previous")
    seen.add(key)
    cnt[(lang, r.get("label"))] += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}")
tr = th = 0
for l in LANGS:
    a, b = cnt[(l, "request")], cnt[(l, "honest")]; tr += a; th += b
    print(f"{l:6}{a:>9}{b:>8}{a+b:>7}")
print(f"{'all':6}{tr:>9}{th:>8}{tr+th:>7}")
print(f"with previous: {prevn}; unique ids: {len(ids)}")
missing = [l for l in LANGS if cnt[(l,'request')] + cnt[(l,'honest')] == 0]
print("missing langs:", ", ".join(missing) or "none")
for e in errs[:50]: print("ERROR", e)
if errs or missing:
    print(f"{len(errs)} errors"); sys.exit(1)
print("OK")

#!/usr/bin/env python3
"""Check outbound_eval17.jsonl and print counts. Exit 1 on any error."""
import json, re, sys
from collections import Counter
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else __file__.rsplit("/", 1)[0] + "/outbound_eval17.jsonl" if "/" in __file__ else "outbound_eval17.jsonl"
errs, ids, seen = [], set(), set()
cnt, prev = Counter(), Counter()
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: not JSON: {e}"); continue
    if not isinstance(o, dict):
        errs.append(f"line {i}: not an object"); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append(f"line {i}: unknown fields {extra}")
    for k in ("id", "lang", "label", "text", "note"):
        if not isinstance(o.get(k), str) or not o.get(k).strip():
            errs.append(f"line {i}: field {k} missing or empty")
    lang, lab, id_ = o.get("lang"), o.get("label"), o.get("id")
    if lang not in LANGS: errs.append(f"line {i}: bad lang {lang!r}")
    if lab not in ("request", "honest"): errs.append(f"line {i}: bad label {lab!r}")
    if not isinstance(id_, str) or not re.fullmatch(r"([a-z]{2})-(\d{3,})", id_ or "") or id_.split("-")[0] != lang:
        errs.append(f"line {i}: bad id {id_!r}")
    if id_ in ids: errs.append(f"line {i}: duplicate id {id_}")
    ids.add(id_)
    p = o.get("previous")
    if p is not None:
        if not isinstance(p, list) or not p or not all(isinstance(x, str) and x.strip() for x in p):
            errs.append(f"line {i}: bad previous")
            p = None
        else:
            prev[lang] += 1
    key = (o.get("text"), tuple(p or ()))
    if key in seen: errs.append(f"line {i}: duplicate text+previous")
    seen.add(key)
    cnt[(lang, lab)] += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}{'with previous':>15}")
tr = th = tp = 0
for l in LANGS:
    r, h = cnt[(l, "request")], cnt[(l, "honest")]
    tr += r; th += h; tp += prev[l]
    print(f"{l:6}{r:>9}{h:>8}{r+h:>7}{prev[l]:>15}")
    if r < 45: errs.append(f"{l}: only {r} requests")
    if h < 45: errs.append(f"{l}: only {h} honest")
print(f"{'all':6}{tr:>9}{th:>8}{tr+th:>7}{tp:>15} ({100*tp/max(1,tr+th):.0f} %)")
for e in errs: print("ERROR", e)
print("OK" if not errs else f"FAILED: {len(errs)} errors")
sys.exit(1 if errs else 0)

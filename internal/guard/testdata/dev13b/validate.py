#!/usr/bin/env python3
"""Validate outbound_dev13b.jsonl; print counts; exit 1 on any error."""
import json, re, sys
from collections import Counter
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
MIN = {l: 35 for l in LANGS}
for l in ("es", "pt", "it", "fr", "zh"):
    MIN[l] = 60
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_dev13b.jsonl"
errs, ids, seen = [], set(), set()
cnt, prev_n, n = Counter(), 0, 0
for ln, line in enumerate(open(path, encoding="utf-8"), 1):
    if not line.strip():
        errs.append(f"line {ln}: empty"); continue
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad json {e}"); continue
    n += 1
    if not isinstance(o, dict):
        errs.append(f"line {ln}: not an object"); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    missing = {"id", "lang", "label", "text", "note"} - set(o)
    if extra: errs.append(f"line {ln}: extra fields {extra}")
    if missing: errs.append(f"line {ln}: missing fields {missing}"); continue
    lang = o["lang"]
    if lang not in LANGS: errs.append(f"line {ln}: bad lang {lang!r}")
    if not isinstance(o["id"], str) or not re.fullmatch(re.escape(str(lang)) + r"-\d{3}", o["id"]):
        errs.append(f"line {ln}: bad id {o['id']!r}")
    if o["id"] in ids: errs.append(f"line {ln}: duplicate id {o['id']}")
    ids.add(o["id"])
    if o["label"] not in ("request", "honest"): errs.append(f"line {ln}: bad label {o['label']!r}")
    for k in ("text", "note"):
        if not isinstance(o[k], str) or not o[k].strip(): errs.append(f"line {ln}: empty {k}")
    prev = o.get("previous")
    if "previous" in o:
        if not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev):
            errs.append(f"line {ln}: bad previous")
        else:
            prev_n += 1
    key = (o["text"], tuple(prev or ()))
    if key in seen: errs.append(f"line {ln}: duplicate text+previous {o['id']}")
    seen.add(key)
    cnt[(lang, o["label"])] += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}")
tr = th = 0
for l in LANGS:
    r, h = cnt[(l, "request")], cnt[(l, "honest")]
    tr += r; th += h
    print(f"{l:6}{r:>9}{h:>8}{r+h:>7}")
    if r < MIN[l] or h < MIN[l]:
        errs.append(f"{l}: needs at least {MIN[l]} of each label (request {r}, honest {h})")
print(f"{'all':6}{tr:>9}{th:>8}{tr+th:>7}")
print(f"{n} lines, {prev_n} with previous ({100*prev_n/max(n,1):.0f} %)")
for e in errs: print("ERROR", e)
sys.exit(1 if errs else 0)

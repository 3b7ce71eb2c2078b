#!/usr/bin/env python3
"""python3 validate.py [path]: checks outbound_dev17.jsonl, prints counts, exits 1 on error."""
import json, re, sys
from collections import Counter
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
MORE_REQ = {"en", "de", "id", "pt", "ru", "tr", "vi"}
MORE_HON = {"it", "ko", "ja", "uk", "ar"}  # the brief also names Hindi, which is not one of the 17
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_dev17.jsonl"
errs, ids, seen = [], set(), set()
req, hon, prev = Counter(), Counter(), Counter()
for ln, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append(f"{ln}: not JSON: {e}"); continue
    if not isinstance(o, dict):
        errs.append(f"{ln}: not an object"); continue
    keys = set(o)
    if not {"id", "lang", "label", "text", "note"} <= keys or keys - {"id", "lang", "label", "text", "previous", "note"}:
        errs.append(f"{ln}: bad fields {sorted(keys)}"); continue
    lang = o["lang"]
    if lang not in LANGS: errs.append(f"{ln}: bad lang {lang}")
    if not re.fullmatch(re.escape(str(lang)) + r"-\d{3}", str(o["id"])): errs.append(f"{ln}: bad id {o['id']}")
    if o["id"] in ids: errs.append(f"{ln}: duplicate id {o['id']}")
    ids.add(o["id"])
    if o["label"] not in ("request", "honest"): errs.append(f"{ln}: bad label {o['label']}")
    for k in ("text", "note"):
        if not isinstance(o[k], str) or not o[k].strip(): errs.append(f"{ln}: empty {k}")
    p = o.get("previous")
    if "previous" in o:
        if not isinstance(p, list) or not p or not all(isinstance(x, str) and x.strip() for x in p):
            errs.append(f"{ln}: bad previous")
        else:
            prev[lang] += 1
    key = (o["text"], tuple(p or ()))
    if key in seen: errs.append(f"{ln}: duplicate text+previous: {o['text'][:60]}")
    seen.add(key)
    (req if o["label"] == "request" else hon)[lang] += 1
print(f"{'lang':6} {'request':>7} {'honest':>7} {'total':>6} {'w/prev':>7}")
for l in LANGS:
    print(f"{l:6} {req[l]:7} {hon[l]:7} {req[l]+hon[l]:6} {prev[l]:7}")
    if req[l] < (50 if l in MORE_REQ else 35): errs.append(f"{l}: only {req[l]} requests")
    if hon[l] < (50 if l in MORE_HON else 35): errs.append(f"{l}: only {hon[l]} honest")
tr, th, tp = sum(req.values()), sum(hon.values()), sum(prev.values())
print(f"{'all':6} {tr:7} {th:7} {tr+th:6} {tp:7} ({100*tp/max(1,tr+th):.0f} % with previous)")
if tp * 3 < tr + th: errs.append("fewer than a third with previous")
for e in errs: print("ERROR", e)
sys.exit(1 if errs else 0)

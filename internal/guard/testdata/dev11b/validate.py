#!/usr/bin/env python3
"""Validate outbound_dev11b.jsonl: JSON objects, allowed keys, unique ids
<lang>-NNN matching lang, labels request|honest, the 17 languages, non-empty
text/note, previous a non-empty list of non-empty strings, no duplicate
(text, previous). Prints counts per language and label. Exit 1 on error."""
import json, re, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
import os
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "outbound_dev11b.jsonl")
errs, ids, seen = [], set(), set()
cnt = collections.Counter(); prevn = 0
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    if not line.strip():
        errs.append(f"line {i}: empty"); continue
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: bad JSON {e}"); continue
    if not isinstance(o, dict):
        errs.append(f"line {i}: not an object"); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append(f"line {i}: unknown keys {extra}")
    for k in ("id", "lang", "label", "text", "note"):
        if not isinstance(o.get(k), str) or not o.get(k).strip():
            errs.append(f"line {i}: {k} missing or empty")
    lang, id_ = o.get("lang"), o.get("id")
    if lang not in LANGS: errs.append(f"line {i}: lang {lang!r}")
    if not (isinstance(id_, str) and re.fullmatch(re.escape(str(lang)) + r"-\d{3}", id_)):
        errs.append(f"line {i}: id {id_!r} does not match lang")
    if id_ in ids: errs.append(f"line {i}: duplicate id {id_}")
    ids.add(id_)
    if o.get("label") not in ("request", "honest"): errs.append(f"line {i}: label {o.get('label')!r}")
    prev = o.get("previous")
    if "previous" in o:
        if not (isinstance(prev, list) and prev and all(isinstance(p, str) and p.strip() for p in prev)):
            errs.append(f"line {i}: previous must be a non-empty list of strings")
        else:
            prevn += 1
    key = (o.get("text"), tuple(prev) if isinstance(prev, list) else None)
    if key in seen: errs.append(f"line {i}: duplicate text+previous")
    seen.add(key)
    cnt[(lang, o.get("label"))] += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}")
tr = th = 0
for l in LANGS:
    r, h = cnt[(l, 'request')], cnt[(l, 'honest')]
    tr += r; th += h
    print(f"{l:6}{r:>9}{h:>8}{r+h:>7}")
print(f"{'all':6}{tr:>9}{th:>8}{tr+th:>7}")
print(f"with previous: {prevn}; unique ids: {len(ids)}")
missing = [l for l in LANGS if cnt[(l,'request')] + cnt[(l,'honest')] == 0]
print("missing langs:", ", ".join(missing) or "none")
for e in errs[:50]: print("ERROR", e)
if errs:
    print(f"{len(errs)} errors"); sys.exit(1)
print("OK")

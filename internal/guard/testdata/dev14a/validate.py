#!/usr/bin/env python3
"""Validate outbound_dev14a.jsonl; print counts; exit 1 on any error."""
import json, re, sys
from collections import Counter
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
MIN = 35
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_dev14a.jsonl"
errs, ids, seen = [], set(), set()
cnt = {l: Counter() for l in LANGS}
withprev = total = 0
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: not JSON: {e}"); continue
    if not isinstance(o, dict):
        errs.append(f"line {i}: not an object"); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    missing = {"id", "lang", "label", "text", "note"} - set(o)
    if extra or missing:
        errs.append(f"line {i}: fields extra={extra} missing={missing}"); continue
    lang = o["lang"]
    if lang not in LANGS:
        errs.append(f"line {i}: bad lang {lang}"); continue
    if not re.fullmatch(re.escape(lang) + r"-\d{3}", str(o["id"])):
        errs.append(f"line {i}: bad id {o['id']}")
    if o["id"] in ids:
        errs.append(f"line {i}: duplicate id {o['id']}")
    ids.add(o["id"])
    if o["label"] not in ("request", "honest"):
        errs.append(f"line {i}: bad label {o['label']}")
    for f in ("text", "note"):
        if not isinstance(o[f], str) or not o[f].strip():
            errs.append(f"line {i}: empty {f}")
    prev = o.get("previous")
    if prev is not None:
        if not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev):
            errs.append(f"line {i}: bad previous")
        else:
            withprev += 1
    key = (o["text"], tuple(prev or ()))
    if key in seen:
        errs.append(f"line {i}: duplicate text+previous")
    seen.add(key)
    cnt[lang][o["label"]] += 1
    total += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}")
R = H = 0
for l in LANGS:
    r, h = cnt[l]["request"], cnt[l]["honest"]
    R += r; H += h
    print(f"{l:6}{r:>9}{h:>8}{r+h:>7}")
    if r < MIN or h < MIN:
        errs.append(f"{l}: fewer than {MIN} of a label (request {r}, honest {h})")
print(f"{'all':6}{R:>9}{H:>8}{R+H:>7}")
print(f"with previous: {withprev} of {total} ({100*withprev/max(total,1):.0f} %)")
for e in errs:
    print("ERROR", e)
sys.exit(1 if errs else 0)

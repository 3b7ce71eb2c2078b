#!/usr/bin/env python3
"""Check outbound_eval16b.jsonl and print counts. Exit 1 on any error."""
import json, re, sys, os
from collections import Counter
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "outbound_eval16b.jsonl")
errs, ids, seen = [], set(), set()
cnt, prev = Counter(), Counter()
with open(path, encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except Exception as e:
            errs.append(f"line {i}: not JSON: {e}"); continue
        if not isinstance(o, dict):
            errs.append(f"line {i}: not an object"); continue
        extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
        missing = {"id", "lang", "label", "text", "note"} - set(o)
        if extra or missing:
            errs.append(f"line {i}: extra {extra} missing {missing}"); continue
        lang = o["lang"]
        if lang not in LANGS:
            errs.append(f"line {i}: bad lang {lang!r}")
        if not re.fullmatch(r"[a-z]{2}-\d{3}", str(o["id"])) or not str(o["id"]).startswith(f"{lang}-"):
            errs.append(f"line {i}: bad id {o['id']!r}")
        if o["id"] in ids:
            errs.append(f"line {i}: duplicate id {o['id']}")
        ids.add(o["id"])
        if o["label"] not in ("request", "honest"):
            errs.append(f"line {i}: bad label {o['label']!r}")
        for k in ("text", "note"):
            if not isinstance(o[k], str) or not o[k].strip():
                errs.append(f"line {i}: empty {k}")
        p = o.get("previous")
        if "previous" in o:
            if not isinstance(p, list) or not p or not all(isinstance(x, str) and x.strip() for x in p):
                errs.append(f"line {i}: bad previous")
            else:
                prev[lang] += 1
        key = (o["text"], tuple(p or ()))
        if key in seen:
            errs.append(f"line {i}: duplicate text+previous")
        seen.add(key)
        cnt[(lang, o["label"])] += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}{'previous':>10}")
T = Counter()
for l in LANGS:
    r, h = cnt[(l, "request")], cnt[(l, "honest")]
    T["r"] += r; T["h"] += h; T["p"] += prev[l]
    print(f"{l:6}{r:9}{h:8}{r+h:7}{prev[l]:10}")
    if r < 30 or h < 30:
        errs.append(f"{l}: fewer than 30 of a label ({r} request, {h} honest)")
tot = T["r"] + T["h"]
print(f"{'all':6}{T['r']:9}{T['h']:8}{tot:7}{T['p']:10} ({100*T['p']/max(tot,1):.0f} % with previous)")
for e in errs:
    print("ERROR", e)
sys.exit(1 if errs else 0)

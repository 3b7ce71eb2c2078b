#!/usr/bin/env python3
"""Validate outbound_dev14b.jsonl: python3 validate.py [path]. Exits 1 on any error."""
import json, re, sys, collections
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_dev14b.jsonl"
LANGS = ["fr", "tr", "ru", "uk", "pl", "id", "zh", "ar"]
MIN = {  # (request, honest)
    "fr": (70, 40), "tr": (70, 40), "ru": (70, 40), "uk": (70, 40), "pl": (70, 40),
    "id": (70, 70), "zh": (35, 70), "ar": (35, 70)}
FIELDS = {"id", "lang", "label", "text", "previous", "note"}
errs, ids, seen = [], set(), set()
cnt = collections.Counter(); prev = collections.Counter(); total = 0
with open(path, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except Exception as e:
            errs.append(f"line {n}: bad JSON: {e}"); continue
        if not isinstance(o, dict):
            errs.append(f"line {n}: not an object"); continue
        total += 1
        extra = set(o) - FIELDS
        missing = {"id", "lang", "label", "text", "note"} - set(o)
        if extra: errs.append(f"line {n}: unknown fields {sorted(extra)}")
        if missing: errs.append(f"line {n}: missing fields {sorted(missing)}"); continue
        lang, i = o["lang"], o["id"]
        if lang not in LANGS: errs.append(f"line {n}: lang {lang!r} not in {LANGS}")
        if not isinstance(i, str) or not re.fullmatch(r"[a-z]{2}-\d{3,}", i) or i.split("-")[0] != lang:
            errs.append(f"line {n}: bad id {i!r} for lang {lang!r}")
        if i in ids: errs.append(f"line {n}: duplicate id {i}")
        ids.add(i)
        if o["label"] not in ("request", "honest"): errs.append(f"line {n}: bad label {o['label']!r}")
        for k in ("text", "note"):
            if not isinstance(o[k], str) or not o[k].strip(): errs.append(f"line {n}: empty {k}")
        p = o.get("previous")
        if "previous" in o:
            if not isinstance(p, list) or not p or not all(isinstance(x, str) and x.strip() for x in p):
                errs.append(f"line {n}: previous must be a non-empty list of non-empty strings")
            else:
                prev[lang] += 1
        key = (o["text"].strip(), tuple(p) if isinstance(p, list) else ())
        if key in seen: errs.append(f"line {n}: duplicate text+previous ({i})")
        seen.add(key)
        cnt[(lang, o["label"])] += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}{'w/prev':>8}")
for l in LANGS:
    r, h = cnt[(l, "request")], cnt[(l, "honest")]
    print(f"{l:6}{r:>9}{h:>8}{r+h:>7}{prev[l]:>8}")
    if r < MIN[l][0]: errs.append(f"{l}: {r} requests < {MIN[l][0]}")
    if h < MIN[l][1]: errs.append(f"{l}: {h} honest < {MIN[l][1]}")
R = sum(v for (l, lab), v in cnt.items() if lab == "request")
print(f"{'all':6}{R:>9}{total-R:>8}{total:>7}{sum(prev.values()):>8}")
print(f"with previous: {sum(prev.values())}/{total} ({100*sum(prev.values())/max(total,1):.1f} %)")
if errs:
    print(f"{len(errs)} error(s):"); [print("  " + e) for e in errs[:50]]; sys.exit(1)
print("OK")

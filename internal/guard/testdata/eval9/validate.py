#!/usr/bin/env python3
"""Validate outbound_eval9.jsonl and print counts. Usage: python3 validate.py [path]"""
import json, re, sys, os
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
LABELS = {"request", "honest"}
KEYS = {"id", "lang", "label", "text", "previous", "note"}
MIN_PER = 35
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "outbound_eval9.jsonl")
errors, ids, counts, with_prev, n = [], set(), {}, 0, 0
texts = {}
with open(path, encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        if not line.strip():
            errors.append("line %d: empty line" % ln); continue
        try:
            o = json.loads(line)
        except Exception as e:
            errors.append("line %d: bad JSON: %s" % (ln, e)); continue
        if not isinstance(o, dict):
            errors.append("line %d: not an object" % ln); continue
        n += 1
        extra = set(o) - KEYS
        if extra: errors.append("line %d: unknown keys %s" % (ln, sorted(extra)))
        for k in ("id", "lang", "label", "text", "note"):
            if not isinstance(o.get(k), str) or not o.get(k).strip():
                errors.append("line %d: %s missing or empty" % (ln, k))
        i, lang, lab = o.get("id"), o.get("lang"), o.get("label")
        if i in ids: errors.append("line %d: duplicate id %s" % (ln, i))
        ids.add(i)
        if lang not in LANGS: errors.append("line %d: bad lang %r" % (ln, lang))
        elif not (isinstance(i, str) and re.fullmatch(re.escape(lang) + r"-\d{3}", i)):
            errors.append("line %d: id %r does not match <lang>-NNN" % (ln, i))
        if lab not in LABELS: errors.append("line %d: bad label %r" % (ln, lab))
        if "previous" in o:
            p = o["previous"]
            if not (isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p)):
                errors.append("line %d: previous must be a non-empty list of non-empty strings" % ln)
            else:
                with_prev += 1
        key = (o.get("text"), json.dumps(o.get("previous")))
        if key in texts: errors.append("line %d: duplicate text+previous of line %d" % (ln, texts[key]))
        texts[key] = ln
        if lang in LANGS and lab in LABELS:
            counts.setdefault(lang, {"request": 0, "honest": 0})[lab] += 1
print("lang   request  honest  total")
tr = th = 0
for lang in LANGS:
    c = counts.get(lang, {"request": 0, "honest": 0})
    tr += c["request"]; th += c["honest"]
    print("%-5s %8d %7d %6d" % (lang, c["request"], c["honest"], c["request"] + c["honest"]))
    for lab in LABELS:
        if c[lab] < MIN_PER: errors.append("%s: only %d %s (< %d)" % (lang, c[lab], lab, MIN_PER))
print("%-5s %8d %7d %6d" % ("all", tr, th, tr + th))
print("with previous: %d (%d%%); unique ids: %d" % (with_prev, round(100.0 * with_prev / max(n, 1)), len(ids)))
missing = [l for l in LANGS if l not in counts]
print("missing langs:", ", ".join(missing) if missing else "none")
for e in errors: print("ERROR:", e)
sys.exit(1 if errors else 0)

#!/usr/bin/env python3
"""Validate outbound_eval10.jsonl and print counts.
Usage: python3 validate.py [path]   (exit status 1 on any error)
Checks: each line is a JSON object; keys limited to id, lang, label, text,
previous, note; id unique and '<lang>-NNN' matching lang; lang among the 17;
label request|honest; text and note non-empty strings; previous (if present)
a non-empty list of non-empty strings; no duplicate (text, previous);
at least 35 of each label per language."""
import json, re, sys
from collections import Counter
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
LABELS = ("request", "honest")
KEYS = {"id", "lang", "label", "text", "previous", "note"}
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_eval10.jsonl"
errors, ids, seen = [], set(), set()
counts = Counter()
with_prev = 0
n = 0
with open(path, encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        if not line.strip():
            errors.append(f"line {ln}: empty line"); continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {ln}: bad JSON: {e}"); continue
        if not isinstance(o, dict):
            errors.append(f"line {ln}: not an object"); continue
        n += 1
        extra = set(o) - KEYS
        if extra:
            errors.append(f"line {ln}: unknown keys {sorted(extra)}")
        for k in ("id", "lang", "label", "text", "note"):
            if not isinstance(o.get(k), str) or not o.get(k).strip():
                errors.append(f"line {ln}: {k} missing or empty")
        lang, label, oid = o.get("lang"), o.get("label"), o.get("id")
        if lang not in LANGS:
            errors.append(f"line {ln}: bad lang {lang!r}")
        if label not in LABELS:
            errors.append(f"line {ln}: bad label {label!r}")
        if isinstance(oid, str):
            if oid in ids:
                errors.append(f"line {ln}: duplicate id {oid}")
            ids.add(oid)
            if not re.fullmatch(r"[a-z]{2}-\d{3}", oid) or oid[:2] != lang:
                errors.append(f"line {ln}: id {oid!r} does not match <lang>-NNN")
        prev = o.get("previous")
        if "previous" in o:
            if not (isinstance(prev, list) and prev and all(isinstance(p, str) and p.strip() for p in prev)):
                errors.append(f"line {ln}: previous must be a non-empty list of non-empty strings")
            else:
                with_prev += 1
        key = (o.get("text"), tuple(prev) if isinstance(prev, list) else None)
        if key in seen:
            errors.append(f"line {ln}: duplicate text+previous")
        seen.add(key)
        counts[(lang, label)] += 1
print(f"{'lang':<6}{'request':>8}{'honest':>8}{'total':>7}")
tr = th = 0
for lang in LANGS:
    r, h = counts[(lang, "request")], counts[(lang, "honest")]
    tr += r; th += h
    print(f"{lang:<6}{r:>8}{h:>8}{r + h:>7}")
    for lab, c in (("request", r), ("honest", h)):
        if c < 35:
            errors.append(f"{lang}: only {c} {lab} items (need 35)")
print(f"{'all':<6}{tr:>8}{th:>8}{tr + th:>7}")
print(f"with previous: {with_prev} ({100 * with_prev / max(n, 1):.0f}%); unique ids: {len(ids)}")
missing = [l for l in LANGS if counts[(l, 'request')] + counts[(l, 'honest')] == 0]
print("missing langs:", ", ".join(missing) if missing else "none")
if errors:
    print(f"\n{len(errors)} error(s):")
    for e in errors[:100]:
        print("  " + e)
    sys.exit(1)
print("OK")

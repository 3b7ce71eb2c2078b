#!/usr/bin/env python3
"""Validate outbound_dev11.jsonl: JSON objects, known keys, unique ids matching <lang>-NNN,
labels request|honest, the 17 languages, previous a non-empty list of strings. Prints counts."""
import json, re, sys
from collections import Counter

LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
KEYS = {"id", "lang", "label", "text", "previous", "note"}

def main(path):
    errs, ids, seen = [], set(), set()
    cnt, prev = Counter(), 0
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                errs.append(f"line {i}: empty"); continue
            try:
                r = json.loads(line)
            except Exception as e:
                errs.append(f"line {i}: bad JSON: {e}"); continue
            if not isinstance(r, dict):
                errs.append(f"line {i}: not an object"); continue
            extra = set(r) - KEYS
            if extra: errs.append(f"line {i}: unknown keys {extra}")
            for k in ("id", "lang", "label", "text", "note"):
                if not isinstance(r.get(k), str) or not r.get(k).strip():
                    errs.append(f"line {i}: {k} missing or empty")
            lang = r.get("lang")
            if lang not in LANGS: errs.append(f"line {i}: unknown lang {lang!r}")
            rid = r.get("id", "")
            if not re.fullmatch(rf"{re.escape(str(lang))}-\d{{3}}", str(rid)):
                errs.append(f"line {i}: id {rid!r} does not match lang")
            if rid in ids: errs.append(f"line {i}: duplicate id {rid}")
            ids.add(rid)
            if r.get("label") not in ("request", "honest"):
                errs.append(f"line {i}: bad label {r.get('label')!r}")
            if "previous" in r:
                p = r["previous"]
                if not isinstance(p, list) or not p or not all(isinstance(x, str) and x.strip() for x in p):
                    errs.append(f"line {i}: previous must be a non-empty list of non-empty strings")
                else:
                    prev += 1
            key = (r.get("text"), tuple(r.get("previous") or ()))
            if key in seen: errs.append(f"line {i}: duplicate text+previous")
            seen.add(key)
            cnt[(lang, r.get("label"))] += 1
    print(f"{'lang':6} {'request':>8} {'honest':>7} {'total':>6}")
    tr = th = 0
    for l in LANGS:
        a, b = cnt[(l, "request")], cnt[(l, "honest")]
        tr += a; th += b
        print(f"{l:6} {a:8} {b:7} {a+b:6}")
    print(f"{'all':6} {tr:8} {th:7} {tr+th:6}")
    print(f"with previous: {prev}; unique ids: {len(ids)}")
    missing = [l for l in LANGS if cnt[(l, 'request')] + cnt[(l, 'honest')] == 0]
    print("missing langs:", ", ".join(missing) or "none")
    for e in errs: print("ERROR", e)
    print("OK" if not errs else f"{len(errs)} errors")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "outbound_dev11.jsonl"))

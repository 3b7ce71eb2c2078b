#!/usr/bin/env python3
"""Check outbound_dev10.jsonl and print counts per language and label.

Usage: python3 validate.py [path]   (exit 1 on any error)
"""
import json, re, sys, os
from collections import Counter

LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
LABELS = {"request", "honest"}
KEYS = {"id", "lang", "label", "text", "previous", "note"}
REQUIRED = {"id", "lang", "label", "text", "note"}

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "outbound_dev10.jsonl")
    errors, ids, seen = [], set(), set()
    counts = Counter()
    nprev = 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                errors.append("line %d: empty line" % ln); continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append("line %d: bad JSON: %s" % (ln, e)); continue
            if not isinstance(r, dict):
                errors.append("line %d: not an object" % ln); continue
            missing, extra = REQUIRED - r.keys(), r.keys() - KEYS
            if missing: errors.append("line %d: missing %s" % (ln, sorted(missing)))
            if extra: errors.append("line %d: unknown keys %s" % (ln, sorted(extra)))
            i, lang, label = r.get("id"), r.get("lang"), r.get("label")
            if lang not in LANGS: errors.append("line %d: bad lang %r" % (ln, lang))
            if label not in LABELS: errors.append("line %d: bad label %r" % (ln, label))
            if not isinstance(i, str) or not re.fullmatch(r"[a-z]{2}-\d{3}", i) or i[:2] != lang:
                errors.append("line %d: bad id %r" % (ln, i))
            elif i in ids: errors.append("line %d: duplicate id %s" % (ln, i))
            ids.add(i)
            for k in ("text", "note"):
                if not isinstance(r.get(k), str) or not r.get(k).strip():
                    errors.append("line %d: %s must be a non-empty string" % (ln, k))
            prev = r.get("previous")
            if "previous" in r:
                if not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev):
                    errors.append("line %d: previous must be a non-empty list of non-empty strings" % ln)
                else:
                    nprev += 1
            key = (r.get("text"), json.dumps(prev, ensure_ascii=False))
            if key in seen: errors.append("line %d: duplicate text+previous" % ln)
            seen.add(key)
            counts[(lang, label)] += 1
    print("lang   request  honest  total")
    tr = th = 0
    for l in LANGS:
        a, b = counts[(l, "request")], counts[(l, "honest")]
        tr += a; th += b
        print("%-6s %7d %7d %6d" % (l, a, b, a + b))
    print("%-6s %7d %7d %6d" % ("all", tr, th, tr + th))
    print("with previous: %d; unique ids: %d" % (nprev, len(ids)))
    miss = [l for l in LANGS if counts[(l, "request")] + counts[(l, "honest")] == 0]
    print("missing langs:", ", ".join(miss) if miss else "none")
    for e in errors: print("ERROR", e)
    if errors or miss:
        sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()

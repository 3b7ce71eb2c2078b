#!/usr/bin/env python3
"""Check outbound_eval8.jsonl and print counts per language and label.

Checks: every line parses as a JSON object; ids are unique and look like
<lang>-NNN; lang is one of the 17 languages; label is request or honest;
text and note are non-empty strings; previous, when present, is a non-empty
list of strings; no unknown keys. Exits 1 on any error.
"""
import json
import os
import re
import sys
from collections import Counter

LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
LABELS = {"request", "honest"}
KEYS = {"id", "lang", "label", "text", "previous", "note"}
MIN_PER_LABEL = 30


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "outbound_eval8.jsonl")
    errors = []
    ids = set()
    counts = Counter()
    with_prev = 0
    total = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                errors.append("line %d: empty line" % n)
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append("line %d: bad JSON: %s" % (n, e))
                continue
            if not isinstance(obj, dict):
                errors.append("line %d: not an object" % n)
                continue
            total += 1
            extra = set(obj) - KEYS
            if extra:
                errors.append("line %d: unknown keys %s" % (n, sorted(extra)))
            for k in ("id", "lang", "label", "text", "note"):
                if not isinstance(obj.get(k), str) or not obj.get(k).strip():
                    errors.append("line %d: %s missing or not a non-empty string" % (n, k))
            i, lang, label = obj.get("id"), obj.get("lang"), obj.get("label")
            if i in ids:
                errors.append("line %d: duplicate id %s" % (n, i))
            ids.add(i)
            if lang not in LANGS:
                errors.append("line %d: bad lang %r" % (n, lang))
            elif isinstance(i, str) and not re.fullmatch(re.escape(lang) + r"-\d{3}", i):
                errors.append("line %d: id %r does not match lang %r" % (n, i, lang))
            if label not in LABELS:
                errors.append("line %d: bad label %r" % (n, label))
            if "previous" in obj:
                p = obj["previous"]
                if not isinstance(p, list) or not p or not all(
                        isinstance(x, str) and x.strip() for x in p):
                    errors.append("line %d: previous must be a non-empty list of strings" % n)
                else:
                    with_prev += 1
            counts[(lang, label)] += 1

    print("lang   request  honest  total")
    tr = th = 0
    for lang in LANGS:
        r, h = counts[(lang, "request")], counts[(lang, "honest")]
        tr += r
        th += h
        print("%-5s %8d %7d %6d" % (lang, r, h, r + h))
        if r < MIN_PER_LABEL or h < MIN_PER_LABEL:
            errors.append("%s: fewer than %d of a label" % (lang, MIN_PER_LABEL))
    print("%-5s %8d %7d %6d" % ("all", tr, th, tr + th))
    print("with previous: %d (%d%%); unique ids: %d" % (
        with_prev, round(100.0 * with_prev / max(total, 1)), len(ids)))
    missing = [l for l in LANGS if counts[(l, "request")] + counts[(l, "honest")] == 0]
    print("missing langs:", " ".join(missing) if missing else "none")
    if errors:
        print("\n%d error(s):" % len(errors))
        for e in errors[:50]:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()

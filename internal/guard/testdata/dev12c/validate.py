#!/usr/bin/env python3
"""Validate outbound_dev12c.jsonl and print counts per language and label.

Usage: python3 validate.py [path]   (exit 1 on any error)
"""
import json, os, re, sys
from collections import Counter, defaultdict

LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
KEYS = {"id", "lang", "label", "text", "previous", "note"}
REQUIRED = {"id", "lang", "label", "text", "note"}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "outbound_dev12c.jsonl")
    errors = []
    ids = set()
    seen = set()
    counts = defaultdict(Counter)
    with_prev = 0
    n = 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {ln}: empty line")
                continue
            try:
                o = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {ln}: bad JSON: {e}")
                continue
            if not isinstance(o, dict):
                errors.append(f"line {ln}: not an object")
                continue
            n += 1
            extra = set(o) - KEYS
            missing = REQUIRED - set(o)
            if extra:
                errors.append(f"line {ln}: unknown keys {sorted(extra)}")
            if missing:
                errors.append(f"line {ln}: missing keys {sorted(missing)}")
                continue
            lang, oid, label = o["lang"], o["id"], o["label"]
            if lang not in LANGS:
                errors.append(f"line {ln}: unknown lang {lang!r}")
            if not isinstance(oid, str) or not re.fullmatch(r"[a-z]{2}-\d{3}", oid) or oid[:2] != lang:
                errors.append(f"line {ln}: bad id {oid!r} for lang {lang!r}")
            if oid in ids:
                errors.append(f"line {ln}: duplicate id {oid}")
            ids.add(oid)
            if label not in ("request", "honest"):
                errors.append(f"line {ln}: bad label {label!r}")
            for k in ("text", "note"):
                if not isinstance(o[k], str) or not o[k].strip():
                    errors.append(f"line {ln}: {k} must be a non-empty string")
            prev = o.get("previous")
            if "previous" in o:
                if (not isinstance(prev, list) or not prev
                        or not all(isinstance(p, str) and p.strip() for p in prev)):
                    errors.append(f"line {ln}: previous must be a non-empty list of non-empty strings")
                else:
                    with_prev += 1
            key = (o["text"], tuple(prev) if isinstance(prev, list) else None)
            if key in seen:
                errors.append(f"line {ln}: duplicate text+previous")
            seen.add(key)
            counts[lang][label] += 1

    print(f"{'lang':<6}{'request':>9}{'honest':>8}{'total':>7}")
    tr = th = 0
    for lang in LANGS:
        r, h = counts[lang]["request"], counts[lang]["honest"]
        tr += r; th += h
        print(f"{lang:<6}{r:>9}{h:>8}{r + h:>7}")
    print(f"{'all':<6}{tr:>9}{th:>8}{tr + th:>7}")
    print(f"with previous: {with_prev} ({100 * with_prev / max(n, 1):.0f}%); unique ids: {len(ids)}")
    miss = [l for l in LANGS if not counts[l]]
    print("missing langs:", ", ".join(miss) if miss else "none")
    for e in errors:
        print("ERROR", e)
    if errors or miss:
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()

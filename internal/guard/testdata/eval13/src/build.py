#!/usr/bin/env python3
"""Concatenate the hand-typed per-language sources and number them.

Each src/<lang>.txt line: LABEL|note|text[|prev1^^prev2...]
LABEL is R (request) or H (honest). Lines starting with # or blank are skipped.
Nothing is generated: the script only splits, numbers and writes JSON.
"""
import json, os
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = open(os.path.join(here, "..", "outbound_eval13.jsonl"), "w", encoding="utf-8")
for lang in LANGS:
    n = 0
    for raw in open(os.path.join(here, lang + ".txt"), encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|")
        lab, note, text = parts[0].strip(), parts[1].strip(), parts[2].strip()
        prev = parts[3].strip() if len(parts) > 3 else ""
        if len(parts) > 4:
            raise SystemExit("too many fields: %s: %r" % (lang, line))
        n += 1
        obj = {"id": "%s-%03d" % (lang, n), "lang": lang,
               "label": {"R": "request", "H": "honest"}[lab], "text": text}
        if prev:
            obj["previous"] = [p.strip() for p in prev.split("^^")]
        obj["note"] = note
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
out.close()

#!/usr/bin/env python3
"""Concatenate src/<lang>.txt (LABEL|note|text[|prev1^^prev2...]) into outbound_dev14a.jsonl, numbering ids. Nothing else."""
import json, os
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = open(os.path.join(here, "..", "outbound_dev14a.jsonl"), "w", encoding="utf-8")
for lang in LANGS:
    n = 0
    for line in open(os.path.join(here, lang + ".txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|")
        if len(parts) not in (3, 4):
            raise SystemExit(f"{lang}: bad line: {line}")
        lab = {"R": "request", "H": "honest"}[parts[0]]
        n += 1
        obj = {"id": f"{lang}-{n:03d}", "lang": lang, "label": lab, "text": parts[2].strip()}
        if len(parts) == 4:
            obj["previous"] = [p.strip() for p in parts[3].split("^^")]
        obj["note"] = parts[1].strip()
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
out.close()

#!/usr/bin/env python3
"""Concatenate src/<lang>.txt (LABEL|note|text[|prev1^^prev2...]) into outbound_dev17.jsonl.
Only splits, numbers and writes; every text is a literal in the source files."""
import json, os, sys
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "outbound_dev17.jsonl")
LAB = {"R": "request", "H": "honest"}
with open(out, "w", encoding="utf-8") as f:
    for lang in LANGS:
        n = 0
        for ln, line in enumerate(open(os.path.join(here, lang + ".txt"), encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|")
            if len(parts) not in (3, 4) or parts[0] not in LAB:
                sys.exit(f"{lang}.txt:{ln}: bad line: {line[:80]}")
            n += 1
            obj = {"id": f"{lang}-{n:03d}", "lang": lang, "label": LAB[parts[0]], "text": parts[2].strip()}
            if len(parts) == 4:
                obj["previous"] = [p.strip() for p in parts[3].split("^^")]
            obj["note"] = parts[1].strip()
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")

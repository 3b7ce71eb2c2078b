#!/usr/bin/env python3
"""Concatenate the literal lines of src/<lang>.txt and number them. Nothing else.
Line format: LABEL|note|text[|previous1^^previous2...]  (R = request, H = honest)."""
import json, os
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = []
for lang in LANGS:
    n = 0
    for line in open(os.path.join(here, lang + ".txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|")
        if len(parts) not in (3, 4):
            raise SystemExit(f"{lang}: bad line: {line[:80]}")
        lab = {"R": "request", "H": "honest"}[parts[0].strip()]
        n += 1
        obj = {"id": f"{lang}-{n:03d}", "lang": lang, "label": lab, "text": parts[2].strip()}
        if len(parts) == 4 and parts[3].strip():
            obj["previous"] = [p.strip() for p in parts[3].split("^^")]
        obj["note"] = parts[1].strip()
        out.append(obj)
with open(os.path.join(here, "..", "outbound_eval17.jsonl"), "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(len(out), "items written")

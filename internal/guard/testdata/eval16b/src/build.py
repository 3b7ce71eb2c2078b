#!/usr/bin/env python3
"""Concatenate src/<lang>.txt (LABEL|note|text[|prev1^^prev2...]) into
outbound_eval16b.jsonl, numbering items <lang>-NNN. Nothing else."""
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
LAB = {"R": "request", "H": "honest"}
out = []
for lang in LANGS:
    n = 0
    with open(os.path.join(HERE, lang + ".txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|")
            if len(parts) not in (3, 4):
                raise SystemExit(f"{lang}: bad line: {line[:80]}")
            n += 1
            item = {"id": f"{lang}-{n:03d}", "lang": lang, "label": LAB[parts[0].strip()],
                    "text": parts[2].strip()}
            if len(parts) == 4 and parts[3].strip():
                item["previous"] = [p.strip() for p in parts[3].split("^^")]
            item["note"] = parts[1].strip()
            out.append(item)
with open(os.path.join(HERE, "..", "outbound_eval16b.jsonl"), "w", encoding="utf-8") as f:
    for it in out:
        f.write(json.dumps(it, ensure_ascii=False) + "\n")
print(len(out), "items written")

#!/usr/bin/env python3
"""Concatenate src/<lang>.txt into outbound_dev14b.jsonl, numbering <lang>-NNN.
Line format: LABEL|note|text[|prev1^^prev2...]  (R=request, H=honest, # = comment).
Does nothing else: every text is a literal typed in the source file."""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["fr", "tr", "ru", "uk", "pl", "id", "zh", "ar"]
out = []
for lang in LANGS:
    n = 0
    with open(os.path.join(HERE, lang + ".txt"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|")
            if len(parts) not in (3, 4) or parts[0] not in ("R", "H"):
                sys.exit(f"{lang}.txt:{ln}: bad line: {line[:80]}")
            n += 1
            obj = {"id": f"{lang}-{n:03d}", "lang": lang,
                   "label": "request" if parts[0] == "R" else "honest",
                   "text": parts[2].strip()}
            if len(parts) == 4 and parts[3].strip():
                obj["previous"] = [p.strip() for p in parts[3].split("^^")]
            obj["note"] = parts[1].strip()
            out.append(obj)
with open(os.path.join(HERE, "..", "outbound_dev14b.jsonl"), "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(len(out), "items written")

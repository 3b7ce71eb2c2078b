#!/usr/bin/env python3
"""Concatenate src/<lang>.txt (LABEL|note|text[|prev1^^prev2...]) and number items. Nothing else."""
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
ORDER = "th ko ja pl uk ar id it de fr vi tr ru pt es zh en".split()
out = []
for lang in ORDER:
    n = 0
    for line in open(os.path.join(HERE, lang + ".txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|")
        lab, note, text = parts[0], parts[1], parts[2]
        n += 1
        obj = {"id": "%s-%03d" % (lang, n), "lang": lang,
               "label": {"R": "request", "H": "honest"}[lab], "text": text}
        if len(parts) > 3 and parts[3].strip():
            obj["previous"] = parts[3].split("^^")
        obj["note"] = note
        out.append(obj)
with open(os.path.join(HERE, "..", "outbound_eval17b.jsonl"), "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(len(out), "items")

#!/usr/bin/env python3
"""Concatenate the literal lines of src/<lang>.txt and number them. Nothing else."""
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
        parts = line.split("|", 3)
        lab, note, text = parts[0], parts[1], parts[2]
        n += 1
        o = {"id": "%s-%03d" % (lang, n), "lang": lang,
             "label": {"R": "request", "H": "honest"}[lab], "text": text.strip()}
        if len(parts) == 4 and parts[3].strip():
            o["previous"] = [p.strip() for p in parts[3].split("^^")]
        o["note"] = note.strip()
        out.append(o)
with open(os.path.join(here, "..", "outbound_eval16.jsonl"), "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(len(out), "items")

#!/usr/bin/env python3
"""Concatenate src/<lang>.txt (LABEL|note|text[|prev1^^prev2]) and number items. Nothing else."""
import json, os
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = open(os.path.join(here, "..", "outbound_eval15.jsonl"), "w", encoding="utf-8")
for lang in LANGS:
    n = 0
    for line in open(os.path.join(here, lang + ".txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|", 3)
        lab, note, text = parts[0], parts[1], parts[2]
        n += 1
        obj = {"id": "%s-%03d" % (lang, n), "lang": lang,
               "label": {"R": "request", "H": "honest"}[lab], "text": text}
        if len(parts) == 4 and parts[3].strip():
            obj["previous"] = parts[3].split("^^")
        obj["note"] = note
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
out.close()

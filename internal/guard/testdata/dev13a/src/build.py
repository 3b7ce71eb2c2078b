#!/usr/bin/env python3
"""Concatenate the literal per-language lists in src/<lang>.py, number them
<lang>-NNN and write outbound_dev13a.jsonl. No text is generated here."""
import json, os, runpy
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "outbound_dev13a.jsonl")
lab = {"R": "request", "H": "honest"}
with open(out, "w", encoding="utf-8") as f:
    for lang in LANGS:
        items = runpy.run_path(os.path.join(here, lang + ".py"))["ITEMS"]
        for i, it in enumerate(items, 1):
            o = {"id": "%s-%03d" % (lang, i), "lang": lang, "label": lab[it[0]], "text": it[1]}
            if len(it) > 3 and it[3]:
                o["previous"] = list(it[3])
            o["note"] = it[2]
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
print("wrote", out)

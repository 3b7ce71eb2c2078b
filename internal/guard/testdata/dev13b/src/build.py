#!/usr/bin/env python3
"""Concatenate the literal per-language lists and number them <lang>-NNN."""
import importlib.util, json, os, sys
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "outbound_dev13b.jsonl")
lines = []
for lang in LANGS:
    spec = importlib.util.spec_from_file_location(lang, os.path.join(here, lang + ".py"))
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    for i, it in enumerate(mod.ITEMS, 1):
        lab = {"R": "request", "H": "honest"}[it[0]]
        obj = {"id": f"{lang}-{i:03d}", "lang": lang, "label": lab, "text": it[1]}
        if len(it) > 3 and it[3]:
            obj["previous"] = list(it[3])
        obj["note"] = it[2]
        lines.append(json.dumps(obj, ensure_ascii=False))
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print(len(lines), "lines written to", os.path.normpath(out))

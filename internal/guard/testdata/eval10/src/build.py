#!/usr/bin/env python3
"""Build ../outbound_eval10.jsonl from the hand-written lang_<xx>.py modules
(base items) and more_<xx>.py (conversations with previous, added second).
Each module defines ITEMS: a list of tuples (label, text, note[, previous]) where
label is 'r' (request) or 'h' (honest) and previous is a list of earlier agent
messages. Ids are assigned in file order per language."""
import importlib, json, os, sys
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
out = []
for lang in LANGS:
    mod = importlib.import_module("lang_" + lang)
    items = list(mod.ITEMS)
    try:
        items += importlib.import_module("more_" + lang).ITEMS
    except ModuleNotFoundError:
        pass
    for i, it in enumerate(items, 1):
        label = {"r": "request", "h": "honest"}[it[0]]
        obj = {"id": f"{lang}-{i:03d}", "lang": lang, "label": label, "text": it[1]}
        if len(it) > 3 and it[3]:
            obj["previous"] = list(it[3])
        obj["note"] = it[2]
        out.append(obj)
with open(os.path.join(here, "..", "outbound_eval10.jsonl"), "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False).replace("\u200b", "\\u200b") + "\n")
print(len(out), "lines written")

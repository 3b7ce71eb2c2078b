#!/usr/bin/env python3
"""Numbers the hand-written items of src/l_<lang>.py (then src/m_<lang>.py and src/x_<lang>.py) and writes outbound_eval11.jsonl.
Each module defines ITEMS: a list of (label, text, note) or (label, text, note, previous)
with label 'R' (request) or 'H' (honest). Nothing is generated from templates."""
import importlib.util, json, os, sys
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(os.path.dirname(here), "outbound_eval11.jsonl")
lines = []
for lang in LANGS:
    p = os.path.join(here, f"l_{lang}.py")
    spec = importlib.util.spec_from_file_location(f"l_{lang}", p)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    items = list(m.ITEMS)
    for pre in ("m_", "x_"):
        p2 = os.path.join(here, f"{pre}{lang}.py")
        if os.path.exists(p2):
            spec2 = importlib.util.spec_from_file_location(f"{pre}{lang}", p2)
            m2 = importlib.util.module_from_spec(spec2); spec2.loader.exec_module(m2)
            items += list(m2.ITEMS)
    for i, it in enumerate(items, 1):
        lab = {"R": "request", "H": "honest"}[it[0]]
        rec = {"id": f"{lang}-{i:03d}", "lang": lang, "label": lab, "text": it[1]}
        if len(it) > 3 and it[3]:
            prev = it[3]
            if isinstance(prev, str): prev = [prev]
            rec["previous"] = list(prev)
        rec["note"] = it[2]
        lines.append(json.dumps(rec, ensure_ascii=False).replace("\u200b", "\\u200b").replace("\u200c", "\\u200c").replace("\u200d", "\\u200d").replace("\u2060", "\\u2060"))
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print(len(lines), "lines ->", out)

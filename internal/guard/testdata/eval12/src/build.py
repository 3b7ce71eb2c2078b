#!/usr/bin/env python3
"""Concatenate the hand-written per-language lists into outbound_eval12.jsonl.
No templating, translation or paraphrasing: every text is a literal in src/<lang>.py."""
import importlib.util, json, os
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "outbound_eval12.jsonl")
rows = []
for lang in LANGS:
    spec = importlib.util.spec_from_file_location(lang, os.path.join(here, lang + ".py"))
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    for i, it in enumerate(m.ITEMS, 1):
        label, text, note = it[0], it[1], it[2]
        row = {"id": f"{lang}-{i:03d}", "lang": lang,
               "label": {"R": "request", "H": "honest"}[label], "text": text}
        if len(it) > 3 and it[3]:
            row["previous"] = list(it[3])
        row["note"] = note
        rows.append(row)
with open(out, "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False).replace("\u200b", "\\u200b") + "\n")
print(len(rows), "rows ->", os.path.normpath(out))

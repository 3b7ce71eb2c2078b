#!/usr/bin/env python3
"""Numbers the hand-written items of src/<lang>.py and writes outbound_dev11b.jsonl.
Each module has S (situation key -> description), R (requests) and H (honest):
tuples (situation_key, text) or (situation_key, text, [previous...]).
No templating, translation or paraphrase happens here."""
import importlib.util, json, os, sys
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(os.path.dirname(here), "outbound_dev11b.jsonl")
lines = []
for lang in LANGS:
    p = os.path.join(here, lang + ".py")
    if not os.path.exists(p):
        print("missing", lang); continue
    spec = importlib.util.spec_from_file_location("m_" + lang, p)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    n = 0
    for label, items in (("request", m.R), ("honest", m.H)):
        for it in items:
            k, text = it[0], it[1]
            if k not in m.S:
                sys.exit(f"{lang}: unknown situation {k!r}")
            n += 1
            rec = {"id": f"{lang}-{n:03d}", "lang": lang, "label": label, "text": text}
            if len(it) > 2 and it[2]:
                rec["previous"] = list(it[2])
            rec["note"] = m.S[k]
            lines.append(json.dumps(rec, ensure_ascii=False))
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print("wrote", len(lines), "lines to", out)

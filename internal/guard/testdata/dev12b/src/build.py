import json, os, sys, importlib.util
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
out = []
for lang in LANGS:
    p = os.path.join(here, f"l_{lang}.py")
    if not os.path.exists(p):
        print("missing", lang); continue
    spec = importlib.util.spec_from_file_location(f"l_{lang}", p)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    items = list(m.ITEMS)
    p2 = os.path.join(here, f"s_{lang}.py")
    if os.path.exists(p2):
        spec2 = importlib.util.spec_from_file_location(f"s_{lang}", p2)
        m2 = importlib.util.module_from_spec(spec2); spec2.loader.exec_module(m2)
        items += list(m2.ITEMS)
    n = 0
    for it in items:
        lab, text, note = it[0], it[1], it[2]
        n += 1
        rec = {"id": f"{lang}-{n:03d}", "lang": lang,
               "label": {"R": "request", "H": "honest"}[lab], "text": text}
        if len(it) > 3 and it[3]:
            rec["previous"] = list(it[3])
        rec["note"] = note
        out.append(rec)
with open(os.path.join(here, "..", "outbound_dev12b.jsonl"), "w", encoding="utf-8") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(out), "lines")

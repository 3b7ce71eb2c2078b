import importlib.util, json, os, sys
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
    xp = os.path.join(here, f"x_{lang}.py")
    if os.path.exists(xp):
        xs = importlib.util.spec_from_file_location(f"x_{lang}", xp)
        x = importlib.util.module_from_spec(xs); xs.loader.exec_module(x)
        for note in x.DROP:
            idx = [i for i, it in enumerate(items) if it[2] == note]
            if not idx:
                sys.exit(f"{lang}: DROP note not found: {note!r}")
            del items[idx[0]]
        items += list(x.ITEMS)
    n = 0
    for it in items:
        lab, text, note = it[0], it[1], it[2]
        n += 1
        rec = {"id": f"{lang}-{n:03d}", "lang": lang,
               "label": {"R": "request", "H": "honest"}[lab], "text": text}
        if len(it) > 3 and it[3]:
            prev = it[3]
            if isinstance(prev, str): prev = [prev]
            rec["previous"] = list(prev)
        rec["note"] = note
        out.append(rec)
with open(os.path.join(here, "..", "outbound_dev12a.jsonl"), "w", encoding="utf-8") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(out), "lines")

import json, importlib, os, sys
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
out = []
for lang in LANGS:
    m = importlib.import_module("l_" + lang)
    n = 0
    import supp
    sr, sh = supp.S[lang]
    for label, items in (("request", m.R + sr), ("honest", m.H + sh)):
        for it in items:
            n += 1
            note, text = it[0], it[1]
            rec = {"id": "%s-%03d" % (lang, n), "lang": lang, "label": label, "text": text}
            if len(it) > 2:
                rec["previous"] = list(it[2])
            rec["note"] = note
            out.append(rec)
with open(os.path.join(here, "..", "outbound_dev10.jsonl"), "w", encoding="utf-8") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(out))

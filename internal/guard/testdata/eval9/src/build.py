"""Rebuild ../outbound_eval9.jsonl from lang_<xx>.py then supp.py and supp2.py (ids assigned in that order)."""
import importlib, json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "outbound_eval9.jsonl")
with open(out, "w", encoding="utf-8") as f:
    for lang in LANGS:
        mod = importlib.import_module("lang_" + lang)
        from supp import SUPP
        from supp2 import SUPP2
        for i, it in enumerate(list(mod.ITEMS) + SUPP.get(lang, []) + SUPP2.get(lang, []), 1):
            rec = {"id": "%s-%03d" % (lang, i), "lang": lang, "label": it["label"], "text": it["text"]}
            if "previous" in it:
                rec["previous"] = it["previous"]
            rec["note"] = it["note"]
            line = json.dumps(rec, ensure_ascii=False)
            # invisible characters are written as escapes so the file can be read
            for ch in ("\u200b", "\u200c", "\u200d", "\ufeff"):
                line = line.replace(ch, "\\u%04x" % ord(ch))
            f.write(line + "\n")
print("wrote", out)

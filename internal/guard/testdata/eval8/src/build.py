"""Rebuild ../outbound_eval8.jsonl from the per-language modules."""
import importlib
import json
import os

LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
INVISIBLE = {"\u200b": "\\u200b", "\u200c": "\\u200c", "\u200d": "\\u200d",
             "\u2060": "\\u2060", "\ufeff": "\\ufeff", "\u00ad": "\\u00ad"}


def supplements():
    out = {}
    for name in ("supp_a", "supp_b", "supp_c", "supp_d", "supp_e"):
        for lang, items in importlib.import_module(name).SUPP.items():
            out.setdefault(lang, []).extend(items)
    return out


def main():
    supp = supplements()
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "outbound_eval8.jsonl")
    lines = []
    for lang in LANGS:
        mod = importlib.import_module("lang_" + lang)
        items = list(mod.ITEMS) + supp.get(lang, [])
        for n, (label, text, note, prev) in enumerate(items, 1):
            obj = {"id": "%s-%03d" % (lang, n), "lang": lang, "label": label,
                   "text": text}
            if prev:
                obj["previous"] = list(prev)
            obj["note"] = note
            s = json.dumps(obj, ensure_ascii=False)
            for ch, esc in INVISIBLE.items():
                s = s.replace(ch, esc)
            lines.append(s)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", len(lines), "lines to", os.path.normpath(out))


if __name__ == "__main__":
    main()

"""Assemble and number the literal cases typed in src/l_<lang>.py. No generation."""
import json, re, os, sys, importlib.util
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
WL = os.path.join(HERE, "..", "..", "..", "main", "internal", "guard", "wordlists")
words = set()
for f in os.listdir(WL):
    if f.startswith("bip39_"):
        words |= {w.strip() for w in open(os.path.join(WL, f), encoding="utf-8") if w.strip()}
def run(text):
    toks = []
    for t in re.findall(r"[^\W\d_]+", text):
        if re.match(r"[\u4e00-\u9fff]", t):
            toks += list(t)
        else:
            toks.append(t.lower())
    best = cur = 0
    for t in toks:
        cur = cur + 1 if t in words else 0
        best = max(best, cur)
    return best
P, C = [], []
for lang in LANGS:
    spec = importlib.util.spec_from_file_location(lang, os.path.join(HERE, f"l_{lang}.py"))
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    for i, c in enumerate(m.P, 1):
        d = {"id": f"{lang}-p16-{i:02d}", "lang": lang}; d.update(c); P.append(d)
    for i, c in enumerate(m.C, 1):
        d = {"id": f"{lang}-c16-{i:02d}", "lang": lang}; d.update(c)
        d["longest_bip39_run"] = run(" ".join([c.get("subject", "")] + c["messages"]))
        C.append(d)
out = os.path.join(HERE, "..")
json.dump(P, open(os.path.join(out, "inbound_pastes16.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
json.dump(C, open(os.path.join(out, "inbound_clean16.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print(len(P), "pastes,", len(C), "clean")

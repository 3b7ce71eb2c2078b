#!/usr/bin/env python3
"""Assemble the hand-typed cases of src/<lang>_cases.py, number them and
write ../inbound_pastes17.json and ../inbound_clean17.json. It adds ids,
`lang` and (clean file only) the informative `longest_bip39_run`; it
writes no case text of its own."""
import importlib, json, os, re, sys, unicodedata
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
WL = "/work/main/internal/guard/wordlists"
KEYS = ["id", "lang", "words", "subject", "messages", "fields", "html", "word_case", "repeat", "wordlist_hint", "note"]

def load_words():
    words = set()
    for f in os.listdir(WL):
        if f.startswith("bip39_") and f.endswith(".txt"):
            for line in open(os.path.join(WL, f), encoding="utf-8"):
                w = unicodedata.normalize("NFKC", line.strip()).lower()
                if w:
                    words.add(w)
    return words

def is_cjk(ch):
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF

def tokens(text):
    text = re.sub(r"<[^>]+>", " ", text)
    text = unicodedata.normalize("NFKC", text).lower()
    out = []
    for chunk in re.findall(r"\w+", text):
        buf = ""
        for ch in chunk:
            if is_cjk(ch):
                if buf: out.append(buf); buf = ""
                out.append(ch)
            else:
                buf += ch
        if buf: out.append(buf)
    return out

def longest_run(case, words):
    best = 0
    texts = ([case["subject"]] if case.get("subject") else []) + case["messages"]
    for t in texts:
        run = 0
        for tok in tokens(t):
            run = run + 1 if tok in words else 0
            best = max(best, run)
    return best

def order(d):
    return {k: d[k] for k in KEYS + ["longest_bip39_run"] if k in d}

def main():
    words = load_words()
    pastes, clean = [], []
    for lang in LANGS:
        m = importlib.import_module(f"{lang}_cases")
        for i, c in enumerate(m.PASTES, 1):
            d = dict(c); d["id"] = f"{lang}-p17-{i:02d}"; d["lang"] = lang
            pastes.append(order(d))
        for i, c in enumerate(m.CLEAN, 1):
            d = dict(c); d["id"] = f"{lang}-c17-{i:02d}"; d["lang"] = lang
            d["longest_bip39_run"] = longest_run(d, words)
            clean.append({k: d[k] for k in ["id", "lang", "subject", "html", "messages", "longest_bip39_run", "note"] if k in d})
    for name, data in (("inbound_pastes17.json", pastes), ("inbound_clean17.json", clean)):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            text = json.dumps(data, ensure_ascii=False, indent=1)
            for ch in ("\u200f", "\u200e", "\u200b", "\u3000", "\u00a0"):
                text = text.replace(ch, "\\u%04x" % ord(ch))
            f.write(text + "\n")
    print(len(pastes), "pastes,", len(clean), "clean")

if __name__ == "__main__":
    main()

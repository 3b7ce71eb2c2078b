#!/usr/bin/env python3
"""Numbers the hand-written items of src/lang_<xx>.py and writes outbound_dev11.jsonl.
No templates, no translation: every text is a literal string in the language modules."""
import importlib.util, json, os, sys

LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
SHAPES = {
    # requests (hardest shapes first)
    "rp": "request: asks for part of the secret by position (words, characters, rows, digits)",
    "rs": "request: digits/words/letters to be spelled out or written in words",
    "rb": "request: points back to an earlier message ('the thing I asked before', 'and the rest?') - see previous",
    "rd": "request: describes the secret instead of naming it",
    "rf": "request: 'verification form' or link where the secret is to be typed",
    "rv": "request: screen share / photo / screenshot / video or voice call that would expose the secret",
    "rt": "request: 'test transaction to confirm ownership' that needs the key or phrase",
    "rk": "request: API secret 'to check the key's permissions'",
    "ra": "request: authority, urgency or 'normally we don't ask, but'",
    "rpol": "request: polite, indirect or favour-style wording",
    "rn": "request: names the secret by slang or a synonym",
    # honest
    "hq": "honest: quotes a scammer's message (word for word or nearly) inside a warning",
    "he": "honest: explains what the secret is, where it is kept and why it must stay private",
    "hs": "honest: tells the customer to type the code into the app / official page themselves",
    "hc": "honest: security checklist that names secrets",
    "hp": "honest: post-incident advice that names secrets",
    "ha": "honest: regenerate the API key and keep the new secret to yourself",
    "hw": "honest: warning never to share, negation placed unusually",
    "hpub": "honest: asks for a PUBLIC item (TxID, address ends, memo, order id, e-mail, key name/permissions, last 4 digits)",
    "h2": "honest: explains how a 2FA reset works without asking for codes",
    "hr": "honest: routine reply mentioning code/key/password/phrase innocently",
    "hx": "honest: closing line or follow-up in a conversation - see previous",
}

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(os.path.dirname(here), "outbound_dev11.jsonl")
    lines = []
    for lang in LANGS:
        p = os.path.join(here, f"lang_{lang}.py")
        spec = importlib.util.spec_from_file_location(f"lang_{lang}", p)
        m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
        n = 0
        items = list(m.ITEMS)
        for extra in ("more_a", "more_b"):
            sp = importlib.util.spec_from_file_location(extra, os.path.join(here, extra + ".py"))
            mm = importlib.util.module_from_spec(sp); sp.loader.exec_module(mm)
            items += mm.MORE.get(lang, [])
        for it in items:
            lab, shapes, text = it[0], it[1], it[2]
            n += 1
            rec = {"id": f"{lang}-{n:03d}", "lang": lang,
                   "label": {"R": "request", "H": "honest"}[lab], "text": text}
            if len(it) > 3 and it[3]:
                rec["previous"] = list(it[3])
            rec["note"] = "; ".join(SHAPES[s] for s in shapes.split("+"))
            lines.append(json.dumps(rec, ensure_ascii=False))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} lines to {out}")

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes product_texts.jsonl: Groundcrew's own customer-facing texts in
the 17 languages, all honest, for the outbound guard's learned reader.

Sources (read from the repository, run from internal/guard):
- the help center's starter articles (internal/kb/starter/<lang>/*.md):
  each title, each whole body, and each paragraph of it (a list together
  with the paragraph that leads into it);
- the deposit-recovery pages' texts (internal/recovery/messages.json);
- the deposit diagnosis texts (internal/chain/diagnose/messages.json);
- the phone callback form and its confirmation (internal/phone/page_texts.go).
Placeholders such as {txid} are left as written.
"""
import json, os, re

ROOT = os.path.join("..", "..")
out, seen = [], set()

def add(lang, text, source):
    text = text.strip()
    if len(text) < 2 or (lang, text) in seen:
        return
    seen.add((lang, text))
    out.append({"lang": lang, "label": "honest", "text": text, "note": source})

def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)

kb = os.path.join(ROOT, "internal", "kb", "starter")
for lang in sorted(os.listdir(kb)):
    for name in sorted(os.listdir(os.path.join(kb, lang))):
        raw = open(os.path.join(kb, lang, name), encoding="utf-8").read()
        head, body = raw.split("\n---\n", 1)
        title = re.search(r"^title:\s*(.+)$", head, re.M).group(1)
        src = "kb " + name[:-3]
        add(lang, title, src + " title")
        add(lang, body, src + " body")
        # Paragraphs; a list goes with the paragraph that introduces it,
        # whose negation ("support will never:") its items depend on.
        prev = ""
        for block in re.split(r"\n\s*\n", body):
            if re.match(r"\s*(?:[-*]|\d+\.)\s", block):
                add(lang, prev + "\n\n" + block, src + " list with its lead-in")
            prev = block

for path, src in []:  # recovery and diagnosis texts: see README
    data = json.load(open(os.path.join(ROOT, *path), encoding="utf-8"))
    for lang in sorted(data):
        for s in strings(data[lang]):
            add(lang, s, src)

# The phone callback form (internal/phone/page_texts.go): each text, and
# the confirmation as ConfirmText sends it, with a made-up masked number
# and window.
go = open(os.path.join(ROOT, "internal", "phone", "page_texts.go"), encoding="utf-8").read()
for lang, fields in re.findall(r'^\t"([a-z]{2})": \{(.*)\},$', go, re.M):
    texts = json.loads("[" + fields + "]")
    for t in texts:
        add(lang, t, "phone callback form")
    add(lang, texts[7] + " +33 \u2022\u2022\u2022 \u2022\u2022\u2022 45 \u00b7 2026-01-15 14:00\u201316:00 UTC", "phone callback confirmation")

with open(os.path.join("testdata", "product", "product_texts.jsonl"), "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(len(out), "texts")

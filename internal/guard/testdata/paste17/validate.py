#!/usr/bin/env python3
"""Check inbound_pastes17.json and inbound_clean17.json against the schema
of eval6's README_pastes.md and the counts this set promises; print counts.
Exit status 1 on any error."""
import collections, json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
WL = "/work/main/internal/guard/wordlists"
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
HINTS = {f[6:-4] for f in os.listdir(WL) if f.startswith("bip39_") and f.endswith(".txt")}
PH = re.compile(r"\{(\d+)(~?)\}")
P_KEYS = {"id", "lang", "words", "subject", "messages", "fields", "html", "word_case", "repeat", "wordlist_hint", "note"}
C_KEYS = {"id", "lang", "subject", "html", "messages", "longest_bip39_run", "note"}
errors = []
def err(cid, msg): errors.append(f"{cid}: {msg}")

def texts_of(c):
    out = []
    if "subject" in c: out.append(("subject", c["subject"]))
    for m in c["messages"]: out.append(("message", m))
    f = c.get("fields") or {}
    if "name" in f: out.append(("name", f["name"]))
    for k, v in (f.get("custom_fields") or {}).items():
        if PH.search(k): err(c["id"], "placeholder in a custom_fields key")
        out.append(("custom", v))
    for t in f.get("tags") or []:
        if PH.search(t) and not PH.fullmatch(t): err(c["id"], f"tag {t!r} is not a single placeholder")
        out.append(("tag", t))
    return out

def check_pastes(data):
    seen = set(); counts = collections.Counter(); words = collections.Counter()
    legacy = 0
    for c in data:
        cid = c.get("id", "?")
        if set(c) - P_KEYS: err(cid, f"unknown keys {set(c) - P_KEYS}")
        for k in ("id", "lang", "words", "messages", "note"):
            if k not in c: err(cid, f"missing {k}")
        if cid in seen: err(cid, "duplicate id")
        seen.add(cid)
        lang = c.get("lang")
        if lang not in LANGS: err(cid, f"bad lang {lang}")
        if not re.fullmatch(rf"{lang}-p17-\d\d", cid): err(cid, "bad id")
        n = c.get("words")
        if n not in (12, 15, 18, 21, 24): err(cid, f"bad words {n}")
        if not isinstance(c.get("messages"), list) or not c["messages"] or not all(isinstance(m, str) and m for m in c["messages"]):
            err(cid, "messages must be a non-empty list of strings")
        if "html" in c and c["html"] is not True: err(cid, "html must be true")
        if "repeat" in c and c["repeat"] is not True: err(cid, "repeat must be true")
        if c.get("word_case") not in (None, "upper", "title", "fullwidth"): err(cid, "bad word_case")
        if "wordlist_hint" in c and c["wordlist_hint"] not in HINTS: err(cid, f"no list bip39_{c['wordlist_hint']}.txt")
        if "fields" in c and set(c["fields"]) - {"name", "custom_fields", "tags"}: err(cid, "bad fields keys")
        idx = collections.Counter(); typos = 0
        for _, t in texts_of(c):
            for m in PH.finditer(t):
                idx[int(m.group(1))] += 1
                typos += bool(m.group(2))
        want = 2 if c.get("repeat") else 1
        for k in range(1, (n or 0) + 1):
            if idx[k] != want: err(cid, f"index {k} appears {idx[k]} times, want {want}")
        extra = [k for k in idx if not 1 <= k <= (n or 0)]
        if extra: err(cid, f"indexes out of range {extra}")
        if typos > 2: err(cid, f"{typos} typos")
        if "kind:" in c.get("note", "") or re.search(r"\bOCR\b|correct(ed|ion) in (a|the) (later|next) message", c.get("note", "")):
            legacy += 1
        counts[lang] += 1; words[n] += 1
    if counts["en"] < 30: err("en", f"{counts['en']} pastes, want 30")
    for l in LANGS[1:]:
        if counts[l] < 10: err(l, f"{counts[l]} pastes, want >= 10")
    if len(data) < 200: err("pastes", f"{len(data)} < 200")
    if legacy * 5 > len(data): err("pastes", f"{legacy} OCR/correction/chatter cases, more than a fifth")
    return counts, words, legacy

def check_clean(data):
    seen = set(); counts = collections.Counter()
    for c in data:
        cid = c.get("id", "?")
        if set(c) - C_KEYS: err(cid, f"unknown keys {set(c) - C_KEYS}")
        for k in ("id", "lang", "messages", "longest_bip39_run", "note"):
            if k not in c: err(cid, f"missing {k}")
        if cid in seen: err(cid, "duplicate id")
        seen.add(cid)
        lang = c.get("lang")
        if lang not in LANGS: err(cid, f"bad lang {lang}")
        if not re.fullmatch(rf"{lang}-c17-\d\d", cid): err(cid, "bad id")
        for t in ([c["subject"]] if "subject" in c else []) + c.get("messages", []):
            if PH.search(t): err(cid, "placeholder in a clean case")
        counts[lang] += 1
    if counts["en"] < 10: err("en", f"{counts['en']} clean, want 10")
    for l in LANGS[1:]:
        if counts[l] < 5: err(l, f"{counts[l]} clean, want >= 5")
    if len(data) < 90: err("clean", f"{len(data)} < 90")
    return counts

def main():
    with open(os.path.join(HERE, "inbound_pastes17.json"), encoding="utf-8") as f: pastes = json.load(f)
    with open(os.path.join(HERE, "inbound_clean17.json"), encoding="utf-8") as f: clean = json.load(f)
    pc, wc, legacy = check_pastes(pastes)
    cc = check_clean(clean)
    print(f"pastes: {len(pastes)} ({', '.join(f'{l} {pc[l]}' for l in LANGS)})")
    print(f"  words: {', '.join(f'{k}: {wc[k]}' for k in sorted(wc))}")
    print(f"  html {sum(1 for c in pastes if c.get('html'))}, subject {sum(1 for c in pastes if 'subject' in c)}, fields {sum(1 for c in pastes if 'fields' in c)}, "
          f"multi-message {sum(1 for c in pastes if len(c['messages']) > 1)}, typo cases {sum(1 for c in pastes if '~}' in json.dumps(c, ensure_ascii=False))}, "
          f"repeat {sum(1 for c in pastes if c.get('repeat'))}, word_case {collections.Counter(c['word_case'] for c in pastes if 'word_case' in c)}")
    print(f"  wordlist_hint: {dict(collections.Counter(c['wordlist_hint'] for c in pastes if 'wordlist_hint' in c))}")
    print(f"  OCR / later-correction / chatter-burst cases: {legacy} (limit {len(pastes) // 5})")
    print(f"clean: {len(clean)} ({', '.join(f'{l} {cc[l]}' for l in LANGS)})")
    runs = collections.Counter(c["longest_bip39_run"] for c in clean)
    print(f"  longest_bip39_run: {dict(sorted(runs.items()))}")
    if errors:
        print(f"\n{len(errors)} ERRORS"); [print(" ", e) for e in errors]; sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()

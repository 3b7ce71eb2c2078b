"""Check inbound_pastes16.json and inbound_clean16.json; print counts."""
import json, re, os, sys, collections
D = os.path.dirname(os.path.abspath(__file__))
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
LISTS = {f[6:-4] for f in os.listdir(os.path.join(D, "..", "..", "main", "internal", "guard", "wordlists")) if f.startswith("bip39_")}
PH = re.compile(r"\{(\d+)(~?)\}")
errs = []
def err(cid, m): errs.append(f"{cid}: {m}")
P = json.load(open(os.path.join(D, "inbound_pastes16.json"), encoding="utf-8"))
C = json.load(open(os.path.join(D, "inbound_clean16.json"), encoding="utf-8"))
PK = {"id", "lang", "words", "subject", "messages", "fields", "html", "word_case", "repeat", "wordlist_hint", "note"}
seen = set()
pc = collections.Counter(); wc = collections.Counter(); feat = collections.Counter(); hints = collections.Counter()
for c in P:
    cid = c.get("id", "?")
    if cid in seen: err(cid, "duplicate id")
    seen.add(cid)
    for k in ("id", "lang", "words", "messages", "note"):
        if k not in c: err(cid, "missing " + k)
    if set(c) - PK: err(cid, f"unknown keys {set(c)-PK}")
    lang = c.get("lang")
    if lang not in LANGS: err(cid, "bad lang")
    if not re.fullmatch(rf"{lang}-p16-\d\d", cid): err(cid, "bad id")
    n = c.get("words")
    if n not in (12, 15, 18, 21, 24): err(cid, "bad words")
    msgs = c.get("messages")
    if not isinstance(msgs, list) or not msgs or not all(isinstance(m, str) for m in msgs): err(cid, "messages")
    texts = [c.get("subject", "")] + (msgs or [])
    f = c.get("fields", {})
    if f:
        if set(f) - {"name", "custom_fields", "tags"}: err(cid, "bad fields keys")
        texts.append(f.get("name", ""))
        for k, v in f.get("custom_fields", {}).items():
            if PH.search(k): err(cid, "placeholder in custom field key")
            texts.append(v)
        for t in f.get("tags", []):
            if PH.search(t) and not PH.fullmatch(t): err(cid, f"tag not a single placeholder: {t}")
            texts.append(t)
    cnt = collections.Counter(); typos = 0
    for t in texts:
        for m in PH.finditer(t):
            cnt[int(m.group(1))] += 1; typos += bool(m.group(2))
    want = 2 if c.get("repeat") else 1
    for i in range(1, (n or 0) + 1):
        if cnt[i] != want: err(cid, f"index {i} appears {cnt[i]}x, want {want}")
    extra = [i for i in cnt if not 1 <= i <= (n or 0)]
    if extra: err(cid, f"indices out of range {extra}")
    if typos > 2: err(cid, f"{typos} typos")
    if "wordlist_hint" in c and c["wordlist_hint"] not in LISTS: err(cid, "unknown list " + c["wordlist_hint"])
    if c.get("word_case") not in (None, "upper", "title", "fullwidth"): err(cid, "word_case")
    if "html" in c and c["html"] is not True: err(cid, "html must be true")
    pc[lang] += 1; wc[n] += 1; hints[c.get("wordlist_hint", "english")] += 1
    for k in ("subject", "fields", "html", "repeat", "word_case"):
        if k in c: feat[k] += 1
    if typos: feat["typo"] += 1
    if len(msgs or []) > 1: feat["multi-message"] += 1
cc = collections.Counter()
for c in C:
    cid = c.get("id", "?")
    if cid in seen: err(cid, "duplicate id")
    seen.add(cid)
    for k in ("id", "lang", "messages", "note", "longest_bip39_run"):
        if k not in c: err(cid, "missing " + k)
    if set(c) - {"id", "lang", "subject", "html", "messages", "note", "longest_bip39_run"}: err(cid, "unknown keys")
    lang = c.get("lang")
    if not re.fullmatch(rf"{lang}-c16-\d\d", cid): err(cid, "bad id")
    if any(PH.search(t) for t in c.get("messages", []) + [c.get("subject", "")]): err(cid, "placeholder in clean case")
    cc[lang] += 1
for l in LANGS:
    if pc[l] < (30 if l == "en" else 10): err(l, f"only {pc[l]} pastes")
    if cc[l] < (10 if l == "en" else 5): err(l, f"only {cc[l]} clean")
if len(P) < 200: err("all", "fewer than 200 pastes")
if len(C) < 90: err("all", "fewer than 90 clean")
for l in LANGS:
    if not os.path.exists(os.path.join(D, "src", f"{l}-plan.txt")): err(l, "no plan")
print(f"pastes: {len(P)}  " + " ".join(f"{l} {pc[l]}" for l in LANGS))
print(f"clean:  {len(C)}  " + " ".join(f"{l} {cc[l]}" for l in LANGS))
print("words:", dict(sorted(wc.items())), " lists:", dict(hints), " features:", dict(feat))
if errs:
    print("\n".join(errs)); print("FAIL", len(errs)); sys.exit(1)
print("OK")

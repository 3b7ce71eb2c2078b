import json, re, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
HINTS = {"russian","turkish","chinese_simplified","japanese","korean","spanish","french","italian","czech","portuguese"}
KEYS = {"id","lang","words","subject","messages","fields","html","word_case","wordlist_hint","note"}
def check(path, ext=False):
    data = json.load(open(path, encoding="utf-8"))
    errs, ids, counts = [], set(), collections.Counter()
    for c in data:
        i = c.get("id"); e = lambda m: errs.append("%s: %s" % (i, m))
        keys = KEYS | ({"repeat"} if ext else set())
        if set(c) - keys: e("unknown keys %s" % (set(c) - keys))
        if i in ids: e("duplicate id")
        ids.add(i)
        if c.get("lang") not in LANGS: e("lang")
        if not i.startswith(c["lang"] + "-p2"): e("id prefix")
        counts[c["lang"]] += 1
        n = c.get("words")
        if n not in (12, 24): e("words")
        if not isinstance(c.get("messages"), list) or not c["messages"] or not all(isinstance(m, str) and m for m in c["messages"]): e("messages")
        if "html" in c and c["html"] is not True: e("html")
        if "word_case" in c and c["word_case"] not in (("upper","title","fullwidth") if ext else ("upper",)): e("word_case")
        if "wordlist_hint" in c and c["wordlist_hint"] not in HINTS: e("hint")
        if not c.get("note"): e("note")
        texts = [c.get("subject", "")] + c["messages"]
        f = c.get("fields", {})
        if set(f) - {"name","custom_fields","tags"}: e("fields keys")
        texts.append(f.get("name", ""))
        for k, v in f.get("custom_fields", {}).items():
            if not isinstance(v, str) or not k: e("custom field")
            texts += [k, v]
        tags_bad = False
        for t in f.get("tags", []):
            texts.append(t)
            sub = re.sub(r"\{\d+~?\}", "x" * 8, t)
            if not (1 <= len(sub) <= 50) or " " in sub or "," in sub: tags_bad = True
        if tags_bad and "refuse" not in c["note"]: e("invalid tag without a refusal note")
        idx, typos = collections.Counter(), 0
        for t in texts:
            for m in re.finditer(r"\{(\d+)(~?)\}|\{n\}", t):
                if m.group(1):
                    idx[int(m.group(1))] += 1
                    typos += bool(m.group(2))
            rest = re.sub(r"\{\d+~?\}|\{n\}", "", t)
            if "{" in rest or "}" in rest: e("stray brace in %r" % rest[:60])
            if "\x00" in t: e("NUL")
        if typos > 2: e("typos %d" % typos)
        want = 2 if c.get("repeat") else 1
        if set(idx) != set(range(1, n + 1)) or any(v != want for v in idx.values()):
            e("placeholder indices %s" % sorted(idx.items()))
        if c.get("word_case") and c.get("wordlist_hint") in ("chinese_simplified","japanese","korean","russian"): e("case on non-latin list")
    return data, errs, counts
main, errs, counts = check(sys.argv[1])
print("cases", len(main), dict(counts))
assert counts["en"] >= 20 and all(counts[l] >= 4 for l in LANGS) and len(main) >= 90, "counts"
ext, errs2, counts2 = check(sys.argv[2], ext=True)
print("forms cases", len(ext), dict(counts2))
for x in errs + errs2: print("ERR", x)
print("html", sum(1 for c in main if c.get("html")), "24w", sum(1 for c in main if c["words"] == 24),
      "hints", collections.Counter(c.get("wordlist_hint","english") for c in main),
      "fields", sum(1 for c in main if "fields" in c), "subject", sum(1 for c in main if "subject" in c),
      "multi-msg", sum(1 for c in main if len(c["messages"]) > 1), "upper", sum(1 for c in main if c.get("word_case")),
      "typo cases", sum(1 for c in main if any("~}" in m for m in c["messages"])))
sys.exit(1 if errs or errs2 else 0)

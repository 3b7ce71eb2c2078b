#!/usr/bin/env python3
import json, re, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
MIN_REQ = {l: 35 for l in LANGS}; MIN_HON = {l: 35 for l in LANGS}
for l in "en de id pt ru".split(): MIN_REQ[l] = 50
for l in "it ko ja uk pt vi".split(): MIN_HON[l] = 50
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_dev16.jsonl"
errs = []; ids = set(); seen = set()
cnt = collections.defaultdict(collections.Counter)
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: bad json {e}"); continue
    if not isinstance(o, dict): errs.append(f"line {i}: not object"); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append(f"line {i}: extra fields {extra}")
    for k in ("id", "lang", "label", "text", "note"):
        if not isinstance(o.get(k), str) or not o[k].strip(): errs.append(f"line {i}: bad {k}")
    lang = o.get("lang")
    if lang not in LANGS: errs.append(f"line {i}: lang {lang}"); continue
    if not re.fullmatch(rf"{lang}-\d{{3}}", str(o.get("id"))): errs.append(f"line {i}: id {o.get('id')}")
    if o.get("id") in ids: errs.append(f"line {i}: dup id")
    ids.add(o.get("id"))
    if o.get("label") not in ("request", "honest"): errs.append(f"line {i}: label {o.get('label')}")
    prev = o.get("previous")
    if prev is not None and (not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev)):
        errs.append(f"line {i}: bad previous")
    key = (o.get("text"), tuple(prev or ()))
    if key in seen: errs.append(f"line {i}: duplicate text+previous")
    seen.add(key)
    cnt[lang][o.get("label")] += 1
    if prev: cnt[lang]["prev"] += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}{'with previous':>15}")
tot = collections.Counter()
for l in LANGS:
    c = cnt[l]; tot.update(c)
    print(f"{l:6}{c['request']:>9}{c['honest']:>8}{c['request']+c['honest']:>7}{c['prev']:>15}")
    if c["request"] < MIN_REQ[l]: errs.append(f"{l}: {c['request']} requests < {MIN_REQ[l]}")
    if c["honest"] < MIN_HON[l]: errs.append(f"{l}: {c['honest']} honest < {MIN_HON[l]}")
n = tot["request"] + tot["honest"]
print(f"{'all':6}{tot['request']:>9}{tot['honest']:>8}{n:>7}{tot['prev']:>15} ({100*tot['prev']/max(n,1):.0f} %)")
if tot["prev"] * 3 < n: errs.append("less than a third with previous")
for e in errs: print("ERROR", e)
sys.exit(1 if errs else 0)

#!/usr/bin/env python3
import json, re, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
MIN_R = {l: 35 for l in LANGS}; MIN_H = {l: 35 for l in LANGS}
for l in ("fr", "de", "ru", "th"): MIN_R[l] = 50; MIN_H[l] = 45
for l in ("ar", "uk", "pt"): MIN_H[l] = 50
path = sys.argv[1] if len(sys.argv) > 1 else "outbound_dev15.jsonl"
errs = []; ids = set(); seen = set()
cnt = collections.defaultdict(lambda: collections.Counter())
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    try: o = json.loads(line)
    except Exception as e: errs.append(f"line {i}: bad json {e}"); continue
    if not isinstance(o, dict): errs.append(f"line {i}: not object"); continue
    extra = set(o) - {"id", "lang", "label", "text", "previous", "note"}
    if extra: errs.append(f"line {i}: extra fields {extra}")
    for k in ("id", "lang", "label", "text", "note"):
        if not isinstance(o.get(k), str) or not o.get(k).strip(): errs.append(f"line {i}: missing/empty {k}")
    lang = o.get("lang")
    if lang not in LANGS: errs.append(f"line {i}: bad lang {lang}"); continue
    if not re.fullmatch(re.escape(lang) + r"-\d{3}", o.get("id", "")): errs.append(f"line {i}: bad id {o.get('id')}")
    if o.get("id") in ids: errs.append(f"line {i}: duplicate id {o['id']}")
    ids.add(o.get("id"))
    if o.get("label") not in ("request", "honest"): errs.append(f"line {i}: bad label"); continue
    prev = o.get("previous")
    if prev is not None:
        if not isinstance(prev, list) or not prev or not all(isinstance(p, str) and p.strip() for p in prev):
            errs.append(f"line {i}: bad previous")
            prev = None
    key = (o.get("text"), tuple(prev or ()))
    if key in seen: errs.append(f"line {i}: duplicate text+previous")
    seen.add(key)
    cnt[lang][o["label"]] += 1
    if prev: cnt[lang]["prev"] += 1
print(f"{'lang':6}{'request':>9}{'honest':>8}{'total':>7}{'with previous':>15}")
T = collections.Counter()
for l in LANGS:
    c = cnt[l]; T.update(c)
    print(f"{l:6}{c['request']:>9}{c['honest']:>8}{c['request']+c['honest']:>7}{c['prev']:>15}")
    if c["request"] < MIN_R[l]: errs.append(f"{l}: {c['request']} requests < {MIN_R[l]}")
    if c["honest"] < MIN_H[l]: errs.append(f"{l}: {c['honest']} honest < {MIN_H[l]}")
tot = T["request"] + T["honest"]
print(f"{'all':6}{T['request']:>9}{T['honest']:>8}{tot:>7}{T['prev']:>15} ({100*T['prev']/max(tot,1):.0f} %)")
if tot and T["prev"] * 3 < tot: errs.append("less than a third with previous")
for e in errs: print("ERROR", e)
sys.exit(1 if errs else 0)

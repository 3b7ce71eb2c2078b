import json, collections, sys
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
ids=set(); c=collections.Counter(); prev=0; n=0; errs=0
for ln,line in enumerate(open("outbound_eval7.jsonl",encoding="utf-8"),1):
    o=json.loads(line); n+=1
    assert set(o) <= {"id","lang","label","text","previous","note"}, o
    assert o["id"] not in ids, o["id"]; ids.add(o["id"])
    assert o["lang"] in LANGS, o
    assert o["label"] in ("request","honest"), o
    assert isinstance(o["text"],str) and o["text"].strip(), o
    if "previous" in o:
        assert isinstance(o["previous"],list) and all(isinstance(p,str) and p for p in o["previous"]); prev+=1
    c[(o["lang"],o["label"])]+=1
print(f"{'lang':5} {'request':>8} {'honest':>7} {'total':>6}")
for l in LANGS:
    a,b=c[(l,'request')],c[(l,'honest')]
    flag = "" if a>=22 and b>=22 else "  <-- below 22"
    print(f"{l:5} {a:8} {b:7} {a+b:6}{flag}")
R=sum(v for k,v in c.items() if k[1]=='request'); H=n-R
print(f"{'all':5} {R:8} {H:7} {n:6}")
print(f"with previous: {prev} ({prev/n:.0%}); unique ids: {len(ids)}")
missing=[l for l in LANGS if c[(l,'request')]+c[(l,'honest')]==0]
print("missing langs:", missing or "none")

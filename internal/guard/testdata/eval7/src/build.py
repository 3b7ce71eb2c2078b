import json, importlib, sys, collections
LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
ZW = ["\u200b","\u200c","\u200d","\u2060","\ufeff"]
out = []
for lg in LANGS:
    try:
        m = importlib.import_module(lg)
    except ModuleNotFoundError:
        continue
    import common
    rows = list(common.D); common.D.clear()
    for i,(lab,text,prev,note) in enumerate(rows,1):
        o = {"id":f"{lg}-{i:03d}","lang":lg,"label":lab,"text":text}
        if prev: o["previous"]=prev
        o["note"]=note
        s = json.dumps(o, ensure_ascii=False)
        for z in ZW: s = s.replace(z, "\\u%04x" % ord(z))
        out.append(s)
open("../outbound_eval7.jsonl","w").write("\n".join(out)+"\n")
print(len(out))

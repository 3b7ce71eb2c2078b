# Helpers only: wrap literal, hand-typed cases into dicts. No case content is generated here.
def P(words, messages, note, **kw):
    d = {"words": words, "messages": messages, "note": note}
    d.update(kw)
    return d

def C(messages, note, **kw):
    d = {"messages": messages, "note": note}
    d.update(kw)
    return d

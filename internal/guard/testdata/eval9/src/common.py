"""Two constructors for hand-written items."""
ZW = "\u200b"

def R(text, note, previous=None):
    d = {"label": "request", "text": text, "note": note}
    if previous:
        d["previous"] = list(previous)
    return d

def H(text, note, previous=None):
    d = {"label": "honest", "text": text, "note": note}
    if previous:
        d["previous"] = list(previous)
    return d

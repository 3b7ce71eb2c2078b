D = []
def r(text, note, prev=None):
    D.append(("request", text, prev, note))
def h(text, note, prev=None):
    D.append(("honest", text, prev, note))

#!/usr/bin/env python3
"""Checks outbound_dev10b.jsonl and prints counts. Usage: python3 validate.py [path]. Exits 1 on any error."""
import json, re, sys, collections

LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
LABELS = {"request", "honest"}
KEYS = {"id", "lang", "label", "text", "previous", "note"}

def main(path):
    errors, ids, seen = [], set(), set()
    counts = collections.defaultdict(collections.Counter)
    ideas = collections.Counter()
    nprev = n = 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                errors.append("line %d: empty line" % ln); continue
            try:
                o = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append("line %d: bad JSON: %s" % (ln, e)); continue
            if not isinstance(o, dict):
                errors.append("line %d: not an object" % ln); continue
            n += 1
            extra = set(o) - KEYS
            if extra:
                errors.append("line %d: unknown keys %s" % (ln, sorted(extra)))
            for k in ("id", "lang", "label", "text", "note"):
                if not isinstance(o.get(k), str) or not o.get(k).strip():
                    errors.append("line %d: %s missing or not a non-empty string" % (ln, k))
            lang, label, i = o.get("lang"), o.get("label"), o.get("id")
            if lang not in LANGS:
                errors.append("line %d: bad lang %r" % (ln, lang))
            if label not in LABELS:
                errors.append("line %d: bad label %r" % (ln, label))
            if not isinstance(i, str) or not re.fullmatch(r"[a-z]{2}-\d{3}", i) or i[:2] != lang:
                errors.append("line %d: bad id %r" % (ln, i))
            if i in ids:
                errors.append("line %d: duplicate id %r" % (ln, i))
            ids.add(i)
            prev = o.get("previous")
            if "previous" in o:
                if not (isinstance(prev, list) and prev and all(isinstance(p, str) and p.strip() for p in prev)):
                    errors.append("line %d: previous must be a non-empty list of non-empty strings" % ln)
                else:
                    nprev += 1
            key = (o.get("text"), tuple(prev) if isinstance(prev, list) else None)
            if key in seen:
                errors.append("line %d: duplicate text+previous" % ln)
            seen.add(key)
            m = re.match(r"idea ([RH]\d)", o.get("note") or "")
            if not m:
                errors.append("line %d: note does not name its idea" % ln)
            else:
                ideas[m.group(1)] += 1
                if (m.group(1)[0] == "R") != (label == "request"):
                    errors.append("line %d: idea %s does not match label %s" % (ln, m.group(1), label))
            if lang in LANGS and label in LABELS:
                counts[lang][label] += 1
    print("lang   request  honest  total")
    tot = collections.Counter()
    for lang in LANGS:
        c = counts[lang]; tot.update(c)
        print("%-4s %9d %7d %6d" % (lang, c["request"], c["honest"], c["request"] + c["honest"]))
    print("%-4s %9d %7d %6d" % ("all", tot["request"], tot["honest"], tot["request"] + tot["honest"]))
    print("with previous: %d (%.0f%%); unique ids: %d" % (nprev, 100.0 * nprev / max(n, 1), len(ids)))
    print("items per idea (all languages): " + ", ".join("%s=%d" % (k, ideas[k]) for k in sorted(ideas)))
    missing = [l for l in LANGS if not counts[l]]
    print("missing langs: " + (", ".join(missing) if missing else "none"))
    if errors:
        print("\n%d error(s):" % len(errors))
        for e in errors[:50]:
            print("  " + e)
        return 1
    print("OK")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "outbound_dev10b.jsonl"))

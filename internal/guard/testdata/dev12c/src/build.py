#!/usr/bin/env python3
"""Concatenate the hand-written per-language lists into outbound_dev12c.jsonl."""
import importlib.util, json, os, sys

LANGS = "en zh es pt ru tr vi fr de it id ar uk pl ja ko th".split()
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "outbound_dev12c.jsonl")


def _mod(name):
    path = os.path.join(HERE, name + ".py")
    if not os.path.exists(path):
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load(lang):
    """Base items (l_<lang>), then the conversation items (m_<lang>), then the
    language-specific variants (v_<lang>). A later module may list in
    DROP_NOTES the notes of earlier items it replaces."""
    items = list(_mod(f"l_{lang}").ITEMS)
    for prefix in ("m", "v"):
        extra = _mod(f"{prefix}_{lang}")
        if extra is None:
            continue
        drop = set(getattr(extra, "DROP_NOTES", ()))
        items = [it for it in items if it[2] not in drop] + list(extra.ITEMS)
    return items


def main():
    rows = []
    for lang in LANGS:
        path = os.path.join(HERE, f"l_{lang}.py")
        if not os.path.exists(path):
            print("missing", lang, file=sys.stderr)
            continue
        for i, it in enumerate(load(lang), 1):
            label = {"R": "request", "H": "honest"}[it[0]]
            row = {"id": f"{lang}-{i:03d}", "lang": lang, "label": label, "text": it[1]}
            if len(it) > 3 and it[3]:
                prev = it[3]
                if isinstance(prev, str):
                    prev = [prev]
                row["previous"] = list(prev)
            row["note"] = it[2]
            rows.append(row)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()

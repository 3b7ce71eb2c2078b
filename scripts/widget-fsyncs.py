#!/usr/bin/env python3
"""Count the node's fsyncs in the measured window of a widget run.

    scripts/widget-fsyncs.py DIR

DIR is what `TIMELINE=DIR scripts/bench-widget.sh ...` left (fsync.txt and
the phase files). With synchronous=FULL in WAL mode SQLite syncs the WAL
once a commit, so the WAL's count is the node's write transactions; the
database file's are checkpoints.
"""
import datetime
import re
import sys

START = re.compile(r'^(\d+) +([\d.]+) f(?:data)?sync\(\d+<([^>]*)>')


def phase(d, name):
    with open(f'{d}/phase.{name}') as f:
        return datetime.datetime.fromisoformat(f.read().strip()).timestamp()


def kind(path):
    name = path.rsplit('/', 1)[-1]
    if name.endswith('-wal'):
        return 'wal'
    if name.endswith('.db'):
        return 'db'
    return 'dir' if '.' not in name else name


def main():
    d = sys.argv[1]
    t0, t1 = phase(d, 'start'), phase(d, 'end')
    counts = {}
    with open(f'{d}/fsync.txt') as f:
        for line in f:
            m = START.match(line)
            if m and t0 <= float(m.group(2)) < t1:
                k = kind(m.group(3))
                counts[k] = counts.get(k, 0) + 1
    span = t1 - t0
    parts = ', '.join(f'{k} {v} ({v / span:.0f}/s)' for k, v in sorted(counts.items()))
    print(f'window {span:.1f} s: {parts}; total {sum(counts.values()) / span:.0f}/s')


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Line the widget benchmark's slow samples up with what happened then.

    scripts/widget-timeline.py DIR [threshold_ms]

DIR is what `TIMELINE=DIR scripts/bench-widget.sh ...` left: timeline.txt
(the load generator's samples: kind, send time in Unix µs, latency in µs),
node.gc and load.gc (gctrace lines after a "start <unix s>" line) and
fsync.txt (strace -f -y -ttt -T of the node's fsyncs).

A sample is slow when its latency reaches the threshold (default: the page
p99). For each kind of event it prints how many slow page samples were
in flight while one ran, beside how many of all page samples were: an
event that the slow ones meet no more often than the rest does not make
the tail. Then the slowest seconds, each with what ran in it.
"""
import os
import re
import sys

GC = re.compile(r'^gc (\d+) @([\d.]+)s \d+%: ([\d.]+)\+([\d.]+)\+([\d.]+) ms clock')
FSYNC = re.compile(r'^(?:\d+ +)?([\d.]+) f(?:data)?sync\((\d+)<([^>]*)>(.*)$')
RESUMED = re.compile(r'^(\d+) +([\d.]+) <\.\.\. f(?:data)?sync resumed>.*<([\d.]+)>$')
UNFINISHED = re.compile(r'^(\d+) +([\d.]+) f(?:data)?sync\((\d+)<([^>]*)>.*<unfinished')
DUR = re.compile(r'<([\d.]+)>\s*$')


def read_samples(path):
    out = {}
    with open(path) as f:
        for line in f:
            kind, at, lat = line.split()
            out.setdefault(kind, []).append((int(at) / 1e6, int(lat) / 1e3))
    return out


def read_gc(path):
    """GC cycles as (start, stw1 end, mark end, end) in Unix seconds."""
    cycles, start = [], None
    if not os.path.exists(path):
        return cycles
    with open(path) as f:
        for line in f:
            if line.startswith('start '):
                start = float(line.split()[1])
                continue
            m = GC.match(line)
            if m and start is not None:
                t = start + float(m.group(2))
                a, b, c = (float(m.group(i)) / 1e3 for i in (3, 4, 5))
                cycles.append((t, t + a, t + a + b, t + a + b + c, a * 1e3, c * 1e3))
    return cycles


def read_fsyncs(path):
    """fsyncs as (start, end, file)."""
    out, pending = [], {}
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            m = UNFINISHED.match(line)
            if m:
                pending[m.group(1)] = (float(m.group(2)), m.group(4))
                continue
            m = RESUMED.match(line)
            if m and m.group(1) in pending:
                t, name = pending.pop(m.group(1))
                out.append((t, t + float(m.group(3)), name))
                continue
            m = FSYNC.match(line)
            d = DUR.search(line)
            if m and d:
                t = float(m.group(1))
                out.append((t, t + float(d.group(1)), m.group(3)))
    return out


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p / 100))] if v else 0


def overlaps(at, lat_ms, spans):
    end = at + lat_ms / 1e3
    return any(s < end and e > at for s, e in spans)


def main():
    d = sys.argv[1]
    samples = read_samples(os.path.join(d, 'timeline.txt'))
    page = samples.get('page', [])
    if not page:
        sys.exit('no page samples')
    thr = float(sys.argv[2]) if len(sys.argv) > 2 else pct([l for _, l in page], 99)
    ack_of = {at: lat for at, lat in samples.get('ack', [])}
    node_gc, load_gc = read_gc(os.path.join(d, 'node.gc')), read_gc(os.path.join(d, 'load.gc'))
    fs = read_fsyncs(os.path.join(d, 'fsync.txt'))
    t0, t1 = min(a for a, _ in page), max(a + l / 1e3 for a, l in page)
    wal = [(s, e) for s, e, n in fs if n.endswith('-wal')]
    db = [(s, e) for s, e, n in fs if not n.endswith('-wal')]
    events = {
        'node GC stop-the-world (either)': [(c[0], c[1]) for c in node_gc] + [(c[2], c[3]) for c in node_gc],
        'node GC cycle (mark included)': [(c[0], c[3]) for c in node_gc],
        'load generator GC cycle': [(c[0], c[3]) for c in load_gc],
        'WAL fsync >= 20 ms': [(s, e) for s, e in wal if e - s >= 0.020],
        'WAL fsync >= 50 ms': [(s, e) for s, e in wal if e - s >= 0.050],
        'database file fsync (checkpoint)': db,
    }
    slow = [(a, l) for a, l in page if l >= thr]
    print(f'page samples {len(page)}, p50 {pct([l for _, l in page], 50):.1f} ms, p99 {pct([l for _, l in page], 99):.1f} ms; '
          f'slow (>= {thr:.1f} ms): {len(slow)}')
    live_of = {at: lat for at, lat in samples.get('live', [])}
    # Where each sample's time went: to the ack (the commit, its fsync
    # included), from the ack to the event on the bus (the relay) and from
    # the bus to the page (the node's fan-out and the page's stream).
    def segments(group):
        seg = [0.0, 0.0, 0.0]
        dominant = [0, 0, 0]
        for a, l in group:
            ack, live = ack_of.get(a), live_of.get(a)
            if ack is None or live is None:
                continue
            parts = [ack, max(0, live - ack), max(0, l - max(live, ack))]
            for i, v in enumerate(parts):
                seg[i] += v / len(group)
            dominant[parts.index(max(parts))] += 1
        return seg, dominant
    for name, group in (('slow', slow), ('all', page)):
        seg, dom = segments(group)
        print(f'{name} page samples, mean ms: send→ack {seg[0]:.1f}, ack→bus {seg[1]:.1f}, bus→page {seg[2]:.1f}; '
              f'largest part: ack {dom[0]}, bus {dom[1]}, page {dom[2]}')
    in_window = lambda spans: [(s, e) for s, e in spans if e > t0 and s < t1]
    print(f'window {t1 - t0:.1f} s; node GC cycles {len(in_window(events["node GC cycle (mark included)"]))}, '
          f'load generator GC cycles {len(in_window(events["load generator GC cycle"]))}, '
          f'WAL fsyncs {len(in_window(wal))} (p50 {1e3 * pct([e - s for s, e in in_window(wal)], 50):.1f} ms, '
          f'p99 {1e3 * pct([e - s for s, e in in_window(wal)], 99):.1f} ms, max {1e3 * max([e - s for s, e in in_window(wal)] or [0]):.1f} ms), '
          f'database fsyncs {len(in_window(db))} ({", ".join(f"{1e3 * (e - s):.0f}" for s, e in in_window(db))} ms)')
    print(f'{"in flight while ...":40} {"slow":>12} {"all":>12}')
    for name, spans in events.items():
        ns = sum(1 for a, l in slow if overlaps(a, l, spans))
        na = sum(1 for a, l in page if overlaps(a, l, spans))
        print(f'{name:40} {ns:5} ({100 * ns / max(1, len(slow)):3.0f} %) {na:5} ({100 * na / len(page):3.0f} %)')
    pauses = [max(c[4], c[5]) for c in node_gc if c[3] > t0 and c[0] < t1]
    lpauses = [max(c[4], c[5]) for c in load_gc if c[3] > t0 and c[0] < t1]
    print('node GC pauses in the window (ms): ' + ', '.join(f'{p:.1f}' for p in pauses))
    print('load generator GC pauses in the window (ms): ' + ', '.join(f'{p:.1f}' for p in lpauses))
    print('slowest seconds (by send time): second, page samples, page max ms, slow samples, ack max ms, what ran')
    by_sec = {}
    for a, l in page:
        by_sec.setdefault(int(a - t0), []).append((a, l))
    worst = sorted(by_sec.items(), key=lambda kv: -max(l for _, l in kv[1]))[:8]
    for sec, items in sorted(worst):
        s0, s1 = t0 + sec, t0 + sec + 1 + max(l for _, l in items) / 1e3
        what = []
        for c in node_gc:
            if c[0] < s1 and c[3] > s0:
                what.append(f'node gc @{c[0] - t0:.2f}s mark {1e3 * (c[2] - c[1]):.0f} ms')
        for c in load_gc:
            if c[0] < s1 and c[3] > s0:
                what.append(f'load gc @{c[0] - t0:.2f}s')
        for s, e in wal:
            if s < s1 and e > s0 and e - s >= 0.020:
                what.append(f'wal fsync @{s - t0:.2f}s {1e3 * (e - s):.0f} ms')
        for s, e in db:
            if s < s1 and e > s0:
                what.append(f'db fsync @{s - t0:.2f}s {1e3 * (e - s):.0f} ms')
        acks = [ack_of.get(a, 0) for a, _ in items]
        print(f'  {sec:3d} {len(items):4d} {max(l for _, l in items):7.1f} {sum(1 for _, l in items if l >= thr):3d} '
              f'{max(acks):7.1f}  {"; ".join(what) or "-"}')


if __name__ == '__main__':
    main()

"""Prints the BENCHMARKS.md table from OUT_DIR/blocksmith.jsonl and OUT_DIR/peers.jsonl: one row
per file, the analyst exports (NAME-export) with the peers trained on the same export rows."""
import json
import statistics
import sys

out = sys.argv[1]
bs = [json.loads(l) for l in open(f"{out}/blocksmith.jsonl") if l.strip()]
peers = [json.loads(l) for l in open(f"{out}/peers.jsonl") if l.strip()]
tools = ["linear", "random forest", "sklearn MLP", "PyTorch MLP"]


def stat(values, pct):
    m = statistics.mean(values)
    s = statistics.stdev(values) if len(values) > 1 else 0
    return (f"{100 * m:.1f} ± {100 * s:.1f}" if pct else f"{m:.3f} ± {s:.3f}"), m


print("| data | metric | Blocksmith default | " + " | ".join(tools)
      + " | best peer − Blocksmith | Blocksmith wall s/run (Train) |")
print("|" + " --- |" * (5 + len(tools)))
for name in dict.fromkeys(r["data"] for r in peers):
    mine = [r for r in bs if r["data"] == name]
    if not mine:
        continue
    pct = mine[0]["metric"] == "accuracy"
    text, m = stat([r["score"] for r in mine], pct)
    cells, best = [], -1e9
    for t in tools:
        ptext, pm = stat([r["score"] for r in peers if r["data"] == name and r["tool"] == t], pct)
        cells.append(ptext)
        best = max(best, pm)
    gap = (f"{100 * (best - m):+.1f} points" if pct else f"{best - m:+.3f}")
    wall = statistics.mean(r["wall_s"] for r in mine)
    train = statistics.mean(r["train_s"] for r in mine)
    print(f"| {name} | {'accuracy %' if pct else 'R²'} | {text} | " + " | ".join(cells)
          + f" | {gap} | {wall:.1f} ({train:.1f}) |")

"""The reading of an accuracy study in docs/results.md, written from its committed table
(analysis/accuracy_study.py's CSV) so that every count and number it quotes comes from the
measurement; analysis/docs_tables.py renders it between the usual markers (kind
finding-accuracy-scenarios).

Per scoring rule: which method is best in how many scenarios; in how many the once-built merges
are all below every trained construction; where COIN is ahead of weighted averaging on every seed,
and where behind on every seed (the paired comparison the table's last column gives).
"""
from collections import Counter

from paper_findings import paragraph

MERGES = ["coin", "averaging", "task-arithmetic", "ties", "regmean"]
TRAINED = ["learned", "coin-finetune", "cheap-backup"]


def by_scenario(rows, rule):
    """{scenario: {method: row}} under one scoring rule, probability decoding."""
    table = {}
    for r in rows:
        if r["scoring"] == rule and r["decoding"] == "probability":
            table.setdefault(r["regime"], {})[r["method"]] = r
    return table


def counted(names):
    return ", ".join(f"{name} in {count}" for name, count in Counter(names).most_common())


def listed(names):
    return ", ".join(names) if names else "none"


def rule_sentence(rows, rule):
    table = by_scenario(rows, rule)
    best = [max((m for m in methods if m != "default"), key=lambda m: methods[m]["degraded_mean"])
            for methods in table.values()]
    best_merge = [max((m for m in MERGES if m in methods),
                      key=lambda m: methods[m]["degraded_mean"]) for methods in table.values()]
    trained_ahead = sum(
        min(methods[m]["degraded_mean"] for m in TRAINED if m in methods) >
        max(methods[m]["degraded_mean"] for m in MERGES if m in methods)
        for methods in table.values())
    coin = {s: methods["coin"] for s, methods in table.items() if "coin" in methods}
    ahead = [s for s, r in coin.items() if r.get("coin_wins", "") == r["seeds"]]
    behind = [s for s, r in coin.items() if r.get("coin_wins", "") == 0]
    return (f"- Under `{rule}` ({len(table)} scenarios): the best method is {counted(best)}; "
            f"the best once-built merge is {counted(best_merge)}; every trained construction is "
            f"above every merge in {trained_ahead}. COIN is ahead of weighted averaging on every "
            f"seed in {listed(ahead)}, behind on every seed in {listed(behind)}.")


def accuracy_scenarios(rows):
    seeds = sorted({r["seeds"] for r in rows})
    lines = [paragraph(f"""Counted from the table above ({"/".join(map(str, seeds))} seeds per
                       scenario, probability decoding):""")]
    for rule in ("task", "all"):
        lines.append("\n  ".join(paragraph(rule_sentence(rows, rule)).split("\n")))
    return "\n".join(lines)


RENDERERS = {"finding-accuracy-scenarios": accuracy_scenarios}

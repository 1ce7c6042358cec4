"""The reading of an accuracy study in docs/results.md, written from its committed table
(analysis/accuracy_study.py's CSV) so that every count and number it quotes comes from the
measurement; analysis/docs_tables.py renders it between the usual markers (kind
finding-accuracy-scenarios).

Per scoring rule: which method is best in how many scenarios; in how many the once-built merges
are all below every trained construction; where COIN is ahead of weighted averaging on every seed,
and where behind on every seed (the paired comparison the table's last column gives).
"""
from collections import Counter

from prose import paragraph

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


# The default scenario's Fisher and initialisation choices (scripts/accuracy-study.sh fisher):
# each row changes one setting of the default (shared initialisation, exact Fisher over queries).
FISHER_REGIMES = [("estimator=exact", "the default (exact Fisher over the query distribution, "
                                      "task models from one shared initialisation)"),
                  ("estimator=sampled", "a sampled Fisher"),
                  ("estimator=empirical", "the empirical Fisher"),
                  ("fisher-data=own-task", "the Fisher over each model's own task data"),
                  ("init=independent", "independently initialised task models"),
                  ("init=pretrained", "task models fine-tuned from one pre-trained base")]


def fisher_study(rows):
    """COIN against weighted averaging under each Fisher and initialisation choice, per rule."""
    lines = []
    for rule in ("task", "all"):
        table = by_scenario(rows, rule)
        parts = []
        for regime, words in FISHER_REGIMES:
            if regime not in table:
                continue
            coin, averaging = table[regime]["coin"], table[regime]["averaging"]
            parts.append(f"{words}: COIN {coin['degraded_mean']:.3f}, averaging "
                         f"{averaging['degraded_mean']:.3f} ({coin['coin_minus_averaging_mean']:+.3f}"
                         f" ± {coin['coin_minus_averaging_sd']:.3f}, COIN ahead on "
                         f"{coin['coin_wins']} of {coin['seeds']} seeds)")
        lines.append(paragraph(f"Under the rule `{rule}`, degraded accuracy over both tasks with "
                               + "; ".join(parts) + "."))
    return "\n\n".join(lines)


RENDERERS = {"finding-accuracy-scenarios": accuracy_scenarios, "finding-fisher-study": fisher_study}

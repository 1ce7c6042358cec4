"""The reading of an accuracy study in docs/results.md, written from its committed table
(analysis/accuracy_study.py's CSV) so that every count and number it quotes comes from the
measurement; analysis/docs_tables.py renders it between the usual markers (kind
finding-accuracy-scenarios).

Per scoring rule: which method is best in how many scenarios; in how many the once-built merges
are all below every trained construction; where COIN is ahead of weighted averaging on every seed,
and where behind on every seed (the paired comparison the table's last column gives). Also the
readings of the optimizer-regime study (finding-accuracy-regimes), of the converged residual CNN
(finding-residual-cnn) and of the Fisher and initialisation choices (finding-fisher-study).
"""
from collections import Counter

from prose import bullet, paragraph
from seed_statistics import outside_paired_interval

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


def cells(rows):
    """{(regime, decoding, rule): {method: row}}."""
    table = {}
    for r in rows:
        table.setdefault((r["regime"], r["decoding"], r["scoring"]), {})[r["method"]] = r
    return table


def spread(row):
    return f"{row['degraded_mean']:.3f} ± {row['degraded_sd']:.3f}"


def coin_lead(coin):
    """COIN minus weighted averaging, paired per seed, as the table's last column has it."""
    mean, sd, n = (coin["coin_minus_averaging_mean"], coin["coin_minus_averaging_sd"],
                   coin["seeds"])
    verdict = ("outside the paired 95% interval" if outside_paired_interval(mean, sd, n)
               else "within the paired 95% interval")
    return f"{mean:+.3f} ± {sd:.3f} (ahead on {coin['coin_wins']} of {n} seeds; {verdict})"


def regimes(rows):
    """The optimizer-regime study (analysis/accuracy_study.py on the regimes): per regime, COIN
    against averaging under each rule; the originals under both rules; logit and simplex decoding
    against probability; RegMean, TIES and K-FAC against COIN; spread and the trained methods."""
    table = cells(rows)
    names = [r for r in dict.fromkeys(row["regime"] for row in rows) if "_" not in r]

    def mean(regime, decoding, rule, method="coin"):
        return table[regime, decoding, rule][method]["degraded_mean"]

    leads = "; ".join(
        f"{regime}: under `task` {coin_lead(table[regime, 'probability', 'task']['coin'])}, under "
        f"`all` {coin_lead(table[regime, 'probability', 'all']['coin'])}" for regime in names)
    bullets = [bullet(f"**COIN minus weighted averaging** (probability decoding, paired per seed): "
                      f"{leads}.")]
    differing = [f"{regime} {decoding}" for (regime, decoding, rule), methods in table.items()
                 if rule == "task" and abs(methods["default"]["available_mean"] - table[
                     regime, decoding, "all"]["default"]["available_mean"]) > 5e-4]
    bullets.append(bullet(
        "**The original models score the same under both rules** in every regime and decoding, so "
        "`all` only penalises decoded outputs." if not differing else
        "**The original models score differently under the two rules** in " + ", ".join(differing)
        + "."))
    gaps = "; ".join(
        f"{regime} {mean(regime, 'probability', 'task') - mean(regime, 'probability', 'all'):.3f}"
        f" in probability and {mean(regime, 'logit', 'task') - mean(regime, 'logit', 'all'):.3f}"
        " in logit space" for regime in names)
    level = "; ".join(
        f"{regime}: " + (", ".join(
            f"{m} {mean(regime, 'logit', 'task', m):.3f}" for m in MERGES[1:]
            if mean(regime, 'logit', 'task', m) >= mean(regime, 'logit', 'task')) or "none")
        + f" against COIN's {mean(regime, 'logit', 'task'):.3f}" for regime in names)
    bullets.append(bullet(f"**Logit decoding and the rules.** COIN under `task` minus under `all`: "
                          f"{gaps}. In logit space under `task`, the merges at or above COIN — "
                          f"{level}."))
    newer = []
    for regime in names:
        for rule in RULES:
            methods = table[regime, "probability", rule]
            newer.append(f"{regime} `{rule}`: COIN {spread(methods['coin'])}, RegMean "
                         f"{spread(methods['regmean'])}, TIES {spread(methods['ties'])}")
    def flops(regime, method):
        return table[regime, "probability", "task"][method]["construction_flops"]

    flop_ratios = "; ".join(f"{regime} {flops(regime, 'regmean') / flops(regime, 'coin'):.2f}×"
                            for regime in names)
    bullets.append(bullet(f"**The newer merges** (probability decoding): {'; '.join(newer)}. "
                          f"RegMean's counted flops against COIN's: {flop_ratios}."))
    kfac = []
    for regime in names:
        if (regime + "_kfac", "probability", "task") not in table:
            continue
        for rule in RULES:
            kfac.append(f"{regime} `{rule}` {spread(table[regime, 'probability', rule]['coin'])} "
                        f"→ {spread(table[regime + '_kfac', 'probability', rule]['coin'])}")
    if kfac:
        bullets.append(bullet("**K-FAC Fisher blocks** instead of the diagonal, COIN: "
                              + "; ".join(kfac) + "."))
    moves = sorted(((abs(mean(regime, "simplex", rule, m) - mean(regime, "probability", rule, m)),
                     m, regime, rule) for (regime, decoding, rule), methods in table.items()
                    if decoding == "simplex" for m in methods), reverse=True)
    coin_moves = [move for move in moves if move[1] == "coin"]
    bullets.append(bullet(
        f"**Simplex decoding** against probability decoding: the largest change of a method's "
        f"degraded accuracy is {moves[0][0]:.3f} ({moves[0][1]}, {moves[0][2]}, `{moves[0][3]}`); "
        f"COIN's is {coin_moves[0][0]:.3f}."))
    sds = "; ".join(f"{regime} {sum(m['degraded_sd'] for m in decoded) / len(decoded):.3f}"
                    for regime in names
                    for decoded in [[m for name, m in table[regime, "probability", "task"].items()
                                     if name != "default"]])
    passed = [f"{regime}, {decoding}, `{rule}`: {trained} below " + ", ".join(above)
              for (regime, decoding, rule), methods in table.items() if regime in names
              for trained in ("learned", "coin-finetune")
              for above in [[m for m in MERGES if methods[m]["degraded_mean"] >
                             methods[trained]["degraded_mean"]]] if above]
    bullets.append(bullet(
        f"**Spread over seeds**, mean sd of the degraded accuracy over every method (probability, "
        f"`task`): {sds}. The learned model and COIN + fine-tune are above every merge under every "
        f"rule, regime and decoding" + (f" except: {'; '.join(passed)}." if passed else ".")))
    return "\n".join(bullets)


def residual_cnn(rows):
    """The converged residual CNN: where the merges land against the models and the trained
    constructions, COIN against averaging, and K-FAC blocks against the diagonal."""
    table = cells(rows)
    regime = next(r["regime"] for r in rows if "_" in r["regime"] and "kfac" not in r["regime"])
    sentences = []
    for rule in RULES:
        methods = table[regime, "probability", rule]
        merges = sorted(MERGES, key=lambda m: -methods[m]["degraded_mean"])
        values = ", ".join(f"{m} {methods[m]['degraded_mean']:.3f}" for m in merges)
        sentences.append(
            f"Under `{rule}` the merges decode at {values} against the task models' own "
            f"{methods['default']['available_mean']:.3f}; the best, {merges[0]}, leads the next by "
            f"{methods[merges[0]]['degraded_mean'] - methods[merges[1]]['degraded_mean']:.3f}. "
            f"COIN "
            f"minus averaging: {coin_lead(methods['coin'])}. The trained constructions: "
            + ", ".join(f"{m} {spread(methods[m])}" for m in TRAINED) + ".")
    kfac = (regime + "_kfac", "probability", "task")
    if kfac in table:
        sentences.append("K-FAC blocks move COIN from " + "; ".join(
            f"{spread(table[regime, 'probability', rule]['coin'])} to "
            f"{spread(table[kfac[0], 'probability', rule]['coin'])} under `{rule}`"
            for rule in RULES) + ".")
    return "\n".join(bullet(s) for s in sentences)


RULES = ("task", "all")
RENDERERS = {"finding-accuracy-scenarios": accuracy_scenarios, "finding-fisher-study": fisher_study,
             "finding-accuracy-regimes": regimes, "finding-residual-cnn": residual_cnn}

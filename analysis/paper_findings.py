"""The prose of docs/sweeps.md that reads out the paper sweeps, written from their committed tables
(analysis/paper_study.py's results/reference/paper-<sweep>.csv; analysis/frontier_study.py's
results/reference/compute-frontier.csv) so that every number it quotes, and every comparison it
states ("at every load", "within 0.02"), comes from the measurement. analysis/docs_tables.py
renders each paragraph between its markers:

    <!-- generated: finding-tail-vs-rate results/reference/paper-tail-vs-rate.csv -->
    ...
    <!-- end generated -->
"""
from prose import paragraph


class FindingError(Exception):
    """A table lacks a row a paragraph quotes."""


class Quantities:
    """The rows of a paper_study table, looked up by series, quantity and x."""

    def __init__(self, rows):
        self.rows = rows

    def get(self, series, quantity, x="", setting=""):
        for r in self.rows:
            if (r["series"] == series and r["quantity"] == quantity and same_x(r["x"], x)
                    and r["setting"] == setting):
                return r
        raise FindingError(f"no row for {series} {quantity} at x={x!r} setting={setting!r}")

    def mean(self, series, quantity, x="", setting=""):
        return float(self.get(series, quantity, x, setting)["mean"])

    def xs(self, quantity="p999_ms"):
        return sorted({float(r["x"]) for r in self.rows if r["quantity"] == quantity})

    def settings(self, quantity):
        return list(dict.fromkeys(r["setting"] for r in self.rows if r["quantity"] == quantity))

    def spread(self, series, quantity, setting=""):
        return float(self.get(series, quantity, setting=setting)["sd"])


def same_x(a, b):
    if a == "" or b == "":
        return a == b
    return float(a) == float(b)


def x_text(x):
    return f"{x:,.0f}" if x == int(x) else f"{x:g}"


def span(values, digits=0):
    """"27–41" for a list of values (one value: "27")."""
    low, high = f"{min(values):.{digits}f}", f"{max(values):.{digits}f}"
    return low if low == high else f"{low}–{high}"


def direction(before, after):
    return "falling to" if after < before else "rising to" if after > before else "staying at"


def percent_cuts(table, series, xs):
    return [100 * (1 - table.mean(series, "p999_ms", x) / table.mean("none", "p999_ms", x))
            for x in xs]


def signed(value):
    return f"{value:+.0f}".replace("-", "−")


def cut_phrase(cuts, verb="cuts p99.9 by", other="changes p99.9 by"):
    """"cuts p99.9 by 27–41% at every load", or the signed changes when some load is slower."""
    if all(c > 0 for c in cuts):
        return f"{verb} {span(cuts)}% at every load"
    changes = [-c for c in cuts]
    return f"{other} {signed(min(changes))}% to {signed(max(changes))}% across loads"


def tail_vs_rate(rows):
    t = Quantities(rows)
    xs = t.xs()
    low, middle, high = xs[0], xs[len(xs) // 2], xs[-1]
    servers = t.mean("replication", "servers", low)
    replication = percent_cuts(t, "replication", xs)
    gains = cut_phrase(replication, "gains", "changes it by")
    at = ", ".join(f"{t.mean('none', 'p999_ms', x):.1f} → {t.mean('coin', 'p999_ms', x):.1f} ms "
                   f"at {x_text(x)}/s" for x in (low, middle, high))
    accuracy_low, accuracy_high = t.mean("coin", "accuracy", low), t.mean("coin", "accuracy", high)
    return paragraph(f"""
        **Tail latency against load** (`tail-vs-rate`): the default cloud (k = 2, r = 1, 5%
        stragglers 10× slower) at {x_text(low)}–{x_text(high)} queries/s. COIN's coded server
        {cut_phrase(percent_cuts(t, "coin", xs))} ({at}), where replication with the same
        k + r = {servers:.0f} servers {gains} — one replica covers only one of the k models.
        The price is accuracy: {t.mean("none", "accuracy", low):.3f} without coding, COIN
        {accuracy_low:.3f} at {x_text(low)}/s {direction(accuracy_low, accuracy_high)}
        {accuracy_high:.3f} at {x_text(high)}/s as more outputs are decoded.""")


def varying_k(rows):
    t = Quantities(rows)
    ks = t.xs()
    coin = [t.mean("coin", "p999_ms", k) for k in ks]
    none_low, none_high = t.mean("none", "p999_ms", ks[0]), t.mean("none", "p999_ms", ks[-1])
    return paragraph(f"""
        **Varying k** (`varying-k`, r = 1): COIN's p99.9 is {span(coin, 1)} ms for
        k = {", ".join(x_text(k) for k in ks)}, while waiting for all k models goes from
        {none_low:.1f} to {none_high:.1f} ms; one coded server for k originals costs relatively
        less as k grows (k + 1 servers).""")


def background_load(rows):
    t = Quantities(rows)
    high = t.xs()[-1]
    coin, none = t.mean("coin", "p999_ms", high), t.mean("none", "p999_ms", high)
    return paragraph(f"""
        **Background load** (`background-load`): other tenants' jobs at
        {x_text(t.xs()[0])}–{x_text(high)} per second per host (1 Mflop each) raise every tail;
        at {x_text(high)}/s COIN's p99.9 is {100 * coin / none:.0f}% of uncoded ({coin:.1f} against
        {none:.1f} ms).""")


def deadline(rows):
    t = Quantities(rows)
    xs = t.xs()
    early, settled, first = xs[1], xs[-2], xs[0]
    waiting = ["none", "coin", "averaging", "replication"]
    at_early = {s: t.mean(s, "accuracy", early) for s in waiting}
    at_settled = [t.mean(s, "accuracy", settled) for s in waiting]
    backup = t.mean("cheap-backup", "accuracy", first)
    return paragraph(f"""
        **The latency–accuracy trade-off** (`deadline`): with a deadline and the default answer
        for what is missing, accuracy by a {x_text(early)} ms deadline is
        {at_early["none"]:.3f} uncoded, {at_early["coin"]:.3f} with COIN,
        {at_early["averaging"]:.3f} with averaging and {at_early["replication"]:.3f} with
        replication; by {x_text(settled)} ms the four are within
        {max(at_settled) - min(at_settled):.3f} of each other. Cheap backups (a 784-16-10 MLP
        per task on the third server, about a twelfth of a task model's multiply-adds) answer
        almost everything by {x_text(first)} ms, at {backup:.3f} — in this cloud the fastest
        strategy by far.""")


MERGES = ["coin", "averaging", "task-arithmetic"]
TRAINED = ["learned", "cheap-backup"]


def degraded_accuracy(rows):
    t = Quantities(rows)
    settings = t.settings("degraded")

    def value(method, setting):
        r = t.get(method, "degraded", setting=setting)
        return f"{float(r['mean']):.3f} ± {float(r['sd']):.3f}"

    best, worst = [], []
    for setting in settings:
        merges = sorted(MERGES, key=lambda m: t.mean(m, "degraded", setting=setting))
        if merges[-1] == "coin":
            best.append(setting)
        elif merges[0] == "coin":
            worst.append(setting)
    largest_sd = max(t.spread(m, "degraded", s) for m in MERGES for s in settings)
    trained_best = all(min(t.mean(m, "degraded", setting=s) for m in TRAINED) >
                       max(t.mean(m, "degraded", setting=s) for m in MERGES) for s in settings)
    gap = max(t.mean("available", "available", setting=s) -
              min(t.mean(m, "degraded", setting=s) for m in TRAINED) for s in settings)

    def listed(names):
        return "; ".join(f"{s} ({', '.join(f'{m} {value(m, s)}' for m in MERGES)})"
                         for s in names) or "no setting"

    seeds = t.get("coin", "degraded", setting=settings[0])["seeds"]
    return paragraph(f"""
        **Degraded accuracy per method** (`degraded-accuracy`, accuracy only): Fashion-MNIST and
        MNIST, k = 2, 3, 4 MLPs, r = 1, {seeds} seeds. Among the merges COIN has the best mean in
        {listed(best)}, and the worst in {listed(worst)}; with {seeds} seeds and spreads up to
        ± {largest_sd:.2f} most of these gaps are within noise (the paired tests of
        `coinsim coin`, docs/results.md). The learned model and the cheap backups are
        {"above every merge in every setting" if trained_best else "not above every merge"},
        within {gap:.3f} of the available accuracy.""")


def frontier_rows(rows, model):
    return [r for r in rows if r["model"] == model]


def crossing(rows, model, method="learned"):
    """(last budget below COIN, first budget at or above it) of a budgeted method."""
    coin = next(r for r in frontier_rows(rows, model) if r["method"] == "coin")
    budgeted = sorted((r for r in frontier_rows(rows, model) if r["method"] == method),
                      key=lambda r: float(r["steps"]))
    below = [r for r in budgeted if r["degraded_task_mean"] < coin["degraded_task_mean"]]
    above = [r for r in budgeted if r["degraded_task_mean"] >= coin["degraded_task_mean"]]
    return coin, (below[-1] if below else None), (above[0] if above else None)


def compute_frontier(rows):
    parts = []
    for model, name in (("mlp", "MLP"), ("lenet5", "LeNet-5")):
        coin, below, above = crossing(rows, model)
        if above is None:
            parts.append(f"{name}: the learned model stays below COIN's "
                         f"{coin['degraded_task_mean']:.3f} at every budget")
            continue
        parts.append(
            f"{name}: {below['degraded_task_mean']:.3f} at {below['steps']} steps, "
            f"{above['degraded_task_mean']:.3f} at {above['steps']} against COIN's "
            f"{coin['degraded_task_mean']:.3f} ± {coin['degraded_task_sd']:.3f}" if below else
            f"{name}: {above['degraded_task_mean']:.3f} from the smallest budget, "
            f"{above['steps']} steps")
    finetune = []
    for model in ("mlp", "lenet5"):
        coin, _, _ = crossing(rows, model)
        ahead = [r for r in frontier_rows(rows, model) if r["method"] == "coin-finetune" and
                 r["degraded_task_mean"] >= coin["degraded_task_mean"]]
        finetune.append(min((float(r["steps"]) for r in ahead), default=None))
    first = "never" if None in finetune else f"from {x_text(max(finetune))} steps on"
    return paragraph(f"""
        **Accuracy against construction compute** (`compute-frontier`, a panel per architecture,
        COIN's accuracy dotted; scoring `task`, {rows[0]["seeds"]} seeds): the learned coded
        model overtakes COIN as its budget grows ({"; ".join(parts)}); COIN + fine-tune is at or
        above COIN on both {first}.""")


RENDERERS = {"finding-tail-vs-rate": tail_vs_rate, "finding-varying-k": varying_k,
             "finding-background-load": background_load, "finding-deadline": deadline,
             "finding-degraded-accuracy": degraded_accuracy,
             "finding-compute-frontier": compute_frontier}


def budget_row(rows, model, method, steps):
    return next(r for r in frontier_rows(rows, model)
                if r["method"] == method and str(r["steps"]) == str(steps))


def merges_ranked(rows, model, rule):
    merged = [r for r in frontier_rows(rows, model) if r["steps"] == ""]
    return sorted(merged, key=lambda r: -r[f"degraded_{rule}_mean"])


def frontier_cost(rows):
    """docs/results.md's reading of the frontier table: where distillation catches COIN, at what
    cost, and which merge is best under each scoring rule."""
    sentences = []
    for model, name in (("mlp", "MLP"), ("lenet5", "LeNet-5")):
        coin, below, above = crossing(rows, model)
        seconds = coin["construction_s_median"]
        if above is None:
            sentences.append(f"on {name} the learned model never reaches COIN's "
                             f"{coin['degraded_task_mean']:.3f}")
            continue
        reach = (f"between {below['steps']} and {above['steps']} steps" if below
                 else f"from {above['steps']} steps")
        sentences.append(
            f"on {name} the learned model reaches COIN's {coin['degraded_task_mean']:.3f} "
            f"{reach} ({above['construction_s_median']:.2g} s at {above['steps']}, against "
            f"COIN's {seconds:.2g} s)")
    ranked = []
    for model, name in (("mlp", "MLP"), ("lenet5", "LeNet-5")):
        for rule in ("task", "all"):
            best, second = merges_ranked(rows, model, rule)[:2]
            ranked.append(f"{name} under `{rule}`: {best['method']} "
                          f"{best[f'degraded_{rule}_mean']:.3f} ± "
                          f"{best[f'degraded_{rule}_sd']:.3f}, then {second['method']} "
                          f"{second[f'degraded_{rule}_mean']:.3f} ± "
                          f"{second[f'degraded_{rule}_sd']:.3f}")
    head_start = []
    for model, name in (("mlp", "MLP"), ("lenet5", "LeNet-5")):
        start = budget_row(rows, model, "coin-finetune", 10)
        behind = [r for r in frontier_rows(rows, model) if r["method"] == "learned" and
                  r["degraded_task_mean"] < start["degraded_task_mean"]]
        if behind:
            last = max(behind, key=lambda r: float(r["steps"]))
            head_start.append(f"{name} {start['degraded_task_mean']:.3f}, above the learned model "
                              f"up to {last['steps']} steps ({last['degraded_task_mean']:.3f})")
    return paragraph(f"""
        Read under the task rule, {"; ".join(sentences)}. The best merge built once, and the
        runner-up: {"; ".join(ranked)}. COIN is best used as a starting point: COIN + 10 steps of
        fine-tuning gives {"; ".join(head_start) or "no head start"}.""")


RENDERERS["finding-frontier-cost"] = frontier_cost

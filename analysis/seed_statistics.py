"""Mean and spread over seeds, the one way every table and figure of analysis/ computes them."""
import math


def mean_sd(values):
    """Mean and sample standard deviation (n - 1; 0 for a single value)."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, 0.0
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))


def median(values):
    """The median: what a wall time is summarised by, since noise only ever adds to it (another
    process on the machine, say) and one slow seed must not move the figure."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

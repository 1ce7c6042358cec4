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


# Two-sided 95% quantiles of Student's t by degrees of freedom (1-10).
T_95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228]


def outside_paired_interval(mean, sd, n):
    """Whether a mean of n paired per-seed differences (sample sd `sd`) lies outside the
    two-sided 95% interval of a paired t-test; False when n is outside 2-11."""
    if n < 2 or n - 1 > len(T_95):
        return False
    return sd == 0 and mean != 0 or sd > 0 and abs(mean) / (sd / n ** 0.5) > T_95[n - 2]


def significant(differences):
    """outside_paired_interval for the differences themselves."""
    return outside_paired_interval(*mean_sd(differences), len(differences))

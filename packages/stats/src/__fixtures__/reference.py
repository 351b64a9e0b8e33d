"""Independent reference values for @mle-smith/stats tests.

Reads {"pairs": [[a, b], ...], "matrices": [[[...]]], "bt": [{"wins": [[...]], "lambda": x}]}
as JSON on stdin and prints the reference statistics as JSON. Uses scipy where scipy has the
statistic, and plain numpy formulas written here (not ported from the TypeScript) otherwise.
"""
import json
import sys

import numpy as np
from scipy import optimize, stats


def ccc(a, b):
    # Lin (1989), population moments.
    cov = np.cov(a, b, ddof=0)
    return 2 * cov[0, 1] / (cov[0, 0] + cov[1, 1] + (a.mean() - b.mean()) ** 2)


def icc21(y):
    # Two-way random effects, absolute agreement, single rater, from the sums of squares
    # of a long-format two-way ANOVA without replication.
    n, k = y.shape
    long_vals = y.reshape(-1)
    subj = np.repeat(np.arange(n), k)
    rater = np.tile(np.arange(k), n)
    gm = long_vals.mean()
    ss_subj = sum(k * (long_vals[subj == i].mean() - gm) ** 2 for i in range(n))
    ss_rater = sum(n * (long_vals[rater == j].mean() - gm) ** 2 for j in range(k))
    ss_total = ((long_vals - gm) ** 2).sum()
    ss_err = ss_total - ss_subj - ss_rater
    bms = ss_subj / (n - 1)
    jms = ss_rater / (k - 1)
    ems = ss_err / ((n - 1) * (k - 1))
    return (bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n)


def cronbach(y):
    k = y.shape[1]
    return k / (k - 1) * (1 - y.var(axis=0, ddof=1).sum() / y.sum(axis=1).var(ddof=1))


def bt_fit(wins, lam):
    w = np.asarray(wins, dtype=float)
    n = w.shape[0]

    def negll(theta):
        d = theta[:, None] - theta[None, :]
        ll = (w * -np.logaddexp(0.0, -d)).sum() - lam / 2 * (theta ** 2).sum()
        return -ll

    def grad(theta):
        d = theta[:, None] - theta[None, :]
        p = 1.0 / (1.0 + np.exp(-d))
        g = (w - (w + w.T) * p).sum(axis=1) - lam * theta
        return -g

    res = optimize.minimize(negll, np.zeros(n), jac=grad, method="BFGS", options={"gtol": 1e-10, "maxiter": 10000})
    # BFGS may report "precision loss" at a tight gtol although it sits at the optimum:
    # report the gradient itself and let the test judge.
    return {"theta": res.x.tolist(), "negll": float(res.fun), "maxGrad": float(np.abs(grad(res.x)).max())}


def main():
    data = json.load(sys.stdin)
    out = {"pairs": [], "matrices": [], "bt": []}
    for a, b in data.get("pairs", []):
        a = np.asarray(a, dtype=float)
        b = np.asarray(b, dtype=float)
        d = a - b
        out["pairs"].append({
            "pearson": float(stats.pearsonr(a, b)[0]),
            "r2": float(stats.linregress(a, b).rvalue ** 2),
            "spearman": float(stats.spearmanr(a, b)[0]),
            "kendallTauB": float(stats.kendalltau(a, b, variant="b")[0]),
            "ccc": float(ccc(a, b)),
            "icc21": float(icc21(np.column_stack([a, b]))),
            "cronbachAlpha": float(cronbach(np.column_stack([a, b]))),
            "baBias": float(d.mean()),
            "baSd": float(d.std(ddof=1)),
        })
    for m in data.get("matrices", []):
        y = np.asarray(m, dtype=float)
        out["matrices"].append({"icc21": float(icc21(y)), "cronbachAlpha": float(cronbach(y))})
    for case in data.get("bt", []):
        out["bt"].append(bt_fit(case["wins"], case["lambda"]))
    json.dump(out, sys.stdout)


main()

"""Reference values for the forecasting metrics test, written from the published formulas with
NumPy only: reads cases as JSON (argv[1]), writes {id: value} JSON (argv[2]).

Each case holds whole series (history = train part + the last `horizon` values) and forecasts
for the horizon. The scales are computed here from the train parts, independently of the code
under test:
  MASE  (M4 Competitor's Guide, 2018; Hyndman & Koehler 2006): per series
        mean_h |y - yhat| / mean_{t=m+1..n} |y_t - y_{t-m}|, averaged over series.
  RMSSE (M5 Competitor's Guide, 2020): per series
        sqrt(mean_h (y - yhat)^2 / mean_{t=2..n} (y_t - y_{t-1})^2), averaged over series (unweighted).
  sMAPE (M4): mean 200 |y - yhat| / (|y| + |yhat|), a 0/0 row counting 0.
  WAPE: sum |y - yhat| / sum |y|.
  pinball (M5 uncertainty, unscaled): mean over rows and quantiles of max(q e, (q - 1) e), e = y - yhat_q.
  interval coverage: |share of rows with lower <= y <= upper - nominal level|.
"""
import json
import sys

import numpy as np


def split(series, horizon):
    y = np.asarray(series, dtype=float)
    return y[:-horizon], y[-horizon:]


def mase(case):
    m, h = case["m"], case["horizon"]
    values = []
    for series, forecast in zip(case["series"], case["forecasts"]):
        train, test = split(series, h)
        scale = np.mean(np.abs(train[m:] - train[:-m]))
        values.append(np.mean(np.abs(test - np.asarray(forecast))) / scale)
    return float(np.mean(values))


def rmsse(case):
    h = case["horizon"]
    values = []
    for series, forecast in zip(case["series"], case["forecasts"]):
        train, test = split(series, h)
        scale = np.mean(np.diff(train) ** 2)
        values.append(np.sqrt(np.mean((test - np.asarray(forecast)) ** 2) / scale))
    return float(np.mean(values))


def flat(case):
    h = case["horizon"]
    y = np.concatenate([split(s, h)[1] for s in case["series"]])
    f = np.concatenate([np.asarray(x, dtype=float) for x in case["forecasts"]])
    return y, f


def smape(case):
    y, f = flat(case)
    num = 200 * np.abs(y - f)
    den = np.abs(y) + np.abs(f)
    return float(np.mean(np.divide(num, den, out=np.zeros_like(num), where=den > 0)))


def wape(case):
    y, f = flat(case)
    return float(np.sum(np.abs(y - f)) / np.sum(np.abs(y)))


def pinball(case):
    y = np.asarray(case["y"], dtype=float)[:, None]
    q = np.asarray(case["quantiles"], dtype=float)[None, :]
    e = y - np.asarray(case["pred"], dtype=float)
    return float(np.mean(np.maximum(q * e, (q - 1) * e)))


def interval_coverage(case):
    y = np.asarray(case["y"], dtype=float)
    lower, upper = np.asarray(case["pred"], dtype=float).T
    return float(abs(np.mean((lower <= y) & (y <= upper)) - case["level"]))


def scales(case):
    """The per-series scales themselves, [mase scale, rmsse scale] per series."""
    m, h = case["m"], case["horizon"]
    out = []
    for series in case["series"]:
        train, _ = split(series, h)
        out.append([float(np.mean(np.abs(train[m:] - train[:-m]))), float(np.mean(np.diff(train) ** 2))])
    return out


REFERENCE = {"mase": mase, "rmsse": rmsse, "smape": smape, "wape": wape, "pinball": pinball,
             "interval-coverage": interval_coverage, "scales": scales}

with open(sys.argv[1], encoding="utf-8") as f:
    cases = json.load(f)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump({c["id"]: REFERENCE[c["metric"]](c) for c in cases}, f)

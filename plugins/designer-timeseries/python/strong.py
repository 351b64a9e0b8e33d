"""Tier strong: gradient boosting (HistGradientBoostingRegressor) on lags and calendar features,
one model over all series, applied recursively step by step.

The model predicts the seasonal difference z_t = y_t - y_{t-m} (m = 1 without a season) divided
by the series' scale (mean |z| over its history), from the previous scaled differences, the
scaled level relative to the last value, the position in the season and calendar parts of the
time (month, quarter, day of week, hour), so series of different scales share one model and
trends carry on. The forecast adds the predicted difference back to y_{t-m}.

Which to use is checked on the last H steps of the training part of every series (a holdout, same
horizon): if the boosted forecast is not better there than the seasonal naive one (mean absolute
scaled error), the seasonal naive forecast is used, so the rung never falls below the simple one
by design choice alone.
"""
import datetime

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

import pandas as pd

from series import SEED, SeriesTask, log, run_task, seasonal_naive

N_LAGS = 6


def calendar(times):
    """Month, quarter, day of week and hour of ISO time texts (2000, 2000-01, 2000-Q1, dates, datetimes); 0 where absent."""
    out = []
    for text in times:
        s = str(text)
        month = quarter = dow = hour = 0
        if len(s) == 7 and s[5] == "Q":
            quarter = int(s[6])
            month = (quarter - 1) * 3 + 1
        elif len(s) >= 7 and s[4] == "-":
            month = int(s[5:7])
            quarter = (month - 1) // 3 + 1
        if len(s) >= 10:
            dow = datetime.date(int(s[:4]), month, int(s[8:10])).weekday()
        if len(s) >= 13:
            hour = int(s[11:13])
        out.append([month, quarter, dow, hour])
    return np.asarray(out, dtype=float).reshape(-1, 4)


def series_scale(y, m):
    d = np.abs(y[m:] - y[:-m]) if len(y) > m else np.abs(np.diff(y))
    s = float(np.mean(d)) if len(d) else 0.0
    return s if s > 0 else (float(np.std(y)) or 1.0)


def row_features(y, t, m, scale, cal):
    """Features of step t (predicting y[t]) from y[:t]: scaled seasonal differences at lags 1..N_LAGS,
    the scaled distance of y[t-1] and y[t-m] from each other, position in the season, calendar."""
    z = [(y[t - k] - y[t - k - m]) / scale if t - k - m >= 0 else 0.0 for k in range(1, N_LAGS + 1)]
    level = (y[t - 1] - y[t - m]) / scale if t - m >= 0 else 0.0
    return z + [level, float(t % m) if m > 1 else 0.0, *cal]


def training_rows(histories, m):
    X, Z = [], []
    for y, scale, cal in histories:
        for t in range(max(m, 1) + 1, len(y)):
            X.append(row_features(y, t, m, scale, cal[t]))
            Z.append((y[t] - y[t - m]) / scale)
    return np.asarray(X, dtype=float), np.asarray(Z, dtype=float)


def recursive(model, histories, steps, m):
    """Forecasts `steps` values for every (y, scale, future calendar) history at once: one
    prediction call per step for all series, each step fed back as history for the next."""
    ys = [list(y) for y, _, _ in histories]
    for h in range(steps):
        X = np.asarray([row_features(y, len(y), m, scale, cal[h]) for y, (_, scale, cal) in zip(ys, histories)], dtype=float)
        z = model.predict(X)
        for y, (_, scale, _), dz in zip(ys, histories, z):
            y.append(y[len(y) - m] + dz * scale)
    return [np.asarray(y[-steps:]) for y in ys]


def fit(histories, m):
    X, Z = training_rows(histories, m)
    model = HistGradientBoostingRegressor(learning_rate=0.1, max_iter=150, max_leaf_nodes=15, min_samples_leaf=10, l2_regularization=1.0, random_state=SEED)
    return model.fit(X, Z)


def scaled_error(forecasts, truths, scales):
    return float(np.mean([np.mean(np.abs(f - t)) / s for f, t, s in zip(forecasts, truths, scales)]))


def build_and_predict(task):
    m = task.season
    H = task.horizon
    keys = sorted(task.train["__key"].unique())
    series = []
    for key in keys:
        rows = task.train[task.train["__key"] == key]
        series.append((rows[task.target].to_numpy(dtype=float), calendar(rows[task.time_column])))
    # Holdout: the last H steps of each series' training part, where it is long enough.
    hold = [(y[:-H], series_scale(y[:-H], m), c[:-H], y[-H:], c[-H:]) for y, c in series if len(y) > 2 * H + m + 1]
    use_boosting = True
    if hold:
        model = fit([(y, s, c) for y, s, c, _, _ in hold], m)
        boosted = scaled_error(recursive(model, [(y, s, fc) for y, s, _, _, fc in hold], H, m), [t for *_, t, _ in hold], [s for _, s, *_ in hold])
        naive = scaled_error([seasonal_naive(y, H, m) for y, *_ in hold], [t for *_, t, _ in hold], [s for _, s, *_ in hold])
        use_boosting = boosted < naive
        log(f"holdout scaled MAE: boosting {boosted:.4f}, seasonal naive {naive:.4f} -> {'boosting' if use_boosting else 'seasonal naive'}")
    futures = [task.future(key) for key in keys]
    if use_boosting:
        model = fit([(y, series_scale(y, m), c) for y, c in series], m)
        horizon = max(len(f) for f in futures)
        forecasts = recursive(model, [(y, series_scale(y, m), calendar(list(f[task.time_column]) + [f[task.time_column].iloc[-1]] * (horizon - len(f)))) for (y, _), f in zip(series, futures)], horizon, m)
    else:
        forecasts = [seasonal_naive(y, max(len(f) for f in futures), m) for y, _ in series]
    values = pd.Series(np.nan, index=task.test.index)
    for f, forecast in zip(futures, forecasts):
        values.loc[f.index] = forecast[: len(f)]
    return {"values": values.to_numpy()}


if __name__ == "__main__":
    run_task(SeriesTask, build_and_predict)

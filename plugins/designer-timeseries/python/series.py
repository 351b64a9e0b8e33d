"""The series baselines' shared module: reads a forecasting task (train.csv / test.csv with an
id, a time column as ISO text, optional series columns and known-in-advance columns), splits it
into series, and turns per-series forecasts back into one value per test row.

task_public.json carries `timeColumn`, `seriesColumns`, `horizon`, `seasonalPeriod` and
`frequency` (the task's `timeseries` field). Imports numpy and pandas only.
"""
import numpy as np
import pandas as pd

from mle_smith_baseline import N_JOBS, SEED, TEST_PATH, TRAIN_PATH, Task, log, run as run_task  # noqa: F401  (re-exported for the tier scripts)


class SeriesTask(Task):
    modality = "time-series"

    def __init__(self):
        super().__init__()
        spec = self.spec
        self.time_column = spec["timeColumn"]
        self.series_columns = list(spec.get("seriesColumns") or [])
        self.horizon = int(spec["horizon"])
        self.season = max(1, int(spec.get("seasonalPeriod") or 1))
        self.frequency = spec.get("frequency", "")
        text = {c: str for c in [self.id_column, self.time_column, *self.series_columns]}
        train = pd.read_csv(TRAIN_PATH, dtype=text, keep_default_na=False, na_values=[""])
        test = pd.read_csv(TEST_PATH, dtype=text, keep_default_na=False, na_values=[""])
        self.set_frames(train, test)
        self.known_columns = [c for c in test.columns if c not in (self.id_column, self.time_column, *self.series_columns)]
        self.train = self.train.assign(__key=self.keys(self.train)).sort_values(["__key", self.time_column], kind="stable")
        self.test = self.test.assign(__key=self.keys(self.test))
        log(f"series={self.train['__key'].nunique()} train={len(self.train)} test={len(self.test)} H={self.horizon} m={self.season}")

    def keys(self, frame):
        if not self.series_columns:
            return pd.Series("all", index=frame.index)
        return frame[self.series_columns].astype(str).agg("|".join, axis=1)

    def history(self, key):
        """The training values of one series, oldest first."""
        rows = self.train[self.train["__key"] == key]
        return rows[self.target].to_numpy(dtype=float)

    def future(self, key):
        """The test rows of one series in time order."""
        return self.test[self.test["__key"] == key].sort_values(self.time_column, kind="stable")


def seasonal_naive(history, steps, season):
    """y[T+h] = y[T+h-m*k] with k the smallest whole number of seasons reaching back into history."""
    history = np.asarray(history, dtype=float)
    if season <= 1 or len(history) < season:
        return np.full(steps, history[-1])
    last = history[-season:]
    return np.array([last[h % season] for h in range(steps)])


def forecast_rows(task, forecast_series):
    """Calls forecast_series(task, key, history, future_rows) for every series of the test set and
    returns one value per test row, in test.csv's order."""
    values = pd.Series(np.nan, index=task.test.index)
    for key in sorted(task.test["__key"].unique()):
        future = task.future(key)
        history = task.history(key)
        if len(history) == 0:
            raise SystemExit(f"series {key} has no training rows")
        values.loc[future.index] = np.asarray(forecast_series(task, key, history, future), dtype=float)
    return {"values": values.to_numpy()}


def run(forecast_series):
    run_task(SeriesTask, lambda task: forecast_rows(task, forecast_series))

"""Tier simple: the seasonal naive forecast — each future step repeats the value one season
(m = seasonalPeriod steps) earlier; the naive forecast when there is no season (m = 1)."""
from series import run, seasonal_naive


def forecast(task, key, history, future):
    return seasonal_naive(history, len(future), task.season)


if __name__ == "__main__":
    run(forecast)

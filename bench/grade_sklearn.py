"""The pandas + scikit-learn side of bench/grade.mjs: read answers and submission with
pandas.read_csv, line them up by id, score with sklearn. Prints one JSON line."""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_error, roc_auc_score


def main():
    metric, answers_path, submission_path, target, pred = sys.argv[1:6]
    t0 = time.perf_counter()
    answers = pd.read_csv(answers_path)
    sub = pd.read_csv(submission_path)
    # join by id like the grader; skip the merge when both files list the ids in the same order
    if len(sub) == len(answers) and (sub["id"].values == answers["id"].values).all():
        y_true, y_pred = answers[target].values, sub[pred].values
    else:
        merged = answers.merge(sub, on="id", how="inner", suffixes=("", "_pred"))
        y_true, y_pred = merged[target].values, merged[pred if pred != target else target + "_pred"].values
    if metric == "roc_auc":
        score = roc_auc_score(y_true, y_pred)
    else:
        score = float(np.sqrt(mean_squared_error(y_true, y_pred)))
    print(json.dumps({"score": float(score), "seconds": time.perf_counter() - t0}))


main()

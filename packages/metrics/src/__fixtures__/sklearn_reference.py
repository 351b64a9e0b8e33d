"""Reference values for the metrics test: reads cases as JSON (argv[1]), writes {id: value} JSON
(argv[2]). Every value comes from scikit-learn / scipy, except map@k list form (Kaggle ml_metrics
apk, written out below since sklearn has no MAP@k)."""
import json
import sys
import warnings

import numpy as np
from scipy import stats
from sklearn import metrics as M
from sklearn.preprocessing import MultiLabelBinarizer

warnings.simplefilter("ignore")


def apk(actual, predicted, k):
    if len(predicted) > k:
        predicted = predicted[:k]
    score, hits = 0.0, 0.0
    for i, p in enumerate(predicted):
        if p in actual and p not in predicted[:i]:
            hits += 1.0
            score += hits / (i + 1.0)
    if not actual:
        return 0.0
    return score / min(len(actual), k)


def pos_of(case, labels):
    p = case["params"].get("pos_label")
    if p is not None:
        return p
    return sorted(labels)[-1]


def compute(case):
    name, t, p, params = case["metric"], case["yTrue"], case["yPred"], case["params"]
    classes = params.get("classes")
    if name == "accuracy":
        return M.accuracy_score(t, p)
    if name == "balanced_accuracy":
        return M.balanced_accuracy_score(t, p)
    if name == "mcc":
        return M.matthews_corrcoef(t, p)
    if name == "cohen_kappa":
        return M.cohen_kappa_score(t, p, labels=classes)
    if name == "cohen_kappa_quadratic":
        return M.cohen_kappa_score(t, p, labels=classes, weights="quadratic")
    for m, fn in (("precision", M.precision_score), ("recall", M.recall_score), ("f1", M.f1_score)):
        if name == m:
            return fn(t, p, average="binary", pos_label=pos_of(case, set(t) | set(p)), zero_division=0)
        for avg in ("macro", "micro", "weighted"):
            if name == f"{m}_{avg}":
                return fn(t, p, average=avg, zero_division=0)
    if name in ("roc_auc", "average_precision"):
        if len(p) and isinstance(p[0], list):
            return M.roc_auc_score(t, np.array(p), multi_class="ovr", average="macro", labels=classes)
        labels = classes if classes else set(t)
        truth = [1 if v == pos_of(case, labels) else 0 for v in t]
        fn = M.roc_auc_score if name == "roc_auc" else M.average_precision_score
        return fn(truth, p)
    if name == "log_loss":
        return M.log_loss(t, np.array(p), labels=classes)
    t, p = (np.array(t, dtype=float), np.array(p, dtype=float)) if name in ("rmse", "mae", "mape", "r2", "rmsle", "spearman", "pearson") else (t, p)
    if name == "rmse":
        return float(np.sqrt(M.mean_squared_error(t, p)))
    if name == "mae":
        return M.mean_absolute_error(t, p)
    if name == "mape":
        return M.mean_absolute_percentage_error(t, p)
    if name == "r2":
        return M.r2_score(t, p)
    if name == "rmsle":
        return float(np.sqrt(M.mean_squared_log_error(t, p)))
    if name == "spearman":
        return stats.spearmanr(t, p).correlation
    if name == "pearson":
        return stats.pearsonr(t, p)[0]
    if name == "ndcg@k":
        return M.ndcg_score(np.array(t), np.array(p), k=params.get("k"))
    if name == "map@k":
        k = params.get("k", 10**9)
        if case.get("form") == "matrix":
            # full ranking, no tied scores: AP@n is sklearn's average precision per query
            return float(np.mean([M.average_precision_score(np.array(a) > 0, b) if sum(a) > 0 else 0.0 for a, b in zip(t, p)]))
        return float(np.mean([apk(a, b, k) for a, b in zip(t, p)]))
    if name in ("f1_samples", "multilabel_f1_macro", "multilabel_f1_micro", "jaccard_samples"):
        mlb = MultiLabelBinarizer(classes=classes)
        yt = mlb.fit_transform(t)
        yp = mlb.transform(p)
        if name == "jaccard_samples":
            return M.jaccard_score(yt, yp, average="samples", zero_division=0)
        avg = name.rsplit("_", 1)[1]
        return M.f1_score(yt, yp, average=avg, zero_division=0)
    raise ValueError(f"no reference for {name}")


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    out = {}
    for case in cases:
        try:
            v = float(compute(case))
            out[case["id"]] = v if np.isfinite(v) else f"non-finite: {v}"
        except Exception as e:  # reported per case so one bad case names itself
            out[case["id"]] = f"error: {type(e).__name__}: {e}"
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)


main()

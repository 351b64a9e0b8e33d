"""MLE-Smith's grader in Python, for exported competitions (MLE-bench, MLE-Dojo).

A port of @mle-smith/metrics (src/grader.ts, src/submission.ts and the metric files): the same
submission checks and the same metric definitions, so an exported task scores a submission
exactly as `mle-smith grade` does (to 1e-9; most metrics to the bit). Exporters copy this file
verbatim next to each competition's grader, so a harness needs only pandas and numpy.

    grade(submission, answers, task) -> float
        submission, answers: DataFrames as pandas.read_csv reads them; task: the task.json
        fields "target", "metric" {name, params} and "submission" {idColumn,
        predictionColumns [{name, type}], classes}. Raises InvalidSubmission for a submission
        the grader rejects and BrokenTask when the answers or the task cannot be scored.

    python3 mle_smith_grade.py TASK_JSON ANSWERS_CSV SUBMISSION_CSV...
        grades each submission, one JSON line each: {"score": x} | {"invalid": msg} | {"error": msg}.
    python3 mle_smith_grade.py --metrics
        the metric names it implements, as a JSON list ("map@k"/"ndcg@k" also take "@5" etc.).

Known difference (the harness, not us, reads the CSV files): pandas reads cells such as "NA",
"null" or "None" as missing values, so a label spelled like that is an empty label here.
"""
import json
import math
import re
import sys

import numpy as np
import pandas as pd

PROBABILITY_SUM_TOLERANCE = 1e-4
LOG_LOSS_EPS = 2.220446049250313e-16


class InvalidSubmission(Exception):
    """The submission is invalid; the message names the line (header = line 1) and column."""


class BrokenTask(Exception):
    """The answers or the task description cannot be scored (not the submission's fault)."""


# ---------------------------------------------------------------------------------------------
# values: pandas cells to the text / numbers the TypeScript grader sees

_JS_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_JS_RADIX = re.compile(r"0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")


def js_number(text):
    """JavaScript's Number(string): decimal, hex/octal/binary, Infinity; anything else is nan."""
    s = text.strip()
    if s == "":
        return 0.0
    if _JS_NUMBER.fullmatch(s):
        return float(s)
    if _JS_RADIX.fullmatch(s):
        return float(int(s, 0))
    if s in ("Infinity", "+Infinity"):
        return math.inf
    if s == "-Infinity":
        return -math.inf
    return math.nan


def js_number_text(x):
    """JavaScript's String(number) for the numbers a CSV holds (integers print without ".0")."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    r = repr(x)
    if "e" in r:
        mant, exp = r.split("e")
        return f"{mant}e{'+' if int(exp) > 0 else '-'}{abs(int(exp))}"
    return r


def is_missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT


def cell_text(v):
    """A cell as the text of the CSV it came from (None when missing)."""
    if is_missing(v):
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return "True" if v else "False"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(v)


def label_key(v):
    """A label compared by its string form, as the TS grader's labelKey (numbers print JS-style)."""
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer, float, np.floating)):
        return js_number_text(v)
    if v is None:
        raise BrokenTask("label is missing (null/undefined)")
    return str(v)


def is_numeric_series(s):
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def sort_labels(keys):
    """Numerically when every label is a number, else by code point (np.unique's order)."""
    nums = [math.nan if k.strip() == "" else js_number(k) for k in keys]
    if all(math.isfinite(x) for x in nums):
        return [k for _, k in sorted(zip(nums, keys))]
    return sorted(keys)


def classes_param(params):
    c = params.get("classes")
    if c is None:
        c = params.get("labels")
    if c is None:
        return None
    if not isinstance(c, list):
        raise BrokenTask("params.classes must be an array of labels")
    return [label_key(x) for x in c]


def positive_label(labels, params):
    p = params.get("pos_label")
    if p is not None:
        return label_key(p)
    if not labels:
        raise BrokenTask("no labels to choose a positive class from")
    return labels[-1]


def k_param(params, fallback):
    k = params.get("k")
    if k is None:
        return fallback
    n = js_number(k) if isinstance(k, str) else float(k)
    if not (math.isfinite(n) and n == int(n) and n >= 1):
        raise BrokenTask(f"params.k must be a positive integer, got {k}")
    return int(n)


def fsum_mean(x):
    return math.fsum(x) / len(x)


# ---------------------------------------------------------------------------------------------
# label metrics

def _check_length(y_true, y_pred, name):
    if len(y_true) != len(y_pred):
        raise BrokenTask(f"{name}: y_true has {len(y_true)} rows but y_pred has {len(y_pred)}")
    if len(y_true) == 0:
        raise BrokenTask(f"{name}: no rows to score")
    return len(y_true)


def _encode(y_true, y_pred, name, labels=None):
    """Integer codes over a shared label list: `labels` when given, else the sorted union."""
    _check_length(y_true, y_pred, name)
    index = {}
    if labels is not None:
        for lab in labels:
            index.setdefault(lab, len(index))
        for what, values in (("y_true", y_true), ("y_pred", y_pred)):
            for i, v in enumerate(values):
                if v not in index:
                    raise BrokenTask(f'{what}: label "{v}" at index {i} is not among the labels')
        order = list(index)
    else:
        for v in list(y_true) + list(y_pred):
            index.setdefault(v, len(index))
        order = sort_labels(list(index))
    code = {lab: i for i, lab in enumerate(order)}
    return order, [code[v] for v in y_true], [code[v] for v in y_pred]


def _confusion(k, t, p):
    c = [[0.0] * k for _ in range(k)]
    for a, b in zip(t, p):
        c[a][b] += 1
    return c


def accuracy(y_true, y_pred, params):
    _, t, p = _encode(y_true, y_pred, "accuracy")
    return sum(1 for a, b in zip(t, p) if a == b) / len(t)


def balanced_accuracy(y_true, y_pred, params):
    labels, t, p = _encode(y_true, y_pred, "balanced_accuracy")
    c = _confusion(len(labels), t, p)
    total, m = 0.0, 0
    for i in range(len(labels)):
        row = sum(c[i])
        if row > 0:
            total += c[i][i] / row
            m += 1
    return total / m


def _per_class(k, t, p):
    tp, pred_sum, support = [0.0] * k, [0.0] * k, [0.0] * k
    for a, b in zip(t, p):
        support[a] += 1
        pred_sum[b] += 1
        if a == b:
            tp[a] += 1
    fp = [pred_sum[c] - tp[c] for c in range(k)]
    fn = [support[c] - tp[c] for c in range(k)]
    return tp, fp, fn, support, pred_sum


def _measure(measure, tp, fp, fn):
    den = tp + fp if measure == "precision" else tp + fn if measure == "recall" else 2 * tp + fp + fn
    if den == 0:
        return 0.0
    return (2 * tp if measure == "f1" else tp) / den


def prf(measure, average):
    name = measure if average == "binary" else f"{measure}_{average}"

    def score(y_true, y_pred, params):
        labels, t, p = _encode(y_true, y_pred, name)
        k = len(labels)
        tp, fp, fn, support, _ = _per_class(k, t, p)
        if average == "binary":
            given = classes_param(params)
            pos = positive_label(labels if given is None else given, params)
            if pos not in labels:
                return 0.0
            i = labels.index(pos)
            return _measure(measure, tp[i], fp[i], fn[i])
        if average == "micro":
            return _measure(measure, sum(tp), sum(fp), sum(fn))
        total, wsum = 0.0, 0.0
        for i in range(k):
            w = support[i] if average == "weighted" else 1
            total += w * _measure(measure, tp[i], fp[i], fn[i])
            wsum += w
        return 0.0 if wsum == 0 else total / wsum

    return score


def mcc(y_true, y_pred, params):
    labels, t, p = _encode(y_true, y_pred, "mcc")
    tp, _, _, support, pred_sum = _per_class(len(labels), t, p)
    n = len(t)
    correct = t_dot_p = t_dot_t = p_dot_p = 0.0
    for c in range(len(labels)):
        correct += tp[c]
        t_dot_p += support[c] * pred_sum[c]
        t_dot_t += support[c] * support[c]
        p_dot_p += pred_sum[c] * pred_sum[c]
    cov_tp = correct * n - t_dot_p
    cov_pp = n * n - p_dot_p
    cov_tt = n * n - t_dot_t
    if cov_pp == 0 or cov_tt == 0:
        return 0.0
    return cov_tp / math.sqrt(cov_tt * cov_pp)


def cohen_kappa(weights):
    name = "cohen_kappa" if weights == "none" else f"cohen_kappa_{weights}"

    def score(y_true, y_pred, params):
        labels, t, p = _encode(y_true, y_pred, name, classes_param(params))
        k = len(labels)
        c = _confusion(k, t, p)
        row_sum, col_sum, n = [0.0] * k, [0.0] * k, 0.0
        for i in range(k):
            for j in range(k):
                row_sum[i] += c[i][j]
                col_sum[j] += c[i][j]
                n += c[i][j]
        observed = expected = 0.0
        for i in range(k):
            for j in range(k):
                w = (0 if i == j else 1) if weights == "none" else abs(i - j) if weights == "linear" else (i - j) * (i - j)
                if w == 0:
                    continue
                observed += w * c[i][j]
                expected += (w * col_sum[i] * row_sum[j]) / n
        # an all-one-class table carries no information (sklearn would return nan)
        if expected == 0:
            return 1.0 if observed == 0 else 0.0
        return 1 - observed / expected

    return score


# ---------------------------------------------------------------------------------------------
# probability metrics

def _binary_truth(y_true, params, name):
    """1/0 positive-class indicator; y_true is a numeric array or a list of label keys."""
    classes = classes_param(params)
    numeric = isinstance(y_true, np.ndarray) and y_true.dtype.kind in "fiu"
    labels = classes
    if labels is None:
        seen = []
        for v in y_true:
            key = float(v) if numeric else label_key(v)
            if key not in seen:
                seen.append(key)
            if len(seen) > 2:
                break
        labels = sort_labels([label_key(x) for x in seen])
    if len(labels) > 2 and params.get("pos_label") is None:
        raise BrokenTask(f"{name}: y_true has more than two classes ({', '.join(labels[:3])}, ...); give probability columns per class for multiclass")
    pos = positive_label(labels, params)
    if numeric:
        return (y_true.astype(float) == js_number(pos)).astype(np.int64)
    return np.array([1 if label_key(v) == pos else 0 for v in y_true], dtype=np.int64)


def binary_roc_auc(truth, scores):
    """Mann-Whitney U with ties counted half (= the trapezoid area under sklearn's ROC curve)."""
    scores = np.where(scores == 0, 0.0, scores)  # -0 ties with +0
    pos = np.sort(scores[truth == 1])
    neg = np.sort(scores[truth == 0])
    if len(pos) == 0 or len(neg) == 0:
        raise BrokenTask("roc_auc: only one class present in y_true; ROC AUC is not defined")
    below = np.searchsorted(neg, pos, side="left")
    upto = np.searchsorted(neg, pos, side="right")
    twice_u = int(np.sum(2 * below + (upto - below), dtype=np.int64))  # exact: counts of halves
    return twice_u / 2 / len(pos) / len(neg)


def _class_index(y_true, classes, name):
    index = {c: i for i, c in enumerate(classes)}
    out = np.empty(len(y_true), dtype=np.int64)
    for i, v in enumerate(y_true):
        key = label_key(v)
        if key not in index:
            raise BrokenTask(f'{name}: y_true label "{key}" at index {i} is not among the classes')
        out[i] = index[key]
    return out


def _matrix_classes(y_true, params):
    given = classes_param(params)
    if given is not None:
        return given
    return sort_labels(list(dict.fromkeys(label_key(v) for v in y_true)))


def roc_auc(y_true, y_pred, params):
    """Binary: y_pred is a vector of scores. Multiclass: an n×k matrix, one-vs-rest macro mean."""
    if len(y_true) == 0:
        raise BrokenTask("roc_auc: no rows to score")
    if y_pred.ndim == 1:
        _check_length(y_true, y_pred, "roc_auc")
        return binary_roc_auc(_binary_truth(y_true, params, "roc_auc"), y_pred)
    classes = _matrix_classes(y_true, params)
    _check_matrix(y_pred, len(y_true), len(classes), "roc_auc")
    y = _class_index(y_true, classes, "roc_auc")
    if len(classes) == 2:
        return binary_roc_auc((y == 1).astype(np.int64), y_pred[:, 1])
    total = 0.0
    for c in range(len(classes)):
        total += binary_roc_auc((y == c).astype(np.int64), y_pred[:, c])
    return total / len(classes)


def _check_matrix(y_pred, n, k, name):
    if y_pred.shape != (n, k):
        raise BrokenTask(f"{name}: y_pred must have {n} rows of {k} probabilities")


def average_precision(y_true, y_pred, params):
    if y_pred.ndim != 1:
        raise BrokenTask(f"average_precision: y_true has {len(y_true)} rows but y_pred has {y_pred.size}")
    _check_length(y_true, y_pred, "average_precision")
    truth = _binary_truth(y_true, params, "average_precision")
    n_pos = int(truth.sum())
    if n_pos == 0:
        raise BrokenTask("average_precision: no positive samples in y_true; average precision is not defined")
    order = np.argsort(-y_pred, kind="stable")
    s = y_pred[order]
    t = truth[order]
    ends = np.flatnonzero(np.append(s[1:] != s[:-1], True))  # last index of each threshold group
    tp = np.cumsum(t)[ends]
    seen = ends + 1
    dtp = np.diff(np.concatenate(([0], tp)))
    keep = dtp > 0
    return math.fsum((dtp[keep] / n_pos) * (tp[keep] / seen[keep]))


def log_loss(y_true, y_pred, params):
    """Mean cross-entropy with probabilities clipped to [eps, 1 - eps] (current sklearn)."""
    n = len(y_true)
    if n == 0:
        raise BrokenTask("log_loss: no rows to score")
    if y_pred.ndim == 1:
        truth = _binary_truth(y_true, params, "log_loss")
        p = np.where(truth == 1, y_pred, 1 - y_pred)
    else:
        classes = _matrix_classes(y_true, params)
        _check_matrix(y_pred, n, len(classes), "log_loss")
        p = y_pred[np.arange(n), _class_index(y_true, classes, "log_loss")]
    p = np.clip(p, LOG_LOSS_EPS, 1 - LOG_LOSS_EPS)
    return math.fsum(-np.log(p)) / n


# ---------------------------------------------------------------------------------------------
# regression metrics (y_true, y_pred: float arrays)

def _pair(y_true, y_pred, name):
    _check_length(y_true, y_pred, name)
    t = np.asarray(y_true, dtype=float)
    p = np.asarray(y_pred, dtype=float)
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(p))):
        raise BrokenTask(f"{name}: values must be finite numbers")
    return t, p


def rmse(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "rmse")
    return math.sqrt(math.fsum((t - p) ** 2) / len(t))


def mae(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "mae")
    return math.fsum(np.abs(t - p)) / len(t)


def mape(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "mape")
    return math.fsum(np.abs(t - p) / np.maximum(np.abs(t), 2.220446049250313e-16)) / len(t)


def r2(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "r2")
    res = math.fsum((t - p) ** 2)
    tot = math.fsum((t - fsum_mean(t)) ** 2)
    if tot == 0:
        return 1.0 if res == 0 else 0.0
    return 1 - res / tot


def rmsle(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "rmsle")
    if np.any(t <= -1) or np.any(p <= -1):
        raise BrokenTask("rmsle: values must be greater than -1")
    return math.sqrt(math.fsum((np.log1p(t) - np.log1p(p)) ** 2) / len(t))


def _pearson_of(x, y):
    if len(x) < 2:
        raise BrokenTask("pearson: needs at least two rows")
    a = x - fsum_mean(x)
    b = y - fsum_mean(y)
    sxx, syy = math.fsum(a * a), math.fsum(b * b)
    if sxx == 0 or syy == 0:
        return 0.0  # a constant input (scipy: nan)
    r = math.fsum(a * b) / (math.sqrt(sxx) * math.sqrt(syy))
    return max(-1.0, min(1.0, r))


def _rank_average(x):
    order = np.argsort(x, kind="stable")
    s = x[order]
    starts = np.flatnonzero(np.concatenate(([True], s[1:] != s[:-1])))
    ends = np.append(starts[1:], len(x))
    group_rank = (starts + 1 + ends) / 2
    ranks = np.empty(len(x))
    ranks[order] = np.repeat(group_rank, ends - starts)
    return ranks


def pearson(y_true, y_pred, params):
    return _pearson_of(*_pair(y_true, y_pred, "pearson"))


def spearman(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "spearman")
    return _pearson_of(_rank_average(t), _rank_average(p))


# ---------------------------------------------------------------------------------------------
# multilabel metrics (rows: lists of labels)

def multilabel_f1(average):
    name = f"f1_{average}"

    def score(y_true, y_pred, params):
        n = _check_length(y_true, y_pred, name)
        t = [set(r) for r in y_true]
        p = [set(r) for r in y_pred]
        if average == "samples":
            total = 0.0
            for a, b in zip(t, p):
                if len(a) + len(b) > 0:
                    total += (2 * len(a & b)) / (len(a) + len(b))
            return total / n
        universe = classes_param(params)
        if universe is None:
            universe = sort_labels(sorted(set().union(*t, *p)))
        index = {lab: i for i, lab in enumerate(universe)}
        tp, fp, fn = [0.0] * len(universe), [0.0] * len(universe), [0.0] * len(universe)
        for i, (a, b) in enumerate(zip(t, p)):
            for lab in a:
                if lab not in index:
                    raise BrokenTask(f'{name}: label "{lab}" in y_true row {i} is not among the classes')
                if lab in b:
                    tp[index[lab]] += 1
                else:
                    fn[index[lab]] += 1
            for lab in b:
                if lab not in index:
                    raise BrokenTask(f'{name}: label "{lab}" in y_pred row {i} is not among the classes')
                if lab not in a:
                    fp[index[lab]] += 1

        def f1(x, y, z):
            return 0.0 if 2 * x + y + z == 0 else (2 * x) / (2 * x + y + z)

        if average == "micro":
            return f1(sum(tp), sum(fp), sum(fn))
        total = 0.0
        for j in range(len(universe)):
            total += f1(tp[j], fp[j], fn[j])
        return 0.0 if not universe else total / len(universe)

    return score


def jaccard_samples(y_true, y_pred, params):
    n = _check_length(y_true, y_pred, "jaccard_samples")
    total = 0.0
    for a, b in zip(y_true, y_pred):
        a, b = set(a), set(b)
        union = len(a | b)
        if union > 0:
            total += len(a & b) / union
    return total / n


# ---------------------------------------------------------------------------------------------
# ranking metrics (y_true rows: [items] or {item: relevance}; y_pred rows: ranked items)

def _relevance(row, i):
    if isinstance(row, dict):
        for key, r in row.items():
            if not (math.isfinite(r) and r >= 0):
                raise BrokenTask(f'y_true row {i}: relevance of "{key}" must be a non-negative number')
        return row
    return dict.fromkeys(row, 1.0)


def _discounts(n, k):
    return [1 / math.log2(i + 2) if i < k else 0.0 for i in range(n)]


def _tie_averaged_dcg(rel, score, k):
    n = len(rel)
    order = sorted(range(n), key=lambda j: -score[j])
    disc = _discounts(n, k)
    dcg, i = 0.0, 0
    while i < n and i < k:
        j, gain, dsum = i, 0.0, 0.0
        while j < n and score[order[j]] == score[order[i]]:
            gain += rel[order[j]]
            dsum += disc[j]
            j += 1
        dcg += (gain / (j - i)) * dsum
        i = j
    return dcg


def _ideal_dcg(rel, k):
    ordered = sorted(rel, reverse=True)
    disc = _discounts(len(ordered), k)
    s = 0.0
    for i in range(min(len(ordered), k)):
        s += ordered[i] * disc[i]
    return s


def ndcg(y_true, y_pred, params):
    """sklearn ndcg_score: linear gains, log2 discounts, tied scores share their mean gain."""
    n = _check_length(y_true, y_pred, "ndcg@k")
    k = k_param(params, math.inf)
    total = 0.0
    for i in range(n):
        rel_map = _relevance(y_true[i], i)
        ranked = list(dict.fromkeys(y_pred[i]))
        items = ranked + [x for x in rel_map if x not in ranked]
        rel = [rel_map.get(x, 0.0) for x in items]
        score = [len(ranked) - j if j < len(ranked) else 0 for j in range(len(items))]
        ideal = _ideal_dcg(rel, k)
        if ideal > 0:
            total += _tie_averaged_dcg(rel, score, k) / ideal
    return total / n


def map_at_k(y_true, y_pred, params):
    """Kaggle's mapk: precision at each new relevant hit within k, over min(#relevant, k)."""
    n = _check_length(y_true, y_pred, "map@k")
    k = k_param(params, math.inf)
    total = 0.0
    for i in range(n):
        actual = set(_relevance(y_true[i], i))
        if not actual:
            continue
        seen, hits, score = set(), 0, 0.0
        for j, item in enumerate(y_pred[i][: k if k != math.inf else None]):
            if item in actual and item not in seen:
                hits += 1
                score += hits / (j + 1)
            seen.add(item)
        total += score / min(len(actual), k)
    return total / n


# ---------------------------------------------------------------------------------------------
# forecasting metrics (src/forecasting.ts): MASE (M4), RMSSE (M5), sMAPE (M4), WAPE, pinball,
# interval coverage. MASE / RMSSE read the answers' series key and per-series scale columns,
# which align() passes in params["answerColumns"].

FORECAST_ANSWER_PARAMS = ("seriesColumn", "scaleColumn")


def _answer_column(params, key, name):
    col_name = params.get(key)
    if col_name is None:
        return None
    col = (params.get("answerColumns") or {}).get(col_name)
    if col is None:
        raise BrokenTask(f'{name}: the answers have no column "{col_name}" (params.{key})')
    return list(col)


def _series_scales(n, params, name):
    """(series index per row, per-series scales): series in first-seen order, one series without a series column."""
    m = params.get("seasonalPeriod")
    if m is not None and not (isinstance(m, (int, float)) and not isinstance(m, bool) and float(m).is_integer() and m >= 1):
        raise BrokenTask(f"{name}: params.seasonalPeriod must be a positive integer, got {m}")
    series_col = _answer_column(params, "seriesColumn", name)
    scale_col = _answer_column(params, "scaleColumn", name)
    if scale_col is None:
        raise BrokenTask(f"{name}: needs the per-series scale; params.scaleColumn must name an answers column")
    scale_of_row = [float(v) if isinstance(v, (int, float, np.integer, np.floating)) else js_number(cell_text(v) or "") for v in scale_col]
    index, scales, series = {}, [], np.empty(n, dtype=np.int64)
    for i in range(n):
        key = label_key(series_col[i]) if series_col is not None else "all"
        x = scale_of_row[i]
        if not math.isfinite(x):
            raise BrokenTask(f"{name} scale: value at index {i} is not a finite number")
        s = index.get(key)
        if s is None:
            s = index[key] = len(index)
            scales.append(x)
            if not x > 0:
                raise BrokenTask(f'{name}: series "{key}" has scale {js_number_text(x)}; a scaled error needs a positive scale')
        elif x != scales[s]:
            raise BrokenTask(f'{name}: series "{key}" has two scales')
        series[i] = s
    return series, np.array(scales)


def _per_series_mean(t, p, params, name, per_row, of_series):
    series, scales = _series_scales(len(t), params, name)
    errors = per_row(t - p)
    values = [of_series(fsum_mean(errors[series == s]), scales[s]) for s in range(len(scales))]
    return math.fsum(values) / len(values)


def mase(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "mase")
    return _per_series_mean(t, p, params, "mase", np.abs, lambda e, scale: e / scale)


def rmsse(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "rmsse")
    return _per_series_mean(t, p, params, "rmsse", np.square, lambda e, scale: math.sqrt(e / scale))


def smape(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "smape")
    num = 200 * np.abs(t - p)
    den = np.abs(t) + np.abs(p)
    return math.fsum(np.divide(num, den, out=np.zeros_like(num), where=den > 0)) / len(t)


def wape(y_true, y_pred, params):
    t, p = _pair(y_true, y_pred, "wape")
    total = math.fsum(np.abs(t))
    if total == 0:
        raise BrokenTask("wape: every true value is 0, so sum |y| is 0 and WAPE is not defined")
    return math.fsum(np.abs(t - p)) / total


def _quantiles_param(params):
    q = params.get("quantiles")
    if not isinstance(q, list) or not q or not all(isinstance(x, (int, float)) and not isinstance(x, bool) and 0 < x < 1 for x in q):
        raise BrokenTask("pinball: params.quantiles must be a non-empty list of numbers in (0, 1)")
    return [float(x) for x in q]


def pinball(y_true, y_pred, params):
    """y_pred: an (n, k) matrix, one column per quantile of params["quantiles"]."""
    q = np.array(_quantiles_param(params))[None, :]
    e = np.asarray(y_true, dtype=float)[:, None] - y_pred
    return math.fsum(np.maximum(q * e, (q - 1) * e).ravel()) / e.size


def interval_coverage(y_true, y_pred, params):
    """y_pred: an (n, 2) matrix of lower and upper bounds; |coverage - params["level"]|, lower is better."""
    level = params.get("level")
    if not isinstance(level, (int, float)) or isinstance(level, bool) or not 0 < level < 1:
        raise BrokenTask(f"interval-coverage: params.level must be the nominal coverage in (0, 1), got {level}")
    y = np.asarray(y_true, dtype=float)
    covered = int(np.count_nonzero((y_pred[:, 0] <= y) & (y <= y_pred[:, 1])))
    return abs(covered / len(y) - level)


# ---------------------------------------------------------------------------------------------
# the registry: name → (kind, higher_is_better, function)

METRICS = {
    "accuracy": ("label", True, accuracy),
    "balanced_accuracy": ("label", True, balanced_accuracy),
    "mcc": ("label", True, mcc),
    "cohen_kappa": ("label", True, cohen_kappa("none")),
    "cohen_kappa_quadratic": ("label", True, cohen_kappa("quadratic")),
    **{m: ("label", True, prf(m, "binary")) for m in ("precision", "recall", "f1")},
    **{f"{m}_{a}": ("label", True, prf(m, a)) for m in ("precision", "recall", "f1") for a in ("macro", "micro", "weighted")},
    "roc_auc": ("probability", True, roc_auc),
    "average_precision": ("probability", True, average_precision),
    "log_loss": ("probability", False, log_loss),
    "rmse": ("score", False, rmse),
    "mae": ("score", False, mae),
    "mape": ("score", False, mape),
    "r2": ("score", True, r2),
    "rmsle": ("score", False, rmsle),
    "spearman": ("score", True, spearman),
    "pearson": ("score", True, pearson),
    "map@k": ("ranking", True, map_at_k),
    "ndcg@k": ("ranking", True, ndcg),
    "f1_samples": ("label-list", True, multilabel_f1("samples")),
    "multilabel_f1_macro": ("label-list", True, multilabel_f1("macro")),
    "multilabel_f1_micro": ("label-list", True, multilabel_f1("micro")),
    "jaccard_samples": ("label-list", True, jaccard_samples),
    "mase": ("score", False, mase),
    "rmsse": ("score", False, rmsse),
    "smape": ("score", False, smape),
    "wape": ("score", False, wape),
    "pinball": ("quantiles", False, pinball),
    "interval-coverage": ("interval", False, interval_coverage),
}

# metrics that read answers columns besides the id and the target: params keys naming them
ANSWER_COLUMN_PARAMS = {"mase": FORECAST_ANSWER_PARAMS, "rmsse": FORECAST_ANSWER_PARAMS}


def metric_of(name):
    """(kind, higher_is_better, fn(y_true, y_pred, params)); "map@5"/"ndcg@10" fix the cut-off."""
    if name in METRICS:
        return METRICS[name]
    m = re.fullmatch(r"(map|ndcg)@(\d+)", name)
    if m and int(m.group(2)) >= 1:
        kind, hib, fn = METRICS[f"{m.group(1)}@k"]
        cut = int(m.group(2))
        return kind, hib, lambda t, p, params: fn(t, p, {**params, "k": cut})
    raise BrokenTask(f'unknown metric "{name}"')


# ---------------------------------------------------------------------------------------------
# validation: the submission checked and lined up with the answers, as submission.ts does

def _line(row):
    return row + 2  # the header is line 1


def check_header(sub, fmt):
    expected = [fmt["idColumn"]] + [c["name"] for c in fmt["predictionColumns"]]
    want = ", ".join(f'"{n}"' for n in expected)
    names = [str(c) for c in sub.columns]

    def hint(n):
        near = next((h for h in names if h.strip().lower() == n.lower()), None)
        return f' (found "{near}": names are case- and space-sensitive)' if near is not None else ""

    if fmt["idColumn"] not in names:
        raise InvalidSubmission(f'line 1: missing id column "{fmt["idColumn"]}"{hint(fmt["idColumn"])}; expected header {want}')
    for c in fmt["predictionColumns"]:
        if c["name"] not in names:
            raise InvalidSubmission(f'line 1: missing prediction column "{c["name"]}"{hint(c["name"])}; expected header {want}')
    extra = [n for n in names if n not in expected]
    if extra:
        raise InvalidSubmission(f"line 1: unexpected column{'s' if len(extra) > 1 else ''} {', '.join(f'{chr(34)}{n}{chr(34)}' for n in extra)}; expected header {want}")


def _id_text(v):
    return js_number_text(v) if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)) else label_key(v)


def _mismatch(m, n, missing, missing_ex, extra, extra_ex, extra_row):
    parts = []
    if m != n:
        parts.append(f"submission has {m} data rows, expected {n}")
    if extra:
        parts.append(f'{extra} id{" is" if extra == 1 else "s are"} not in the test set (e.g. "{extra_ex}" on line {_line(extra_row)})')
    if missing:
        parts.append(f'{missing} test id{" is" if missing == 1 else "s are"} missing (e.g. "{missing_ex}")')
    return InvalidSubmission("; ".join(parts))


def join_ids(sub_ids, ans_ids, id_column):
    """For each answers row, the submission row holding the same id."""
    values = list(sub_ids)
    for i, v in enumerate(values):
        if is_missing(v) or (isinstance(v, str) and v.strip() == ""):
            raise InvalidSubmission(f'line {_line(i)}, column "{id_column}": empty id')
    n, m = len(ans_ids), len(values)
    if m == 0:
        raise InvalidSubmission(f"submission has a header but no data rows (expected {n})")
    numeric = is_numeric_series(sub_ids) and is_numeric_series(ans_ids)
    key = float if numeric else _id_text
    index = {}
    for j, v in enumerate(ans_ids):
        k = key(v)
        if k in index:
            raise BrokenTask(f'answers have a duplicate id "{_id_text(v)}"')
        index[k] = j
    if numeric:
        # numeric ids: any repeated id is a duplicate, reported at its earliest second occurrence
        first = {}
        for i, v in enumerate(values):
            if float(v) in first:
                raise InvalidSubmission(f'line {_line(i)}, column "{id_column}": duplicate id "{_id_text(v)}" (first on line {_line(first[float(v)])})')
            first[float(v)] = i
    perm = [-1] * n
    extra, extra_ex = 0, -1
    for i, v in enumerate(values):
        j = index.get(key(v))
        if j is None:
            extra += 1
            extra_ex = i if extra_ex < 0 else extra_ex
            continue
        if perm[j] >= 0:
            raise InvalidSubmission(f'line {_line(i)}, column "{id_column}": duplicate id "{_id_text(v)}" (first on line {_line(perm[j])})')
        perm[j] = i
    missing = [j for j in range(n) if perm[j] < 0]
    if missing or extra:
        missing_ex = _id_text(ans_ids.iloc[missing[0]]) if missing else ""
        extra_ex_text = _id_text(values[extra_ex]) if extra_ex >= 0 else ""
        raise _mismatch(m, n, len(missing), missing_ex, extra, extra_ex_text, extra_ex)
    return np.array(perm, dtype=np.int64)


def numeric_column(series, column):
    """The column as floats, or InvalidSubmission naming the first cell that is not a finite number."""
    if is_numeric_series(series):
        out = series.to_numpy(dtype=float)
        bad = np.flatnonzero(~np.isfinite(out))
        if len(bad) == 0:
            return out
        i = int(bad[0])
        raw = None if math.isnan(out[i]) else js_number_text(out[i])
    else:
        out = np.empty(len(series))
        raw, i = None, -1
        for r, v in enumerate(series):
            x = js_number(v) if isinstance(v, str) and v.strip() != "" else math.nan
            if not math.isfinite(x):
                raw, i = cell_text(v), r
                break
            out[r] = x
        if i < 0:
            return out
    where = f'line {_line(i)}, column "{column}"'
    if raw is None or raw.strip() == "":
        raise InvalidSubmission(f"{where}: empty value; a number is required")
    if math.isnan(js_number(raw)) and not re.fullmatch(r"[+-]?(nan|inf|infinity)", raw.strip(), re.IGNORECASE):
        raise InvalidSubmission(f'{where}: "{raw}" is not a number')
    raise InvalidSubmission(f'{where}: "{raw}" is not a finite number (NaN and infinity are not allowed)')


def check_probability_range(values, column):
    bad = np.flatnonzero((values < 0) | (values > 1))
    if len(bad):
        i = int(bad[0])
        raise InvalidSubmission(f'line {_line(i)}, column "{column}": probability {js_number_text(values[i])} is outside [0, 1]')


def check_labels(series, classes, column):
    allowed = set(classes) if classes is not None else None
    out = []
    for i, v in enumerate(series):
        text = cell_text(v)
        if text is None or text.strip() == "":
            raise InvalidSubmission(f'line {_line(i)}, column "{column}": empty label')
        k = text.strip()
        if allowed is not None and k not in allowed:
            more = ", ..." if len(classes) > 10 else ""
            raise InvalidSubmission(f'line {_line(i)}, column "{column}": label "{k}" is not one of the classes ({", ".join(classes[:10])}{more})')
        out.append(k)
    return out


def _items(v):
    text = cell_text(v)
    return [] if text is None else text.split()


def check_label_lists(series, classes, column):
    allowed = set(classes) if classes is not None else None
    out = []
    for i, v in enumerate(series):
        items = _items(v)
        if allowed is not None:
            bad = next((x for x in items if x not in allowed), None)
            if bad is not None:
                raise InvalidSubmission(f'line {_line(i)}, column "{column}": label "{bad}" is not one of the classes')
        out.append(items)
    return out


def relevance_of(v):
    """An answers cell of a ranking task: "a b c" (relevance 1 each) or "a:3 b:1" (graded)."""
    items = _items(v)
    if not any(":" in s for s in items):
        return items
    rel = {}
    for s in items:
        at = s.rfind(":")
        rel[s if at < 0 else s[:at]] = 1.0 if at < 0 else js_number(s[at + 1:])
    return rel


def _one(cols, name):
    if len(cols) != 1:
        raise BrokenTask(f"task.json: metric {name} expects one prediction column, the task declares {len(cols)}")
    return cols[0]["name"]


def align(submission, answers, task, kind, name):
    """(y_true, y_pred, params) in the answers' row order; raises InvalidSubmission/BrokenTask."""
    fmt = task["submission"]
    id_col = fmt["idColumn"]
    answer_cols = [str(c) for c in answers.columns]
    target = task["target"] if task["target"] in answer_cols else None
    others = [c for c in answer_cols if c != id_col]
    if target is None and len(others) == 1:
        target = others[0]
    if id_col not in answer_cols or target is None:
        raise BrokenTask(f'answers need the id column "{id_col}" and the target column "{task["target"]}"')
    if len(submission) == 0 and len(submission.columns) == 0:
        raise InvalidSubmission("submission is empty")
    check_header(submission, fmt)
    perm = join_ids(submission[id_col], answers[id_col], id_col)
    truth = answers[target]
    params = dict(task["metric"].get("params") or {})
    classes = [label_key(c) for c in fmt["classes"]] if fmt.get("classes") is not None else None
    pred_cols = fmt["predictionColumns"]
    n = len(answers)
    if name in ANSWER_COLUMN_PARAMS:
        params["answerColumns"] = _answer_columns(answers, params, name)

    if kind in ("quantiles", "interval"):
        return _align_numeric_columns(submission, truth, perm, pred_cols, params, kind, name)

    if kind == "score":
        col = _one(pred_cols, name)
        pred = numeric_column(submission[col], col)
        if name == "rmsle":
            bad = np.flatnonzero(pred <= -1)
            if len(bad):
                i = int(bad[0])
                raise InvalidSubmission(f'line {_line(i)}, column "{col}": {js_number_text(pred[i])} is not greater than -1 (rmsle takes log(1 + value))')
        y_true = truth.to_numpy(dtype=float) if is_numeric_series(truth) else np.array([js_number(label_key(v)) for v in truth])
        return y_true, pred[perm], params

    if kind == "label":
        col = _one(pred_cols, name)
        labels = check_labels(submission[col], classes, col)
        if classes is not None:
            params["classes"] = sort_labels(classes)  # kappa's ordinal scale: every class, in order
        return [label_key(cell_text(v)).strip() for v in truth], [labels[i] for i in perm], params

    if kind in ("label-list", "ranking"):
        col = _one(pred_cols, name)
        lists = check_label_lists(submission[col], classes if kind == "label-list" else None, col)
        if kind == "label-list" and classes is not None:
            params["classes"] = classes
        y_true = [_items(v) if kind == "label-list" else relevance_of(v) for v in truth]
        return y_true, [lists[i] for i in perm], params

    # probability: one column (binary, P(positive class)) or one column per class
    strict = name == "log_loss" or all(c["type"] == "probability" for c in pred_cols)
    if classes is not None:
        params["classes"] = classes
    y_true = truth.to_numpy() if is_numeric_series(truth) else [label_key(v) for v in truth]
    if len(pred_cols) == 1:
        col = pred_cols[0]["name"]
        pred = numeric_column(submission[col], col)
        if strict:
            check_probability_range(pred, col)
        return y_true, pred[perm], params
    if classes is None or len(classes) != len(pred_cols):
        raise BrokenTask(f"task.json: {len(pred_cols)} probability columns need submission.classes with as many classes")
    by_name = all(c["name"] in classes for c in pred_cols)
    matrix = np.empty((n, len(classes)))
    for c, cls in enumerate(classes):
        col = cls if by_name else pred_cols[c]["name"]
        values = numeric_column(submission[col], col)
        check_probability_range(values, col)
        matrix[:, c] = values[perm]
    sums = np.zeros(n)
    for c in range(len(classes)):
        sums += matrix[:, c]  # column by column, as the TS grader adds them
    bad = np.flatnonzero(np.abs(sums - 1) > PROBABILITY_SUM_TOLERANCE)
    if len(bad):
        j = int(bad[0])
        raise InvalidSubmission(f"line {_line(int(perm[j]))}: class probabilities sum to {js_number_text(sums[j])}, not 1 (tolerance {PROBABILITY_SUM_TOLERANCE})")
    return [label_key(v) for v in truth], matrix, params


def _answer_columns(answers, params, name):
    out = {}
    for key in ANSWER_COLUMN_PARAMS[name]:
        col = params.get(key)
        if col is None:
            continue
        if not isinstance(col, str) or col not in [str(c) for c in answers.columns]:
            raise BrokenTask(f'metric {name}: params.{key} names the column "{col}", which the answers do not have')
        out[col] = answers[col].tolist()
    return out


def _align_numeric_columns(submission, truth, perm, pred_cols, params, kind, name):
    """Quantile columns (in params["quantiles"] order) or lower/upper bounds as an (n, k) matrix."""
    width = 2 if kind == "interval" else len(params["quantiles"]) if isinstance(params.get("quantiles"), list) else -1
    if len(pred_cols) != width:
        need = "two prediction columns (lower, upper)" if kind == "interval" else "one prediction column per entry of metric.params.quantiles"
        raise BrokenTask(f"task.json: metric {name} needs {need}, the task declares {len(pred_cols)}")
    matrix = np.empty((len(perm), width))
    for c, col in enumerate(pred_cols):
        matrix[:, c] = numeric_column(submission[col["name"]], col["name"])[perm]
    if kind == "interval":
        bad = np.flatnonzero(matrix[:, 0] > matrix[:, 1])
        if len(bad):
            j = int(bad[np.argmin(perm[bad])])
            raise InvalidSubmission(f'line {_line(int(perm[j]))}: lower bound {js_number_text(matrix[j, 0])} ("{pred_cols[0]["name"]}") is above upper bound {js_number_text(matrix[j, 1])} ("{pred_cols[1]["name"]}")')
    y_true = truth.to_numpy(dtype=float) if is_numeric_series(truth) else np.array([js_number(label_key(v)) for v in truth])
    return y_true, matrix, params


def grade(submission, answers, task):
    """The score of a submission, as `mle-smith grade` computes it."""
    name = task["metric"]["name"]
    kind, _, fn = metric_of(name)
    y_true, y_pred, params = align(submission, answers, task, kind, name)
    try:
        score = float(fn(y_true, y_pred, params))
    except BrokenTask as err:
        raise BrokenTask(f"cannot compute {name}: {err}") from err
    if not math.isfinite(score):
        raise InvalidSubmission(f"{name} is not a finite number for this submission ({score})")
    return score


def read_csv(path):
    """As MLE-bench reads submissions and answers."""
    return pd.read_csv(path, float_precision="round_trip")


def _grade_file(task, answers, path):
    try:
        try:
            submission = read_csv(path)
        except pd.errors.EmptyDataError:
            raise InvalidSubmission("submission is empty")
        except (pd.errors.ParserError, UnicodeDecodeError) as err:
            raise InvalidSubmission(f"submission cannot be parsed: {err}")
        return {"score": grade(submission, answers, task)}
    except InvalidSubmission as err:
        return {"invalid": str(err)}
    except BrokenTask as err:
        return {"error": str(err)}


def main(argv):
    if argv == ["--metrics"]:
        print(json.dumps(sorted(METRICS)))
        return 0
    if len(argv) < 3:
        print("usage: mle_smith_grade.py TASK_JSON ANSWERS_CSV SUBMISSION_CSV...", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        task = json.load(f)
    answers = read_csv(argv[1])
    for path in argv[2:]:
        print(json.dumps(_grade_file(task, answers, path)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Tabular rungs of the solver zoo: the public table's columns as features (numeric: median
imputation and scaling; categorical: one-hot, rare levels merged — tabular.py's
linear_preprocessor, the simple baseline's), then the rung's learner from zoo_models.py."""
import numpy as np

from tabular import TabularTask, linear_preprocessor
from mle_smith_baseline import log
import mle_smith_baseline as kit
from zoo_models import budget_rungs, predict, rung_parts

# rung -> (learner,) or, for the budget ladder (a random forest on 2% ... 100% of the training
# rows), (learner, share); the feature matrix is the same for all but `constant` (which ignores it).
RUNGS = {
    "constant": ("constant",),
    "stump": ("stump",),
    "knn": ("knn",),
    "nb": ("nb",),
    "linear": ("linear",),
    "tree": ("tree",),
    "rf": ("rf",),
    "gbm": ("gbm",),
    "stack": ("stack",),
    **budget_rungs(("rf",)),
}


def features(task):
    prep = linear_preprocessor(task)
    X_train = prep.fit_transform(task.X(task.train), task.y)
    X_test = prep.transform(task.X(task.test))
    return np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)


def main(rung):
    (learner,), fraction = rung_parts(RUNGS[rung])

    def build_and_predict(task):
        if learner == "constant":
            return predict(task, "constant", None, None)
        X_train, X_test = features(task)
        log(f"zoo-tabular-{rung}: {X_train.shape[1]} features")
        return predict(task, learner, X_train, X_test, fraction)
    kit.run(TabularTask, build_and_predict)

"""The model half of the solver zoo: one named learner per rung, for classification and for
regression, fitted on a feature matrix the modality's zoo module builds. Shared by
zoo_tabular.py, zoo_text.py, zoo_image.py and zoo_audio.py (shipped next to them).

Only numpy, scikit-learn and scipy (Debian bookworm versions, sklearn 1.2).
"""
import numpy as np

from mle_smith_baseline import N_JOBS, SEED, align_proba, log, prior_predictions


def _knn(k):
    from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
    return (lambda: KNeighborsClassifier(n_neighbors=k, weights="distance"),
            lambda: KNeighborsRegressor(n_neighbors=k, weights="distance"))


def _nb():
    # Regression has no naive Bayes; its counterpart is Bayesian linear regression (the same
    # "independent Gaussian" spirit, one rung below a tuned model).
    from sklearn.linear_model import BayesianRidge
    from sklearn.naive_bayes import GaussianNB
    return (lambda: GaussianNB(), lambda: BayesianRidge())


def _multinomial_nb():
    from sklearn.linear_model import Ridge
    from sklearn.naive_bayes import MultinomialNB
    return (lambda: MultinomialNB(alpha=0.5), lambda: Ridge(alpha=10.0))


def _linear(c=1.0, alpha=1.0):
    from sklearn.linear_model import LogisticRegression, Ridge
    return (lambda: LogisticRegression(C=c, max_iter=3000, random_state=SEED),
            lambda: Ridge(alpha=alpha, random_state=SEED))


def _tree(depth):
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
    return (lambda: DecisionTreeClassifier(max_depth=depth, min_samples_leaf=5, random_state=SEED),
            lambda: DecisionTreeRegressor(max_depth=depth, min_samples_leaf=5, random_state=SEED))


def _forest():
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
    return (lambda: RandomForestClassifier(n_estimators=200, min_samples_leaf=2, n_jobs=N_JOBS, random_state=SEED),
            lambda: RandomForestRegressor(n_estimators=200, min_samples_leaf=2, n_jobs=N_JOBS, random_state=SEED))


def _gbm():
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    return (lambda: HistGradientBoostingClassifier(random_state=SEED),
            lambda: HistGradientBoostingRegressor(random_state=SEED))


def _folds(y, classification):
    from sklearn.model_selection import KFold, StratifiedKFold
    if classification and np.unique(y, return_counts=True)[1].min() >= 3:
        return StratifiedKFold(3, shuffle=True, random_state=SEED)
    return KFold(3, shuffle=True, random_state=SEED)


def _tuned(estimator, grid):
    """A grid search by 3-fold CV (log loss / RMSE), refit on all of train."""
    from sklearn.model_selection import GridSearchCV

    def make(classification, y):
        scoring = "neg_log_loss" if classification else "neg_root_mean_squared_error"
        return GridSearchCV(estimator(classification), grid, cv=_folds(y, classification), scoring=scoring, error_score=np.nan)
    return make


def _tuned_gbm(classification):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    cls = HistGradientBoostingClassifier if classification else HistGradientBoostingRegressor
    return cls(random_state=SEED, l2_regularization=1.0)


GBM_GRID = {"learning_rate": [0.05, 0.1], "max_depth": [2, 4, None], "max_iter": [150]}


class _TunedStack:
    """Tuned gradient boosting, a random forest and a linear model, stacked by a linear model on
    their out-of-fold predictions. The boosting grid is searched once, on all of train, and the
    stack refits the chosen model per fold: a grid search inside the stack reran the whole grid for
    every fold (76 boosting fits instead of 19 + 4, ~75 s of the ~90 s a tabular task's zoo took)."""

    def __init__(self, classification, y):
        self.classification, self.y = classification, y

    def fit(self, X, y):
        search = _tuned(_tuned_gbm, GBM_GRID)(self.classification, self.y).fit(X, y)
        gbm = _tuned_gbm(self.classification).set_params(**search.best_params_)
        self.model_ = _stack_of(gbm, self.classification, self.y).fit(X, y)
        if self.classification:
            self.classes_ = self.model_.classes_
        return self

    def predict(self, X):
        return self.model_.predict(X)

    def predict_proba(self, X):
        return self.model_.predict_proba(X)


def _stack_of(gbm, classification, y):
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor, StackingClassifier, StackingRegressor
    from sklearn.linear_model import LogisticRegression, RidgeCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    folds = _folds(y, classification)
    if classification:
        forest = RandomForestClassifier(n_estimators=300, n_jobs=N_JOBS, random_state=SEED)
        linear = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=3000, random_state=SEED))
        return StackingClassifier([("gbm", gbm), ("rf", forest), ("lin", linear)], final_estimator=LogisticRegression(max_iter=3000), cv=folds, stack_method="predict_proba")
    forest = RandomForestRegressor(n_estimators=300, n_jobs=N_JOBS, random_state=SEED)
    linear = make_pipeline(StandardScaler(), RidgeCV(alphas=(0.1, 1.0, 10.0)))
    return StackingRegressor([("gbm", gbm), ("rf", forest), ("lin", linear)], final_estimator=RidgeCV(), cv=folds)


def _svm(classification, y):
    """An RBF support vector machine on standardized features, C (and epsilon) tuned by CV."""
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC, SVR
    if classification:
        pipe = make_pipeline(StandardScaler(), SVC(probability=True, random_state=SEED))
        return GridSearchCV(pipe, {"svc__C": [1.0, 10.0]}, cv=_folds(y, True), scoring="neg_log_loss", error_score=np.nan)
    pipe = make_pipeline(StandardScaler(), SVR())
    return GridSearchCV(pipe, {"svr__C": [1.0, 10.0, 100.0]}, cv=_folds(y, False), scoring="neg_root_mean_squared_error", error_score=np.nan)


def _tuned_linear(classification, y):
    """Logistic regression / ridge with the regularization chosen by 3-fold CV."""
    from sklearn.linear_model import LogisticRegression, Ridge
    def estimator(is_classification):
        return LogisticRegression(max_iter=3000, random_state=SEED) if is_classification else Ridge(random_state=SEED)
    grid = {"C": [0.3, 1.0, 3.0, 10.0, 30.0]} if classification else {"alpha": [0.1, 0.3, 1.0, 3.0, 10.0]}
    return _tuned(estimator, grid)(classification, y)


def _simple(pair):
    classifier, regressor = pair
    return lambda classification, y: classifier() if classification else regressor()


# Every learner of the zoo by name: (classification?, y) -> an unfitted sklearn estimator.
MODELS = {
    "stump": _simple(_tree(1)),
    "tree": _simple(_tree(4)),
    "knn": _simple(_knn(15)),
    "nb": _simple(_nb()),
    "multinomial-nb": _simple(_multinomial_nb()),
    "linear": _simple(_linear()),
    "tuned-linear": _tuned_linear,
    "rf": _simple(_forest()),
    "gbm": _simple(_gbm()),
    "svm": _svm,
    "stack": _TunedStack,
}


# The data-budget ladder: one learner per modality on a growing share of the training rows (in
# percent). More rows of the same recipe is the one ordering of strength that holds on almost
# every task, so these rungs are ranked by construction (docs/agreement.md).
BUDGETS = (2, 4, 8, 16, 32, 64, 100)


def budget_rungs(entry):
    """budget-<p> -> entry + (p / 100,) for every budget: the ladder's rungs of one modality."""
    return {f"budget-{p}": (*entry, p / 100) for p in BUDGETS}


def rung_parts(entry):
    """(a rung's own fields, the share of the training rows it fits on): budget rungs end with
    their share (budget_rungs), every other rung fits on all rows."""
    *fields, last = entry
    return (fields, last) if isinstance(last, float) else (list(entry), 1.0)


def budget_rows(y, fraction, classification):
    """Row indices of a seeded draw of `fraction` of the training rows (all of them, uncopied, at
    1). A classification draw is stratified and keeps at least one row per class; a regression
    draw at least two rows."""
    if fraction >= 1:
        return slice(None)
    rng = np.random.RandomState(SEED)
    if not classification:
        return np.sort(rng.choice(len(y), max(2, int(round(fraction * len(y)))), replace=False))
    picked = []
    for cls in sorted(set(y), key=str):
        rows = np.flatnonzero(y == cls)
        picked.append(rng.choice(rows, max(1, int(round(fraction * len(rows)))), replace=False))
    return np.sort(np.concatenate(picked))


def predict(task, model_name, X_train, X_test, fraction=1.0):
    """Fits the named learner on train's target (on a seeded `fraction` of its rows) and predicts
    test, in write_predictions' form; `constant` ignores the features (the prior / mean)."""
    if model_name == "constant":
        return prior_predictions(task)
    classification = task.is_classification
    y, inverse = (task.y.to_numpy(), None) if classification else task.regression_target()
    rows = budget_rows(y, fraction, classification)
    model = MODELS[model_name](classification, y[rows])
    model.fit(X_train[rows], y[rows])
    log(f"zoo: fitted {model_name} on {len(y[rows])} x {X_train.shape[1]}")
    if not classification:
        return {"values": inverse(model.predict(X_test))}
    return {"labels": model.predict(X_test), "proba": align_proba(task, model.predict_proba(X_test), model.classes_)}

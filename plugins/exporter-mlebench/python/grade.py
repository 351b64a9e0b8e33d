"""MLE-bench grader of an exported MLE-Smith task: grade(submission, answers) returns exactly the score
`mle-smith grade` gives, and raises mlebench.grade_helpers.InvalidSubmissionError for a submission it
rejects. The grading logic is mle_smith_grade.py next to this file (pandas + numpy); the task's metric,
columns and classes are in mle_smith_task.json."""
import importlib.util
import json
from pathlib import Path

import pandas as pd
from mlebench.grade_helpers import InvalidSubmissionError

_HERE = Path(__file__).resolve().parent
TASK = json.loads((_HERE / "mle_smith_task.json").read_text(encoding="utf-8"))


def _load_grader():
    # loaded by path under a per-task name: competitions do not share one module object
    spec = importlib.util.spec_from_file_location(f"mle_smith_grade__{TASK['id']}", _HERE / "mle_smith_grade.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_GRADER = _load_grader()


def grade(submission: pd.DataFrame, answers: pd.DataFrame) -> float:
    try:
        return _GRADER.grade(submission, answers, TASK)
    except _GRADER.InvalidSubmission as err:
        raise InvalidSubmissionError(str(err)) from err

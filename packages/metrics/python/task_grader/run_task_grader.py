"""Runs an imported task's own grader inside the sandbox (see docs/formats.md#import).

    python3 run_task_grader.py HARNESS MODULE
        HARNESS: mlebench (MODULE defines grade(submission, answers) -> float) or mledojo (MODULE
        defines a subclass of mledojo.metrics.base.CompetitionMetrics). Reads data/answers.csv and
        data/submission.csv, imports data/task_grader/MODULE.py, writes result.json:
        {"score": x} | {"invalid": message} | {"error": message}.

The harnesses are not installed in the sandbox: shims/ provides the names a grader imports from
them (the exception classes and MLE-Dojo's base class), nothing more.
"""
import importlib
import inspect
import json
import math
import sys
import traceback

sys.dont_write_bytecode = True  # data/ is read-only in the sandbox
sys.path[:0] = ["data/shims", "data/task_grader", "data"]

import pandas as pd  # noqa: E402
from mlebench.grade_helpers import InvalidSubmissionError as MlebenchInvalid  # noqa: E402
from mledojo.metrics.base import CompetitionMetrics, InvalidSubmissionError as DojoInvalid  # noqa: E402


def mlebench_score(module, submission, answers):
    return module.grade(submission, answers)


def mledojo_score(module, submission, answers):
    classes = [c for c in vars(module).values()
               if inspect.isclass(c) and issubclass(c, CompetitionMetrics) and c is not CompetitionMetrics]
    if len(classes) != 1:
        raise RuntimeError(f"expected one CompetitionMetrics subclass, found {len(classes)}")
    metric = classes[0]()
    metric.validate_submission(submission, answers)
    return metric.evaluate(answers, submission)


def main(harness, module_name):
    try:
        module = importlib.import_module(f"task_grader.{module_name}")
        submission = pd.read_csv("data/submission.csv")
        answers = pd.read_csv("data/answers.csv")
        score = (mlebench_score if harness == "mlebench" else mledojo_score)(module, submission, answers)
        score = float(score)
        result = {"score": score} if math.isfinite(score) else {"invalid": f"the grader returned {score}"}
    except (MlebenchInvalid, DojoInvalid) as err:
        result = {"invalid": str(err) or type(err).__name__}
    except Exception as err:  # the grader itself failed: a broken task, not a bad submission
        last = traceback.format_exception_only(type(err), err)[-1].strip()
        result = {"error": last}
    with open("result.json", "w") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

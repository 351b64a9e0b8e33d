"""Grades submissions with exported MLE-Dojo metric.py files, as the harness would call them.

    python3 run_metrics.py JOBS_JSON
        JOBS_JSON: [{"utils": dir of metric.py, "answers": csv, "submissions": [csv, ...]}, ...]
        prints one JSON line per submission: {"score": x} (evaluate; for the first two also
        "validated": what validate_submission returned) | {"invalid": msg, "validated": msg} (evaluate
        and validate_submission both raised InvalidSubmissionError) | {"error": msg}; each with
        "grader": the score of the MLE-Smith Python grader that metric.py wraps, called directly

The mledojo shim next to this file stands in for MLE-Dojo (not installable here).
"""
import importlib.util
import inspect
import json
import os
import sys

# The one shim of mledojo.metrics.base, shipped with @mle-smith/metrics for imported tasks' graders.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', 'packages', 'metrics', 'python', 'task_grader', 'shims'))
import pandas as pd  # noqa: E402
from mledojo.metrics.base import CompetitionMetrics, InvalidSubmissionError  # noqa: E402


def grade_directly(module, answers, submission):
    """The MLE-Smith Python grader that metric.py wraps, called directly."""
    try:
        return module._GRADER.grade(submission, answers, module.TASK)
    except module._GRADER.InvalidSubmission:
        return None


def load_metric(utils_dir, n):
    spec = importlib.util.spec_from_file_location(f"exported_metric_{n}", os.path.join(utils_dir, "metric.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    [cls] = [c for c in vars(module).values() if inspect.isclass(c) and issubclass(c, CompetitionMetrics) and c is not CompetitionMetrics]
    return module, cls()


def grade(metric, answers, submission, validate_valid):
    try:
        result = {"score": metric.evaluate(answers, submission)}
        if validate_valid:
            result["validated"] = metric.validate_submission(submission, answers)
        return result
    except InvalidSubmissionError as err:
        result = {"invalid": str(err)}
    except Exception as err:  # anything else is a bug in the export
        return {"error": f"{type(err).__name__}: {err}"}
    try:
        metric.validate_submission(submission, answers)
    except InvalidSubmissionError as err:
        result["validated"] = str(err)
    return result


def main(jobs_file):
    with open(jobs_file) as f:
        jobs = json.load(f)
    for n, job in enumerate(jobs):
        module, metric = load_metric(job["utils"], n)
        answers = pd.read_csv(job["answers"])
        for i, path in enumerate(job["submissions"]):
            # validate_submission of a valid one (the perfect and the sample), as the harness does first
            submission = pd.read_csv(path)
            result = grade(metric, answers.copy(), submission.copy(), i < 2)
            result["grader"] = grade_directly(module, answers, submission)
            print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])

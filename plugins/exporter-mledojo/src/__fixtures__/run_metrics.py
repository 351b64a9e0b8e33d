"""Grades submissions with exported MLE-Dojo metric.py files, as the harness would call them.

    python3 run_metrics.py JOBS_JSON
        JOBS_JSON: [{"utils": dir of metric.py, "answers": csv, "submissions": [csv, ...]}, ...]
        prints one JSON line per submission: {"metric": R, "grader": R}, R one of {"score": x} |
        {"invalid": msg} | {"error": msg}: what metric.py says, and what the MLE-Smith Python grader
        it wraps (utils/mle_smith_grade.py) says when called directly

The mledojo shim next to this file stands in for MLE-Dojo (not installable here).
"""
import importlib.util
import inspect
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pandas as pd  # noqa: E402
from mledojo.metrics.base import CompetitionMetrics, InvalidSubmissionError  # noqa: E402


def load_metric(utils_dir, n):
    spec = importlib.util.spec_from_file_location(f"exported_metric_{n}", os.path.join(utils_dir, "metric.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    [cls] = [c for c in vars(module).values() if inspect.isclass(c) and issubclass(c, CompetitionMetrics) and c is not CompetitionMetrics]
    return module, cls()


def grade_directly(module, answers, submission):
    try:
        return {"score": module._GRADER.grade(submission, answers, module.TASK)}
    except module._GRADER.InvalidSubmission as err:
        return {"invalid": str(err)}
    except Exception as err:
        return {"error": f"{type(err).__name__}: {err}"}


def grade(metric, answers, submission):
    try:
        metric.validate_submission(submission, answers)
        return {"score": metric.evaluate(answers, submission)}
    except InvalidSubmissionError as err:
        return {"invalid": str(err)}
    except Exception as err:  # anything else is a bug in the export
        return {"error": f"{type(err).__name__}: {err}"}


def main(jobs_file):
    with open(jobs_file) as f:
        jobs = json.load(f)
    for n, job in enumerate(jobs):
        module, metric = load_metric(job["utils"], n)
        answers = pd.read_csv(job["answers"])
        for path in job["submissions"]:
            submission = pd.read_csv(path)
            print(json.dumps({"metric": grade(metric, answers.copy(), submission.copy()), "grader": grade_directly(module, answers, submission)}))


if __name__ == "__main__":
    main(sys.argv[1])

// utils/metric.py of an exported competition: an MLE-Dojo CompetitionMetrics subclass that scores
// through MLE-Smith's Python grader (utils/mle_smith_grade.py, copied verbatim next to it), so the
// harness gets exactly `mle-smith grade`'s score and its rejection messages.
import type { TaskManifest } from '@mle-smith/core';

/** "wine-cultivar.v2" → "WineCultivarV2Metrics": a Python class name. */
export function metricClassName(taskId: string): string {
  const camel = taskId.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return `${/^[0-9]/.test(camel) ? 'Task' : ''}${camel}Metrics`;
}

/** The task.json fields the Python grader reads. */
export function graderTask(manifest: TaskManifest): Record<string, unknown> {
  return { target: manifest.target, metric: { name: manifest.metric.name, params: manifest.metric.params ?? {} }, submission: manifest.submission };
}

export function metricPy(manifest: TaskManifest): string {
  // a JSON string literal is a valid Python string literal (JSON.stringify emits only \" \\ \n \uXXXX escapes)
  const taskJson = JSON.stringify(JSON.stringify(graderTask(manifest)));
  const direction = manifest.metric.higherIsBetter ? 'True' : 'False';
  return `"""MLE-Dojo metric of ${manifest.id}, exported by MLE-Smith.

${manifest.metric.name} (${manifest.metric.higherIsBetter ? 'higher' : 'lower'} is better), computed by MLE-Smith's grader
(mle_smith_grade.py next to this file): the same submission checks and the same score as
\`mle-smith grade\`. Needs pandas and numpy.
"""
import importlib.util
import json
import os

from mledojo.metrics.base import CompetitionMetrics, InvalidSubmissionError


def _load_grader():
    # by path: this folder is not always importable as a package
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mle_smith_grade.py")
    spec = importlib.util.spec_from_file_location("mle_smith_grade", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_GRADER = _load_grader()
TASK = json.loads(${taskJson})


class ${metricClassName(manifest.id)}(CompetitionMetrics):
    def __init__(self, value=TASK["target"], higher_is_better=${direction}):
        super().__init__(higher_is_better)
        self.value = value

    def evaluate(self, y_true, y_pred):
        """y_true: the answers (test_answer.csv), y_pred: the submission, both DataFrames."""
        try:
            return _GRADER.grade(y_pred, y_true, TASK)
        except _GRADER.InvalidSubmission as err:
            raise InvalidSubmissionError(str(err)) from None

    def validate_submission(self, submission, ground_truth):
        # every check the grader makes: ids, columns, row count, values, classes
        self.evaluate(ground_truth, submission)
        return "Submission is valid."
`;
}

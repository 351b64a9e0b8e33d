// The MLE-Smith side of bench/grade.mjs: gradeSubmission on one task. Prints one JSON line.
import { gradeSubmission } from '@mle-smith/metrics';

const [taskDir, submissionPath] = process.argv.slice(2);
const t0 = performance.now();
const result = await gradeSubmission(taskDir, submissionPath);
if (!result.valid) {
  console.error(result.error);
  process.exit(1);
}
console.log(JSON.stringify({ score: result.score, seconds: (performance.now() - t0) / 1000 }));

// A TypeScript client of the environment's HTTP API: `new TaskEnvClient(url).reset(task)` gives a
// session whose methods are the environment's actions.
import type { ExecuteObservation, SubmitObservation, TaskInfo, TaskSummary, ValidateObservation } from './environment.js';
import type { TrajectoryStep } from './trajectory.js';

/** A non-2xx answer: the HTTP status and the server's one-line error. */
export class TaskEnvError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'TaskEnvError';
  }
}

export class TaskEnvClient {
  constructor(readonly baseUrl: string) {}

  async tasks(): Promise<TaskSummary[]> {
    return (await this.call<{ tasks: TaskSummary[] }>('GET', '/tasks')).tasks;
  }

  /** Starts a session on `task`: its own copy of the public files. */
  async reset(task: string): Promise<TaskEnvSession> {
    const { session, info } = await this.call<{ session: string; info: TaskInfo }>('POST', '/reset', { task });
    return new TaskEnvSession(this, session, info);
  }

  async call<T>(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<T> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const parsed = (await res.json().catch(() => ({ error: `HTTP ${res.status} with a body that is not JSON` }))) as T & { error?: string };
    if (!res.ok) throw new TaskEnvError(res.status, parsed.error ?? `HTTP ${res.status}`);
    return parsed;
  }
}

export class TaskEnvSession {
  constructor(private readonly client: TaskEnvClient, readonly id: string, readonly resetInfo: TaskInfo) {}

  info(): Promise<TaskInfo> {
    return this.client.call('GET', this.path('info'));
  }

  /** Runs `code` (Python) in the task's sandbox; `data/` holds the public files, `submission.csv` is collected. */
  execute(code: string): Promise<ExecuteObservation> {
    return this.client.call('POST', this.path('execute'), { code });
  }

  /** Checks the format of `submission` (CSV text), or of the last one execute wrote. */
  validate(submission?: string): Promise<ValidateObservation> {
    return this.client.call('POST', this.path('validate'), submission === undefined ? {} : { submission });
  }

  /** Grades `submission` (or the last one execute wrote) on the host. */
  submit(submission?: string): Promise<SubmitObservation> {
    return this.client.call('POST', this.path('submit'), submission === undefined ? {} : { submission });
  }

  history(): Promise<TrajectoryStep[]> {
    return this.client.call('GET', this.path('history'));
  }

  private path(action: string): string {
    return `/sessions/${this.id}/${action}`;
  }
}

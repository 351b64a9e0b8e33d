// Agent folders the tests plug in: small Python/shell agents that follow the solver contract
// (env vars, /home/data, /home/submission) and ones that try to break out of it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A real scikit-learn agent: reads the contract's paths and limits, fits, writes, logs. */
export const SKLEARN_AGENT = `
import json, os
import pandas as pd
from sklearn.linear_model import LogisticRegression

data = os.environ["MLE_SMITH_DATA_DIR"]
desc = open(os.path.join(data, "description.md")).read()
train = pd.read_csv(os.path.join(data, "train.csv"))
test = pd.read_csv(os.path.join(data, "test.csv"))
features = [c for c in test.columns if c != "id"]
model = LogisticRegression(max_iter=1000).fit(train[features], train["species"])
pd.DataFrame({"id": test["id"], "species": model.predict(test[features])}).to_csv(os.environ["MLE_SMITH_SUBMISSION_PATH"], index=False)
facts = {k: v for k, v in os.environ.items() if k.startswith("MLE_SMITH_")}
facts["cwd"] = os.getcwd()
facts["description_title"] = desc.splitlines()[0]
facts["data_files"] = sorted(os.listdir(data))
try:
    open(os.path.join(data, "scratch.txt"), "w")
    facts["data_writable"] = True
except OSError:
    facts["data_writable"] = False
with open(os.path.join(os.environ["MLE_SMITH_LOGS_DIR"], "agent.log"), "w") as f:
    json.dump(facts, f, indent=1, sort_keys=True)
print("fitted on", len(train), "rows; wrote", len(test))
`.trimStart();

/** A shell agent: copies the sample submission (a valid, weak answer). */
export const SHELL_AGENT_COMMAND = ['sh', '-c', 'cp "$MLE_SMITH_DATA_DIR/sample_submission.csv" "$MLE_SMITH_SUBMISSION_PATH" && echo "shell agent done" > "$MLE_SMITH_LOGS_DIR/agent.log"'];

/**
 * Tries every way to the answers it can think of; exits 3 when all are closed (the expected
 * outcome), or copies the answers as its submission and exits 0 when one is open.
 */
export const ANSWER_SNOOP_AGENT = `
import os, sys
targets = [os.environ.get("TASK_DIR_ON_HOST", "") + "/private/answers.csv", "../private/answers.csv",
           os.path.join(os.environ["MLE_SMITH_DATA_DIR"], "..", "private", "answers.csv"),
           os.path.join(os.environ["MLE_SMITH_DATA_DIR"], "..", "..", "private", "answers.csv")]
skip = ("/proc", "/sys", "/dev", "/usr", "/etc", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/var/lib")
for root, dirs, files in os.walk("/"):
    dirs[:] = [d for d in dirs if os.path.join(root, d) not in skip]
    targets += [os.path.join(root, f) for f in files if f == "answers.csv"]
for t in targets:
    try:
        text = open(t).read()
    except OSError as err:
        print("blocked:", t, type(err).__name__)
        continue
    print("READ ANSWERS at", t)
    open(os.environ["MLE_SMITH_SUBMISSION_PATH"], "w").write(text)
    sys.exit(0)
print("answers unreachable")
sys.exit(3)
`.trimStart();

/**
 * Tries the network: the host's loopback port of the stub server (given in STUB_PORT), a
 * public address, and the proxy with another host; exits 4 when every one is refused.
 */
export const NETWORK_AGENT = `
import os, socket, sys, urllib.request, urllib.error
ok = []
for host, port in [("127.0.0.1", int(os.environ["STUB_PORT"])), ("1.1.1.1", 80), ("10.0.0.1", 80)]:
    try:
        socket.create_connection((host, port), timeout=3).close()
        ok.append("%s:%d" % (host, port))
        print("REACHED", host, port)
    except OSError as err:
        print("blocked: %s:%d %s" % (host, port, type(err).__name__))
base = os.environ.get("OPENAI_BASE_URL", "")
if base:
    relay = base.split("/v1")[0]
    s = socket.create_connection((relay.split("//")[1].split(":")[0], int(relay.rsplit(":", 1)[1])), timeout=5)
    s.sendall(b"GET http://example.com/ HTTP/1.1\\r\\nHost: example.com\\r\\nConnection: close\\r\\n\\r\\n")
    answer = s.recv(4096).decode()
    print("proxy answered other host with:", answer.split("\\r\\n")[0])
    if " 200 " in answer.split("\\r\\n")[0]:
        ok.append("example.com via proxy")
sys.exit(0 if ok else 4)
`.trimStart();

/**
 * Calls the model through OPENAI_BASE_URL with the standard library, asking for a model of its
 * own choosing; dumps its environment and the files of its workspace, temp folders and /run into logs/ so the
 * test can look for the key. With CALLS=n it makes n calls, stopping at the first refusal.
 */
export const LLM_AGENT = `
import json, os, sys, time, urllib.request, urllib.error
base = os.environ["OPENAI_BASE_URL"]
logs = os.environ["MLE_SMITH_LOGS_DIR"]
def call(path, body=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
        headers={"content-type": "application/json", "authorization": "Bearer " + os.environ["OPENAI_API_KEY"]})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())
models = call("/models")
print("models:", [m["id"] for m in models["data"]])
replies = []
for i in range(int(os.environ.get("CALLS", "1"))):
    try:
        out = call("/chat/completions", {"model": "gpt-agent-wants-this", "messages": [{"role": "user", "content": "predict %d" % i}]})
    except urllib.error.HTTPError as err:
        print("refused:", err.code, err.read().decode())
        time.sleep(int(os.environ.get("HANG_AFTER_REFUSAL", "0")))
        sys.exit(5)
    replies.append(out["choices"][0]["message"]["content"])
print("replies:", replies)
dump = ["ENV " + k + "=" + v for k, v in os.environ.items()]
dump.append("PROC_ENVIRON " + open("/proc/self/environ", "rb").read().decode("utf8", "replace"))
# Where an executor could leave a secret at run time: the workspace, the temp folders, /run.
places = [os.getcwd(), "/tmp", "/var/tmp", "/run", "/dev/shm"]
dump.append("PID1_ENVIRON " + open("/proc/1/environ", "rb").read().decode("utf8", "replace") if os.access("/proc/1/environ", os.R_OK) else "")
for root, dirs, files in (w for place in places for w in os.walk(place)):
    for f in files:
        p = os.path.join(root, f)
        try:
            if os.path.isfile(p) and os.path.getsize(p) < 1 << 20:
                dump.append("FILE " + p + " " + open(p, "rb").read().decode("utf8", "replace"))
        except OSError:
            pass
open(os.path.join(logs, "sandbox-dump.txt"), "w").write("\\n".join(dump))
label = replies[-1].strip() if replies else "setosa"
import csv
rows = list(csv.DictReader(open(os.path.join(os.environ["MLE_SMITH_DATA_DIR"], "test.csv"))))
with open(os.environ["MLE_SMITH_SUBMISSION_PATH"], "w") as f:
    f.write("id,species\\n" + "".join("%s,%s\\n" % (r["id"], label) for r in rows))
`.trimStart();

/** Holds more memory than its limit allows. */
export const MEMORY_HOG_AGENT = `
import time
blocks = []
for i in range(64):
    blocks.append(bytearray(32 * 1024 * 1024))
    blocks[-1][::4096] = b"x" * len(blocks[-1][::4096])
print("still alive with", len(blocks) * 32, "MB")
time.sleep(60)
`.trimStart();

/** Writes `files` into a fresh agent folder under `root` and returns its path. */
export async function agentFolder(root: string, name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, 'agents', name);
  await mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) await writeFile(join(dir, path), content);
  return dir;
}

"""Runs a solver-command agent inside the sandbox (standard library only).

The job's working directory is the workspace (/home in containers): data/ holds the public files
and description.md (read-only), submission/ and logs/ are where the agent writes. This launcher
sets the contract's environment variables from it, starts the LLM relay when the host gave a
proxy socket, then runs the agent's command and exits with its status.
"""
import os
import signal
import subprocess
import sys

from llm_relay import start_relay

# Any placeholder works: the host-side proxy replaces it with the real key.
PLACEHOLDER_KEY = "sk-mle-smith-proxy"


def main(argv):
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        print("launch.py: usage: launch.py -- <agent command...>", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1:]
    ws = os.getcwd()
    env = dict(os.environ)
    paths = {
        "MLE_SMITH_DATA_DIR": os.path.join(ws, "data"),
        "MLE_SMITH_SUBMISSION_DIR": os.path.join(ws, "submission"),
        "MLE_SMITH_SUBMISSION_PATH": os.path.join(ws, "submission", "submission.csv"),
        "MLE_SMITH_LOGS_DIR": os.path.join(ws, "logs"),
        "MLE_SMITH_AGENT_DIR": os.path.join(ws, "agent"),
    }
    env.update(paths)
    for key in ("MLE_SMITH_SUBMISSION_DIR", "MLE_SMITH_LOGS_DIR"):
        os.makedirs(paths[key], exist_ok=True)
    socket_path = env.get("MLE_SMITH_LLM_SOCKET")
    if socket_path:
        try:
            port = start_relay(socket_path)
        except OSError as err:
            print("launch.py: cannot listen on 127.0.0.1 for the LLM relay: %s" % err, file=sys.stderr)
            return 70
        base = "http://127.0.0.1:%d/v1" % port
        env.update({"MLE_SMITH_LLM_BASE_URL": base, "OPENAI_BASE_URL": base, "OPENAI_API_BASE": base, "OPENAI_API_KEY": PLACEHOLDER_KEY})
    if command[0] in ("python", "python3"):
        command[0] = sys.executable
    try:
        child = subprocess.Popen(command, env=env, cwd=ws)
    except OSError as err:
        print("launch.py: cannot start %s: %s" % (command[0], err), file=sys.stderr)
        return 127
    # The executor stops a job with SIGTERM: pass it on so the agent may save its logs.
    signal.signal(signal.SIGTERM, lambda *_: child.send_signal(signal.SIGTERM))
    code = child.wait()
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

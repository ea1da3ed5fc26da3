"""The cluster's one state, shared by every control plane's API server like etcd: a JSON file
in a lab directory bind-mounted into each control-plane host, changed under flock."""
import contextlib
import fcntl
import json
import os
import time

DIR = os.environ.get("KUBEHA_LAB_CLUSTER_DIR", "/var/lib/kubeha-lab/cluster")
STATE = os.path.join(DIR, "state.json")
LOCK = os.path.join(DIR, "state.lock")
KNOBS = os.path.join(DIR, "knobs.json")
DEFAULT_CERT_KEY_TTL = 2 * 3600


def empty():
    return {"initialized": False, "tokens": {}, "certificateKey": None, "nodes": {},
            "etcdMembers": [], "objects": [], "cniApplied": False}


@contextlib.contextmanager
def locked():
    """Yields the state for change; writes it back atomically when the block ends normally."""
    os.makedirs(DIR, exist_ok=True)
    with open(LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        state = read_unlocked()
        yield state
        tmp = STATE + ".tmp"
        with open(tmp, "w") as f:
            json.dump(state, f, indent=1)
        os.replace(tmp, STATE)


def read():
    os.makedirs(DIR, exist_ok=True)
    with open(LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)
        return read_unlocked()


def read_unlocked():
    try:
        with open(STATE) as f:
            return json.load(f)
    except (OSError, ValueError):
        return empty()


def certificate_key_ttl():
    try:
        with open(KNOBS) as f:
            return float(json.load(f).get("certificateKeyTtlSeconds", DEFAULT_CERT_KEY_TTL))
    except (OSError, ValueError):
        return DEFAULT_CERT_KEY_TTL


def live_tokens(state):
    now = time.time()
    return {i: t for i, t in state["tokens"].items() if not t["expires"] or t["expires"] > now}

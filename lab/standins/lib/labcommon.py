"""Shared helpers of the kubeha lab stand-ins: the call log, kubeconfigs and the API client."""
import base64
import datetime
import json
import os
import shlex
import ssl
import sys
import tempfile
import time
import urllib.error
import urllib.request

CALL_LOG = "/var/log/kubeha-lab/calls.log"
VERSION = "v1.32.0"


TIME_SCALE_FILE = "/etc/kubeha-lab/time-scale"
# Seconds each slow step takes on real hosts; the lab sleeps them times KUBEHA_LAB_TIME_SCALE.
REAL_SECONDS = {"kubeadm-init": 60, "kubeadm-join": 30, "containerd-start": 1, "cni-ready": 20}
STARTED = time.monotonic()


def time_scale():
    """KUBEHA_LAB_TIME_SCALE from the environment, else the host's file written by `lab up`; 0 = no delay."""
    value = os.environ.get("KUBEHA_LAB_TIME_SCALE")
    if value is None:
        try:
            with open(TIME_SCALE_FILE) as f:
                value = f.read().strip()
        except OSError:
            return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        return 0.0


def realistic_delay(step):
    """Sleeps as long as the real program's step takes, scaled."""
    seconds = REAL_SECONDS[step] * time_scale()
    if seconds > 0:
        time.sleep(seconds)


SECRET_FLAGS = ("--token", "--certificate-key", "--discovery-token", "--tls-bootstrap-token")


def redact(args):
    """Join tokens and certificate keys never reach the call log."""
    out, hide = [], False
    for a in args:
        name = a.split("=", 1)[0]
        if hide:
            out.append("REDACTED")
        elif name in SECRET_FLAGS and "=" in a:
            out.append(name + "=REDACTED")
        else:
            out.append(a)
        hide = a in SECRET_FLAGS
    return out


def log_call(program, args, code):
    line = "%s\t%s\t%s\t%s\t%d\n" % (
        datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        program, " ".join(shlex.quote(a) for a in redact(args)), code, (time.monotonic() - STARTED) * 1000)
    try:
        with open(CALL_LOG, "a") as f:
            f.write(line)
    except OSError:
        pass


def run(program, main):
    """Runs main(argv), logs the call with its exit code, and exits with it."""
    args = sys.argv[1:]
    code = 0
    try:
        code = main(args) or 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if not isinstance(e.code, int) and e.code is not None:
            print(e.code, file=sys.stderr)
    except KeyboardInterrupt:
        code = 130
    except Exception as e:  # a stand-in bug must still be logged
        print("%s: %s" % (program, e), file=sys.stderr)
        code = 1
    sys.stdout.flush()
    log_call(program, args, code)
    os._exit(code)


def fail(message, code=1):
    print(message, file=sys.stderr)
    raise SystemExit(code)


def load_yaml_docs(path):
    import yaml
    text = sys.stdin.read() if path == "-" else open(path).read()
    return [d for d in yaml.safe_load_all(text) if d]


class Kubeconfig:
    """The server URL and CA of a kubeconfig file."""

    def __init__(self, path):
        import yaml
        with open(path) as f:
            doc = yaml.safe_load(f)
        cluster = doc["clusters"][0]["cluster"]
        self.server = cluster["server"]
        self.ca_pem = base64.b64decode(cluster["certificate-authority-data"]).decode()


def ssl_context(ca_pem=None):
    if ca_pem is None:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return ctx
    ctx = ssl.create_default_context(cadata=ca_pem)
    ctx.check_hostname = False  # the serving cert names the host, the VIP and the endpoint by IP
    return ctx


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def api(server, method, path, body=None, ca_pem=None, timeout=10):
    """One JSON request to a stand-in API server; raises ApiError on an HTTP error."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(server + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, context=ssl_context(ca_pem), timeout=timeout) as r:
            raw = r.read().decode()
    except urllib.error.HTTPError as e:
        raw = e.read().decode()
        try:
            message = json.loads(raw).get("message", raw)
        except ValueError:
            message = raw
        raise ApiError(e.code, message)
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def write_file(path, content, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
    with os.fdopen(fd, "w") as f:
        f.write(content)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def parse_duration(text):
    """Seconds of a Go duration such as 24h0m0s, 2h, 90s; 0 means never."""
    import re
    total, pos = 0.0, 0
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    for m in re.finditer(r"(\d+(?:\.\d+)?)(ms|h|m|s)", text):
        if m.start() != pos:
            break
        total += float(m.group(1)) * units[m.group(2)]
        pos = m.end()
    if text == "0":
        return 0
    if pos != len(text) or not text:
        raise ValueError('invalid duration "%s"' % text)
    return total

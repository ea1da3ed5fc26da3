"""Shared by the kubeha lab's Python pieces: the call log, with secrets redacted."""
import datetime
import shlex
import time

CALL_LOG = "/var/log/kubeha-lab/calls.log"
STARTED = time.monotonic()
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

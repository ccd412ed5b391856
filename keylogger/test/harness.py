"""What keylog_tests.py and tcp_tests.py share: the test runner and its "ok", "FAIL" and "skip"
lines, the key log line format, the scratch directory with its certificate, the programs the tests
start (tls_pair_app and friends, Kamailio) and how they are waited for and stopped.

Python standard library only.
"""
import argparse
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time

LINE = re.compile(r"^([A-Z_0-9]+) ([0-9a-f]{64}) ([0-9a-f]{64}|[0-9a-f]{96})$")
TLS13_LABELS = {
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0",
    "SERVER_TRAFFIC_SECRET_0",
    "EXPORTER_SECRET",
}


class TestFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise TestFailure(message)


class Skip(Exception):
    pass


class Suite:
    """The tests of one script are its methods named test_*; each gets files of its own in the
    scratch directory, which holds the test certificate."""

    def __init__(self, library, build, work):
        self.library = library
        self.build = build
        self.work = work
        self.cert = os.path.join(work, "server.crt")
        self.key = os.path.join(work, "server.key")
        self.counter = 0

    def path(self, name):
        self.counter += 1
        return os.path.join(self.work, f"{self.counter:03d}-{name}")

    def program_env(self, preload=None, **settings):
        """This environment without any keylogger setting, plus the library preloaded and `settings`
        (SSLKEYLOG_* names) that are not None."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("SSLKEYLOG") and k != "LD_PRELOAD"}
        env["LD_PRELOAD"] = preload if preload is not None else self.library
        env.update((name, value) for name, value in settings.items() if value is not None)
        return env

    def pair_command(self, *args, program="tls_pair_app"):
        """The command line of a test program holding both ends of its TLS connections."""
        command = [os.path.join(self.build, program)]
        if program == "dlopen_host":
            command.append(os.path.join(self.build, "libtls_pair.so"))
        return command + ["--cert", self.cert, "--key", self.key, *args]


def key_file_lines(file, handshakes, labels, per_line=2):
    """The lines of a key file written by one process holding both ends of each handshake: each
    secret once per end, nothing else (so not the library's own TLS connection, whose secrets would
    be there once)."""
    lines = read_text(file).splitlines()
    check(all(LINE.match(line) for line in lines), f"malformed lines in {file}")
    distinct = set(lines)
    check(len(distinct) == handshakes * len(labels),
          f"{len(distinct)} distinct lines, want {handshakes} handshakes x {len(labels)} secrets")
    counts = {line: lines.count(line) for line in distinct}
    check(set(counts.values()) == {per_line}, f"a line appears {sorted(set(counts.values()))} times, want {per_line}")
    check({LINE.match(line).group(1) for line in lines} == labels, "labels differ")
    return lines


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise TestFailure(f"timed out waiting for {what}")


def stop(process):
    """Ends a process we started, by its PID."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()


def ask(command, request, answer, timeout):
    """Runs an interactive client: writes request, reads its output until answer appears (or the
    timeout passes), then ends its input and waits for it. Returns what it printed."""
    client = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = b""
    try:
        client.stdin.write(request)
        client.stdin.flush()
        deadline = time.monotonic() + timeout
        while answer not in output and time.monotonic() < deadline:
            ready, _, _ = select.select([client.stdout], [], [], 0.1)
            if ready:
                chunk = os.read(client.stdout.fileno(), 65536)
                if not chunk:
                    break
                output += chunk
        client.stdin.close()
        client.wait(timeout=timeout)
    finally:
        stop(client)
    return output


def free_tcp_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tcp_port_listening(port):
    listing = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True).stdout
    return bool(listing.strip())


def read_text(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return ""


KAMAILIO_TLS_MODULE = "/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so"
KAMAILIO_CFG = """#!KAMAILIO
debug=2
log_stderror=yes
children=1
tcp_children=2
enable_tls=yes
auto_aliases=no
dns=no
rev_dns=no
use_dns_cache=no
listen=tls:127.0.0.1:@PORT@
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tls.so"
loadmodule "sl.so"
modparam("tls", "config", "@WORK@/tls.cfg")
modparam("tls", "rand_engine", "krand")
request_route {
    sl_send_reply("200", "OK");
    exit;
}
"""


class Kamailio:
    """Kamailio (not daemonised) on a free loopback port, answering every request over TLS 1.2 or
    1.3 with 200 OK. Its tls.so module brings libssl in by dlopen, in the TLS worker processes. The
    client is `openssl s_client`, which logs its keys to `client_keylog`."""

    VERSIONS = ("-tls1_3", "-tls1_2")

    @staticmethod
    def skip_unless_installed():
        if shutil.which("kamailio") is None or not os.path.exists(KAMAILIO_TLS_MODULE):
            raise Skip(f"no kamailio with {KAMAILIO_TLS_MODULE} (packages kamailio, kamailio-tls-modules)")

    def __init__(self, work, cert, key, env, timeout):
        """Starts Kamailio with its configuration and log in `work`; wait_until_listening() next."""
        self.timeout = timeout
        self.port = free_tcp_port()
        with open(os.path.join(work, "tls.cfg"), "w") as f:
            f.write(f"[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n"
                    f"private_key = {key}\ncertificate = {cert}\n")
        with open(os.path.join(work, "kamailio.cfg"), "w") as f:
            f.write(KAMAILIO_CFG.replace("@PORT@", str(self.port)).replace("@WORK@", work))
        self.log_path = os.path.join(work, "kamailio.log")
        self.client_keylog = os.path.join(work, "client.keylog")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(["kamailio", "-f", os.path.join(work, "kamailio.cfg"), "-DD", "-E",
                                             "-Y", work, "-P", os.path.join(work, "kamailio.pid")],
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env)

    def wait_until_listening(self):
        deadline = time.monotonic() + self.timeout
        while not tcp_port_listening(self.port):
            check(self.process.poll() is None and time.monotonic() < deadline,
                  f"kamailio did not start: {read_text(self.log_path)[-1500:]}")
            time.sleep(0.1)

    def options(self, version):
        """Sends an OPTIONS request with s_client using `version` (-tls1_3 or -tls1_2); returns what
        s_client printed."""
        request = (f"OPTIONS sip:keylogger@127.0.0.1:{self.port} SIP/2.0\r\n"
                   f"Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-keylogger{version}\r\n"
                   "From: <sip:test@callscope.test>;tag=1\r\nTo: <sip:keylogger@callscope.test>\r\n"
                   f"Call-ID: keylogger{version}@callscope.test\r\nCSeq: 1 OPTIONS\r\n"
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
        return ask(["openssl", "s_client", "-connect", f"127.0.0.1:{self.port}", version, "-keylogfile",
                    self.client_keylog], request.encode(), b"SIP/2.0 200 OK", self.timeout)

    def client_secrets(self):
        """The key log lines s_client wrote, after one request with each of VERSIONS."""
        expected = {line for line in read_text(self.client_keylog).splitlines() if LINE.match(line)}
        check(len(expected) == 6, f"the client logged {len(expected)} secrets, want 5 (TLS 1.3) + 1 (TLS 1.2)")
        return expected

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            stop(self.process)

    def check_no_errors(self):
        """After stop(): Kamailio logged no error while it served."""
        serving = read_text(self.log_path).split("sig_usr(): signal 15 received")[0]
        errors = [line for line in serving.splitlines() if re.search(r" (ERROR|CRITICAL|ALERT|BUG):", line)]
        check(not errors, f"kamailio logged errors: {errors[:3]}")


def make_certificate(work):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-subj", "/CN=keylogger.callscope.test", "-days", "2",
                    "-keyout", os.path.join(work, "server.key"), "-out", os.path.join(work, "server.crt")],
                   check=True, capture_output=True)


def parse_arguments(doc):
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--library", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--only", default="")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    return parser.parse_args()


def run_tests(suite_class, args, scratch_prefix):
    """Runs the tests of suite_class whose name holds args.only, in name order, in a new scratch
    directory; prints one line each. Returns the exit status: 1 when one failed."""
    work = tempfile.mkdtemp(prefix=scratch_prefix)
    failed = 0
    try:
        make_certificate(work)
        suite = suite_class(os.path.abspath(args.library), os.path.abspath(args.build), work)
        for name in sorted(n for n in dir(suite_class) if n.startswith("test_")):
            label = name[len("test_"):].replace("_", " ")
            if args.only not in name:
                continue
            try:
                getattr(suite, name)()
                print(f"ok - {label}", flush=True)
            except Skip as skip:
                print(f"skip - {label}: {skip}", flush=True)
            except TestFailure as failure:
                failed += 1
                print(f"FAIL - {label}: {failure}", flush=True)
            except Exception as error:  # a program that hung, a file not written: the test failed
                failed += 1
                print(f"FAIL - {label}: {type(error).__name__}: {error}", flush=True)
    finally:
        if args.keep:
            print(f"# scratch directory kept: {work}", flush=True)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0

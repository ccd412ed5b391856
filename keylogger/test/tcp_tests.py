#!/usr/bin/env python3
"""Tests of the keylogger's secure TCP destination (SSLKEYLOG_TCP, docs/KEY-TRANSPORT.md), on
loopback only.

  tcp_tests.py --library LIB.so --build DIR [--only SUBSTRING]

The receivers: `openssl s_server` with the external PSK (it prints what it receives and sends no
ACKs), and ack_receiver (DIR), which speaks the ACK protocol and can be stopped mid-stream. The PSK
they are given is computed with `openssl dgst -mac HMAC`, as docs/KEY-TRANSPORT.md says, not by the
library. The truth for the lines is the key file the same process writes (SSLKEYLOG_FILE), which
gets every line the TCP destination gets, in the same order.

Prints "ok - NAME", "FAIL - NAME: why" or "skip - NAME: why" for each test; exit status 1 when
one failed. Python standard library only.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import (LINE, TLS13_LABELS, Kamailio, check, free_tcp_port, key_file_lines, read_text,  # noqa: E402
                     stop, wait_until)

IDENTITY = "callscope-keylog-v1"
PROGRAM_TIMEOUT = 60.0
ARRIVAL_TIMEOUT = 10.0
EXIT_FLUSH = 1.0  # SENDER_EXIT_FLUSH_MS


def psk_hex(secret):
    """The PSK as docs/KEY-TRANSPORT.md derives it, computed by the openssl command."""
    out = subprocess.run(["openssl", "dgst", "-sha256", "-mac", "HMAC", "-macopt", f"key:{secret}"],
                         input=b"callscope keylog psk v1", capture_output=True, check=True).stdout.decode()
    found = re.search(r"= ([0-9a-f]{64})$", out.strip())
    check(found is not None, f"openssl dgst printed {out!r}")
    return found.group(1)


class Receiver:
    """ack_receiver in the background; its events are read from the file it writes."""

    def __init__(self, build, work, psk, *options, port=0):
        self.out = os.path.join(work, f"receiver-{time.monotonic_ns()}.out")
        with open(self.out, "wb") as out:
            self.process = subprocess.Popen([os.path.join(build, "ack_receiver"), "--psk", psk, "--port", str(port),
                                             *options], stdout=out, stderr=subprocess.STDOUT)
        wait_until(lambda: "LISTENING" in self.text() or self.process.poll() is not None, ARRIVAL_TIMEOUT,
                   "ack_receiver to listen")
        found = re.search(r"^LISTENING ([0-9]+)$", self.text(), re.M)
        check(found is not None, f"ack_receiver did not start: {self.text()[-500:]}")
        self.port = int(found.group(1))

    def text(self):
        return read_text(self.out)

    def events(self, kind):
        return [line.split(" ", 1)[1] if " " in line else "" for line in self.text().splitlines()
                if line.split(" ", 1)[0] == kind]

    def lines(self):
        """Key log lines received, in order of arrival, over all connections."""
        return [event.split(" ", 1)[1] for event in self.events("LINE") if " " in event]

    def wait_for(self, pattern, timeout=ARRIVAL_TIMEOUT):
        wait_until(lambda: re.search(pattern, self.text(), re.M), timeout, f"ack_receiver to print {pattern}")

    def kill(self):
        stop(self.process)


class Program:
    """tls_pair_app under the library in the background; standard error read as it comes, with the
    time each line arrived."""

    def __init__(self, suite, *args, env):
        self.process = subprocess.Popen(suite.pair_command(*args), env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self.started = time.monotonic()
        self.stderr = []  # (seconds since start, line)
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for raw in self.process.stderr:
            with self.lock:
                self.stderr.append((time.monotonic() - self.started, raw.decode("utf-8", "replace").rstrip("\n")))

    def lines(self):
        with self.lock:
            return list(self.stderr)

    def text(self):
        return "\n".join(line for _, line in self.lines())

    def wait_for(self, pattern, timeout=ARRIVAL_TIMEOUT):
        wait_until(lambda: re.search(pattern, self.text(), re.M), timeout, f"the program to say {pattern}")

    def finish(self, timeout=PROGRAM_TIMEOUT):
        """Waits for the exit; returns (exit status, seconds it ran)."""
        try:
            code = self.process.wait(timeout=timeout)
        finally:
            stop(self.process)
        self.reader.join()
        return code, time.monotonic() - self.started


class Suite(harness.Suite):
    def env(self, tcp=None, secret=None, secret_file=None, file=None, debug=None):
        return self.program_env(SSLKEYLOG_TCP=tcp, SSLKEYLOG_SECRET=secret, SSLKEYLOG_SECRET_FILE=secret_file,
                                SSLKEYLOG_FILE=file, SSLKEYLOG_DEBUG=debug)

    def run(self, *args, env):
        """tls_pair_app to the end: (exit status, standard error, seconds)."""
        started = time.monotonic()
        done = subprocess.run(self.pair_command(*args), env=env, capture_output=True, timeout=PROGRAM_TIMEOUT)
        return done.returncode, done.stderr.decode("utf-8", "replace"), time.monotonic() - started

    def secret_file(self, secret, content_after="", mode=0o600):
        path = self.path("secret")
        with open(path, "w") as f:
            f.write(secret + content_after)
        os.chmod(path, mode)
        return path

    def s_server(self, psk, work):
        out_path, err_path = os.path.join(work, "s_server.out"), os.path.join(work, "s_server.err")
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            server = subprocess.Popen(["openssl", "s_server", "-tls1_3", "-psk", psk, "-psk_identity", IDENTITY,
                                       "-nocert", "-accept", "127.0.0.1:0"],
                                      stdin=subprocess.PIPE, stdout=out, stderr=err)
        found = []

        def started():
            found[:] = re.findall(r"ACCEPT 127\.0\.0\.1:([0-9]+)", read_text(out_path))
            return found or server.poll() is not None
        wait_until(started, ARRIVAL_TIMEOUT, "s_server to start")
        check(found, f"s_server did not start: {read_text(err_path)[-500:]}")
        return server, int(found[0]), out_path, err_path

    # ---- tests ---------------------------------------------------------------------------------

    def test_tcp_lines_reach_openssl_s_server(self):
        """Interoperation: `openssl s_server -psk` (TLS 1.3 external PSK, no certificate) receives every
        line, the secret read from the first line of SSLKEYLOG_SECRET_FILE."""
        work = self.path("s_server")
        os.mkdir(work)
        secret = "interoperation secret, read from a file"
        server, port, out_path, err_path = self.s_server(psk_hex(secret), work)
        ours = os.path.join(work, "keys")
        try:
            code, err, _ = self.run("--handshakes", "2", env=self.env(
                tcp=f"127.0.0.1:{port}", secret_file=self.secret_file(secret, "\nnot part of the secret\n"),
                file=ours))
            check(code == 0 and err == "", f"the program exited {code}: {err[-500:]}")
            lines = key_file_lines(ours, 2, TLS13_LABELS)
            wait_until(lambda: len([l for l in read_text(out_path).splitlines() if LINE.match(l)]) >= 20,
                       ARRIVAL_TIMEOUT, "20 lines at s_server")
            received = [line for line in read_text(out_path).splitlines() if LINE.match(line)]
        finally:
            stop(server)
        check(received == lines, f"s_server got {len(received)} lines, not the key file's 20 in its order")

    def test_tcp_wrong_secret_is_refused_and_counted(self):
        """A different secret: s_server refuses the handshake, no line arrives, the keylogger counts an
        authentication failure and says so under debug, naming the address and never the secret."""
        work = self.path("wrong-secret")
        os.mkdir(work)
        right, wrong = "the receiver's secret, 1", "the keylogger's secret, 2"
        server, port, out_path, err_path = self.s_server(psk_hex(right), work)
        try:
            code, err, _ = self.run("--handshakes", "2", "--pause", "800",
                                    env=self.env(tcp=f"127.0.0.1:{port}", secret=wrong, debug="1"))
            time.sleep(0.3)
            received = [line for line in read_text(out_path).splitlines() if LINE.match(line)]
        finally:
            stop(server)
        check(code == 0, f"the program exited {code}")
        check(not received, f"{len(received)} lines reached s_server with the wrong secret")
        check(f"SSL KEYLOG : TCP 127.0.0.1:{port} authentication failed (wrong secret?)" in err,
              f"no authentication failure line: {err[-800:]!r}")
        report = re.search(r"([0-9]+) connections, ([0-9]+) authentication failures", err)
        check(report is not None and report.group(1) == "0" and int(report.group(2)) >= 2,
              f"the exit report does not count two or more authentication failures: {err[-500:]!r}")
        for leak in (wrong, right, psk_hex(wrong), psk_hex(right)):
            check(leak not in err, "a secret or PSK is in the debug output")
        check("binder does not verify" in read_text(err_path), "s_server did not refuse the PSK binder")

    def test_tcp_handshake_is_tls13_psk_dhe_over_ipv6(self):
        """What the receiver sees: TLS 1.3, TLS_AES_128_GCM_SHA256, only psk_dhe_ke offered (01), an
        X25519 key exchange, the PSK used; over [::1]."""
        secret = "sixteen bytes and more for IPv6"
        receiver = Receiver(self.build, self.work, psk_hex(secret), "--ipv6", "--ack")
        ours = self.path("ipv6.keys")
        try:
            code, err, _ = self.run(env=self.env(tcp=f"[::1]:{receiver.port}", secret=secret, file=ours))
            lines = key_file_lines(ours, 1, TLS13_LABELS)
            receiver.wait_for(r"^ACK 1 10$")
        finally:
            receiver.kill()
        check(code == 0 and err == "", f"the program exited {code}: {err[-500:]}")
        connected = receiver.events("CONNECTED")
        check(connected == ["1 kex_modes=01 cipher=TLS_AES_128_GCM_SHA256 group=x25519 psk=yes"],
              f"handshakes seen: {connected}")
        check(receiver.lines() == lines, "the receiver's lines differ from the key file's")

    def test_tcp_acknowledged_lines_are_not_sent_again(self):
        """ACKs free lines: a receiver that acknowledged the first handshake's 10 lines and then hangs
        is replaced; the new one gets the other 30 lines and none of the 10. The program's own
        keylog callback and the key file see only the program's TLS, not the keylogger's own."""
        secret = "acknowledgements free the lines"
        psk = psk_hex(secret)
        first = Receiver(self.build, self.work, psk, "--ack", "--hold-after", "10")
        ours, own = self.path("acked.keys"), self.path("acked-own.txt")
        program = Program(self, "--handshakes", "4", "--pause", "500", "--linger", "1500", "--own-callback", own,
                           env=self.env(tcp=f"127.0.0.1:{first.port}", secret=secret, file=ours, debug="1"))
        second = None
        try:
            first.wait_for(r"^HOLDING 1$")
            program.wait_for(rf"tcp 127\.0\.0\.1:{first.port}: ACK 10, 0 lines held")
            first.kill()
            second = Receiver(self.build, self.work, psk, "--ack", port=first.port)
            code, _ = program.finish()
        finally:
            stop(program.process)
            first.kill()
            if second is not None:
                second.kill()
        check(code == 0, f"the program exited {code}")
        lines = key_file_lines(ours, 4, TLS13_LABELS)
        own_lines = [line.split(" ", 1)[1] for line in read_text(own).splitlines()]
        check(sorted(own_lines) == sorted(lines), "the program's own callback saw other lines than the key file")
        check(first.lines() == lines[:10], "the first receiver did not get the first 10 lines")
        check(set(second.lines()) == set(lines[10:]), f"the second receiver got {len(set(second.lines()))} distinct "
                                                      "lines, want the other 30 exactly")
        check(re.search(r"40 acknowledged, 0 not acknowledged", program.text()),
              f"the exit report: {program.text()[-400:]!r}")

    def test_tcp_receiver_restart_loses_no_line(self):
        """A receiver killed after reading lines it never acknowledged: after the reconnect the new one
        gets every line, those the first one read included."""
        secret = "a restart loses nothing at all"
        psk = psk_hex(secret)
        first = Receiver(self.build, self.work, psk, "--hold-after", "5")
        ours = self.path("restart.keys")
        program = Program(self, "--handshakes", "4", "--pause", "500", "--linger", "1500",
                          env=self.env(tcp=f"127.0.0.1:{first.port}", secret=secret, file=ours, debug="1"))
        second = None
        try:
            first.wait_for(r"^HOLDING 1$")
            first.kill()
            second = Receiver(self.build, self.work, psk, "--ack", port=first.port)
            code, _ = program.finish()
        finally:
            stop(program.process)
            first.kill()
            if second is not None:
                second.kill()
        check(code == 0, f"the program exited {code}")
        lines = key_file_lines(ours, 4, TLS13_LABELS)
        check(len(first.lines()) == 5 and first.lines() == lines[:5], "the first receiver did not read 5 lines")
        missing = set(lines) - set(second.lines())
        check(not missing, f"{len(missing)} lines never reached the second receiver")
        check(set(first.lines()) <= set(second.lines()), "lines read but not acknowledged were not sent again")
        check(re.search(r"[0-9]+ acknowledged, 0 not acknowledged, 0 dropped \(buffer full\), 2 connections",
                        program.text()), f"the exit report: {program.text()[-400:]!r}")

    def test_tcp_backoff_grows_and_resets(self):
        """Nothing listening: attempts after about 0.5 s, 1 s, 2 s (+-20 %), really that far apart; a
        completed handshake resets it, so after that connection is lost the wait is 0.5 s again."""
        secret = "backing off, then starting over"
        port = free_tcp_port()
        program = Program(self, "--linger", "7000",
                          env=self.env(tcp=f"127.0.0.1:{port}", secret=secret, debug="1"))
        receiver = None
        try:
            waits = re.compile(rf"^SSL KEYLOG : tcp 127\.0\.0\.1:{port}: next attempt in ([0-9]+) ms$")
            wait_until(lambda: len([1 for _, l in program.lines() if waits.match(l)]) >= 3, 8, "three failed attempts")
            receiver = Receiver(self.build, self.work, psk_hex(secret), "--ack", port=port)
            program.wait_for(r"OK connect tcp", timeout=5)
            receiver.wait_for(r"^ACK 1 10$")
            receiver.kill()
            wait_until(lambda: len([1 for _, l in program.lines() if waits.match(l)]) >= 4, 5,
                       "the attempt after the lost connection")
            code, _ = program.finish()
        finally:
            stop(program.process)
            if receiver is not None:
                receiver.kill()
        check(code == 0, f"the program exited {code}")
        announced = [(at, int(waits.match(line).group(1))) for at, line in program.lines() if waits.match(line)]
        for (_, wait), base in zip(announced, (500, 1000, 2000)):
            check(base * 0.8 <= wait <= base * 1.2,
                  f"waits {[w for _, w in announced]} ms, want 500, 1000, 2000 +-20 %")
        for (at, wait), (next_at, _) in zip(announced[:2], announced[1:3]):
            check(next_at - at >= wait / 1000 - 0.05,
                  f"the attempt came {next_at - at:.3f} s after a wait of {wait} ms")
        lost = [line for _, line in program.lines() if "connection lost" in line]
        check(lost, "the keylogger did not notice the receiver go")
        check(400 <= announced[3][1] <= 600,
              f"after a completed handshake the wait is {announced[3][1]} ms, want 500 +-20 %")

    def test_tcp_buffer_keeps_the_newest_10000_lines(self):
        """A receiver that takes the connection but reads nothing, while 11,000 lines come: the oldest
        1,000 are dropped and counted; the receiver that replaces it gets the newest 10,000, in order."""
        secret = "ten thousand lines and no more"
        psk = psk_hex(secret)
        first = Receiver(self.build, self.work, psk, "--hold-after", "0")
        ours = self.path("bound.keys")
        program = Program(self, "--handshakes", "1100", "--linger", "8000",
                          env=self.env(tcp=f"127.0.0.1:{first.port}", secret=secret, file=ours, debug="1"))
        second = None
        try:
            wait_until(lambda: read_text(ours).count("\n") >= 11000 or program.process.poll() is not None,
                       PROGRAM_TIMEOUT, "11,000 lines in the key file")
            time.sleep(0.2)
            first.kill()
            second = Receiver(self.build, self.work, psk, "--ack", port=first.port)
            code, _ = program.finish()
        finally:
            stop(program.process)
            first.kill()
            if second is not None:
                second.kill()
        check(code == 0, f"the program exited {code}")
        lines = read_text(ours).splitlines()
        check(len(lines) == 11000, f"{len(lines)} lines in the key file, want 11,000")
        received = second.lines()
        check(received == lines[-10000:], f"the second receiver got {len(received)} lines, not the newest 10,000 "
                                          "in order")
        check(re.search(r"10000 acknowledged, 0 not acknowledged, 1000 dropped \(buffer full\)", program.text()),
              f"the exit report: {program.text()[-400:]!r}")

    def test_tcp_receiver_down_does_not_disturb_the_program(self):
        """Nothing listening, a listener that never accepts, a receiver that never reads: the program's
        100 handshakes take about as long as without the TCP destination (the exit waits at most about a
        second), and the key file, served by the same sender thread, still gets every line."""
        secret = "the program must not notice"
        baseline_file = self.path("baseline.keys")
        code, _, baseline = self.run("--handshakes", "100", env=self.env(file=baseline_file))
        check(code == 0, "the baseline run failed")
        black_hole = socket.socket()
        black_hole.bind(("127.0.0.1", 0))
        black_hole.listen(1)
        silent = Receiver(self.build, self.work, psk_hex(secret), "--hold-after", "0")
        try:
            for name, port in (("nothing listening", free_tcp_port()),
                               ("a listener that never accepts", black_hole.getsockname()[1]),
                               ("a receiver that never reads", silent.port)):
                ours = self.path("undisturbed.keys")
                code, err, took = self.run("--handshakes", "100",
                                           env=self.env(tcp=f"127.0.0.1:{port}", secret=secret, file=ours))
                check(code == 0 and err == "", f"{name}: the program exited {code}: {err[-300:]}")
                check(took < baseline + EXIT_FLUSH + 1.5, f"{name}: took {took:.2f} s, without TCP {baseline:.2f} s")
                key_file_lines(ours, 100, TLS13_LABELS)
        finally:
            black_hole.close()
            silent.kill()

    def test_tcp_fork_child_connects_on_its_own(self):
        """After fork() the child sends its own lines on its own connection; the parent's stay with it."""
        secret = "parent and child, one receiver"
        receiver = Receiver(self.build, self.work, psk_hex(secret), "--ack")
        ours = self.path("fork.keys")
        try:
            code, err, _ = self.run("--fork", env=self.env(tcp=f"127.0.0.1:{receiver.port}", secret=secret, file=ours))
            wait_until(lambda: len(receiver.lines()) >= 30, ARRIVAL_TIMEOUT, "30 lines")
        finally:
            receiver.kill()
        check(code == 0 and err == "", f"the program exited {code}: {err[-300:]}")
        lines = key_file_lines(ours, 3, TLS13_LABELS)
        check(sorted(receiver.lines()) == sorted(lines), "the receiver's lines differ from the key file's")
        check(len(receiver.events("CONNECTED")) == 2, f"connections: {receiver.events('CONNECTED')}")

    def test_tcp_daemon_closing_descriptors(self):
        """A program that closes every descriptor and opens its own under the same numbers: nothing of
        the keylogger's connection is written into its files, and the keylogger connects again."""
        secret = "descriptors are checked before use"
        receiver = Receiver(self.build, self.work, psk_hex(secret), "--ack")
        ours, victim = self.path("daemon.keys"), self.path("victim.txt")
        try:
            code, err, _ = self.run("--close-fds", victim,
                                    env=self.env(tcp=f"127.0.0.1:{receiver.port}", secret=secret, file=ours))
            lines = key_file_lines(ours, 2, TLS13_LABELS)
            wait_until(lambda: set(lines) <= set(receiver.lines()), ARRIVAL_TIMEOUT, "all 20 lines at the receiver")
        finally:
            receiver.kill()
        check(code == 0 and err == "", f"the program exited {code}: {err[-300:]}")
        check(os.path.getsize(victim) == 0, f"{os.path.getsize(victim)} bytes written into the program's own file")

    def test_tcp_settings_that_are_refused(self):
        """A short secret, a secret file others can read, both or neither secret, a host name: no TCP
        destination (debug says why, never quoting the secret); the program works and stays silent.
        A file only its group can read is used, with a warning."""
        receiver = Receiver(self.build, self.work, psk_hex("a group may read this one"), "--ack")
        try:
            tcp = f"127.0.0.1:{receiver.port}"
            cases = [
                ("short secret", dict(secret="fifteen bytes!!"), "has 15 bytes, fewer than 16"),
                ("world-readable file", dict(secret_file=self.secret_file("others can read this one", mode=0o644)),
                 "other users can read or change it"),
                ("both", dict(secret="sixteen bytes ok", secret_file=self.secret_file("sixteen bytes ok")),
                 "both SSLKEYLOG_SECRET and SSLKEYLOG_SECRET_FILE are set"),
                ("neither", dict(), "no secret"),
                ("missing file", dict(secret_file=os.path.join(self.work, "no-such-secret")), "cannot open"),
            ]
            for name, secrets, reason in cases:
                ours = self.path("refused.keys")
                code, err, _ = self.run(env=self.env(tcp=tcp, file=ours, **secrets))
                check(code == 0 and err == "", f"{name}: exited {code}, output {err[-300:]!r}")
                key_file_lines(ours, 1, TLS13_LABELS)
                code, err, _ = self.run(env=self.env(tcp=tcp, debug="1", **secrets))
                check(f"FAILED SSLKEYLOG_TCP={tcp}: " in err and reason in err, f"{name}: debug says {err[:600]!r}")
                check("log to : tcp" not in err, f"{name}: the TCP destination was set up")
                check(secrets.get("secret", "none at all") not in err, f"{name}: the secret is in the debug output")
            code, err, _ = self.run(env=self.env(tcp="localhost:5000", secret="sixteen bytes ok", debug="1"))
            check("FAILED SSLKEYLOG_TCP=localhost:5000" in err, "a host name was not refused")
            check(not receiver.lines(), "a refused setting sent lines")
            group = self.secret_file("a group may read this one", mode=0o640)
            code, err, _ = self.run(env=self.env(tcp=tcp, secret_file=group, debug="1"))
            check("its group can read the secret" in err and f"log to : tcp {tcp}" in err,
                  f"a group-readable file: {err[:600]!r}")
            receiver.wait_for(r"^ACK 1 10$")
        finally:
            receiver.kill()

    def test_tcp_from_kamailio(self):
        """Kamailio (its TLS worker processes load libssl through tls.so) answers over TLS 1.3 and 1.2 with
        the library sending over TCP; the receiver gets the client's secrets; Kamailio logs no error."""
        Kamailio.skip_unless_installed()
        secret = "kamailio sends its keys over TLS"
        receiver = Receiver(self.build, self.work, psk_hex(secret), "--ack")
        work = self.path("kamailio")
        os.mkdir(work)
        kamailio = Kamailio(work, self.cert, self.key, self.env(tcp=f"127.0.0.1:{receiver.port}", secret=secret),
                            PROGRAM_TIMEOUT)
        try:
            kamailio.wait_until_listening()
            for version in Kamailio.VERSIONS:
                reply = kamailio.options(version)
                check(b"SIP/2.0 200 OK" in reply, f"{version}: no 200 OK from kamailio: {reply[-800:]!r}")
            expected = kamailio.client_secrets()
            wait_until(lambda: expected <= set(receiver.lines()), ARRIVAL_TIMEOUT, "kamailio's secrets at the receiver")
        finally:
            kamailio.stop()
            receiver.kill()
        kamailio.check_no_errors()


def main():
    args = harness.parse_arguments(__doc__)
    if shutil.which("openssl") is None:
        print("skip - tcp: no openssl command", flush=True)
        return 0
    return harness.run_tests(Suite, args, "callscope-keylog-tcp-test.")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Tests of libcallscope-keylog.so inside real TLS programs, on loopback only.

  keylog_tests.py --library LIB.so --build DIR [--only SUBSTRING]

The programs: `openssl s_server` and `openssl s_client` (TLS 1.3, TLS 1.2 with ECDHE), and the
test programs in DIR, which link libssl the usual way (tls_pair_app) or dlopen() a module that
does (dlopen_host). Key datagrams are received by UDP listeners in this process. The truth a
test compares against is what OpenSSL itself hands out: `s_client -keylogfile` (OpenSSL's own
key log writer) and the test program's own keylog callback, which the library must keep calling.

Prints "ok - NAME", "FAIL - NAME: why" or "skip - NAME: why" for each test; exit status 1 when
one failed. Python standard library only.
"""
import os
import re
import socket
import stat
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import (LINE, TLS13_LABELS, Kamailio, Skip, check, key_file_lines, read_text,  # noqa: E402
                     stop)

TLS12_LABELS = {"CLIENT_RANDOM"}
DEBUG_START_LINE = "SSL KEYLOG : OK detect pointer to function SSL_new"
PROGRAM_TIMEOUT = 20.0
ARRIVAL_TIMEOUT = 5.0
QUIET_AFTER_ARRIVAL = 0.3


class UdpListener:
    """Collects every datagram sent to it, as bytes, on a port of its own."""

    def __init__(self, family=socket.AF_INET, host="127.0.0.1"):
        self.sock = socket.socket(family, socket.SOCK_DGRAM)
        self.sock.bind((host, 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.spec = f"[{host}]:{self.port}" if family == socket.AF_INET6 else f"{host}:{self.port}"
        self.datagrams = []
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._receive, daemon=True)
        self.thread.start()

    def _receive(self):
        while self.running:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.datagrams.append(data)

    def wait_for(self, count):
        """The datagrams once `count` arrived (or the timeout passed), plus any that follow shortly."""
        deadline = time.monotonic() + ARRIVAL_TIMEOUT
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.datagrams) >= count:
                    break
            time.sleep(0.02)
        time.sleep(QUIET_AFTER_ARRIVAL)
        with self.lock:
            return list(self.datagrams)

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()


class Suite(harness.Suite):

    # ---- helpers -------------------------------------------------------------------------------

    def env(self, udp=None, file=None, debug=None, preload=None):
        return self.program_env(preload, SSLKEYLOG_UDP=udp, SSLKEYLOG_FILE=file, SSLKEYLOG_DEBUG=debug)

    def pair(self, *args, env, program="tls_pair_app"):
        """Runs the in-process TLS pair; returns (returncode, stdout, stderr) as text."""
        done = subprocess.run(self.pair_command(*args, program=program), env=env, capture_output=True,
                              timeout=PROGRAM_TIMEOUT)
        return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")

    def pair_ok(self, *args, env, program="tls_pair_app"):
        rc, out, err = self.pair(*args, env=env, program=program)
        check(rc == 0, f"{program} {' '.join(args)} exited {rc}: {err[-1500:]}")
        return out, err

    def openssl_session(self, tls, server_env, client_env, work):
        """s_server and s_client, one connection; returns the client's -keylogfile lines."""
        version = {"1.3": ["-tls1_3"], "1.2": ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"],
                   "dtls1.2": ["-dtls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"]}[tls]
        server_out = os.path.join(work, "s_server.out")
        truth = os.path.join(work, "s_client.keylog")
        with open(server_out, "wb") as out, open(os.path.join(work, "s_server.err"), "wb") as err:
            server = subprocess.Popen(["openssl", "s_server", "-accept", "127.0.0.1:0", "-naccept", "1",
                                       "-cert", self.cert, "-key", self.key, *version],
                                      stdin=subprocess.PIPE, stdout=out, stderr=err, env=server_env)
        try:
            port = None
            deadline = time.monotonic() + PROGRAM_TIMEOUT
            while port is None and time.monotonic() < deadline and server.poll() is None:
                with open(server_out, "rb") as f:
                    found = re.search(rb"ACCEPT 127\.0\.0\.1:([0-9]+)", f.read())
                port = int(found.group(1)) if found else None
                time.sleep(0.02)
            check(port is not None, f"s_server did not start: {read_text(os.path.join(work, 's_server.err'))}")
            client = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-keylogfile", truth,
                                     *version], input=b"hello from the keylogger test\n", capture_output=True,
                                    env=client_env, timeout=PROGRAM_TIMEOUT)
            with open(os.path.join(work, "s_client.out"), "wb") as f:
                f.write(client.stdout)
            with open(os.path.join(work, "s_client.err"), "wb") as f:
                f.write(client.stderr)
            check(client.returncode == 0, f"s_client exited {client.returncode}: {client.stderr[-1500:]!r}")
            server.stdin.close()
            server.wait(timeout=PROGRAM_TIMEOUT)
        finally:
            stop(server)
        return [line for line in read_text(truth).splitlines() if line and not line.startswith("#")]

    # ---- tests ---------------------------------------------------------------------------------

    def test_library_does_not_link_libssl(self):
        """One .so for OpenSSL 1.1.1 and 3.x: libssl is looked up at run time, never linked."""
        dynamic = subprocess.run(["readelf", "-d", self.library], capture_output=True, text=True, check=True).stdout
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
        check(needed, "readelf shows no NEEDED entry at all")
        check(not any("ssl" in n or "crypto" in n for n in needed), f"links {needed}")

    def test_exports_only_the_hooks(self):
        symbols = subprocess.run(["nm", "-D", "--defined-only", self.library], capture_output=True, text=True,
                                 check=True).stdout
        exported = {line.split()[-1] for line in symbols.splitlines() if line.split()[1:2] == ["T"]}
        check(exported == {"SSL_CTX_new", "SSL_CTX_new_ex", "SSL_new", "SSL_set_SSL_CTX"},
              f"exported functions: {sorted(exported)}")

    def openssl_programs(self, tls, labels):
        work = self.path(f"openssl-{tls}")
        os.mkdir(work)
        server_udp = UdpListener()
        client_udp = UdpListener(socket.AF_INET6, "::1")
        server_file = os.path.join(work, "server.keys")
        client_file = os.path.join(work, "client.keys")
        try:
            truth = self.openssl_session(tls, self.env(udp=server_udp.spec, file=server_file),
                                         self.env(udp=client_udp.spec, file=client_file), work)
            server_datagrams = server_udp.wait_for(len(labels))
            client_datagrams = client_udp.wait_for(len(labels))
        finally:
            server_udp.close()
            client_udp.close()
        for side, datagrams, file in (("server", server_datagrams, server_file),
                                      ("client", client_datagrams, client_file)):
            lines = [d.decode("ascii", "replace") for d in datagrams]
            check(all(LINE.match(line) for line in lines),
                  f"{side}: a datagram is not exactly one key log line without line break: "
                  f"{[line[:40] for line in lines if not LINE.match(line)]}")
            check(sorted(LINE.match(line).group(1) for line in lines) == sorted(labels),
                  f"{side}: labels {sorted(LINE.match(l).group(1) for l in lines)}, want each of {sorted(labels)} once")
            check(len({LINE.match(line).group(2) for line in lines}) == 1, f"{side}: more than one client random")
            content = read_text(file)
            check(content.endswith("\n") and sorted(content.splitlines()) == sorted(lines),
                  f"{side}: {file} does not hold the same lines as the datagrams, one per line")
            mode = stat.S_IMODE(os.stat(file).st_mode)
            check(mode == 0o600, f"{side}: {file} has mode {mode:o}, want 600")
        check(set(server_datagrams) == set(client_datagrams), "client and server sent different secrets")
        standard = [line for line in truth if LINE.match(line) and LINE.match(line).group(1) in labels]
        check(sorted(standard) == sorted(d.decode() for d in client_datagrams),
              "s_client's own key log (its keylog callback, which the library chains to) differs from what "
              f"the library sent: {len(standard)} lines there")
        for name in ("s_server.out", "s_server.err", "s_client.out", "s_client.err"):
            check("SSL KEYLOG" not in read_text(os.path.join(work, name)), f"{name} has keylogger output without debug")

    def test_openssl_tls13_server_and_client(self):
        """s_server and s_client, TLS 1.3: both send the five secrets over UDP (IPv4, IPv6) and to files."""
        self.openssl_programs("1.3", TLS13_LABELS)

    def test_openssl_tls12_ecdhe_server_and_client(self):
        """s_server and s_client, TLS 1.2 ECDHE: both send CLIENT_RANDOM."""
        self.openssl_programs("1.2", TLS12_LABELS)

    def test_openssl_dtls12_server_and_client(self):
        """s_server and s_client over DTLS 1.2 (as DTLS-SRTP uses): both send CLIENT_RANDOM."""
        self.openssl_programs("dtls1.2", TLS12_LABELS)

    def test_program_with_its_own_keylog_callback(self):
        """A program that sets its own callback after creating its contexts keeps getting every line."""
        for tls, labels in (("1.3", TLS13_LABELS), ("1.2", TLS12_LABELS)):
            ours, own = self.path("pair.keys"), self.path("own-callback.txt")
            out, err = self.pair_ok("--tls", tls, "--own-callback", own, env=self.env(file=ours))
            check(out == "" and err == "", f"output without debug: {(out + err)[:300]!r}")
            distinct = set(key_file_lines(ours, 1, labels))
            own_lines = read_text(own).splitlines()
            for side in ("client", "server"):
                mine = {line.split(" ", 1)[1] for line in own_lines if line.startswith(side + " ")}
                check(mine == distinct, f"TLS {tls}: the program's own callback saw {len(mine)} lines as {side}, "
                                        f"the library sent {len(distinct)}")

    def test_context_switched_by_server_name(self):
        """A server context chosen in the SNI callback (SSL_set_SSL_CTX) also logs, also when the program
        cleared or replaced that context's callback."""
        ours = self.path("sni.keys")
        self.pair_ok("--sni", env=self.env(file=ours))
        key_file_lines(ours, 1, TLS13_LABELS)
        ours, own = self.path("sni-own.keys"), self.path("sni-own-callback.txt")
        self.pair_ok("--sni", "--own-callback", own, env=self.env(file=ours))
        distinct = set(key_file_lines(ours, 1, TLS13_LABELS))
        server = {line.split(" ", 1)[1] for line in read_text(own).splitlines() if line.startswith("server ")}
        check(server == distinct, "the program's own callback on the second context missed lines")

    def test_fork(self):
        """After fork() the child starts its own sender; nothing is sent twice, nothing lost."""
        udp = UdpListener()
        ours = self.path("fork.keys")
        try:
            self.pair_ok("--fork", env=self.env(udp=udp.spec, file=ours))
            datagrams = udp.wait_for(30)
        finally:
            udp.close()
        distinct = set(key_file_lines(ours, 3, TLS13_LABELS))
        check(len(datagrams) == 30 and {d.decode() for d in datagrams} == distinct,
              f"{len(datagrams)} datagrams, want 30 carrying the file's 15 secrets twice each")

    def test_daemon_closing_descriptors(self):
        """A program that closes every descriptor and opens its own under the same numbers: no secret
        lands in its files, and the library opens its destinations again."""
        udp = UdpListener()
        ours, victim = self.path("daemon.keys"), self.path("victim.txt")
        try:
            self.pair_ok("--close-fds", victim, env=self.env(udp=udp.spec, file=ours))
            datagrams = udp.wait_for(20)
        finally:
            udp.close()
        check(os.path.getsize(victim) == 0, f"{os.path.getsize(victim)} bytes written into the program's own file")
        key_file_lines(ours, 2, TLS13_LABELS)
        check(len(datagrams) == 20, f"{len(datagrams)} datagrams, want 20")

    def test_libssl_loaded_later_by_dlopen(self):
        """A program that dlopen()s a module linked with libssl (as Kamailio loads tls.so), without and
        with libssl preloaded too."""
        libssl = find_libssl()
        for preload in (self.library, f"{self.library} {libssl}"):
            ours, own = self.path("dlopen.keys"), self.path("dlopen-own.txt")
            out, err = self.pair_ok("--own-callback", own, env=self.env(file=ours, preload=preload),
                                    program="dlopen_host")
            check(out == "" and err == "", f"output without debug: {(out + err)[:300]!r}")
            distinct = set(key_file_lines(ours, 1, TLS13_LABELS))
            check({line.split(" ", 1)[1] for line in read_text(own).splitlines()} == distinct,
                  f"LD_PRELOAD={preload}: the module's own callback missed lines")

    def test_processes_sharing_one_file(self):
        """Several processes appending to one file: every line whole (O_APPEND, one write per line)."""
        ours = self.path("shared.keys")
        env = self.env(file=ours)
        command = self.pair_command("--handshakes", "25")
        processes = [subprocess.Popen(command, env=env) for _ in range(4)]
        try:
            codes = [p.wait(timeout=PROGRAM_TIMEOUT * 3) for p in processes]
        finally:
            for p in processes:
                stop(p)
        check(codes == [0, 0, 0, 0], f"exit codes {codes}")
        key_file_lines(ours, 100, TLS13_LABELS)

    def test_file_renamed_by_log_rotation(self):
        """After the key file is renamed (log rotation), the next lines go to a new file at the path."""
        ours = self.path("rotated.keys")
        program = subprocess.Popen(self.pair_command("--handshakes", "2", "--pause", "1000"), env=self.env(file=ours))
        try:
            deadline = time.monotonic() + ARRIVAL_TIMEOUT
            while len(read_text(ours).splitlines()) < 10 and time.monotonic() < deadline:
                time.sleep(0.02)
            os.rename(ours, ours + ".1")
            check(program.wait(timeout=PROGRAM_TIMEOUT) == 0, "the program failed")
        finally:
            stop(program)
        first = set(key_file_lines(ours + ".1", 1, TLS13_LABELS))
        second = set(key_file_lines(ours, 1, TLS13_LABELS))
        check(not first & second, "the same handshake in both files")
        check(stat.S_IMODE(os.stat(ours).st_mode) == 0o600, "the new file is not mode 600")

    def test_destination_that_blocks(self):
        """A destination that stops taking lines (a pipe nobody reads): the queue fills, further lines
        are dropped and counted, the handshakes go on, and the exit waits about a second, no more."""
        pipe = self.path("stuck.pipe")
        os.mkfifo(pipe, 0o600)
        reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # there, but never reads
        try:
            started = time.monotonic()
            _, err = self.pair_ok("--handshakes", "150", env=self.env(file=pipe, debug="1"))
            took = time.monotonic() - started
        finally:
            os.close(reader)
        summary = re.search(r"([0-9]+) lines queued, ([0-9]+) dropped \(queue full\)", err)
        check(summary is not None, f"no summary in the debug output: {err[-500:]!r}")
        queued, dropped = int(summary.group(1)), int(summary.group(2))
        check(queued + dropped == 1500 and dropped > 0, f"{queued} queued and {dropped} dropped of 1500 lines")
        check(re.search(r"exit: [0-9]+ lines not sent within 1000 ms", err), "the exit does not say lines were left")
        check(took < 8, f"the program took {took:.1f} s")
        lonely = self.path("no-reader.pipe")
        os.mkfifo(lonely, 0o600)
        started = time.monotonic()
        _, err = self.pair_ok(env=self.env(file=lonely, debug="1"))
        check(time.monotonic() - started < 5, "a pipe without reader held the program up")
        check(f"file {lonely}: 0 sent, 10 failed" in err, f"no failures counted for a pipe without reader: {err[-400:]!r}")

    def test_debug_output(self):
        """SSLKEYLOG_DEBUG=1: the start-up line names the functions found; no secret is ever printed."""
        udp = UdpListener()
        ours = self.path("debug.keys")
        try:
            out, err = self.pair_ok(env=self.env(udp=udp.spec, file=ours, debug="1"))
            udp.wait_for(10)
        finally:
            udp.close()
        check(out == "", f"debug went to standard output: {out[:200]!r}")
        check(DEBUG_START_LINE in err, f"no '{DEBUG_START_LINE}' in: {err[:600]!r}")
        for wanted in ("OK detect pointer to function SSL_CTX_set_keylog_callback", f"log to : udp {udp.spec}",
                       f"log to : file {ours}", "sent CLIENT_HANDSHAKE_TRAFFIC_SECRET to"):
            check(wanted in err, f"no '{wanted}' in the debug output")
        lines = read_text(ours).splitlines()
        check(lines and all(LINE.match(line) for line in lines), f"malformed lines in {ours}")
        for line in lines:
            random, secret = LINE.match(line).group(2, 3)
            check(secret not in err and random not in err, "a secret or client random is in the debug output")

    def test_no_output_without_debug(self):
        for value in (None, "", "0", "no", "off", "syslog"):
            ours = self.path("quiet.keys")
            out, err = self.pair_ok(env=self.env(udp="127.0.0.1:9", file=ours, debug=value))
            check(out == "" and err == "", f"SSLKEYLOG_DEBUG={value!r}: output {(out + err)[:300]!r}")
            key_file_lines(ours, 1, TLS13_LABELS)

    def test_bad_settings_do_no_harm(self):
        """Unusable settings leave the program working and silent; debug says what is wrong."""
        for spec in ("localhost:5000", "127.0.0.1", "[::1]", "::1:5000", "127.0.0.1:0", "127.0.0.1:70000"):
            ours = self.path("bad-udp.keys")
            out, err = self.pair_ok(env=self.env(udp=spec, file=ours))
            check(out == "" and err == "", f"SSLKEYLOG_UDP={spec}: output {(out + err)[:300]!r}")
            key_file_lines(ours, 1, TLS13_LABELS)
            _, err = self.pair_ok(env=self.env(udp=spec, debug="1"))
            check(f"FAILED SSLKEYLOG_UDP={spec}" in err, f"SSLKEYLOG_UDP={spec}: debug does not say it is wrong")
        missing = os.path.join(self.work, "no-such-directory", "keys")
        started = time.monotonic()
        out, err = self.pair_ok(env=self.env(udp="127.0.0.1:9", file=missing))
        check(out == "" and err == "", f"unwritable file: output {(out + err)[:300]!r}")
        check(time.monotonic() - started < 5, "an unusable destination held the program up")
        _, err = self.pair_ok(env=self.env(file=missing, debug="1"))
        check(f"FAILED open file {missing}" in err, "debug does not say the file cannot be opened")

    def test_file_is_not_written_through_a_link(self):
        target = self.path("link-target.txt")
        with open(target, "w") as f:
            f.write("not for keys\n")
        link = self.path("keys-link")
        os.symlink(target, link)
        _, err = self.pair_ok(env=self.env(file=link, debug="1"))
        check(read_text(target) == "not for keys\n", "secrets were written through a symbolic link")
        check("symbolic link" in err, "debug does not say the link was refused")

    def test_existing_file_keeps_its_mode_and_content(self):
        ours = self.path("existing.keys")
        with open(ours, "w") as f:
            f.write("# earlier\n")
        os.chmod(ours, 0o640)
        _, err = self.pair_ok(env=self.env(file=ours, debug="1"))
        check(read_text(ours).startswith("# earlier\n"), "the file was not appended to")
        check(stat.S_IMODE(os.stat(ours).st_mode) == 0o640, "the mode of an existing file was changed")
        check("other users can read the secrets" in err, "debug does not warn of a file others can read")

    def test_kamailio_tls_accept(self):
        """Kamailio, whose tls.so module brings libssl in by dlopen: it still answers over TLS 1.3 and 1.2,
        and the keys equal the client's, without and with libssl preloaded too."""
        Kamailio.skip_unless_installed()
        libssl = find_libssl()
        for preload in (self.library, f"{self.library} {libssl}"):
            work = self.path("kamailio")
            os.mkdir(work)
            ours = os.path.join(work, "kamailio.keys")
            kamailio = Kamailio(work, self.cert, self.key, self.env(file=ours, preload=preload), PROGRAM_TIMEOUT)
            try:
                kamailio.wait_until_listening()
                for version in Kamailio.VERSIONS:
                    reply = kamailio.options(version)
                    check(b"SIP/2.0 200 OK" in reply,
                          f"LD_PRELOAD={preload}, {version}: no 200 OK from kamailio: {reply[-800:]!r}")
            finally:
                kamailio.stop()
            check(set(read_text(ours).splitlines()) == kamailio.client_secrets(),
                  f"LD_PRELOAD={preload}: kamailio's keys differ from the client's")
            kamailio.check_no_errors()

    def test_without_destination_nothing_changes(self):
        own = self.path("nodest-own.txt")
        out, err = self.pair_ok("--own-callback", own, env=self.env())
        check(out == "" and err == "", f"output: {(out + err)[:300]!r}")
        check(len(read_text(own).splitlines()) == 10, "the program's own callback did not get its 10 lines")


def find_libssl():
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    found = re.search(r"libssl\.so\.(?:3|1\.1) \(libc6,x86-64\) => (\S+)", listing) or \
        re.search(r"libssl\.so\.(?:3|1\.1) .*=> (\S+)", listing)
    if not found:
        raise Skip("no libssl.so.3 or libssl.so.1.1 in ldconfig -p")
    return found.group(1)


def main():
    return harness.run_tests(Suite, harness.parse_arguments(__doc__), "callscope-keylog-test.")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Receives key datagrams on 127.0.0.1:PORT and appends each to OUT followed by a line feed, so
OUT becomes a key log file. Runs until stopped (SIGTERM).

  udp_listener.py --port PORT --out OUT
"""
import argparse
import signal
import socket
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", args.port))
    with open(args.out, "ab", buffering=0) as out:
        print(f"listening on 127.0.0.1:{args.port}", file=sys.stderr, flush=True)
        while True:
            out.write(sock.recv(65536) + b"\n")


if __name__ == "__main__":
    main()

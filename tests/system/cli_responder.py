#!/usr/bin/env python3
"""A scripted DNS responder for the q53 CLI tests: on ADDR PORT (0: a free port for UDP and TCP at once) it
answers every question with one A record, a different address over UDP and over TCP, so a test sees which
transport carried a query; it can also drop or delay UDP queries to show +tries and +time, or answer every
query SERVFAIL without records to show +fail, or send a reply whose answer record is cut short. Every query is
logged as "udp|tcp NAME TYPE" to LOG; "ready PORT" goes to stdout once both sockets listen. Loopback only.

usage: cli_responder.py ADDR PORT LOG [--udp-a IP] [--tcp-a IP] [--udp-drop] [--udp-delay SECONDS]
                        [--servfail] [--malformed]
"""
import argparse
import socket
import struct
import sys
import threading


def parse_question(msg):
    """(name as text, type, end offset of the question) or None when the query is malformed."""
    if len(msg) < 12 or struct.unpack(">H", msg[4:6])[0] != 1:
        return None
    labels, i = [], 12
    while True:  # invariant: i indexes the next length octet within msg
        if i >= len(msg):
            return None
        n = msg[i]
        if n == 0:
            i += 1
            break
        if n > 63 or i + 1 + n > len(msg):
            return None
        labels.append(msg[i + 1:i + 1 + n].decode("ascii", "replace"))
        i += 1 + n
    if i + 4 > len(msg):
        return None
    qtype = struct.unpack(">H", msg[i:i + 2])[0]
    return (".".join(labels) + ".", qtype, i + 4)


def answer(msg, addr, servfail=False, malformed=False):
    q = parse_question(msg)
    if q is None:
        return None
    name, qtype, end = q
    flags = 0x8400 | (struct.unpack(">H", msg[2:4])[0] & 0x0100)  # QR AA, RD copied
    if servfail:
        flags = 0x8002 | (flags & 0x0100)  # QR, RD copied, SERVFAIL
    an = 1 if qtype == 1 and not servfail else 0
    out = msg[:2] + struct.pack(">HHHHH", flags, 1, an, 0, 0) + msg[12:end]
    if an:
        out += b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 300, 4) + socket.inet_aton(addr)
        if malformed:
            out = out[:-2]  # RDLENGTH 4, and two octets of RDATA
    return out, name, qtype


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("addr")
    ap.add_argument("port", type=int)
    ap.add_argument("log")
    ap.add_argument("--udp-a", default="192.0.2.10")
    ap.add_argument("--tcp-a", default="192.0.2.20")
    ap.add_argument("--udp-drop", action="store_true")
    ap.add_argument("--udp-delay", type=float, default=0.0)
    ap.add_argument("--servfail", action="store_true")
    ap.add_argument("--malformed", action="store_true")
    a = ap.parse_args()

    for _ in range(50):
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind((a.addr, a.port))
        port = u.getsockname()[1]
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            t.bind((a.addr, port))
            break
        except OSError:
            u.close()
            t.close()
            if a.port != 0:
                raise
    t.listen(16)
    log = open(a.log, "a", buffering=1)
    lock = threading.Lock()

    def note(proto, name, qtype):
        with lock:
            log.write("%s %s %d\n" % (proto, name, qtype))

    def udp_loop():
        while True:
            msg, peer = u.recvfrom(65535)
            r = answer(msg, a.udp_a, a.servfail, a.malformed)
            if r is None:
                continue
            note("udp", r[1], r[2])
            if a.udp_drop:
                continue
            if a.udp_delay > 0:
                threading.Timer(a.udp_delay, u.sendto, (r[0], peer)).start()
            else:
                u.sendto(r[0], peer)

    def tcp_conn(c):
        c.settimeout(10)
        try:
            while True:  # one framed query after the other until the client closes
                hdr = c.recv(2)
                if len(hdr) < 2:
                    return
                n = struct.unpack(">H", hdr)[0]
                msg = b""
                while len(msg) < n:
                    part = c.recv(n - len(msg))
                    if not part:
                        return
                    msg += part
                r = answer(msg, a.tcp_a, a.servfail, a.malformed)
                if r is None:
                    return
                note("tcp", r[1], r[2])
                c.sendall(struct.pack(">H", len(r[0])) + r[0])
        except OSError:
            pass
        finally:
            c.close()

    threading.Thread(target=udp_loop, daemon=True).start()
    print("ready %d" % port, flush=True)
    while True:
        c, _ = t.accept()
        threading.Thread(target=tcp_conn, args=(c,), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)

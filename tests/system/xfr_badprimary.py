#!/usr/bin/env python3
"""A primary that misbehaves, for tests/system/xfr.sh: answers SOA queries for example.bad over UDP with
serial 9, and each AXFR/IXFR over TCP with the next of a list of bad transfers (a record outside the zone,
a truncated message, a first record that is not the SOA, a connection closed midway, garbage). Runs on
127.0.0.1 (UDP and TCP on the port given) until killed; prints each transfer it spoiled."""
import socket
import struct
import sys
import threading

port = int(sys.argv[1])
APEX = b"\x07example\x03bad\x00"
SOA = struct.pack(">HHIH", 6, 1, 60, 0)  # type, class, ttl, rdlength (set below)
SOA_RD = b"\x03ns1" + APEX + b"\x02hm" + APEX + struct.pack(">IIIII", 9, 1, 1, 100, 60)
SOA_RR = APEX + struct.pack(">HHIH", 6, 1, 60, len(SOA_RD)) + SOA_RD


def rr(owner, rtype, rdata):
    return owner + struct.pack(">HHIH", rtype, 1, 60, len(rdata)) + rdata


def msg(qid, qtype, records, qd=True):
    h = struct.pack(">HHHHHH", qid, 0x8400, 1 if qd else 0, len(records), 0, 0)
    q = APEX + struct.pack(">HH", qtype, 1) if qd else b""
    return h + q + b"".join(records)


def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    while True:
        d, a = s.recvfrom(4096)
        if len(d) < 12:
            continue
        (qid,) = struct.unpack(">H", d[:2])
        s.sendto(msg(qid, 6, [SOA_RR]), a)


BAD = [
    ("outside", lambda i: [msg(i, 252, [SOA_RR, rr(b"\x03www\x05other\x00", 1, b"\x0a\x00\x00\x01"), SOA_RR])]),
    ("truncated", lambda i: [msg(i, 252, [SOA_RR, SOA_RR])[:-7]]),
    ("no SOA first", lambda i: [msg(i, 252, [rr(b"\x01a" + APEX, 1, b"\x0a\x00\x00\x01"), SOA_RR])]),
    ("closed midway", lambda i: [msg(i, 252, [SOA_RR, rr(b"\x01a" + APEX, 1, b"\x0a\x00\x00\x01")])]),
    ("garbage", lambda i: [b"\xff" * 300]),
    ("bad length", lambda i: [msg(i, 252, [SOA_RR])[:12] + b"\x00" * 3]),
]


def tcp():
    t = socket.socket()
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind(("127.0.0.1", port))
    t.listen(8)
    n = 0
    while True:
        c, _ = t.accept()
        c.settimeout(5)
        try:
            hdr = c.recv(2)
            (ln,) = struct.unpack(">H", hdr)
            q = b""
            while len(q) < ln:
                q += c.recv(ln - len(q))
            (qid,) = struct.unpack(">H", q[:2])
            name, make = BAD[n % len(BAD)]
            n += 1
            for m in make(qid):
                c.sendall(struct.pack(">H", len(m)) + m)
            print("spoiled:", name, flush=True)
        except (OSError, struct.error):
            pass
        c.close()


threading.Thread(target=udp, daemon=True).start()
tcp()

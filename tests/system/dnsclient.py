#!/usr/bin/env python3
"""Small DNS clients for the q53d system tests: what dig, kdig and drill cannot do.

Every command talks to 127.0.0.1 only, on the port given, with a timeout on every socket operation, and
exits non-zero with a message when what it sees is not what RFC 1035 / RFC 7766 promise.

  pipeline PORT NAME...   one TCP connection, all queries in one write, answers read back in order
  qr1 PORT                a UDP packet with QR=1 gets no answer
  malformed PORT          a question cut short gets FORMERR with the ID echoed
  flood PORT MIN STOPFILE UDP queries one after the other until MIN are done and STOPFILE exists;
                          every one must be answered NOERROR with AA and the address of www
  hold PORT SECONDS MODE  keeps a TCP connection idle (MODE idle) or with one octet of a length prefix
                          (MODE half) for SECONDS; prints "closed after N s" if the server closes it
  cap PORT N              opens N connections (all must work), then one more, which must be closed at once
  burst PORT SRC N NAME TYPE [COOKIE]
                          N UDP queries from address SRC (127.x.y.z), sent at once, then the answers
                          collected; prints "full=F tc=T none=D span=S": answers without and with TC (a
                          TC one must carry only its question), queries never answered, and the seconds
                          from the first send to the last answer. "RANDOM" in NAME becomes a random
                          label per query; COOKIE (hex) goes in an EDNS COOKIE option
  cookie PORT SRC         asks with a client cookie from SRC; prints the client and server cookie (hex)
  oddnames PORT           from one socket (so one worker), a plain query and then questions that are not a
                          plain name (a compression pointer, a header alone), in turn: the plain ones must
                          be answered, the pointer one FORMERR or an answer, the runt none
"""
import random
import socket
import struct
import sys
import time

HOST = "127.0.0.1"
TIMEOUT = 2.0


def die(msg):
    print("dnsclient: " + msg, file=sys.stderr)
    sys.exit(1)


def wire_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode("ascii")
    return out + b"\0"


def make_query(qid, name, qtype=1, flags=0):
    return struct.pack("!HHHHHH", qid, flags, 1, 0, 0, 0) + wire_name(name) + struct.pack("!HH", qtype, 1)


def header(msg):
    if len(msg) < 12:
        die("response shorter than a header: %d octets" % len(msg))
    qid, flags, qd, an, ns, ar = struct.unpack("!HHHHHH", msg[:12])
    return {"id": qid, "qr": flags >> 15, "aa": (flags >> 10) & 1, "tc": (flags >> 9) & 1,
            "rcode": flags & 0xF, "qd": qd, "an": an, "ns": ns, "ar": ar}


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            die("connection closed after %d of %d octets" % (len(buf), n))
        buf += chunk
    return buf


def tcp_read(sock):
    (n,) = struct.unpack("!H", recv_exact(sock, 2))
    return recv_exact(sock, n)


def tcp_connect(port):
    s = socket.create_connection((HOST, port), timeout=TIMEOUT)
    s.settimeout(TIMEOUT)
    return s


def cmd_pipeline(port, names):
    ids = [random.randrange(65536) for _ in names]
    data = b"".join(struct.pack("!H", len(q)) + q
                    for q in (make_query(i, n) for i, n in zip(ids, names)))
    with tcp_connect(port) as s:
        s.sendall(data)  # one write: the server must split it into the queries
        for qid, name in zip(ids, names):
            h = header(tcp_read(s))
            if h["id"] != qid:
                die("answer for id %d came when id %d (%s) was next" % (h["id"], qid, name))
            print("%s id=%d rcode=%d aa=%d an=%d" % (name, h["id"], h["rcode"], h["aa"], h["an"]))


def udp_socket():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(TIMEOUT)
    return s


def cmd_qr1(port):
    with udp_socket() as s:
        q = bytearray(make_query(4242, "www.example.com"))
        q[2] |= 0x80  # QR=1: a response, which a server must not answer (RFC 1035 4.1.1, loops)
        s.settimeout(1.5)
        s.sendto(bytes(q), (HOST, port))
        try:
            s.recvfrom(65535)
        except socket.timeout:
            print("no answer")
            return
        die("a packet with QR=1 was answered")


def cmd_malformed(port):
    with udp_socket() as s:
        q = make_query(777, "www.example.com")
        s.sendto(q[:-3], (HOST, port))  # QDCOUNT=1 but QTYPE/QCLASS cut short
        msg, _ = s.recvfrom(65535)
        h = header(msg)
        if h["id"] != 777 or h["qr"] != 1:
            die("bad answer to a malformed query: %r" % h)
        print("rcode=%d" % h["rcode"])


def cmd_oddnames(port):
    # fuzz_answer found q53d reading a stale batch prefetch for such questions (a crash) after a query in
    # a zone had used the same batch slot; each pair below puts them in that slot in turn.
    pointer = struct.pack("!HHHHHH", 2, 0x0100, 1, 0, 0, 0) + b"\xc0\x0c" + struct.pack("!HH", 1, 1)
    runt = struct.pack("!HHHHH", 3, 0x0100, 1, 0, 0) + b"\0"
    with udp_socket() as s:
        for round_ in range(3):
            qid = 100 + round_
            s.sendto(make_query(qid, "www.example.com"), (HOST, port))
            msg, _ = s.recvfrom(65535)
            if header(msg)["id"] != qid:
                die("oddnames: no answer to the plain query in round %d" % round_)
            s.sendto(pointer, (HOST, port))
            msg, _ = s.recvfrom(65535)  # a pointer to the header: FORMERR (or an answer), never a crash
            if header(msg)["id"] != 2:
                die("oddnames: no answer to the compressed question in round %d" % round_)
            s.sendto(runt, (HOST, port))  # shorter than a header: dropped
    print("answered")


def cmd_flood(port, minimum, stopfile):
    import os
    done = failures = 0
    start = time.time()
    with udp_socket() as s:
        while done < minimum or not os.path.exists(stopfile):
            if time.time() - start > 60:
                die("flood: stop file never appeared")
            qid = random.randrange(65536)
            s.sendto(make_query(qid, "www.example.com"), (HOST, port))
            try:
                while True:
                    msg, _ = s.recvfrom(65535)
                    if header(msg)["id"] == qid:
                        break
            except socket.timeout:
                failures += 1
                print("query %d: no answer" % done, file=sys.stderr)
                done += 1
                continue
            h = header(msg)
            if h["rcode"] != 0 or not h["aa"] or h["an"] != 1 or b"\xc0\x00\x02\x01" not in msg:
                failures += 1
                print("query %d: bad answer %r" % (done, h), file=sys.stderr)
            done += 1
    print("queries=%d failures=%d" % (done, failures))
    if failures:
        sys.exit(1)


def cmd_hold(port, seconds, mode):
    with tcp_connect(port) as s:
        if mode == "half":
            s.sendall(b"\x00")  # the first octet of a length prefix, then nothing
        start = time.time()
        s.settimeout(0.2)
        while time.time() - start < seconds:
            try:
                if s.recv(1) == b"":
                    print("closed after %.1f s" % (time.time() - start))
                    return
            except socket.timeout:
                continue
            except ConnectionResetError:
                print("closed after %.1f s" % (time.time() - start))
                return
        print("open after %.1f s" % seconds)


def cmd_cap(port, n):
    conns = [tcp_connect(port) for _ in range(n)]
    try:
        # Each of the N is served.
        for i, s in enumerate(conns):
            q = make_query(i, "www.example.com")
            s.sendall(struct.pack("!H", len(q)) + q)
            h = header(tcp_read(s))
            if h["id"] != i or h["rcode"] != 0:
                die("connection %d: bad answer %r" % (i, h))
        # One more is accepted by the kernel, then closed by q53d without an answer (RFC 7766 6.2.2).
        extra = tcp_connect(port)
        q = make_query(9999, "www.example.com")
        try:
            extra.sendall(struct.pack("!H", len(q)) + q)
            got = extra.recv(2)
        except (ConnectionResetError, BrokenPipeError):
            got = b""
        except socket.timeout:
            die("connection %d over the cap of %d is still open" % (n + 1, n))
        extra.close()
        if got != b"":
            die("connection %d over the cap of %d was answered" % (n + 1, n))
        print("connection %d closed" % (n + 1))
        # The first N still work after that.
        q = make_query(1234, "www.example.com")
        conns[0].sendall(struct.pack("!H", len(q)) + q)
        if header(tcp_read(conns[0]))["id"] != 1234:
            die("first connection broken after the cap")
    finally:
        for s in conns:
            s.close()


def opt_cookie(cookie_hex):
    """An OPT record (RFC 6891) of 1232 octets carrying a COOKIE option (RFC 7873)."""
    data = bytes.fromhex(cookie_hex)
    return b"\0" + struct.pack("!HHIH", 41, 1232, 0, 4 + len(data)) + struct.pack("!HH", 10, len(data)) + data


def udp_from(src):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((src, 0))
    sock.settimeout(TIMEOUT)
    return sock


def cmd_burst(port, src, n, name, qtype, cookie):
    sock = udp_from(src)
    types = {"A": 1, "NS": 2, "MX": 15, "TXT": 16, "AAAA": 28}
    t0 = time.monotonic()
    sizes = {}
    for qid in range(1, n + 1):
        qname = name.replace("RANDOM", "r%08x" % random.getrandbits(32))
        sizes[qid] = 12 + len(wire_name(qname)) + 4
        msg = make_query(qid, qname, types[qtype])
        if cookie:
            msg = msg[:10] + struct.pack("!H", 1) + msg[12:] + opt_cookie(cookie)
        sock.sendto(msg, (HOST, port))
    seen, full, tc, last = set(), 0, 0, t0
    sock.settimeout(1.0)
    while len(seen) < n:
        try:
            msg = sock.recv(65535)
        except socket.timeout:
            break
        h = header(msg)
        if h["qr"] != 1 or not 1 <= h["id"] <= n or h["id"] in seen:
            die("unexpected answer: %r" % (h,))
        seen.add(h["id"])
        last = time.monotonic()
        if h["tc"]:
            if (h["qd"], h["an"], h["ns"], h["ar"]) != (1, 0, 0, 0) or len(msg) != sizes[h["id"]]:
                die("a truncated answer with more than its question: %r, %d octets" % (h, len(msg)))
            tc += 1
        else:
            full += 1
    print("full=%d tc=%d none=%d span=%.3f" % (full, tc, n - len(seen), last - t0))


def cmd_cookie(port, src):
    sock = udp_from(src)
    client = "%016x" % random.getrandbits(64)
    msg = make_query(1, "example.com", 6)
    sock.sendto(msg[:10] + struct.pack("!H", 1) + msg[12:] + opt_cookie(client), (HOST, port))
    resp = sock.recv(65535)
    i = resp.find(bytes.fromhex("000a0018" + client))
    if i < 0:
        die("no client and server cookie in the answer")
    print(resp[i + 4:i + 28].hex())


def main(argv):
    if len(argv) < 3:
        die(__doc__)
    cmd, port = argv[1], int(argv[2])
    if cmd == "pipeline":
        cmd_pipeline(port, argv[3:])
    elif cmd == "qr1":
        cmd_qr1(port)
    elif cmd == "malformed":
        cmd_malformed(port)
    elif cmd == "flood":
        cmd_flood(port, int(argv[3]), argv[4])
    elif cmd == "hold":
        cmd_hold(port, float(argv[3]), argv[4])
    elif cmd == "cap":
        cmd_cap(port, int(argv[3]))
    elif cmd == "oddnames":
        cmd_oddnames(port)
    elif cmd == "burst":
        cmd_burst(port, argv[3], int(argv[4]), argv[5], argv[6], argv[7] if len(argv) > 7 else "")
    elif cmd == "cookie":
        cmd_cookie(port, argv[3])
    else:
        die("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)

#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (run once; its output is committed).

corpus/reader/seed-*: DNS messages (RFC 1035 4.1): realistic queries and responses of the types q53 knows,
EDNS (RFC 6891) with options, compression (RFC 1035 4.1.4), and crafted malformed messages, one per rule the
reader enforces. corpus/name/seed-*: inputs of fuzz_name.c: the whole input is a name in text form, and the
first two octets are a type (big-endian) whose RDATA text is the rest.

corpus/zone/seed-*: zone files (fuzz_zone.c), corpus/conf/seed-*: resolver configuration texts behind a mode
octet (fuzz_conf.c), corpus/answer/seed-*: queries to q53d's answer engine (fuzz_answer.c).

Usage: tests/fuzz/gen_seeds.py [OUTDIR] [reader|name|zone|conf|answer ...]
  OUTDIR defaults to the corpus/ directory beside this script; no target: all of them.
"""
import os
import struct
import sys

A, NS, CNAME, SOA, PTR, HINFO, MINFO, MX, TXT, RP, AFSDB, RT = 1, 2, 5, 6, 12, 13, 14, 15, 16, 17, 18, 21
PX, AAAA, LOC, SRV, NAPTR, KX, DNAME, OPT, DS, SSHFP = 26, 28, 29, 33, 35, 36, 39, 41, 43, 44
RRSIG, NSEC, DNSKEY, TLSA, SMIMEA, CDS, CDNSKEY, OPENPGPKEY = 46, 47, 48, 52, 53, 59, 60, 61
SVCB, HTTPS, SPF, ANY, CAA = 64, 65, 99, 255, 257
IN, CH, CLASS_NONE, CLASS_ANY = 1, 3, 254, 255


def labels(name):
    """Text name with '.' separators (no escapes) to a list of label octet strings."""
    if name in ("", "."):
        return []
    return [l.encode() if isinstance(l, str) else l for l in name.rstrip(".").split(".")]


def wire(name):
    """Uncompressed wire form of a name given as text or a list of labels."""
    ls = labels(name) if isinstance(name, str) else name
    return b"".join(bytes([len(l)]) + l for l in ls) + b"\0"


class Msg:
    """A message under construction with RFC 1035 4.1.4 compression of owners and RFC 1035 RDATA names."""

    def __init__(self, id_=0x1234, flags=0x8180, compress=True):
        self.buf = bytearray(struct.pack("!HHHHHH", id_, flags, 0, 0, 0, 0))
        self.counts = [0, 0, 0, 0]
        self.compress = compress
        self.seen = {}

    def name(self, name, compress=None):
        ls = labels(name) if isinstance(name, str) else name
        compress = self.compress if compress is None else compress
        out = bytearray()
        for i in range(len(ls)):
            key = tuple(l.lower() for l in ls[i:])
            if compress and key in self.seen:
                out += struct.pack("!H", 0xC000 | self.seen[key])
                return bytes(out)
            at = len(self.buf) + len(out)
            if at < 0x4000 and key not in self.seen:
                self.seen[key] = at
            out += bytes([len(ls[i])]) + ls[i]
        return bytes(out + b"\0")

    def question(self, name, qtype=A, qclass=IN):
        self.buf += self.name(name) + struct.pack("!HH", qtype, qclass)
        self.counts[0] += 1
        return self

    def rr(self, sec, name, rtype, rdata, ttl=3600, rclass=IN):
        """rdata: bytes, or a list of bytes and ('name', text) / ('raw-name', text) parts."""
        self.buf += self.name(name) + struct.pack("!HHI", rtype, rclass, ttl)
        at = len(self.buf)
        self.buf += b"\0\0"
        if isinstance(rdata, (bytes, bytearray)):
            self.buf += rdata
        else:
            for part in rdata:
                if isinstance(part, tuple):
                    self.buf += self.name(part[1], compress=(part[0] == "name" and None))
                else:
                    self.buf += part
        struct.pack_into("!H", self.buf, at, len(self.buf) - at - 2)
        self.counts[sec] += 1
        return self

    def opt(self, options=b"", udp=1232, flags=0x8000, ext=0, version=0):
        self.buf += b"\0" + struct.pack("!HHBBHH", OPT, udp, ext, version, flags, len(options)) + options
        self.counts[3] += 1
        return self

    def done(self, counts=None):
        struct.pack_into("!HHHH", self.buf, 4, *(counts or self.counts))
        return bytes(self.buf)


def u16(v):
    return struct.pack("!H", v)


def u32(v):
    return struct.pack("!I", v)


def cstr(s):
    s = s.encode() if isinstance(s, str) else s
    return bytes([len(s)]) + s


def option(code, data):
    return u16(code) + u16(len(data)) + data


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def ip6(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed


def reader_seeds():
    s = {}
    cookie = option(10, bytes.fromhex("24a5ac1223d5a9ba") + bytes.fromhex("0100000065f0a1b2c3d4e5f60718293a"))
    s["query-a"] = Msg(0xBEEF, 0x0100).question("www.example.com", A).done()
    s["query-edns-cookie"] = (Msg(0x4242, 0x0120).question("example.org", AAAA)
                              .opt(option(10, bytes.fromhex("0123456789abcdef"))).done())
    # The benchmark's typical response: 3 A, 2 NS, 2 glue A, compressed.
    m = Msg(0x1234, 0x8180).question("www.example.com", A)
    for ip in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        m.rr(1, "www.example.com", A, ip4(ip), 300)
    for ns in ("ns1.example.com", "ns2.example.com"):
        m.rr(2, "example.com", NS, [("name", ns)], 86400)
    m.rr(3, "ns1.example.com", A, ip4("198.51.100.1"), 86400)
    m.rr(3, "ns2.example.com", A, ip4("198.51.100.2"), 86400)
    s["response-typical"] = m.done()
    m = Msg(0x1234, 0x8180).question("www.example.com", A)
    for ip in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        m.rr(1, "www.example.com", A, ip4(ip), 300)
    for ns in ("ns1.example.com", "ns2.example.com"):
        m.rr(2, "example.com", NS, [("name", ns)], 86400)
    m.rr(3, "ns1.example.com", A, ip4("198.51.100.1"), 86400)
    m.rr(3, "ns2.example.com", A, ip4("198.51.100.2"), 86400)
    m.opt(cookie, 1232, 0x8000)
    s["response-edns-cookie"] = m.done()
    s["response-aaaa"] = (Msg(7, 0x8580).question("ipv6.example.net", AAAA)
                          .rr(1, "ipv6.example.net", AAAA, ip6("2001:db8::1"))
                          .rr(1, "ipv6.example.net", AAAA, ip6("2001:db8:85a3::8a2e:370:7334")).done())
    s["response-mx"] = (Msg(8, 0x8180).question("example.com", MX)
                        .rr(1, "example.com", MX, [u16(10), ("name", "mail.example.com")])
                        .rr(1, "example.com", MX, [u16(20), ("name", "mx2.backup.example.net")])
                        .rr(3, "mail.example.com", A, ip4("192.0.2.25"))
                        .rr(3, "mail.example.com", AAAA, ip6("2001:db8::25")).done())
    soa = [("name", "ns1.example.com"), ("name", "hostmaster.example.com"),
           u32(2024010101), u32(7200), u32(3600), u32(1209600), u32(300)]
    s["response-nxdomain-soa"] = (Msg(9, 0x8183).question("nope.example.com", A)
                                  .rr(2, "example.com", SOA, soa, 300).done())
    s["response-txt"] = (Msg(10, 0x8180).question("example.com", TXT)
                         .rr(1, "example.com", TXT, cstr("v=spf1 -all"))
                         .rr(1, "example.com", TXT, cstr("") + cstr("two") + cstr(b"\x00\xff\"\\;"))
                         .rr(1, "example.com", TXT, cstr("x" * 255) + cstr("y" * 100)).done())
    s["response-srv"] = (Msg(11, 0x8180).question("_sip._tcp.example.com", SRV)
                         .rr(1, "_sip._tcp.example.com", SRV, [u16(0), u16(5), u16(5060),
                                                               ("raw-name", "sipserver.example.com")])
                         .rr(1, "_sip._tcp.example.com", SRV, [u16(1), u16(0), u16(5061), b"\0"]).done())
    s["response-caa"] = (Msg(12, 0x8180).question("example.com", CAA)
                         .rr(1, "example.com", CAA, b"\0" + cstr("issue") + b"letsencrypt.org")
                         .rr(1, "example.com", CAA, b"\x80" + cstr("iodef") + b"mailto:sec@example.com")
                         .rr(1, "example.com", CAA, b"\0" + cstr("issuewild") + b";").done())
    s["response-cname-chain"] = (Msg(13, 0x8180).question("www.example.com", A)
                                 .rr(1, "www.example.com", CNAME, [("name", "web.example.com")])
                                 .rr(1, "web.example.com", CNAME, [("name", "cdn.provider.example.net")])
                                 .rr(1, "cdn.provider.example.net", A, ip4("203.0.113.7"), 60).done())
    s["referral-ns"] = (Msg(14, 0x8000).question("www.sub.example.com", A)
                        .rr(2, "sub.example.com", NS, [("name", "ns.sub.example.com")])
                        .rr(2, "sub.example.com", NS, [("name", "ns.other.example")])
                        .rr(3, "ns.sub.example.com", A, ip4("192.0.2.53"))
                        .opt(b"", 4096, 0).done())
    s["response-ptr"] = (Msg(15, 0x8180).question("1.2.0.192.in-addr.arpa", PTR)
                         .rr(1, "1.2.0.192.in-addr.arpa", PTR, [("name", "host.example.com")]).done())
    opts = (option(3, b"") + option(8, u16(1) + bytes([24, 0]) + bytes([192, 0, 2])) + cookie +
            option(12, bytes(16)) + option(15, u16(18) + b"blocked") + option(11, u16(300)) +
            option(65001, b"experimental"))
    s["response-opt-options"] = Msg(16, 0x8180).question("example.com", A).opt(opts, 1232, 0x8000).done()
    s["response-opt-badvers"] = Msg(17, 0x8180).question("example.com", A).opt(b"", 512, 0, 1, 0).done()
    m = Msg(18, 0x8180).question("misc.example", ANY)
    m.rr(1, "misc.example", HINFO, cstr("INTEL-386") + cstr("Linux"))
    m.rr(1, "misc.example", MINFO, [("name", "admin.misc.example"), ("name", "errors.misc.example")])
    m.rr(1, "misc.example", RP, [("name", "mbox.misc.example"), ("raw-name", "txt.misc.example")])
    m.rr(1, "misc.example", AFSDB, [u16(1), ("name", "afs.misc.example")])
    m.rr(1, "misc.example", RT, [u16(10), ("raw-name", "relay.misc.example")])
    m.rr(1, "misc.example", PX, [u16(10), ("raw-name", "net2.it"), ("raw-name", "prmd-net2.admd-p400.c-it")])
    m.rr(1, "misc.example", NAPTR, u16(100) + u16(10) + cstr("U") + cstr("E2U+sip") +
         cstr("!^.*$!sip:info@example.com!") + wire("."))
    m.rr(1, "misc.example", KX, u16(5) + wire("kx.misc.example"))
    m.rr(1, "misc.example", DNAME, wire("other.example"))
    m.rr(1, "misc.example", DS, u16(60485) + bytes([5, 1]) + bytes.fromhex("2bb183af5f22588179a53b0a98631fad1a292118"))
    m.rr(1, "misc.example", SSHFP, bytes([1, 1]) + bytes.fromhex("123456789abcdef67890123456789abcdef67890"))
    m.rr(1, "misc.example", DNSKEY, u16(257) + bytes([3, 8]) + bytes(range(64)))
    m.rr(1, "misc.example", TLSA, bytes([3, 1, 1]) + bytes(range(32)))
    m.rr(1, "misc.example", SMIMEA, bytes([3, 0, 0]))
    m.rr(1, "misc.example", CDS, u16(0) + bytes([0, 0]) + b"\0")
    m.rr(1, "misc.example", CDNSKEY, u16(0) + bytes([3, 0]) + b"\0")
    m.rr(1, "misc.example", OPENPGPKEY, bytes(range(40)))
    m.rr(1, "misc.example", SPF, cstr("v=spf1 mx -all"))
    m.rr(1, "misc.example", LOC, bytes.fromhex("0033161300000000899d5aa07ff4bb1c00989680"))
    m.rr(1, "misc.example", RRSIG, u16(A) + bytes([8, 2]) + u32(3600) + u32(2) + u32(1) + u16(12345) +
         wire("misc.example") + bytes(64))
    m.rr(1, "misc.example", NSEC, wire("next.misc.example") + bytes([0, 6, 0x40, 0x01, 0, 0, 0, 0x03]))
    m.rr(1, "misc.example", HTTPS, u16(1) + wire(".") + u16(1) + u16(3) + cstr("h2"))
    m.rr(1, "misc.example", 65280, b"\xde\xad\xbe\xef")
    m.rr(1, "misc.example", 65281, b"")
    s["response-many-types"] = m.done()
    # SVCB and HTTPS (RFC 9460 2.2): every key in canonical form, AliasMode, alpn-ids with a comma and a
    # backslash; then params the reader takes but the printer writes as RFC 3597 (keys out of order or twice,
    # values their key cannot have, mandatory listing an absent key, no-default-alpn alone, the invalid key);
    # then RDATA the reader refuses (a value running past the end, a compressed target).
    def sp(key, val):
        return u16(key) + u16(len(val)) + val
    every = (sp(0, u16(1) + u16(3)) + sp(1, cstr("h2") + cstr("h3")) + sp(2, b"") + sp(3, u16(8443)) +
             sp(4, ip4("192.0.2.1") + ip4("192.0.2.2")) + sp(5, bytes(range(20))) + sp(6, ip6("2001:db8::1")) +
             sp(7, b"/dns-query{?dns}") + sp(8, b"") + sp(667, b"hello\xd2qoo") + sp(65534, b""))
    m = Msg(40, 0x8180).question("svc.example", HTTPS)
    m.rr(1, "svc.example", HTTPS, u16(1) + wire(".") + every)
    m.rr(1, "svc.example", HTTPS, u16(0) + wire("target.example"))
    m.rr(1, "svc.example", SVCB, u16(16) + wire("foo.example.org") + sp(1, cstr("f\\oo,bar") + cstr("h2")))
    s["svcb-every-key"] = m.done()
    m = Msg(41, 0x8180).question("odd.example", SVCB)
    for rd in (sp(3, u16(1)) + sp(1, cstr("h2")), sp(9, b"") + sp(9, b""), sp(3, b"\0\0\1"), sp(0, u16(9)) + sp(8, b""),
               sp(2, b""), sp(65535, b""), sp(1, b"\0"), sp(4, b"\1\2\3"), sp(0, u16(0)), sp(5, b"")):
        m.rr(1, "odd.example", SVCB, u16(1) + wire(".") + rd)
    s["svcb-not-canonical"] = m.done()
    s["svcb-value-past-end"] = (Msg(42, 0x8180).question("x.example", SVCB)
                                .rr(1, "x.example", SVCB, u16(1) + wire(".") + u16(3) + u16(5) + b"\0\1").done())
    s["svcb-compressed-target"] = (Msg(43, 0x8180).question("x.example", HTTPS)
                                   .rr(1, "x.example", HTTPS, u16(1) + b"\xc0\x0c").done())
    # RFC 2136 2.5.2: delete an RRset with class ANY and empty RDATA; 2.5.4 class NONE with RDATA.
    s["update-delete"] = (Msg(19, 0x2800).question("example.com", SOA)
                          .rr(2, "www.example.com", A, b"", 0, CLASS_ANY)
                          .rr(2, "www.example.com", MX, b"", 0, CLASS_ANY)
                          .rr(2, "mail.example.com", A, ip4("192.0.2.9"), 0, CLASS_NONE).done())
    s["notify"] = Msg(20, 0x2400).question("example.com", SOA).rr(1, "example.com", SOA, soa).done()
    s["chaos-version"] = (Msg(21, 0x8580).question("version.bind", TXT, CH)
                          .rr(1, "version.bind", TXT, cstr("q53"), 0, CH).done())
    s["uncompressed"] = (Msg(22, 0x8180, compress=False).question("www.example.com", A)
                         .rr(1, "www.example.com", CNAME, [("name", "a.example.com")])
                         .rr(1, "a.example.com", A, ip4("192.0.2.1")).done())
    s["case-0x20"] = (Msg(23, 0x8180).question("wWw.ExAmPlE.cOm", A)
                      .rr(1, "WWW.EXAMPLE.COM", A, ip4("192.0.2.1")).done())
    binlabel = [b"a.b", b"\x00\xff", b"sp ace", b"\\;()\"@$", b"example"]
    s["binary-labels"] = Msg(24, 0x8180).question(binlabel, A).rr(1, binlabel, A, ip4("192.0.2.1")).done()
    long_name = [bytes([ord("a") + i]) * 63 for i in range(3)] + [b"d" * 61]  # 255 octets
    s["name-255"] = Msg(25, 0x8180).question(long_name, A).rr(1, long_name, A, ip4("192.0.2.1")).done()
    m = Msg(26, 0x8180).question("many.example", A)
    for i in range(100):
        m.rr(1, "many.example", A, bytes([10, 0, i // 256, i % 256]))
    s["many-records"] = m.done()
    s["truncated-tc"] = Msg(27, 0x8380).question("big.example", TXT).done()
    m = Msg(28, 0x8480).question("example.com", 252)
    m.rr(1, "example.com", SOA, soa).rr(1, "example.com", NS, [("name", "ns1.example.com")])
    m.rr(1, "www.example.com", A, ip4("192.0.2.1")).rr(1, "example.com", SOA, soa)
    s["axfr"] = m.done()
    # Pointer to the middle of an earlier name and to the question's owner from RDATA.
    m = Msg(29, 0x8180).question("a.b.c.example", A)
    m.buf += struct.pack("!HHHIH", 0xC000 | 14, CNAME, IN, 60, 2) + struct.pack("!H", 0xC000 | 12)
    m.counts[1] += 1
    s["pointer-middle"] = m.done()
    # Pointer chains, each hop strictly backwards, hidden in the opaque RDATA of a first record: 60 hops
    # are allowed, 70 pass the reader's cap of 64.
    for hops, key in ((60, "pointer-chain-60"), (70, "bad-pointer-chain-70")):
        base = 12 + 1 + 10  # RDATA of a first record owned by the root
        blob = bytearray(wire("x"))
        prev = base
        for _ in range(hops - 1):
            at = base + len(blob)
            blob += struct.pack("!H", 0xC000 | prev)
            prev = at
        m = Msg(30, 0x8180).rr(1, ".", 65280, bytes(blob))
        m.buf += struct.pack("!HHHIH", 0xC000 | prev, A, IN, 1, 4) + ip4("192.0.2.1")
        m.counts[1] += 1
        s[key] = m.done()

    # Malformed, one rule each.
    hdr = struct.pack("!HHHHHH", 0x6666, 0x8180, 1, 0, 0, 0)
    s["bad-empty"] = b""
    s["bad-header-5"] = hdr[:5]
    s["bad-header-11"] = hdr[:11]
    s["header-only"] = struct.pack("!HHHHHH", 1, 0, 0, 0, 0, 0)
    s["bad-forward-pointer"] = hdr + b"\xc0\x0e" + u16(A) + u16(IN) + wire("x")
    s["bad-self-pointer"] = hdr + b"\xc0\x0c" + u16(A) + u16(IN)
    s["bad-pointer-loop"] = hdr + b"\x01a\xc0\x12" + u16(A) + u16(IN) + b"\x01b\xc0\x0c"
    s["pointer-to-header"] = hdr + b"\xc0\x05" + u16(A) + u16(IN)
    s["bad-label-0x40"] = hdr + b"\x41abc\x00" + u16(A) + u16(IN)
    s["bad-label-0x80"] = hdr + b"\x81a\x00" + u16(A) + u16(IN)
    s["bad-label-past-end"] = hdr + b"\x3fabc"
    s["bad-pointer-half"] = hdr + b"\xc0"
    s["bad-name-256"] = hdr + wire([b"a" * 63] * 4)[:-1] + b"\x00" + u16(A) + u16(IN)
    # 250 octets written out, then a pointer to a 10-octet name: 259 octets once decompressed.
    first = wire("abcdefgh.x")
    big = b"".join(bytes([49]) + bytes([ord("k")]) * 49 for _ in range(5))
    s["bad-name-long-compressed"] = (struct.pack("!HHHHHH", 1, 0x8180, 2, 0, 0, 0) + first + u16(A) + u16(IN) +
                                     big + b"\xc0\x0c" + u16(A) + u16(IN))
    s["bad-count-high"] = Msg(32, 0x8180).question("example.com", A).rr(1, "example.com", A, ip4("1.2.3.4")).done(
        [1, 5, 0, 0])
    s["bad-count-qd"] = Msg(33, 0x0100).question("example.com", A).done([3, 0, 0, 0])
    s["bad-rdlength-short"] = (hdr[:4] + struct.pack("!HHHH", 0, 1, 0, 0) + wire("a.example") +
                               struct.pack("!HHIH", A, IN, 60, 3) + b"\1\2\3")
    s["bad-rdlength-long"] = (hdr[:4] + struct.pack("!HHHH", 0, 1, 0, 0) + wire("a.example") +
                              struct.pack("!HHIH", A, IN, 60, 5) + b"\1\2\3\4\5")
    s["bad-rdlength-past-end"] = (hdr[:4] + struct.pack("!HHHH", 0, 1, 0, 0) + wire("a.example") +
                                  struct.pack("!HHIH", TXT, IN, 60, 200) + b"\3abc")
    s["bad-mx-name-past-rdata"] = (hdr[:4] + struct.pack("!HHHH", 0, 1, 0, 0) + wire("a.example") +
                                   struct.pack("!HHIH", MX, IN, 60, 5) + u16(10) + wire("mail.example"))
    s["bad-txt-string-overflow"] = (hdr[:4] + struct.pack("!HHHH", 0, 1, 0, 0) + wire("a.example") +
                                    struct.pack("!HHIH", TXT, IN, 60, 4) + b"\x05abc")
    s["bad-caa-empty-tag"] = (hdr[:4] + struct.pack("!HHHH", 0, 1, 0, 0) + wire("a.example") +
                              struct.pack("!HHIH", CAA, IN, 60, 3) + b"\0\0x")
    s["bad-dname-compressed"] = (hdr[:4] + struct.pack("!HHHH", 0, 1, 0, 0) + wire("a.example") +
                                 struct.pack("!HHIH", DNAME, IN, 60, 2) + b"\xc0\x0c")
    s["bad-kx-compressed"] = (hdr[:4] + struct.pack("!HHHH", 0, 1, 0, 0) + wire("a.example") +
                              struct.pack("!HHIH", KX, IN, 60, 4) + u16(1) + b"\xc0\x0c")
    s["srv-compressed-accepted"] = (hdr[:4] + struct.pack("!HHHH", 0, 1, 0, 0) + wire("a.example") +
                                    struct.pack("!HHIH", SRV, IN, 60, 8) + u16(1) + u16(2) + u16(3) + b"\xc0\x0c")
    s["bad-two-opt"] = Msg(34, 0x8180).question("example.com", A).opt(b"").opt(b"").done()
    s["bad-opt-in-answer"] = (Msg(35, 0x8180).question("example.com", A)
                              .rr(1, ".", OPT, b"", 0x8000, 1232).done())
    s["bad-opt-owner"] = (Msg(36, 0x8180).question("example.com", A)
                          .rr(3, "example.com", OPT, b"", 0, 1232).done())
    s["bad-opt-option-framing"] = Msg(37, 0x8180).question("example.com", A).opt(u16(10) + u16(8) + b"abc").done()
    s["bad-opt-option-short"] = Msg(38, 0x8180).question("example.com", A).opt(b"\0\x0a\0").done()
    # The rare types with the RDATA BIND 9.18 serves for them (tests/data/zones/bind/rare.example).
    rare = {
        "amt": (260, "0A01CB00710F"),
        "amt0": (260, "0000"),
        "amt2": (260, "808220010DB8000000000000000000000015"),
        "amt3": (260, "FF8309616D7472656C617973076578616D706C6503636F6D00"),
        "amt3r": (260, "14030572656C61790472617265076578616D706C6500"),
        "avc": (258, "2C6170702D6E616D653A574F4C4647414E477C6170702D636C6173733A4F414D7C627573696E6573733D796573"),
        "eid": (31, "1289AB"),
        "eidlong": (31, "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728"),
        "gpos": (27, "082D33322E36383832083131362E383635320431302E30"),
        "isdn": (20, "0F31353038363230323830303332313703303034"),
        "isdn1": (20, "0F313530383632303238303033323137"),
        "isdnempty": (20, "00"),
        "l32": (105, "000A0A010200"),
        "l64": (106, "000A20010DB811401000"),
        "l64z": (106, "00000000000000000000"),
        "lp": (107, "000A0B6C36342D7375626E657431076578616D706C6503636F6D00"),
        "nid": (104, "000A00144FFFFF20EE64"),
        "nimloc": (32, "1289AB"),
        "ninfo": (56, "01610162"),
        "nsap": (22, "47000580005A0000000001E133FFFFFF00016100"),
        "nsapdot": (22, "47000580"),
        "nsapptr": (23, "03666F6F076578616D706C6500"),
        "resinfo": (261, "08716E616D656D696E0F6578746572723D31352C31362C31372A696E666F75726C3D68747470733A2F2F7265736F6C7665722E6578616D706C652E636F6D2F6775696465"),
        "rkey": (57, "00000305010351537986ED35533B6064478EEEB27B5BD74DAE149B6E81BA3A0521AF82AB7801"),
        "sink": (40, "010000010351537986"),
        "sink0": (40, "FFFFFF"),
        "sinklong": (40, "010203010351537986ED35533B6064478EEEB27B5BD74DAE149B6E81BA3A0521AF82AB78010351537986ED35533B6064478EEEB27B5BD74DAE149B6E81BA3A0521AF82AB7801"),
        "talink": (58, "0470726576076578616D706C6500046E657874076578616D706C6500"),
        "wallet": (262, "034254432A62633171617230737272723778666B7679356C3634336C79646E77397265353967747A7A7766356D6471"),
        "wks": (11, "C0000201060000004000000000000080000000000000000000000000000000000000000000000000000000000000000000000000000000000000000010"),
        "wks0": (11, "0A00000111"),
        "wks2": (11, "C0000201060000004000000000000080"),
        "x25": (19, "0C333131303631373030393536"),
    }
    # The historic types BIND still serves: TA, DLV, NXT, A6, DOA, ATMA.
    rare["a6"] = (38, "0020010DB8000000000000000000000001")
    rare["a6b"] = (38, "40123456789ABCDEF00761362D62617365076578616D706C6500")
    rare["a6c"] = (38, "800761362D62617365076578616D706C6500")
    rare["a6d"] = (38, "41123456789ABCDEF004626173650472617265076578616D706C6500")
    rare["atma"] = (34, "013631323030303030303030")
    rare["atma2"] = (34, "001234567890ABCDEF")
    rare["dlv"] = (32769, "EC4505012BB183AF5F22588179A53B0A98631FAD1A292118")
    rare["doa"] = (259, "0000000000000001020068747470733A2F2F7777772E6973632E6F72672F")
    rare["doa2"] = (259, "0012D687000000010009696D6167652F706E67")
    rare["nxt"] = (30, "046E657874076578616D706C650062018008")
    rare["nxt2"] = (30, "046E657874076578616D706C650000000002")
    rare["ta"] = (32768, "EC4505012BB183AF5F22588179A53B0A98631FAD1A292118")
    # HIP (RFC 8005 6) with two rendezvous servers.
    rare["hip2"] = (55, "10020084200100107B1A74DF365639CC39F1D57803010001B771CA136E4AEB5CE44333C53B3D2C13C2224385"
                        "1FC708BCCE29F7E2EB5787B5F56CCAD34F8223ACC10904DDB56B2EC4A6D6232F3B50EA094F0914B3B941BBE5"
                        "29AF582C36BBADEFDAF2ADAF9B4911906F5B2522603C615272B880EC8FB930CC6EE39C444DAA75B1678F005A"
                        "4B2499D1DA5433F805C7A5AD3237ACC5DD5C5E430472767331076578616D706C6503636F6D00047276733204"
                        "72617265076578616D706C6500")
    for k, (t, h) in rare.items():
        s["response-rare-" + k] = (Msg(50, 0x8400).question(k + ".rare.example", t)
                                   .rr(1, k + ".rare.example", t, bytes.fromhex(h)).done())
    s["trailing-octets"] = Msg(39, 0x0100).question("example.com", A).done() + b"garbage"
    s["bad-question-truncated"] = Msg(40, 0x0100).question("example.com", A).done()[:-2]
    s["bad-rr-fixed-truncated"] = Msg(41, 0x8180).question("e", A).rr(1, "e", A, ip4("1.2.3.4")).done()[:-9]
    return s


def rdata_examples():
    """RDATA text per type: good, generic (RFC 3597) and bad forms, keyed by a short label."""
    return {
        "a": (A, "192.0.2.1"), "a-generic": (A, "\\# 4 c0000201"), "a-bad": (A, "192.0.2.256"),
        "aaaa": (AAAA, "2001:db8::1"), "aaaa-v4": (AAAA, "::ffff:192.0.2.1"), "ns": (NS, "ns1.example.com."),
        "ns-relative": (NS, "ns1"), "cname": (CNAME, "target.example."), "ptr": (PTR, "host.example.com."),
        "mx": (MX, "10 mail.example.com."), "mx-range": (MX, "65536 mail.example.com."),
        "soa": (SOA, "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300"),
        "txt": (TXT, "\"hello world\" \"second\" unquoted"), "txt-escapes": (TXT, "\"a\\\"b\\\\c\\010\\255\" \"\""),
        "txt-long": (TXT, "\"" + "x" * 255 + "\""), "txt-too-long": (TXT, "\"" + "x" * 256 + "\""),
        "srv": (SRV, "0 5 5060 sipserver.example.com."), "caa": (CAA, "0 issue \"letsencrypt.org\""),
        "caa-iodef": (CAA, "128 iodef \"mailto:security@example.com\""), "caa-empty": (CAA, "0 issue \"\""),
        "hinfo": (HINFO, "\"INTEL-386\" Linux"), "minfo": (MINFO, "admin.example. errors.example."),
        "rp": (RP, "mbox.example. txt.example."), "afsdb": (AFSDB, "1 afs.example."), "rt": (RT, "10 relay.example."),
        "px": (PX, "10 net2.it. prmd-net2.admd-p400.c-it."),
        "naptr": (NAPTR, "100 10 \"U\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" ."),
        "kx": (KX, "5 kx.example."), "dname": (DNAME, "other.example."),
        "ds": (DS, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"),
        "ds-split": (DS, "60485 5 1 2BB183AF5F225881 79A53B0A98631FAD1A292118"),
        "sshfp": (SSHFP, "1 1 123456789abcdef67890123456789abcdef67890"),
        "dnskey": (DNSKEY, "257 3 8 AwEAAagAIKlVZrpC6Ia7gEzahOR+9W29euxhJhVVLOyQbSEW0O8gcCjF FVQUTf6v58fLjwBd0YI0EzrAcQqBGCzh/RStIoO8g0NfnfL2MTJRkxoX bfDaUeVPQuYEhg37NZWAJQ9VnMVDxP/VHL496M/QZxkjf5/Efucp2gaD X6RS6CXpoY68LsvPVjR0ZSwzz1apAzvN9dlzEheX7ICJBBtuA6G3LQpz W5hOA2hzCTMjJPJ8LbqF6dsV6DoBQzgul0sGIcGOYl7OyQdXfZ57relS Qageu+ipAdTTJ25AsRTAoub8ONGcLmqrAmRLKBP1dfwhYB4N7knNnulq QxA+Uk1ihz0="),
        "tlsa": (TLSA, "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        "smimea": (SMIMEA, "3 0 0 abcd"), "cds-delete": (CDS, "0 0 0 00"), "cdnskey-delete": (CDNSKEY, "0 3 0 AA=="),
        "openpgpkey": (OPENPGPKEY, "mQINBFit2jsBEADrbl5vjVxYeAE0g0IDYCBpHirv1Sjlqxx5gjtPhb2YhvyDMXjq"),
        "spf": (SPF, "\"v=spf1 mx -all\""), "unknown-generic": (65280, "\\# 4 deadbeef"),
        "unknown-empty": (65281, "\\# 0"), "generic-bad-len": (A, "\\# 5 c0000201"),
        "loc-generic": (LOC, "\\# 16 00331613000000008 99d5aa07ff4bb1c"),
        "opt-generic": (OPT, "\\# 4 000a0000"), "mx-relative": (MX, "10 mail"),
        "soa-missing": (SOA, "ns1.example.com. hostmaster.example.com. 1 2 3"),
        "a-spaces": (A, "  192.0.2.1  "), "txt-unterminated": (TXT, "\"abc"),
        "svcb": (HTTPS, "1 . alpn=\"h2,h3\" ipv4hint=192.0.2.1,192.0.2.2 port=8443 ech=AEn+DQBF"),
        "svcb-alias": (HTTPS, "0 svc.example.net."),
        "svcb-escapes": (SVCB, "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\" key667=\"hello\\210qoo\""),
        "svcb-every-key": (SVCB, "1 . mandatory=key65001,port port=53 key65001 dohpath=/q{?dns} ohttp "
                                 "no-default-alpn alpn=h2 ipv6hint=2001:db8::1,::ffff:192.0.2.1"),
        "svcb-duplicate": (HTTPS, "1 . port=1 port=2"), "svcb-mandatory-absent": (HTTPS, "1 . mandatory=alpn"),
        "svcb-bad-port": (SVCB, "1 . port=65536"), "svcb-invalid-key": (SVCB, "1 . key65535"),
        "svcb-generic-unsorted": (HTTPS, "\\# 16 00010000030002000100010003026832"),
        # The rare types as BIND writes them (tests/data/zones/bind/rare.example).
        "wks": (11, "192.0.2.1 tcp 25 80 443"), "wks-none": (11, "10.0.0.1 17"), "wks-name": (11, "10.0.0.1 6 smtp"),
        "x25": (19, "\"311061700956\""), "isdn": (20, "\"150862028003217\" \"004\""), "isdn1": (20, "abc"),
        "nsap": (22, "0x47.0005.80.005a00.0000.0001.e133.ffffff000161.00"), "nsap-ptr": (23, "foo.example."),
        "gpos": (27, "-32.6882 116.8652 10.0"), "eid": (31, "12 89 AB"), "nimloc": (32, "1289AB"),
        "sink": (40, "1 0 0 AQNRU3mG"), "ninfo": (56, "a b"), "rkey": (57, "0 3 5 AQNRU3mG"),
        "talink": (58, "prev.example. next"), "nid": (104, "10 0014:4fff:ff20:ee64"), "l32": (105, "10 10.1.2.0"),
        "l64": (106, "10 2001:db8:1140:1000"), "lp": (107, "10 l64-subnet1"), "avc": (258, "\"app:x\""),
        "amtrelay": (260, "10 0 1 203.0.113.15"), "amtrelay-name": (260, "255 1 3 relay"),
        "amtrelay-none": (260, "0 0 0 ."), "resinfo": (261, "qnamemin exterr=15,16,17"), "wallet": (262, "BTC x"),
        "hip": (55, "2 200100107B1A74DF365639CC39F1D578 AwEAAbdxyhNu rvs1.example. rvs2"), "hip-short": (55, "1 00 AA=="),
        "nxt": (30, "next.example. A NS SOA MX TXT AAAA"), "a6": (38, "64 ::1234:5678:9abc:def0 base"),
        "a6-0": (38, "0 2001:db8::1"), "a6-128": (38, "128 base.example."), "atma": (34, "+61200000000"),
        "atma-aesa": (34, "47000580ffe1"), "doa": (259, "0 1 2 \"\" aHR0cHM6"), "doa-none": (259, "1 1 0 image/png -"),
        "ta": (32768, "60485 5 1 2BB183AF"), "dlv": (32769, "60485 5 1 2BB183AF"),
    }


def name_seeds():
    s = {}
    names = {
        "www": "www.example.com.", "relative": "www.example.com", "root": ".", "at": "@",
        "single": "a", "escaped-dot": "a\\.b.example.", "ddd": "\\000\\255\\065bc.",
        "ddd-relative": "\\065\\066", "space": "sp\\ ace.", "specials": "\\;\\(\\)\\\"\\@\\$.",
        "srv": "_sip._tcp.example.", "wildcard": "*.example.", "idn": "xn--bcher-kva.example.",
        "mixed-case": "WwW.ExAmPlE.CoM.", "trailing-escape": "a\\.", "label-63": "a" * 63 + ".",
        "label-64": "a" * 64 + ".", "name-255": ".".join(["a" * 63] * 3 + ["b" * 61]) + ".",
        "name-256": ".".join(["a" * 63] * 3 + ["b" * 62]) + ".", "rel-200": ".".join(["c" * 9] * 5),
        "rel-54": ".".join(["d" * 26] * 2), "empty-label": "a..b.", "leading-dot": ".a.",
        "dots": "..", "bad-escape-end": "a\\", "bad-escape-short": "a\\25", "bad-escape-256": "a\\256.",
        "bad-escape-digit": "a\\2x5.", "escaped-backslash": "a\\\\b.", "escaped-label-63": "\\097" * 63 + ".",
        "utf8": "b\u00fccher.example.", "nul-inside": "a\x00b.", "many-labels": "a." * 127,
    }
    for k, v in names.items():
        s["name-" + k] = v.encode("utf-8")
    rdata = rdata_examples()
    for k, (t, text) in rdata.items():
        s["rdata-" + k] = struct.pack("!H", t) + text.encode()
    return s


TYPE_NAMES = {globals()[n]: n for n in (
    "A NS CNAME SOA PTR HINFO MINFO MX TXT RP AFSDB RT PX AAAA LOC SRV NAPTR KX DNAME OPT DS SSHFP RRSIG "
    "NSEC DNSKEY TLSA SMIMEA CDS CDNSKEY OPENPGPKEY SVCB HTTPS SPF ANY CAA").split()}

ZONE_HEAD = "; origin example.com.\n$TTL 300\n@ SOA ns1 hostmaster 1 7200 900 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n"


def zone_seeds():
    """Inputs of fuzz_zone.c: zone text, a first line "; origin NAME." picking the apex."""
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(os.path.dirname(here))
    s = {}
    # The example and the test zones, with the origin each is checked under (its file name).
    for d in ("zones/examples", "tests/data/zones/good", "tests/data/zones/bad", "tests/data/zones/bind"):
        for f in sorted(os.listdir(os.path.join(top, d))):
            if not f.endswith(".zone"):
                continue
            with open(os.path.join(top, d, f), "rb") as fh:
                s["file-" + f[:-5]] = b"; origin " + f[:-5].encode() + b".\n" + fh.read()
    # Every type the parser knows, in its own form and in the generic one (RFC 3597 5).
    rd = rdata_examples()
    lines = []
    for k, (t, text) in rd.items():
        tname = TYPE_NAMES.get(t, "TYPE%d" % t)
        lines.append("t-%s %s %s" % (k, tname, text))
        s["type-" + k] = (ZONE_HEAD + "t 300 IN %s %s\n" % (tname, text)).encode()
    s["all-types"] = (ZONE_HEAD + "\n".join(lines) + "\n").encode()
    z = {
        "directives": "$ORIGIN example.com.\n$TTL 1h30m\n@ 1D IN SOA ns1 hostmaster ( 1 2h 30m 2w 5m )\n"
                      "@ NS ns1\nns1 A 192.0.2.1\n$ORIGIN sub.example.com.\nhost A 192.0.2.2\n"
                      "$ORIGIN example.com.\n$TTL 1w2d3h4m5s\nx TXT a\n",
        "no-ttl-soa-minimum": "; origin example.com.\n@ SOA ns1 hostmaster 1 2 3 4 600\n@ NS ns1\nns1 A 192.0.2.1\n",
        "ttl-class-orders": ZONE_HEAD + "a 60 IN A 192.0.2.3\nb IN 60 A 192.0.2.4\nc IN A 192.0.2.5\nd 1h A 192.0.2.6\n",
        "inherit-owner": ZONE_HEAD + "w A 192.0.2.7\n\tAAAA 2001:db8::7\n  TXT \"same owner\"\n",
        "parens": ZONE_HEAD + "p TXT ( \"one\" ; comment\n  \"two\"\n  \"three\" )\nq MX ( 10\n mail )\n",
        "escapes": ZONE_HEAD + "a\\.dot TXT \"q\\\"uote\" \\065\\066 \"\\\\back\"\nb\\032sp A 192.0.2.8\n"
                   "\\@at A 192.0.2.9\nc TXT \"\\255\\000\"\n",
        "quoted-semicolon": ZONE_HEAD + "s TXT \"a;b\" ; real comment\n",
        "generic": ZONE_HEAD + "g1 TYPE65280 \\# 4 deadbeef\ng2 A \\# 4 c0000201\ng3 TYPE1 \\# 4 c0000202\n"
                   "g4 CLASS1 TYPE65281 \\# 0\ng5 MX \\# 7 000a046d61696c00\n",
        "generate": ZONE_HEAD + "$GENERATE 1-20 host$ A 192.0.2.$\n$GENERATE 0-15/3 ${10,4,x} CNAME host${1}\n"
                    "$GENERATE 1-4 n${0,3,n} PTR host$.example.com.\n$GENERATE 2-3 $$x$ TXT \\$\n",
        "wildcard-dname": ZONE_HEAD + "*.w A 192.0.2.10\n*.w TXT \"w\"\nd DNAME example.net.\nx.d A 192.0.2.11\n"
                          "sub NS ns.sub\nns.sub A 192.0.2.12\nbelow.sub A 192.0.2.13\n",
        "cname-chain": ZONE_HEAD + "c1 CNAME c2\nc2 CNAME c3\nc3 A 192.0.2.14\nloop CNAME loop\n@ MX 10 c1\n",
        "utf8": ZONE_HEAD + "b\xc3\xbccher A 192.0.2.15\nx CNAME m\xc3\xbcnchen.example.\n",
        "include": ZONE_HEAD + "$INCLUDE /etc/passwd\n$include other.zone sub\n",
        "errors": "; origin example.com.\nx A 192.0.2.1\n$TTL 99999999999\n$TTL\n$ORIGIN\n$FOO bar\n"
                  "bad..name A 1.2.3.4\n@ 300 CH A 1.2.3.4\n@ 300 IN BOGUS x\n@ MX\n)\n\"unterminated\n(",
        "owner-only": ZONE_HEAD + "lonely\nnext A 192.0.2.16\n",
        "no-origin": "@ 300 A 192.0.2.1\nrel 300 A 192.0.2.2\n",
        "outside": ZONE_HEAD + "www.example.net. A 192.0.2.17\n",
        "semantics": ZONE_HEAD + "@ SOA ns2 h 2 3 4 5 6\nc CNAME x\nc A 192.0.2.18\n@ CNAME x\nns2 NS ns1\n"
                     "m MX 1 c\nm MX 1 c\nt 60 A 192.0.2.1\nt 70 A 192.0.2.2\n",
        "crlf": ZONE_HEAD.replace("\n", "\r\n") + "crlf A 192.0.2.19\r\n",
        "long-name": ZONE_HEAD + ".".join(["a" * 63] * 3) + " A 192.0.2.20\n",
        "svcb": ZONE_HEAD + "_443._https HTTPS 1 . ( alpn=\"h2,h3\"\n\tech=\"AEn+DQBF\" key9=\"a b\" )\n"
                "w HTTPS 0 @\n$GENERATE 1-3 g$ SVCB $ . key9=\"v $\"\nt TXT a=\"b\"c\n",
    }
    for k, v in z.items():
        s[k] = v.encode("utf-8", "surrogateescape") if isinstance(v, str) else v
    s["empty"] = b""
    return s


def conf_seeds():
    """Inputs of fuzz_conf.c: a mode octet (r o n s h l) and the text."""
    s = {
        "resolv": "r# generated\nnameserver 192.0.2.53\nnameserver 2001:db8::53\nsearch example.com corp.example\n"
                  "options ndots:2 timeout:3 attempts:4 rotate edns0\n",
        "resolv-many": "rnameserver 127.0.0.1\nnameserver 127.0.0.2\nnameserver 127.0.0.3\nnameserver 127.0.0.4\n"
                       "domain example.org\nsearch a b c d e f g h\n",
        "resolv-scope": "rnameserver fe80::1%lo\nnameserver fe80::2%2\nnameserver fe80::3%nosuchif0\n",
        "resolv-aton": "rnameserver 10.1\nnameserver 0x7f.1\nnameserver 1.2.3.4 trailing words\nnameserver\tbad\n",
        "resolv-comments": "r; comment\n# comment\n\n  nameserver 192.0.2.1\nnameserver192.0.2.2\noptions\n",
        "resolv-long-search": "rsearch " + " ".join(["d%02d.example.com" % i for i in range(20)]) + "\n",
        "resolv-domain-search": "rsearch one.example\ndomain two.example three.example\n",
        "options": "ondots:3 timeout:10 attempts:3 rotate use-vc edns0",
        "options-limits": "ondots:99 timeout:0 attempts:0 ndots:4294967296 timeout:31 attempts:6",
        "options-prefix": "o ndots: timeout:x attempts:-1 rotatexyz debug inet6 single-request trust-ad",
        "nsswitch": "n# /etc/nsswitch.conf\npasswd: files\nhosts:          files mdns4_minimal [NOTFOUND=return] dns\n",
        "nsswitch-dns-first": "nhosts: dns files\n",
        "nsswitch-files": "nhosts: files # dns\n",
        "nsswitch-dns": "n  hosts:\tdns\n",
        "nsswitch-none": "nhosts: resolve myhostname\n",
        "server-v4": "s192.0.2.1", "server-v4-port": "s192.0.2.1:5300", "server-at": "s192.0.2.1@5353",
        "server-v6": "s2001:db8::1", "server-v6-port": "s[2001:db8::1]:5300", "server-v6-at": "s2001:db8::1@53",
        "server-scope": "sfe80::1%lo", "server-scope-port": "s[fe80::1%1]:53", "server-bad": "s300.1.1.1",
        "server-bad-port": "s192.0.2.1:99999",
        "hosts": "h127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                 "192.0.2.10 www.example.com www Web.Example.COM.\n# comment line\n"
                 "2001:db8::10 www.example.com # trailing comment\nnot-an-address name\n"
                 "192.0.2.11 bad..name good.example\n192.0.2.10 again.example www.example.com\n",
        "hosts-crlf": "h192.0.2.1 a.example\r\n192.0.2.2 b.example\r\n",
        "search": "lexample.com . corp.example\nwww",
        "search-dots": "la.example\nhost.sub.",
        "reverse": "l\n1.2.0.192.in-addr.arpa.",
        "reverse6": "l\n" + ".".join("0123456789abcdef0123456789abcdef") + ".ip6.arpa.",
    }
    return {k: v.encode() for k, v in s.items()}


def answer_seeds():
    """Inputs of fuzz_answer.c: queries against its zones (example.com. and child.example.com.)."""
    CH_ = 3
    s = {}
    names = {
        "apex": ("example.com", (SOA, NS, MX, A, AAAA, CAA, TXT, ANY, DNSKEY)),
        "www": ("www.example.com", (A, AAAA, TXT, ANY, MX)),
        "ns1": ("ns1.example.com", (A, AAAA)), "mail": ("mail.example.com", (A,)),
        "c1": ("c1.example.com", (A, CNAME, TXT)), "loop": ("loop1.example.com", (A,)),
        "gone": ("gone.example.com", (A,)), "out": ("out.example.com", (A,)),
        "wild": ("x.wild.example.com", (A, TXT, MX)), "wild-star": ("*.wild.example.com", (A,)),
        "cw": ("cw.example.com", (A,)), "srv": ("_sip._tcp.example.com", (SRV,)),
        "sub": ("sub.example.com", (NS, DS, A)), "below-sub": ("a.b.sub.example.com", (A,)),
        "glue": ("ns1.sub.example.com", (A,)), "child": ("child.example.com", (SOA, NS, DS, A)),
        "child-host": ("host.child.example.com", (A, AAAA, ANY)), "dname": ("d.example.com", (DNAME, A)),
        "below-dname": ("y.d.example.com", (A,)), "tod": ("tod.example.com", (A,)),
        "signed": ("signed.example.com", (A, RRSIG, ANY)), "generic": ("generic.example.com", (65280, A)),
        "big": ("big.example.com", (TXT,)), "mx": ("mx.example.com", (MX,)), "fat": ("www.fat.example.com", (A,)),
        "ptr": ("1.2.0.192.in-addr.arpa.example.com", (PTR,)), "nx": ("nothere.example.com", (A,)),
        "empty-nonterminal": ("_tcp.example.com", (A,)), "other": ("example.net", (A,)),
        "root": (".", (NS,)),
    }
    for k, (name, types) in names.items():
        for t in types:
            tn = TYPE_NAMES.get(t, str(t)).lower()
            s["q-%s-%s" % (k, tn)] = Msg((0x1000 + t) & 0xFFFF, 0x0100).question(name, t).done()
            s["q-%s-%s-edns" % (k, tn)] = Msg((0x2000 + t) & 0xFFFF, 0x0000).question(name, t).opt(udp=4096, flags=0).done()
        s["q-%s-do" % k] = Msg(0x3000, 0x0110).question(name, types[0]).opt(udp=1232, flags=0x8000).done()
    q = lambda: Msg(0xABCD, 0x0100).question("www.example.com", A)
    s["edns-nsid"] = q().opt(option(3, b"")).done()
    s["edns-cookie-8"] = q().opt(option(10, bytes.fromhex("24a5ac1223d5a9ba"))).done()
    s["edns-cookie-24"] = q().opt(option(10, bytes.fromhex("24a5ac1223d5a9ba0100000065f0a1b2c3d4e5f60718293a"))).done()
    s["edns-cookie-bad-len"] = q().opt(option(10, b"\1\2\3\4\5")).done()
    s["edns-nsid-cookie-do"] = Msg(7, 0x0100).question("big.example.com", TXT).opt(
        option(3, b"") + option(10, bytes.fromhex("0102030405060708")), udp=512).done()
    s["edns-version-1"] = q().opt(version=1).done()
    s["edns-udp-100"] = Msg(8, 0).question("big.example.com", TXT).opt(udp=100, flags=0).done()
    s["edns-udp-65535"] = Msg(9, 0).question("mx.example.com", MX).opt(udp=65535, flags=0).done()
    s["edns-two-opt"] = q().opt().opt().done()
    s["edns-padding-unknown"] = q().opt(option(12, b"\0" * 16) + option(65001, b"xyz")).done()
    s["qr-set"] = Msg(1, 0x8100).question("www.example.com", A).done()
    s["opcode-notify"] = Msg(2, 0x2400).question("example.com", SOA).done()
    s["opcode-update"] = Msg(3, 0x2800).question("example.com", SOA).done()
    s["opcode-status"] = Msg(4, 0x1000).question("example.com", SOA).done()
    s["qdcount-0"] = Msg(5, 0x0100).done()
    s["qdcount-0-edns"] = Msg(5, 0x0100).opt().done()
    s["qdcount-2"] = Msg(6, 0x0100).question("www.example.com", A).question("mail.example.com", A).done()
    # The question name compressed: a pointer to a name later in the message, and to itself's tail.
    m = Msg(10, 0x0100)
    m.buf += struct.pack("!H", 0xC000 | 16) + struct.pack("!HH", A, IN) + wire("www.example.com")
    m.counts[0] = 1
    s["question-pointer-forward"] = m.done()
    m = Msg(11, 0x0100)
    m.buf += b"\3www" + struct.pack("!H", 0xC000 | 12) + struct.pack("!HH", A, IN)
    m.counts[0] = 1
    s["question-pointer-loop"] = m.done()
    s["question-case"] = Msg(12, 0x0100).question("WwW.ExAmPlE.CoM", A).done()
    for t, k in ((252, "axfr"), (251, "ixfr"), (249, "tkey"), (250, "tsig"), (OPT, "opt"), (0, "type0")):
        s["qtype-" + k] = Msg(13, 0).question("example.com", t).done()
    for name in ("version.bind", "version.server", "id.server", "hostname.bind", "authors.bind"):
        s["chaos-" + name] = Msg(14, 0).question(name, TXT, CH_).done()
    s["chaos-a"] = Msg(15, 0).question("version.bind", A, CH_).done()
    s["class-any"] = Msg(16, 0).question("www.example.com", A, CLASS_ANY).done()
    s["class-none"] = Msg(17, 0).question("www.example.com", A, CLASS_NONE).done()
    s["class-hs"] = Msg(18, 0).question("www.example.com", A, 4).done()
    s["with-answer"] = Msg(19, 0x0100).question("www.example.com", A).rr(1, "www.example.com", A, ip4("1.2.3.4")).done()
    s["trailing"] = Msg(20, 0x0100).question("www.example.com", A).done() + b"junk"
    full = Msg(21, 0x0100).question("www.example.com", A).opt(option(3, b"")).done()
    for n in (0, 3, 11, 12, 15, 20, 31, 33, len(full) - 1):
        s["truncated-%d" % n] = full[:n]
    s["header-only"] = struct.pack("!HHHHHH", 22, 0x0100, 0, 0, 0, 0)
    s["counts-lie"] = struct.pack("!HHHHHH", 23, 0x0100, 1, 0, 0, 5) + wire("www.example.com") + u16(A) + u16(IN)
    s["flags-rd-cd-ad-z"] = Msg(24, 0x0170).question("www.example.com", A).done()
    return s


def all_seeds():
    return {"reader": reader_seeds, "name": name_seeds, "zone": zone_seeds, "conf": conf_seeds,
            "answer": answer_seeds}


def main():
    args = sys.argv[1:]
    gens = all_seeds()
    out = args.pop(0) if args and args[0] not in gens else None
    out = out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
    for sub in args or list(gens):
        seeds = gens[sub]()
        d = os.path.join(out, sub)
        os.makedirs(d, exist_ok=True)
        for k, v in seeds.items():
            with open(os.path.join(d, "seed-" + k), "wb") as f:
                f.write(v)
        print(f"{d}: {len(seeds)} seeds")


if __name__ == "__main__":
    main()

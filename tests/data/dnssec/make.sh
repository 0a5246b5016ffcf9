#!/bin/sh
# Signs the fixture zones of the DNSSEC unit tests (tests/unit/test_lookup.c, test_answer.c) with fresh
# keys, which are then thrown away: the tests look at which records answers carry, not at signatures.
# Fixed inception and expiration (2025-01-01, 2090-01-01: within the 68 years of RFC 4034 3.1.5 serial
# arithmetic, so a validator would still accept them). Run it here after changing a *.unsigned file.
#   rfc4035.zone      RFC 4035 Appendix A, NSEC (ldns-signzone)
#   rfc5155.zone      RFC 5155 Appendix A, NSEC3 opt-out, salt aabbccdd, 12 iterations (dnssec-signzone -A:
#                     like the RFC, no NSEC3 for the unsigned delegation c.example)
#   extra-nsec3.zone  extra.unsigned as signed.test., NSEC3, salt 01020304, 1 iteration (ldns-signzone)
#   extra-nsec.zone   extra.unsigned as signed.test., NSEC (ldns-signzone)
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
I=20250101000000
E=20900101000000
key() { (cd "$tmp" && ldns-keygen -a ECDSAP256SHA256 -k "$1"); }
k=$(key example)
ldns-signzone -i $I -e $E -o example -f rfc4035.zone rfc4035.unsigned "$tmp/$k"
ks=$(key signed.test)
ldns-signzone -i $I -e $E -o signed.test -f extra-nsec.zone extra.unsigned "$tmp/$ks"
ldns-signzone -i $I -e $E -n -s 01020304 -t 1 -o signed.test -f extra-nsec3.zone extra.unsigned "$tmp/$ks"
(cd "$tmp" && dnssec-keygen -q -a ECDSAP256SHA256 -f KSK example >/dev/null &&
	dnssec-keygen -q -a ECDSAP256SHA256 example >/dev/null)
cp rfc5155.unsigned "$tmp/rfc5155.db"
dnssec-signzone -q -S -K "$tmp" -d "$tmp" -A -3 aabbccdd -H 12 -s $I -e $E -o example -f "$tmp/out" "$tmp/rfc5155.db" >/dev/null
# One record a line (named-compilezone style is multi-line), for reading the fixture by eye.
named-compilezone -q -s full -o "$tmp/full" example "$tmp/out" >/dev/null 2>&1
grep -v "^; resign=" "$tmp/full" >rfc5155.zone

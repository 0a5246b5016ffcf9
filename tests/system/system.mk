# tests/system/: q53d on 127.0.0.1 (random high port, temporary zone directory) queried with dig, kdig,
# drill and tests/system/dnsclient.py (pipelining, stalled connections, the connection cap, QR=1,
# malformed queries, queries during reloads). A missing tool fails the test. Run one by hand with
#   top_srcdir=$PWD/.. top_builddir=$PWD sh ../tests/system/query.sh
# (and Q53D_WRAPPER="valgrind --error-exitcode=99 --leak-check=full" to run the server under valgrind).
SYSTEM_TESTS = \
	tests/system/interop.sh \
	tests/system/query.sh \
	tests/system/tcp.sh \
	tests/system/reload.sh \
	tests/system/mtu.sh \
	tests/system/cli.sh
TESTS += $(SYSTEM_TESTS)
EXTRA_DIST += $(SYSTEM_TESTS) tests/system/lib.sh tests/system/dnsclient.py
# q53, the dig-like CLI (issue 7): against q53d, NSD, and through libq53 with explicit resolv.conf files.
Q53_CLI_TESTS = tests/system/cli_q53.sh tests/system/cli_q53_nsd.sh tests/system/cli_q53_resolv.sh \
	tests/system/cli_q53_xfr.sh tests/system/cli_q53_digopts.sh
TESTS += $(Q53_CLI_TESTS)
EXTRA_DIST += $(Q53_CLI_TESTS) tests/system/cli_responder.py
# Zone transfers (issue 8): NSD, Knot and BIND as secondaries of q53d (tests/system/anchors.sh starts them).
TESTS += tests/system/xfr.sh
EXTRA_DIST += tests/system/xfr.sh tests/system/anchors.sh tests/system/xfr_badprimary.py
# A zone signed by ldns-signzone: loaded, transferred (against NSD's AXFR of the same file) and printed
# (q53 +dnssec against dig).
TESTS += tests/system/signed.sh
EXTRA_DIST += tests/system/signed.sh
# DNSSEC answers (RFC 4035 3.1, RFC 5155 7.2) of zones signed with NSEC, NSEC3 and NSEC3 opt-out, against
# NSD's for the same files, and validated by delv.
TESTS += tests/system/dnssec.sh
# Response rate limiting (rrl-* settings): bursts from 127.x.y.z sources, and NSD with the same settings.
TESTS += tests/system/rrl.sh
EXTRA_DIST += tests/system/rrl.sh
EXTRA_DIST += tests/system/dnssec.sh
# libq53's resolver (examples/lookup and examples/async) against q53d and NSD; the examples built against
# the installed library (make install into a temporary prefix, pkg-config, cc).
TESTS += tests/system/resolver.sh tests/system/install.sh
EXTRA_DIST += tests/system/resolver.sh tests/system/install.sh tests/system/idna_inline.c
# SVCB and HTTPS (RFC 9460): q53-zonecheck against BIND's named-checkzone -D, q53d's AXFR against NSD's, q53
# against dig; params out of canonical form printed as RFC 3597.
TESTS += tests/system/svcb.sh
EXTRA_DIST += tests/system/svcb.sh

/*
 * Unit tests for codec/rdata.c: presentation <-> wire for every type of the descriptor table, the RFC 3597
 * generic form, RDATA checks, the typed views over records read back from a message with compressed names,
 * each error code with its position, the snprintf contract and the name hook.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <netdb.h>

#include <cmocka.h>

#include "q53/msg.h"
#include "q53/name.h"
#include "q53/print.h"
#include "q53/rdata.h"

/* Wire bytes written as a C literal: pointer and length without the literal's NUL. */
#define W(s) (const uint8_t *)(s), sizeof(s) - 1

static void name(const char *text, uint8_t *out)
{
	assert_true(q53_name_from_text(text, strlen(text), NULL, out) > 0);
}

static int parse(uint16_t type, const char *text, const uint8_t *origin, uint8_t *out, size_t size,
		 size_t *errpos)
{
	return q53_rdata_from_text(type, text, strlen(text), origin, out, size, errpos);
}

static void show(uint16_t type, const uint8_t *rdata, size_t len, char *buf, size_t size, int want)
{
	q53_rr_t rr;
	q53_rr_view(&rr, type, rdata, (uint16_t)len);
	assert_int_equal(q53_rdata_to_text(&rr, NULL, buf, size), want);
}

/*
 * text parses (relative to origin) to exactly wire, wire passes the check and prints as want, and want
 * parses back to the same wire.
 */
static void roundtrip_o(uint16_t type, const char *text, const char *origin, const uint8_t *wire, size_t wlen,
			const char *want)
{
	uint8_t o[Q53_NAME_MAX], out[2048], again[2048];
	char t[4096];
	size_t errpos = 12345;
	if (origin != NULL)
		name(origin, o);
	int n = parse(type, text, origin ? o : NULL, out, sizeof out, &errpos);
	if (n != (int)wlen)
		fail_msg("type %u \"%s\": got %d, want %zu (errpos %zu)", type, text, n, wlen, errpos);
	assert_int_equal(errpos, 12345); /* untouched on success */
	assert_memory_equal(out, wire, wlen);
	assert_int_equal(q53_rdata_check(type, out, wlen), 0);
	show(type, out, wlen, t, sizeof t, (int)strlen(want));
	assert_string_equal(t, want);
	assert_int_equal(parse(type, want, NULL, again, sizeof again, NULL), (int)wlen);
	assert_memory_equal(again, wire, wlen);
}

static void roundtrip(uint16_t type, const char *text, const uint8_t *wire, size_t wlen, const char *want)
{
	roundtrip_o(type, text, NULL, wire, wlen, want);
}

/* text fails with err found at errpos. */
static void bad(uint16_t type, const char *text, int err, size_t errpos)
{
	uint8_t o[Q53_NAME_MAX], out[1024];
	size_t at = 99999;
	name("example.", o);
	int rc = parse(type, text, o, out, sizeof out, &at);
	if (rc != err || at != errpos)
		fail_msg("type %u \"%s\": got %d at %zu, want %d at %zu", type, text, rc, at, err, errpos);
}

/* ---- Round trips, one test per family of the descriptor table ---- */

static void test_rdata_a_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_A, "192.0.2.1", W("\xC0\x00\x02\x01"), "192.0.2.1");
	roundtrip(Q53_TYPE_A, "  0.0.0.0\t", W("\0\0\0\0"), "0.0.0.0");
	roundtrip(Q53_TYPE_A, "255.255.255.255", W("\xFF\xFF\xFF\xFF"), "255.255.255.255");
}

static void test_rdata_aaaa_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_AAAA, "2001:DB8::1", W("\x20\x01\x0D\xB8\0\0\0\0\0\0\0\0\0\0\0\x01"),
		  "2001:db8::1");
	roundtrip(Q53_TYPE_AAAA, "::", W("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), "::");
	/* RFC 5952 4.2.2: a single zero group is not shortened; 4.2.3: the first longest run is. */
	roundtrip(Q53_TYPE_AAAA, "2001:db8:0:1:1:1:1:1",
		  W("\x20\x01\x0D\xB8\0\0\0\x01\0\x01\0\x01\0\x01\0\x01"), "2001:db8:0:1:1:1:1:1");
	roundtrip(Q53_TYPE_AAAA, "2001:0:0:1:0:0:0:1", W("\x20\x01\0\0\0\0\0\x01\0\0\0\0\0\0\0\x01"),
		  "2001:0:0:1::1");
	roundtrip(Q53_TYPE_AAAA, "::ffff:192.0.2.1", W("\0\0\0\0\0\0\0\0\0\0\xFF\xFF\xC0\x00\x02\x01"),
		  "::ffff:192.0.2.1");
}

static void test_rdata_single_name_roundtrip(void **state)
{
	(void)state;
	static const uint16_t types[] = {Q53_TYPE_NS, Q53_TYPE_MD, Q53_TYPE_MF,	 Q53_TYPE_CNAME, Q53_TYPE_MB,
					 Q53_TYPE_MG, Q53_TYPE_MR, Q53_TYPE_PTR, Q53_TYPE_DNAME};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		roundtrip(types[i], "ns1.example.", W("\3ns1\7example\0"), "ns1.example.");
		roundtrip_o(types[i], "ns1", "example.", W("\3ns1\7example\0"), "ns1.example.");
		roundtrip_o(types[i], "@", "example.", W("\7example\0"), "example.");
		roundtrip(types[i], ".", W("\0"), ".");
		roundtrip(types[i], "sp\\032ace.\\@x.", W("\6sp ace\2@x\0"), "sp\\032ace.\\@x.");
	}
}

static void test_rdata_soa_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_SOA, "ns1.example. hostmaster.example. 2024010101 3600 900 604800 300",
		  W("\3ns1\7example\0\12hostmaster\7example\0"
		    "\x78\xA3\xF1\x75\0\0\x0E\x10\0\0\x03\x84\0\x09\x3A\x80\0\0\x01\x2C"),
		  "ns1.example. hostmaster.example. 2024010101 3600 900 604800 300");
	/* Relative names, "@", and BIND-style durations for the four timers. */
	roundtrip_o(Q53_TYPE_SOA, "@ hostmaster 1 1h 15m 1W 5M", "example.",
		    W("\7example\0\12hostmaster\7example\0"
		      "\0\0\0\x01\0\0\x0E\x10\0\0\x03\x84\0\x09\x3A\x80\0\0\x01\x2C"),
		    "example. hostmaster.example. 1 3600 900 604800 300");
	roundtrip(Q53_TYPE_SOA, ". . 4294967295 1h30m 2w 1d2h3m4s 0",
		  W("\0\0\xFF\xFF\xFF\xFF\0\0\x15\x18\0\x12\x75\0\0\x01\x6E\x58\0\0\0\0"),
		  ". . 4294967295 5400 1209600 93784 0");
}

static void test_rdata_soa_durations(void **state)
{
	(void)state;
	uint8_t out[64];
	const char *const ok[][2] = {
	    {". . 0 3600 0 0 0", "\0\0\x0E\x10"},
	    {". . 0 1h 0 0 0", "\0\0\x0E\x10"},
	    {". . 0 60m 0 0 0", "\0\0\x0E\x10"},
	    {". . 0 3600s 0 0 0", "\0\0\x0E\x10"},
	    {". . 0 1H0M0S 0 0 0", "\0\0\x0E\x10"},
	    {". . 0 1s1s 0 0 0", "\0\0\0\x02"},
	    {". . 0 4294967295 0 0 0", "\xFF\xFF\xFF\xFF"},
	    {". . 0 7101w 0 0 0", "\xFF\xFB\xB0\x80"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(parse(Q53_TYPE_SOA, ok[i][0], NULL, out, sizeof out, NULL), 22);
		assert_memory_equal(out + 6, ok[i][1], 4);
	}
	bad(Q53_TYPE_SOA, ". . 0 1h30 0 0 0", Q53_ESYNTAX, 6);
	bad(Q53_TYPE_SOA, ". . 0 h 0 0 0", Q53_ESYNTAX, 6);
	bad(Q53_TYPE_SOA, ". . 0 1x 0 0 0", Q53_ESYNTAX, 6);
	bad(Q53_TYPE_SOA, ". . 0 0 0 0 -1", Q53_ESYNTAX, 12);
	bad(Q53_TYPE_SOA, ". . 0 0 0 4294967296 0", Q53_ERANGE, 10);
	bad(Q53_TYPE_SOA, ". . 0 0 7102w 0 0", Q53_ERANGE, 8);
	bad(Q53_TYPE_SOA, ". . 0 0 99999999999999999999s 0 0", Q53_ERANGE, 8);
	/* The serial is a number, not a duration (RFC 1982 arithmetic, no units). */
	bad(Q53_TYPE_SOA, ". . 1h 0 0 0 0", Q53_ESYNTAX, 4);
	bad(Q53_TYPE_SOA, ". . 4294967296 0 0 0 0", Q53_ERANGE, 4);
}

static void test_rdata_mx_family_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_MX, "10 mail.example.", W("\0\x0A\4mail\7example\0"), "10 mail.example.");
	roundtrip_o(Q53_TYPE_MX, "0 @", "example.", W("\0\0\7example\0"), "0 example.");
	roundtrip(Q53_TYPE_MX, "65535 .", W("\xFF\xFF\0"), "65535 .");
	roundtrip(Q53_TYPE_AFSDB, "1 afs.example.", W("\0\x01\3afs\7example\0"), "1 afs.example.");
	roundtrip(Q53_TYPE_RT, "10 relay.example.", W("\0\x0A\5relay\7example\0"), "10 relay.example.");
	roundtrip(Q53_TYPE_KX, "10 kx.example.", W("\0\x0A\2kx\7example\0"), "10 kx.example.");
	roundtrip(Q53_TYPE_PX, "10 map822.example. mapx400.example.",
		  W("\0\x0A\6map822\7example\0\7mapx400\7example\0"), "10 map822.example. mapx400.example.");
}

static void test_rdata_two_names_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_MINFO, "rmail.example. email.example.", W("\5rmail\7example\0\5email\7example\0"),
		  "rmail.example. email.example.");
	roundtrip_o(Q53_TYPE_RP, "mbox @", "example.", W("\4mbox\7example\0\7example\0"),
		    "mbox.example. example.");
}

static void test_rdata_srv_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_SRV, "0 5 5060 sip.example.", W("\0\0\0\x05\x13\xC4\3sip\7example\0"),
		  "0 5 5060 sip.example.");
	roundtrip(Q53_TYPE_SRV, "65535 65535 65535 .", W("\xFF\xFF\xFF\xFF\xFF\xFF\0"),
		  "65535 65535 65535 .");
}

static void test_rdata_naptr_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_NAPTR, "100 10 \"U\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .",
		  W("\0\x64\0\x0A\1U\7E2U+sip\x1B!^.*$!sip:info@example.com!\0"),
		  "100 10 \"U\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .");
	/* Unquoted character-strings and empty ones. */
	roundtrip(Q53_TYPE_NAPTR, "100 50 s SIP+D2U \"\" _sip._udp.example.",
		  W("\0\x64\0\x32\1s\7SIP+D2U\0\4_sip\4_udp\7example\0"),
		  "100 50 \"s\" \"SIP+D2U\" \"\" _sip._udp.example.");
}

static void test_rdata_hinfo_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_HINFO, "\"Generic PC\" Linux", W("\12Generic PC\5Linux"),
		  "\"Generic PC\" \"Linux\"");
	roundtrip(Q53_TYPE_HINFO, "\"\" \"\"", W("\0\0"), "\"\" \"\"");
}

static void test_rdata_txt_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_TXT, "\"v=spf1 -all\" \"second\"", W("\13v=spf1 -all\6second"),
		  "\"v=spf1 -all\" \"second\"");
	roundtrip(Q53_TYPE_TXT, "plain", W("\5plain"), "\"plain\"");
	roundtrip(Q53_TYPE_TXT, "\"\"", W("\0"), "\"\"");
	/* RFC 1035 5.1 escapes in and out: quote and backslash escaped, non-printables as \DDD. */
	roundtrip(Q53_TYPE_TXT, "\"a\\\"b\\\\c\" \"\\000\\255\\t\" un\\ quoted",
		  W("\5a\"b\\c\3\0\xFFt\11un quoted"), "\"a\\\"b\\\\c\" \"\\000\\255t\" \"un quoted\"");
	/* Printable means 0x20..0x7E: DEL and octets above are \DDD, a space stays as it is. */
	roundtrip(Q53_TYPE_TXT, "\" ~\\127\\128\"", W("\4 ~\x7F\x80"), "\" ~\\127\\128\"");
	roundtrip(Q53_TYPE_TXT, "\"tab\there\"\n\"x\"", W("\10tab\there\1x"), "\"tab\\009here\" \"x\"");
	roundtrip(99 /* SPF */, "\"v=spf1 -all\"", W("\13v=spf1 -all"), "\"v=spf1 -all\"");
	/* A quoted "\#" is a string, not the generic form. */
	roundtrip(Q53_TYPE_TXT, "\"\\#\"", W("\1#"), "\"#\"");
}

static void test_rdata_txt_long_strings(void **state)
{
	(void)state;
	char text[600];
	uint8_t out[600];
	char t[1200];
	/* 255 octets is the longest character-string (RFC 1035 3.3). */
	memset(text, 'x', 255);
	text[255] = '\0';
	assert_int_equal(parse(Q53_TYPE_TXT, text, NULL, out, sizeof out, NULL), 256);
	assert_int_equal(out[0], 255);
	show(Q53_TYPE_TXT, out, 256, t, sizeof t, 257);
	text[255] = 'x';
	text[256] = '\0';
	bad(Q53_TYPE_TXT, text, Q53_ERANGE, 0);
	/* The limit counts decoded octets: 255 escapes are 255 octets. */
	text[0] = '"';
	for (int i = 0; i < 255; i++)
		memcpy(text + 1 + 2 * i, "\\\"", 2);
	memcpy(text + 511, "\" y", 4);
	assert_int_equal(parse(Q53_TYPE_TXT, text, NULL, out, sizeof out, NULL), 258);
	assert_memory_equal(out + 255, "\"\1y", 3);
	memcpy(text + 511, "\\\"\" y", 6);
	bad(Q53_TYPE_TXT, text, Q53_ERANGE, 0);
}

static void test_rdata_ds_family_roundtrip(void **state)
{
	(void)state;
	static const uint16_t types[] = {Q53_TYPE_DS, 59 /* CDS */};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		roundtrip(
		    types[i], "60485 5 1 2bb183af5f 22588179A53B0A98631FAD1A292118",
		    W("\xEC\x45\x05\x01\x2B\xB1\x83\xAF\x5F\x22\x58\x81\x79\xA5\x3B\x0A\x98\x63\x1F\xAD\x1A"
		      "\x29\x21\x18"),
		    "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118");
		/* An empty digest is no field at all in text. */
		roundtrip(types[i], "1 2 3", W("\0\x01\x02\x03"), "1 2 3");
	}
	/* RFC 8078 4: the CDS that asks for removal. */
	roundtrip(59, "0 0 0 00", W("\0\0\0\0\0"), "0 0 0 00");
}

static void test_rdata_sshfp_tlsa_roundtrip(void **state)
{
	(void)state;
	roundtrip(
	    44, "2 1 123456789abcdef67890123456789abcdef67890",
	    W("\x02\x01\x12\x34\x56\x78\x9A\xBC\xDE\xF6\x78\x90\x12\x34\x56\x78\x9A\xBC\xDE\xF6\x78\x90"),
	    "2 1 123456789ABCDEF67890123456789ABCDEF67890");
	static const uint16_t types[] = {52 /* TLSA */, 53 /* SMIMEA */};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		roundtrip(types[i], "3 1 1 0C72AC70 B745AC19",
			  W("\x03\x01\x01\x0C\x72\xAC\x70\xB7\x45\xAC\x19"), "3 1 1 0C72AC70B745AC19");
}

static void test_rdata_dnskey_roundtrip(void **state)
{
	(void)state;
	static const uint16_t types[] = {Q53_TYPE_DNSKEY, 60 /* CDNSKEY */, 25 /* KEY: RFC 2535 3.1 */};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		/* Base64 split over several tokens (RFC 4034 2.2 allows whitespace) joins into one. */
		roundtrip(types[i], "256 3 8 AQIDBAUGBwgJCgsMDQ4P EBESExQVFhcYGRobHB0eHy AhIiMkJSYnKA==",
			  W("\x01\x00\x03\x08\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A\x0B\x0C\x0D\x0E\x0F\x10"
			    "\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F\x20\x21\x22\x23\x24"
			    "\x25\x26\x27\x28"),
			  "256 3 8 AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKA==");
		roundtrip(types[i], "257 3 13 AwEA AQ==", W("\x01\x01\x03\x0D\x03\x01\x00\x01"),
			  "257 3 13 AwEAAQ==");
	}
	/* RFC 8078 4: the CDNSKEY that asks for removal. */
	roundtrip(60, "0 3 0 AA==", W("\0\0\x03\0\0"), "0 3 0 AA==");
	roundtrip(60, "0 3 0 AA ==", W("\0\0\x03\0\0"), "0 3 0 AA==");
}

/* RFC 2535 4.1 (SIG, RRSIG's layout; SIG(0) of RFC 2931), RFC 4701 3.3 (DHCID), RFC 7553 4.5 (URI). */
static void test_rdata_sig_dhcid_uri_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_SIG, "A 13 3 3600 20261231235959 20261101000000 12345 example. AAAA",
		  W("\x00\x01\x0D\x03\x00\x00\x0E\x10\x6B\x36\xEC\x7F\x6A\xE6\x81\x00\x30\x39\x07"
		    "example\x00\x00\x00\x00"),
		  "A 13 3 3600 20261231235959 20261101000000 12345 example. AAAA");
	roundtrip(Q53_TYPE_SIG, "TYPE0 13 0 0 1798761599 0 1 . AA==",
		  W("\x00\x00\x0D\x00\x00\x00\x00\x00\x6B\x36\xEC\x7F\x00\x00\x00\x00\x00\x01\x00\x00"),
		  "TYPE0 13 0 0 20261231235959 19700101000000 1 . AA==");
	/* RFC 4701 3.6's first example: identifier type 2, digest type 1, a SHA-256 digest. */
	roundtrip(49, "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
		  W("\x00\x02\x01\x63\x6F\xC0\xB8\x27\x1C\x82\x82\x5B\xB1\xAC\x5C\x41\xCF\x53\x51\xAA"
		    "\x69\xB4\xFE\xBD\x94\xE8\xF1\x7C\xDB\x95\x00\x0D\xA4\x8C\x40"),
		  "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=");
	roundtrip(49, "AAIB Y2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
		  W("\x00\x02\x01\x63\x6F\xC0\xB8\x27\x1C\x82\x82\x5B\xB1\xAC\x5C\x41\xCF\x53\x51\xAA"
		    "\x69\xB4\xFE\xBD\x94\xE8\xF1\x7C\xDB\x95\x00\x0D\xA4\x8C\x40"),
		  "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=");
	/* The target is the rest of RDATA, no length octet; written quoted whatever it was given as. */
	roundtrip(256, "10 1 \"ftp://ftp1.example.com/public\"",
		  W("\x00\x0A\x00\x01"
		    "ftp://ftp1.example.com/public"),
		  "10 1 \"ftp://ftp1.example.com/public\"");
	roundtrip(256, "65535 0 http://a/", W("\xFF\xFF\x00\x00http://a/"), "65535 0 \"http://a/\"");
	roundtrip(256, "1 2 \"say \\\"hi\\\"\"", W("\x00\x01\x00\x02say \"hi\""), "1 2 \"say \\\"hi\\\"\"");
}

/* RFC 1876 (LOC) with its examples, RFC 7043 (EUI48, EUI64). */
static void test_rdata_loc_eui(void **state)
{
	(void)state;
	/* RFC 1876 4: cambridge-net.kei.com, with the defaults (1 m, 10,000 m, 10 m) written out by dig. */
	roundtrip(29, "42 21 54 N 71 06 18 W -24m 30m",
		  W("\x00\x33\x16\x13\x89\x17\x2D\xD0\x70\xBE\x15\xF0\x00\x98\x8D\x20"),
		  "42 21 54.000 N 71 6 18.000 W -24.00m 30m 10000m 10m");
	roundtrip(29, "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m",
		  W("\x00\x00\x16\x13\x8B\x3C\xF0\x18\x81\x0C\xBC\xE0\x00\x98\x95\xB8"),
		  "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m");
	/* The equator and the meridian print as N and E (as dig); the extremes of every field; lower-case
	 * letters and M; precisions kept as a digit and a power of ten (1.5 m is 1 m). */
	roundtrip(29, "0 S 0 W 0", W("\x00\x12\x16\x13\x80\x00\x00\x00\x80\x00\x00\x00\x00\x98\x96\x80"),
		  "0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m");
	roundtrip(29, "90 s 180 w 42849672.95M 90000000m 90000000m 90000000m",
		  W("\x00\x99\x99\x99\x6C\xB0\x27\x00\x59\x60\x4E\x00\xFF\xFF\xFF\xFF"),
		  "90 0 0.000 S 180 0 0.000 W 42849672.95m 90000000m 90000000m 90000000m");
	roundtrip(29, "12 34 56.789 S 98 7 6.5 W -100000m 1.5m 0.01m 123m",
		  W("\x00\x12\x10\x14\x7D\x4C\xD3\x6B\x6A\xF2\x30\xFC\x00\x00\x00\x00"),
		  "12 34 56.789 S 98 7 6.500 W -100000.00m 1m 0.01m 100m");
	static const struct {
		const char *text;
		int err;
		size_t at;
	} bad_locs[] = {
	    {"91 N 0 E 0", Q53_ERANGE, 0},
	    {"90 0 0.001 N 0 E 0", Q53_ERANGE, 0},
	    {"0 N 181 E 0", Q53_ERANGE, 4},
	    {"0 60 N 0 E 0", Q53_ERANGE, 2},
	    {"0 0 60 N 0 E 0", Q53_ERANGE, 4},
	    {"0 0 1.2345 N 0 E 0", Q53_ESYNTAX, 4},
	    {"0 E 0 N 0", Q53_ESYNTAX, 2},
	    {"N 0 E 0", Q53_ESYNTAX, 0},
	    {"0 N 0 E", Q53_ESYNTAX, 7},
	    {"0 N 0 E -100000.01m", Q53_ERANGE, 8},
	    {"0 N 0 E 42849672.96m", Q53_ERANGE, 8},
	    {"0 N 0 E 0 90000000.01m", Q53_ERANGE, 10},
	    {"0 N 0 E 0 -1m", Q53_ESYNTAX, 10},
	    {"0 N 0 E 0 1 1 1 1", Q53_ESYNTAX, 16},
	    {"0 0 0 0 N 0 E 0", Q53_ESYNTAX, 6},
	    {"0 N 0 E 1.234m", Q53_ESYNTAX, 8},
	    {"0 N 0 E \"0\"", Q53_ESYNTAX, 8},
	};
	uint8_t out[32];
	for (size_t i = 0; i < sizeof bad_locs / sizeof bad_locs[0]; i++) {
		size_t at = 999;
		int rc = parse(29, bad_locs[i].text, NULL, out, sizeof out, &at);
		if (rc != bad_locs[i].err || at != bad_locs[i].at)
			fail_msg("LOC \"%s\": %d at %zu, want %d at %zu", bad_locs[i].text, rc, at,
				 bad_locs[i].err, bad_locs[i].at);
	}
	/* Another version, or precisions that are not digits, or angles out of range: RFC 3597 form. */
	char t[128];
	static const uint8_t v1[] = {1, 2, 3};
	show(29, v1, sizeof v1, t, sizeof t, 11);
	assert_string_equal(t, "\\# 3 010203");
	static const uint8_t badprec[16] = {0,	  0xA0, 0x16, 0x13, 0x80, 0,	0,    0,
					    0x80, 0,	0,    0,    0,	  0x98, 0x96, 0x80};
	show(29, badprec, 16, t, sizeof t, 38);
	static const uint8_t badlat[16] = {0,	 0x12, 0x16, 0x13, 0xFF, 0,    0,    0,
					   0x80, 0,    0,    0,	   0,	 0x98, 0x96, 0x80};
	show(29, badlat, 16, t, sizeof t, 38);
	assert_memory_equal(t, "\\# 16 00", 8);
	/* A zero digit with a power of ten above 1 is zero written another way: no text reads back to it
	 * (fuzz_reader found dig's "0m" for it). */
	static const uint8_t zero2[16] = {0,	0x02, 0x16, 0x13, 0x80, 0,    0,    0,
					  0x80, 0,    0,    0,	  0,	0x98, 0x96, 0x80};
	show(29, zero2, 16, t, sizeof t, 38);
	assert_memory_equal(t, "\\# 16 00", 8);
	/* Version 0 is 16 octets exactly. */
	assert_true(q53_rdata_check(29, badlat, 15) < 0);
	assert_true(q53_rdata_check(29, v1, sizeof v1) == 0);
	/* RFC 7043 3.2 and 4.2's examples. */
	roundtrip(108, "00-00-5e-00-53-2a", W("\x00\x00\x5E\x00\x53\x2A"), "00-00-5e-00-53-2a");
	roundtrip(109, "00-00-5E-EF-10-00-00-2A", W("\x00\x00\x5E\xEF\x10\x00\x00\x2A"),
		  "00-00-5e-ef-10-00-00-2a");
	static const char *const bad_euis[] = {"00-00-5e-00-53",   "00-00-5e-00-53-2a-", "00:00:5e:00:53:2a",
					       "000-05e-00-53-2a", "00-00-5g-00-53-2a",	 "0000-5e-00-53-2a0"};
	for (size_t i = 0; i < sizeof bad_euis / sizeof bad_euis[0]; i++)
		assert_int_equal(parse(108, bad_euis[i], NULL, out, sizeof out, NULL), Q53_ESYNTAX);
	assert_int_equal(parse(108, "00-00-5e-00-53-2a 01", NULL, out, sizeof out, NULL), Q53_ESYNTAX);
	assert_int_equal(parse(109, "00-00-5e-00-53-2a", NULL, out, sizeof out, NULL), Q53_ESYNTAX);
}

/* RFC 4398 (CERT), RFC 4025 (IPSECKEY), RFC 3123 (APL). */
static void test_rdata_cert_ipseckey_apl(void **state)
{
	(void)state;
	/* CERT: type and algorithm by mnemonic (any case) or number; printed by mnemonic where there is one.
	 */
	roundtrip(37, "pgp 0 0 AQIDBA==", W("\x00\x03\x00\x00\x00\x01\x02\x03\x04"), "PGP 0 0 AQIDBA==");
	roundtrip(37, "1 12345 RSASHA256 AQIDBA==", W("\x00\x01\x30\x39\x08\x01\x02\x03\x04"),
		  "PKIX 12345 RSASHA256 AQIDBA==");
	roundtrip(37, "OID 1 privateoid AQIDBA==", W("\x00\xFE\x00\x01\xFE\x01\x02\x03\x04"),
		  "OID 1 PRIVATEOID AQIDBA==");
	roundtrip(37, "65535 65535 255 AQIDBA==", W("\xFF\xFF\xFF\xFF\xFF\x01\x02\x03\x04"),
		  "65535 65535 255 AQIDBA==");
	bad(37, "PGPX 0 0 AQIDBA==", Q53_ESYNTAX, 0);
	bad(37, "65536 0 0 AQIDBA==", Q53_ERANGE, 0);
	bad(37, "PGP 0 RSA AQIDBA==", Q53_ESYNTAX, 6);
	bad(37, "PGP 0 256 AQIDBA==", Q53_ERANGE, 6);
	/* IPSECKEY: each kind of gateway; a relative name takes the origin (RFC 1035 5.1), as in BIND. */
	roundtrip(45, "10 0 2 . AQIDBA==", W("\x0A\x00\x02\x01\x02\x03\x04"), "10 0 2 . AQIDBA==");
	roundtrip(45, "10 1 2 192.0.2.38 AQIDBA==", W("\x0A\x01\x02\xC0\x00\x02\x26\x01\x02\x03\x04"),
		  "10 1 2 192.0.2.38 AQIDBA==");
	roundtrip(45, "10 2 2 2001:DB8::1 AQIDBA==",
		  W("\x0A\x02\x02\x20\x01\x0D\xB8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01"
		    "\x01\x02\x03\x04"),
		  "10 2 2 2001:db8::1 AQIDBA==");
	roundtrip(45, "10 3 2 gw.example. AQIDBA==",
		  W("\x0A\x03\x02\x02gw\x07"
		    "example\x00\x01\x02\x03\x04"),
		  "10 3 2 gw.example. AQIDBA==");
	roundtrip(45, "1 3 0 gw.example.",
		  W("\x01\x03\x00\x02gw\x07"
		    "example\x00"),
		  "1 3 0 gw.example.");
	uint8_t out[64], o[Q53_NAME_MAX];
	assert_true(q53_name_from_text("example.", 8, NULL, o) > 0);
	assert_int_equal(parse(45, "10 3 2 gw AQIDBA==", o, out, sizeof out, NULL), 3 + 12 + 4);
	assert_memory_equal(out + 3,
			    "\x02gw\x07"
			    "example\x00",
			    12);
	bad(45, "10 4 2 . AQIDBA==", Q53_ERANGE, 3);
	bad(45, "10 0 2 192.0.2.1 AQIDBA==", Q53_ESYNTAX, 7);
	bad(45, "10 1 2 2001:db8::1 AQIDBA==", Q53_ESYNTAX, 7);
	bad(45, "10 2 2 192.0.2.1 AQIDBA==", Q53_ESYNTAX, 7);
	bad(45, "10 1 2", Q53_ESYNTAX, 6);
	/* A gateway type without a form (RFC 4025 2.3 defines 0 to 3) frames nothing: the RDATA is bad. */
	assert_true(q53_rdata_check(45, (const uint8_t *)"\x0A\x04\x02\x01", 4) < 0);
	assert_true(q53_rdata_check(45, (const uint8_t *)"\x0A\x03\x02\xC0\x0C", 5) < 0);
	/* APL: items with their address part cut after its last octet that is not zero (RFC 3123 4.1). */
	roundtrip(42, "1:192.168.32.0/21 !2:ff00::/124 1:0.0.0.0/0",
		  W("\x00\x01\x15\x03\xC0\xA8\x20\x00\x02\x7C\x81\xFF\x00\x01\x00\x00"),
		  "1:192.168.32.0/21 !2:ff00::/124 1:0.0.0.0/0");
	roundtrip(42, "", W(""), "");
	bad(42, "3:192.0.2.0/24", Q53_ESYNTAX, 0);
	bad(42, "1:192.0.2.0/33", Q53_ERANGE, 0);
	bad(42, "1:192.0.2.0", Q53_ESYNTAX, 0);
	bad(42, "1:2001:db8::/32", Q53_ESYNTAX, 0);
	bad(42, "1:192.0.2.0/24 !!1:10.0.0.0/8", Q53_ESYNTAX, 15);
	/* A trailing zero octet, or another family, has no text that reads back: RFC 3597 form. */
	char t[64];
	show(42, (const uint8_t *)"\x00\x01\x18\x04\xC0\x00\x02\x00", 8, t, sizeof t, 21);
	assert_string_equal(t, "\\# 8 00011804C0000200");
	show(42, (const uint8_t *)"\x00\x03\x08\x01\x0A", 5, t, sizeof t, 15);
	assert_string_equal(t, "\\# 5 000308010A");
}

/*
 * The rare types read and written as BIND 9.18 has them: WKS (RFC 1035 3.4.2), X25 and ISDN (RFC 1183 3),
 * NSAP and NSAP-PTR (RFC 1706), GPOS (RFC 1712), EID, NIMLOC, SINK, NINFO, RKEY, TALINK, ILNP (RFC 6742),
 * AMTRELAY (RFC 8777), AVC, RESINFO (RFC 9606) and WALLET. dig's display of each is in test_print.
 */
static void test_rdata_rare_types(void **state)
{
	(void)state;
	uint8_t out[9000];
	char t[64];
	/* WKS: ports in any order, each set once; "tcp" and "udp" by name; no port, no bitmap. */
	roundtrip(
	    11, "192.0.2.1 6 25 80 443",
	    W("\xC0\x00\x02\x01\x06"
	      "\x00\x00\x00\x40\x00\x00\x00\x00\x00\x00\x80\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
	      "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
	      "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x10"),
	    "192.0.2.1 6 25 80 443");
	roundtrip(11, "10.0.0.1 UDP 7 0 7", W("\x0A\x00\x00\x01\x11\x81"), "10.0.0.1 17 0 7");
	roundtrip(11, "10.0.0.1 tcp", W("\x0A\x00\x00\x01\x06"), "10.0.0.1 6");
	roundtrip(11, "10.0.0.1 255 1", W("\x0A\x00\x00\x01\xFF\x40"), "10.0.0.1 255 1");
	assert_int_equal(parse(11, "10.0.0.1 6 65535", NULL, out, sizeof out, NULL), 5 + 8192);
	assert_int_equal(out[5 + 8191], 1);
	bad(11, "10.0.0.1", Q53_ESYNTAX, 8);
	bad(11, "10.0.0.1 sctp 1", Q53_ESYNTAX, 9);
	bad(11, "10.0.0.1 256", Q53_ERANGE, 9);
	bad(11, "10.0.0.1 6 65536", Q53_ERANGE, 11);
	bad(11, "2001:db8::1 6 25", Q53_ESYNTAX, 0);
	/* A service by name comes from the system's services database, for TCP and UDP only. */
	struct servent *se = getservbyname("smtp", "tcp");
	if (se != NULL)
		roundtrip(11, "10.0.0.1 tcp smtp", W("\x0A\x00\x00\x01\x06\x00\x00\x00\x40"),
			  "10.0.0.1 6 25");
	else
		bad(11, "10.0.0.1 tcp smtp", Q53_ESYNTAX, 13);
	bad(11, "10.0.0.1 1 smtp", Q53_ESYNTAX, 11);
	bad(11, "10.0.0.1 6 no-such-service-q53", Q53_ESYNTAX, 11);
	/* A bitmap ending in a zero octet has no text that reads back to it; too short is no WKS. */
	show(11, (const uint8_t *)"\x0A\x00\x00\x01\x06\x40\x00", 7, t, sizeof t, 19);
	assert_string_equal(t, "\\# 7 0A000001064000");
	assert_true(q53_rdata_check(11, (const uint8_t *)"\x0A\x00\x00\x01", 4) < 0);
	/* X25, ISDN with and without its subaddress, GPOS. */
	roundtrip(19, "311061700956",
		  W("\x0C"
		    "311061700956"),
		  "\"311061700956\"");
	roundtrip(20, "\"150862028003217\" \"004\"",
		  W("\x0F"
		    "150862028003217\x03"
		    "004"),
		  "\"150862028003217\" \"004\"");
	roundtrip(20, "\"150862028003217\"",
		  W("\x0F"
		    "150862028003217"),
		  "\"150862028003217\"");
	roundtrip(20, "\"\"", W("\x00"), "\"\"");
	bad(20, "a b c", Q53_ESYNTAX, 4);
	bad(20, "", Q53_ESYNTAX, 0);
	assert_true(q53_rdata_check(20, W("\x01"
					  "a\x01"
					  "b\x01"
					  "c")) < 0);
	roundtrip(27, "-32.6882 116.8652 10.0",
		  W("\x08-32.6882\x08"
		    "116.8652\x04"
		    "10.0"),
		  "\"-32.6882\" \"116.8652\" \"10.0\"");
	bad(27, "1 2", Q53_ESYNTAX, 3);
	/* NSAP: "0x" and hex pairs, dots between them; written in lower case. NSAP-PTR: a name. */
	roundtrip(22, "0x47.0005.80.005A00", W("\x47\x00\x05\x80\x00\x5A\x00"), "0x47000580005a00");
	roundtrip(22, "0X01", W("\x01"), "0x01");
	bad(22, "47000580", Q53_ESYNTAX, 0);
	bad(22, "0x", Q53_ESYNTAX, 0);
	bad(22, "0x470", Q53_ESYNTAX, 0);
	bad(22, "0x4.7", Q53_ESYNTAX, 0);
	bad(22, "0x47.", Q53_ESYNTAX, 0);
	bad(22, "0x47 0x48", Q53_ESYNTAX, 5);
	assert_true(q53_rdata_check(22, NULL, 0) < 0);
	roundtrip(23, "foo.example.",
		  W("\x03"
		    "foo\x07"
		    "example\x00"),
		  "foo.example.");
	/* EID and NIMLOC: hex; SINK: three numbers and base64; NINFO: strings; RKEY: a key; TALINK: two
	 * names. */
	roundtrip(31, "12 89 AB", W("\x12\x89\xAB"), "1289AB");
	roundtrip(32, "1289ab", W("\x12\x89\xAB"), "1289AB");
	roundtrip(40, "1 0 0 AQID", W("\x01\x00\x00\x01\x02\x03"), "1 0 0 AQID");
	roundtrip(40, "255 255 255", W("\xFF\xFF\xFF"), "255 255 255");
	roundtrip(56, "a \"b c\"",
		  W("\x01"
		    "a\x03"
		    "b c"),
		  "\"a\" \"b c\"");
	roundtrip(57, "0 3 5 AQID", W("\x00\x00\x03\x05\x01\x02\x03"), "0 3 5 AQID");
	roundtrip(58, "prev.example. next.example.",
		  W("\x04prev\x07"
		    "example\x00\x04next\x07"
		    "example\x00"),
		  "prev.example. next.example.");
	/* ILNP: NID and L64 in four hex groups, written without leading zeros; L32; LP. */
	roundtrip(104, "10 0014:4fff:ff20:ee64", W("\x00\x0A\x00\x14\x4F\xFF\xFF\x20\xEE\x64"),
		  "10 14:4fff:ff20:ee64");
	roundtrip(106, "0 0:0:0:0", W("\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), "0 0:0:0:0");
	roundtrip(106, "65535 FFFF:ABCD:0:1", W("\xFF\xFF\xFF\xFF\xAB\xCD\x00\x00\x00\x01"),
		  "65535 ffff:abcd:0:1");
	static const char *const bad_ilnp[] = {"10 1:2:3",   "10 1:2:3:4:5",   "10 12345:0:0:0",
					       "10 :1:2:3",  "10 1:2:3:4:",    "10 1::2:3",
					       "10 g:0:0:0", "10 \"1:2:3:4\"", "10 2001:db8::1"};
	for (size_t i = 0; i < sizeof bad_ilnp / sizeof bad_ilnp[0]; i++)
		bad(104, bad_ilnp[i], Q53_ESYNTAX, 3);
	roundtrip(105, "10 10.1.2.0", W("\x00\x0A\x0A\x01\x02\x00"), "10 10.1.2.0");
	roundtrip(107, "10 l64.example.",
		  W("\x00\x0A\x03l64\x07"
		    "example\x00"),
		  "10 l64.example.");
	/* AMTRELAY: each relay type, the D bit in the type octet's high bit. */
	roundtrip(260, "0 0 0 .", W("\x00\x00"), "0 0 0 .");
	roundtrip(260, "10 0 1 203.0.113.15", W("\x0A\x01\xCB\x00\x71\x0F"), "10 0 1 203.0.113.15");
	roundtrip(260, "128 1 2 2001:db8::15",
		  W("\x80\x82\x20\x01\x0D\xB8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x15"),
		  "128 1 2 2001:db8::15");
	roundtrip(260, "255 1 3 relay.example.",
		  W("\xFF\x83\x05relay\x07"
		    "example\x00"),
		  "255 1 3 relay.example.");
	bad(260, "10 2 1 203.0.113.15", Q53_ERANGE, 3);
	bad(260, "10 0 4 .", Q53_ERANGE, 5);
	bad(260, "10 0 0 192.0.2.1", Q53_ESYNTAX, 7);
	bad(260, "10 0 1 2001:db8::1", Q53_ESYNTAX, 7);
	bad(260, "10 0 1", Q53_ESYNTAX, 6);
	assert_true(q53_rdata_check(260, (const uint8_t *)"\x0A\x04", 2) < 0);
	assert_true(q53_rdata_check(260, (const uint8_t *)"\x0A\x83\xC0\x0C", 4) < 0);
	/* HIP (RFC 8005 5): HIT and key lengths first; servers are names, relative ones taking the origin. */
	roundtrip(55, "2 200100107B1A74DF 1A2b",
		  W("\x08\x02\x00\x03\x20\x01\x00\x10\x7B\x1A\x74\xDF\xD4\x0D\x9B"),
		  "2 200100107B1A74DF 1A2b");
	roundtrip(55, "1 00 AA== rvs1.example. rvs2.example.",
		  W("\x01\x01\x00\x01\x00\x00\x04rvs1\x07"
		    "example\x00\x04rvs2\x07"
		    "example\x00"),
		  "1 00 AA== rvs1.example. rvs2.example.");
	roundtrip_o(55, "1 0a AA== rvs", "example.",
		    W("\x01\x01\x00\x01\x0A\x00\x03rvs\x07"
		      "example\x00"),
		    "1 0A AA== rvs.example.");
	bad(55, "1 0 AA==", Q53_ESYNTAX, 2);
	bad(55, "1 \"00\" AA==", Q53_ESYNTAX, 2);
	bad(55, "1 0G AA==", Q53_ESYNTAX, 2);
	bad(55, "1 00", Q53_ESYNTAX, 4);
	bad(55, "1 00 A", Q53_ESYNTAX, 5);
	bad(55, "256 00 AA==", Q53_ERANGE, 0);
	bad(55, "1 00 AA== a..b", Q53_EEMPTY, 10);
	/* No HIT, no key, or octets after the last server: no HIP. */
	assert_true(q53_rdata_check(55, W("\x00\x01\x00\x01\x00")) < 0);
	assert_true(q53_rdata_check(55, W("\x01\x01\x00\x00\x00")) < 0);
	assert_true(q53_rdata_check(55, W("\x01\x01\x00\x01\x00\x00\x01")) < 0);
	assert_true(q53_rdata_check(55, W("\x01\x01\x00\x02\x00\x00")) < 0);
	/* TA and DLV: DS's layout. NXT (RFC 2535 5.2): types 1-127 in an old-style bitmap, none allowed. */
	roundtrip(32768, "1 2 3 ABCD", W("\x00\x01\x02\x03\xAB\xCD"), "1 2 3 ABCD");
	roundtrip(32769, "1 2 3 ABCD", W("\x00\x01\x02\x03\xAB\xCD"), "1 2 3 ABCD");
	roundtrip(30, "next.example. AAAA A ns",
		  W("\x04next\x07"
		    "example\x00\x60\x00\x00\x08"),
		  "next.example. A NS AAAA");
	roundtrip(30, "next.example. TYPE127",
		  W("\x04next\x07"
		    "example\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
		    "\x00\x00\x00\x01"),
		  "next.example. TYPE127");
	roundtrip(30, "next.example.",
		  W("\x04next\x07"
		    "example\x00"),
		  "next.example.");
	bad(30, "next.example. TYPE128", Q53_ERANGE, 14);
	bad(30, "next.example. TYPE0", Q53_ERANGE, 14);
	bad(30, "next.example. FOO", Q53_ESYNTAX, 14);
	/* Bit 0 set (another bitmap format), or more than 16 octets: no NXT; a trailing zero: RFC 3597. */
	assert_true(q53_rdata_check(30, W("\x00\x80")) < 0);
	assert_true(q53_rdata_check(30, W("\x00\x40\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
					  "\x00\x00\x01")) < 0);
	show(30, (const uint8_t *)"\x00\x40\x00", 3, t, sizeof t, 11);
	assert_string_equal(t, "\\# 3 004000");
	/* A6 (RFC 2874 3.1): the suffix in the octets 128 - length bits need, the name unless 0. */
	roundtrip(38, "0 2001:db8::1",
		  W("\x00\x20\x01\x0D\xB8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01"), "0 2001:db8::1");
	roundtrip(38, "64 ::1234:5678:9abc:def0 p.example.",
		  W("\x40\x12\x34\x56\x78\x9A\xBC\xDE\xF0\x01p\x07"
		    "example\x00"),
		  "64 ::1234:5678:9abc:def0 p.example.");
	roundtrip(38, "128 p.example.",
		  W("\x80\x01p\x07"
		    "example\x00"),
		  "128  p.example.");
	/* Bits inside the prefix are cleared, as BIND does; a suffix with them set has no text. */
	assert_int_equal(parse(38, "65 ffff::1 p.example.", NULL, out, sizeof out, NULL), 1 + 8 + 11);
	assert_int_equal(out[1], 0x00);
	show(38, (const uint8_t *)"\x41\x80\x00\x00\x00\x00\x00\x00\x01\x00", 10, t, sizeof t, 26);
	assert_string_equal(t, "\\# 10 41800000000000000100");
	bad(38, "129 ::1", Q53_ERANGE, 0);
	bad(38, "64 192.0.2.1 p.example.", Q53_ESYNTAX, 3);
	bad(38, "64 ::1", Q53_ESYNTAX, 6);
	bad(38, "0 ::1 p.example.", Q53_ESYNTAX, 6);
	assert_true(q53_rdata_check(38, W("\x81")) < 0);
	assert_true(q53_rdata_check(38, W("\x40\x00")) < 0);
	/* DOA: the data in base64, or "-" for none. */
	roundtrip(259, "0 1 2 \"\" AQID", W("\x00\x00\x00\x00\x00\x00\x00\x01\x02\x00\x01\x02\x03"),
		  "0 1 2 \"\" AQID");
	roundtrip(259, "1 1 0 image/png -", W("\x00\x00\x00\x01\x00\x00\x00\x01\x00\x09image/png"),
		  "1 1 0 \"image/png\" -");
	bad(259, "1 1 0 x - -", Q53_ESYNTAX, 10);
	bad(259, "1 1 0 x -A", Q53_ESYNTAX, 8);
	/* ATMA: E.164 digits after "+", or an AESA in hex. */
	roundtrip(34, "+61200000000",
		  W("\x01"
		    "61200000000"),
		  "+61200000000");
	roundtrip(34, "47000580FFE1", W("\x00\x47\x00\x05\x80\xFF\xE1"), "47000580ffe1");
	bad(34, "+612a", Q53_ESYNTAX, 0);
	bad(34, "470", Q53_ESYNTAX, 0);
	bad(34, "+", Q53_ESYNTAX, 0);
	bad(34, "47 00", Q53_ESYNTAX, 3);
	show(34, (const uint8_t *)"\x02\x01", 2, t, sizeof t, 9);
	assert_string_equal(t, "\\# 2 0201");
	show(34, (const uint8_t *)"\x01\x31\x2A", 3, t, sizeof t, 11);
	assert_string_equal(t, "\\# 3 01312A");
	/* AVC, RESINFO and WALLET: character-strings, as TXT. */
	roundtrip(258, "\"app-name:WOLFGANG\"",
		  W("\x11"
		    "app-name:WOLFGANG"),
		  "\"app-name:WOLFGANG\"");
	roundtrip(261, "qnamemin exterr=15,16,17",
		  W("\x08qnamemin\x0F"
		    "exterr=15,16,17"),
		  "\"qnamemin\" \"exterr=15,16,17\"");
	roundtrip(262, "BTC bc1q",
		  W("\x03"
		    "BTC\x04"
		    "bc1q"),
		  "\"BTC\" \"bc1q\"");
}

/* A key name with a NUL in it is no key (fuzz_zone found the name table read past its end). */
static void test_rdata_svcb_key_nul(void **state)
{
	(void)state;
	uint8_t out[64];
	static const char text[] = "1 . ohttp\0";
	assert_int_equal(
	    q53_rdata_from_text(Q53_TYPE_SVCB, text, sizeof text - 1, NULL, out, sizeof out, NULL),
	    Q53_ESYNTAX);
	static const char text2[] = "1 . mandatory\0=alpn";
	assert_int_equal(
	    q53_rdata_from_text(Q53_TYPE_SVCB, text2, sizeof text2 - 1, NULL, out, sizeof out, NULL),
	    Q53_ESYNTAX);
}

static void test_rdata_openpgpkey_roundtrip(void **state)
{
	(void)state;
	roundtrip(61, "mQENBF8q/w==", W("\x99\x01\x0D\x04\x5F\x2A\xFF"), "mQENBF8q/w==");
	roundtrip(61, "mQENBF8q /w==", W("\x99\x01\x0D\x04\x5F\x2A\xFF"), "mQENBF8q/w==");
	roundtrip(61, "mQEN", W("\x99\x01\x0D"), "mQEN");
}

static void test_rdata_caa_roundtrip(void **state)
{
	(void)state;
	roundtrip(Q53_TYPE_CAA, "0 issue \"letsencrypt.org\"", W("\0\5issueletsencrypt.org"),
		  "0 issue \"letsencrypt.org\"");
	roundtrip(Q53_TYPE_CAA, "128 tbs Unknown", W("\x80\3tbsUnknown"), "128 tbs \"Unknown\"");
	roundtrip(Q53_TYPE_CAA, "0 iodef \"mailto:security@example.com\"",
		  W("\0\5iodefmailto:security@example.com"), "0 iodef \"mailto:security@example.com\"");
	roundtrip(Q53_TYPE_CAA, "0 issue \"\"", W("\0\5issue"), "0 issue \"\"");
	roundtrip(Q53_TYPE_CAA, "0 issue \"ca.example; account=\\\"1\\\"\"",
		  W("\0\5issueca.example; account=\"1\""), "0 issue \"ca.example; account=\\\"1\\\"\"");
}

/* RFC 4034 3.2, 4.1.2; RFC 5155 3.3, 4.2; RFC 7477 2.1.1; RFC 8976 2.2. */
static void test_rdata_dnssec_roundtrip(void **state)
{
	(void)state;
	/* RRSIG: times in either form print as YYYYMMDDHHmmSS; the signer is never compressed. */
	roundtrip(Q53_TYPE_RRSIG, "A 13 3 3600 20261231235959 20261101000000 12345 example. AAAA",
		  W("\x00\x01\x0D\x03\x00\x00\x0E\x10\x6B\x36\xEC\x7F\x6A\xE6\x81\x00\x30\x39\x07"
		    "example\x00\x00\x00\x00"),
		  "A 13 3 3600 20261231235959 20261101000000 12345 example. AAAA");
	roundtrip(Q53_TYPE_RRSIG, "type65534 8 0 0 1798761599 0 0 . AA==",
		  W("\xFF\xFE\x08\x00\x00\x00\x00\x00\x6B\x36\xEC\x7F\x00\x00\x00\x00\x00\x00\x00\x00"),
		  "TYPE65534 8 0 0 20261231235959 19700101000000 0 . AA==");
	/* The last second a 32-bit time holds. */
	roundtrip(Q53_TYPE_RRSIG, "A 8 1 1 21060207062815 19720229000000 1 . AA==",
		  W("\x00\x01\x08\x01\x00\x00\x00\x01\xFF\xFF\xFF\xFF\x04\x10\x2F\x80\x00\x01\x00\x00"),
		  "A 8 1 1 21060207062815 19720229000000 1 . AA==");
	/* NSEC: types in any order, repeated or not, as ascending windows; TYPEnnn in a window of its own. */
	roundtrip(Q53_TYPE_NSEC, "host.example. TYPE1234 NSEC A mx RRSIG A",
		  W("\4host\7example\0"
		    "\x00\x06\x40\x01\x00\x00\x00\x03"
		    "\x04\x1B\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
		    "\x00\x00\x00\x00\x00\x00\x00\x20"),
		  "host.example. A MX RRSIG NSEC TYPE1234");
	roundtrip(Q53_TYPE_NSEC, "example. NSEC", W("\7example\0\x00\x06\x00\x00\x00\x00\x00\x01"),
		  "example. NSEC");
	/* NSEC3: salt in hex or "-", the next hashed owner in base32hex of any case, printed upper case; an
	 * empty bitmap (an empty non-terminal) prints nothing. */
	roundtrip(Q53_TYPE_NSEC3, "1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG",
		  W("\x01\x01\x00\x0C\x04\xAA\xBB\xCC\xDD\x14\x17\xF3\xDF\x17\xB2\xB2\xAD\xAE\xF6\x15\x25"
		    "\x7D\xE4\xD2\x02\x0B\x80\xAC\x6C\x7C\x00\x06\x40\x00\x00\x00\x00\x02"),
		  "1 1 12 AABBCCDD 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S A RRSIG");
	roundtrip(Q53_TYPE_NSEC3, "1 0 0 - 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S",
		  W("\x01\x00\x00\x00\x00\x14\x17\xF3\xDF\x17\xB2\xB2\xAD\xAE\xF6\x15\x25\x7D\xE4\xD2\x02\x0B"
		    "\x80\xAC\x6C\x7C"),
		  "1 0 0 - 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S");
	/* One octet: two characters, the last one's low two bits zero. */
	roundtrip(Q53_TYPE_NSEC3, "1 0 0 - 0G", W("\x01\x00\x00\x00\x00\x01\x04"), "1 0 0 - 0G");
	roundtrip(51, "1 0 10 AABBCCDD", W("\x01\x00\x00\x0A\x04\xAA\xBB\xCC\xDD"), "1 0 10 AABBCCDD");
	roundtrip(51, "1 0 0 -", W("\x01\x00\x00\x00\x00"), "1 0 0 -");
	roundtrip(62, "66 3 A NS AAAA", W("\x00\x00\x00\x42\x00\x03\x00\x04\x60\x00\x00\x08"),
		  "66 3 A NS AAAA");
	roundtrip(63, "2018031900 1 1 FEBE3D4C E2EC2FFA",
		  W("\x78\x48\xB9\x1C\x01\x01\xFE\xBE\x3D\x4C\xE2\xEC\x2F\xFA"),
		  "2018031900 1 1 FEBE3D4CE2EC2FFA");
}

static void test_rdata_dnssec_errors(void **state)
{
	(void)state;
	/* RRSIG times: month, day, February 29th of a common year, hours, past 2106, before 1970, digits. */
	bad(Q53_TYPE_RRSIG, "A 8 1 1 20261301000000 0 1 . AA==", Q53_ERANGE, 8);
	bad(Q53_TYPE_RRSIG, "A 8 1 1 20260431000000 0 1 . AA==", Q53_ERANGE, 8);
	bad(Q53_TYPE_RRSIG, "A 8 1 1 20270229000000 0 1 . AA==", Q53_ERANGE, 8);
	bad(Q53_TYPE_RRSIG, "A 8 1 1 20260101240000 0 1 . AA==", Q53_ERANGE, 8);
	bad(Q53_TYPE_RRSIG, "A 8 1 1 21060207062816 0 1 . AA==", Q53_ERANGE, 8);
	bad(Q53_TYPE_RRSIG, "A 8 1 1 19691231235959 0 1 . AA==", Q53_ERANGE, 8);
	bad(Q53_TYPE_RRSIG, "A 8 1 1 2026010100000x 0 1 . AA==", Q53_ESYNTAX, 8);
	bad(Q53_TYPE_RRSIG, "A 8 1 1 4294967296 0 1 . AA==", Q53_ERANGE, 8);
	bad(Q53_TYPE_RRSIG, "BOGUS 8 1 1 0 0 1 . AA==", Q53_ESYNTAX, 0);
	/* NSEC bitmaps: a name that is no type. */
	bad(Q53_TYPE_NSEC, "a.example. A BOGUS", Q53_ESYNTAX, 13);
	bad(Q53_TYPE_NSEC, "a.example. A \"NS\"", Q53_ESYNTAX, 13);
	/* NSEC3: salt of odd length or not hex; base32hex with a character left over, bits set past the
	 * last octet, a letter past V, nothing at all. */
	bad(Q53_TYPE_NSEC3, "1 0 0 abc 0G", Q53_ESYNTAX, 6);
	bad(Q53_TYPE_NSEC3, "1 0 0 zz 0G", Q53_ESYNTAX, 6);
	bad(Q53_TYPE_NSEC3, "1 0 0 - 0", Q53_ESYNTAX, 8);
	bad(Q53_TYPE_NSEC3, "1 0 0 - 01", Q53_ESYNTAX, 8);
	bad(Q53_TYPE_NSEC3, "1 0 0 - 0W", Q53_ESYNTAX, 8);
	bad(Q53_TYPE_NSEC3, "1 0 0 -", Q53_ESYNTAX, 7);
	bad(51, "1 0 0", Q53_ESYNTAX, 5);
}

/* Bitmaps and hashes in wire form: framing is checked on reading; only the one form the text gives back
 * prints as text, anything else as RFC 3597. */
static void test_rdata_dnssec_wire(void **state)
{
	(void)state;
	char t[256];
	/* Window length 0 or over 32, or longer than what is left: not NSEC RDATA. */
	assert_int_equal(q53_rdata_check(Q53_TYPE_NSEC, W("\x00\x00\x00")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_NSEC, W("\x00\x00\x21"
							  "0123456789012345678901234567890123")),
			 Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_NSEC, W("\x00\x00\x02\x40")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_NSEC, W("\x00\x00\x01")), Q53_ERDATA);
	/* An NSEC3 hash of no octets, a salt longer than the RDATA. */
	assert_int_equal(q53_rdata_check(Q53_TYPE_NSEC3, W("\x01\x00\x00\x00\x00\x00")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_NSEC3, W("\x01\x00\x00\x00\x05\x01\x04")), Q53_ERDATA);
	/* Windows out of order, or a trailing zero octet: framed, so read, but printed as RFC 3597. */
	assert_int_equal(q53_rdata_check(Q53_TYPE_NSEC, W("\x00\x01\x01\x40\x00\x01\x40")), 0);
	show(Q53_TYPE_NSEC, W("\x00\x01\x01\x40\x00\x01\x40"), t, sizeof t, 19);
	assert_string_equal(t, "\\# 7 00010140000140");
	assert_int_equal(q53_rdata_check(Q53_TYPE_NSEC, W("\x00\x00\x02\x40\x00")), 0);
	show(Q53_TYPE_NSEC, W("\x00\x00\x02\x40\x00"), t, sizeof t, 15);
	assert_string_equal(t, "\\# 5 0000024000");
	/* An empty NSEC bitmap prints as the next name alone. */
	show(Q53_TYPE_NSEC, W("\x00"), t, sizeof t, 1);
	assert_string_equal(t, ".");
}

/* ---- SVCB and HTTPS (RFC 9460) ---- */

/* Both types share the layout: every SVCB case below is also run as HTTPS. */
static void svc_roundtrip(const char *text, const uint8_t *wire, size_t wlen, const char *want)
{
	roundtrip_o(Q53_TYPE_SVCB, text, "example.", wire, wlen, want);
	roundtrip_o(Q53_TYPE_HTTPS, text, "example.", wire, wlen, want);
}

static void svc_bad(const char *text, int err, size_t errpos)
{
	bad(Q53_TYPE_SVCB, text, err, errpos);
	bad(Q53_TYPE_HTTPS, text, err, errpos);
}

/* RFC 9460 appendix D.1 and D.2: each presentation form gives exactly the wire form the RFC shows. */
static void test_rdata_svcb_rfc9460_vectors(void **state)
{
	(void)state;
	/* D.1, figure 2: AliasMode. */
	svc_roundtrip("0 foo.example.com.", W("\x00\x00\3foo\7example\3com\0"), "0 foo.example.com.");
	/* D.2, figure 3: the owner name ("."); figure 4: a port. */
	svc_roundtrip("1 .", W("\x00\x01\x00"), "1 .");
	svc_roundtrip("16 foo.example.com. port=53",
		      W("\x00\x10\3foo\7example\3com\0\x00\x03\x00\x02\x00\x35"),
		      "16 foo.example.com. port=53");
	/* Figures 5 and 6: a key that is not registered, unquoted, then quoted with a decimal escape. */
	svc_roundtrip("1 foo.example.com. key667=hello",
		      W("\x00\x01\3foo\7example\3com\0\x02\x9b\x00\x05hello"),
		      "1 foo.example.com. key667=\"hello\"");
	svc_roundtrip("1 foo.example.com. key667=\"hello\\210qoo\"",
		      W("\x00\x01\3foo\7example\3com\0\x02\x9b\x00\x09hello\xd2qoo"),
		      "1 foo.example.com. key667=\"hello\\210qoo\"");
	/* Figures 7 and 8: two IPv6 hints, quoted; one in the form with an IPv4 tail. */
	svc_roundtrip("1 foo.example.com. ipv6hint=\"2001:db8::1,2001:db8::53:1\"",
		      W("\x00\x01\3foo\7example\3com\0\x00\x06\x00\x20"
			"\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01"
			"\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\x53\0\x01"),
		      "1 foo.example.com. ipv6hint=2001:db8::1,2001:db8::53:1");
	svc_roundtrip("1 example.com. ipv6hint=\"2001:db8:ffff:ffff:ffff:ffff:198.51.100.100\"",
		      W("\x00\x01\7example\3com\0\x00\x06\x00\x10"
			"\x20\x01\x0d\xb8\xff\xff\xff\xff\xff\xff\xff\xff\xc6\x33\x64\x64"),
		      "1 example.com. ipv6hint=2001:db8:ffff:ffff:ffff:ffff:c633:6464");
	/* Figure 9: neither the params nor the mandatory keys in order; the wire has both ascending. */
	svc_roundtrip("16 foo.example.org. alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1",
		      W("\x00\x10\3foo\7example\3org\0"
			"\x00\x00\x00\x04\x00\x01\x00\x04"
			"\x00\x01\x00\x09\x02h2\x05h3-19"
			"\x00\x04\x00\x04\xc0\x00\x02\x01"),
		      "16 foo.example.org. mandatory=alpn,ipv4hint alpn=\"h2,h3-19\" ipv4hint=192.0.2.1");
	/* Figure 10: an alpn-id with a backslash and a comma, in both escaped forms. */
	static const char f10[] = "\x00\x10\3foo\7example\3org\0\x00\x01\x00\x0c\x08"
				  "f\\oo,bar\x02h2";
	svc_roundtrip("16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"", (const uint8_t *)f10,
		      sizeof f10 - 1, "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"");
	svc_roundtrip("16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2", (const uint8_t *)f10,
		      sizeof f10 - 1, "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"");
}

/* RFC 9460 appendix D.3: each failure case is an error, at the param that breaks the rule. */
static void test_rdata_svcb_rfc9460_failures(void **state)
{
	(void)state;
	/* The same key twice. */
	svc_bad("1 foo.example.com. key123=abc key123=def", Q53_ESYNTAX, 30);
	/* Keys whose value must not be empty, without one. */
	svc_bad("1 foo.example.com. mandatory", Q53_ESYNTAX, 19);
	svc_bad("1 foo.example.com. alpn", Q53_ESYNTAX, 19);
	svc_bad("1 foo.example.com. port", Q53_ESYNTAX, 19);
	svc_bad("1 foo.example.com. ipv4hint", Q53_ESYNTAX, 19);
	svc_bad("1 foo.example.com. ipv6hint", Q53_ESYNTAX, 19);
	/* no-default-alpn takes no value. */
	svc_bad("1 foo.example.com. no-default-alpn=abc", Q53_ESYNTAX, 19);
	/* A key mandatory lists is missing. */
	svc_bad("1 foo.example.com. mandatory=key123", Q53_ESYNTAX, 19);
	/* mandatory lists itself; lists a key twice. */
	svc_bad("1 foo.example.com. mandatory=mandatory", Q53_ESYNTAX, 19);
	svc_bad("1 foo.example.com. mandatory=key123,key123 key123=abc", Q53_ESYNTAX, 19);
}

static void test_rdata_svcb_roundtrip(void **state)
{
	(void)state;
	/* AliasMode; a relative target takes the origin, "@" is the origin; params in AliasMode are read
	 * (RFC 9460 2.4.2 has recipients ignore them, not parsers refuse them). */
	svc_roundtrip("0 svc", W("\x00\x00\3svc\7example\0"), "0 svc.example.");
	svc_roundtrip("65535 @", W("\xff\xff\7example\0"), "65535 example.");
	svc_roundtrip("0 . port=1", W("\x00\x00\x00\x00\x03\x00\x02\x00\x01"), "0 . port=1");
	/* Each named key; values quoted or not, "key", "key=" and "key=\"\"" all empty. */
	svc_roundtrip("1 . alpn=h2 no-default-alpn", W("\x00\x01\x00\x00\x01\x00\x03\x02h2\x00\x02\x00\x00"),
		      "1 . alpn=\"h2\" no-default-alpn");
	svc_roundtrip(
	    "1 . alpn=\"h2\" no-default-alpn=", W("\x00\x01\x00\x00\x01\x00\x03\x02h2\x00\x02\x00\x00"),
	    "1 . alpn=\"h2\" no-default-alpn");
	svc_roundtrip("1 . alpn=h2 no-default-alpn=\"\"",
		      W("\x00\x01\x00\x00\x01\x00\x03\x02h2\x00\x02\x00\x00"),
		      "1 . alpn=\"h2\" no-default-alpn");
	svc_roundtrip("1 . port=\"0\"", W("\x00\x01\x00\x00\x03\x00\x02\x00\x00"), "1 . port=0");
	svc_roundtrip("1 . port=08443", W("\x00\x01\x00\x00\x03\x00\x02\x20\xfb"), "1 . port=8443");
	svc_roundtrip("1 . ipv4hint=192.0.2.1,192.0.2.2",
		      W("\x00\x01\x00\x00\x04\x00\x08\xc0\x00\x02\x01\xc0\x00\x02\x02"),
		      "1 . ipv4hint=192.0.2.1,192.0.2.2");
	svc_roundtrip("1 . ech=\"AEn+DQBF\"", W("\x00\x01\x00\x00\x05\x00\x06\x00\x49\xfe\x0d\x00\x45"),
		      "1 . ech=AEn+DQBF");
	svc_roundtrip("1 . ech=AAA=", W("\x00\x01\x00\x00\x05\x00\x02\x00\x00"), "1 . ech=AAA=");
	svc_roundtrip("1 . ipv6hint=::ffff:192.0.2.1",
		      W("\x00\x01\x00\x00\x06\x00\x10\0\0\0\0\0\0\0\0\0\0\xff\xff\xc0\x00\x02\x01"),
		      "1 . ipv6hint=::ffff:192.0.2.1");
	/* dohpath (RFC 9461 5) as a quoted character-string; ohttp (RFC 9540 4) without a value. */
	svc_roundtrip("1 . dohpath=/dns-query{?dns} ohttp",
		      W("\x00\x01\x00\x00\x07\x00\x10/dns-query{?dns}\x00\x08\x00\x00"),
		      "1 . dohpath=\"/dns-query{?dns}\" ohttp");
	svc_roundtrip("1 . dohpath=\"/q a\\\"\\\\{?dns}\"", W("\x00\x01\x00\x00\x07\x00\x0c/q a\"\\{?dns}"),
		      "1 . dohpath=\"/q a\\\"\\\\{?dns}\"");
	/* Escapes in alpn: a space, a quote, controls and high octets as dig writes them (\DDD), the
	 * separator from a \044 escape, a comma and a backslash kept in an id by the second escape. */
	svc_roundtrip("1 . alpn=\"a\\\"b,c d\\127\\\\\\\\\\\\,e\"",
		      W("\x00\x01\x00\x00\x01\x00\x0c\x03"
			"a\"b\x07"
			"c d\x7f\\,e"),
		      "1 . alpn=\"a\\\"b,c\\032d\\127\\\\\\\\\\\\,e\"");
	svc_roundtrip("1 . alpn=h2\\044h3", W("\x00\x01\x00\x00\x01\x00\x06\x02h2\x02h3"),
		      "1 . alpn=\"h2,h3\"");
	svc_roundtrip("1 . alpn=h2\\092\\044h3", W("\x00\x01\x00\x00\x01\x00\x06\x05h2,h3"),
		      "1 . alpn=\"h2\\\\,h3\"");
	svc_roundtrip("1 . alpn=;@()$", W("\x00\x01\x00\x00\x01\x00\x06\x05;@()$"), "1 . alpn=\";@()$\"");
	/* Generic keys: literal octets, printed quoted as a character-string; empty prints as the key. */
	svc_roundtrip("1 . key65534=\"a b\\\\,\\000\" key9 key10= key11=\"\"",
		      W("\x00\x01\x00\x00\x09\x00\x00\x00\x0a\x00\x00\x00\x0b\x00\x00\xff\xfe\x00\x06"
			"a b\\,\x00"),
		      "1 . key9 key10 key11 key65534=\"a b\\\\,\\000\"");
	/* A named key written as keyNNNNN: its value is the wire form, and prints by name. */
	svc_roundtrip("1 . key3=\\000\\053 key1=\\002h2 key0=\\000\\001",
		      W("\x00\x01\x00\x00\x00\x00\x02\x00\x01\x00\x01\x00\x03\x02h2\x00\x03\x00\x02\x00\x35"),
		      "1 . mandatory=alpn alpn=\"h2\" port=53");
	/* mandatory in any order, by name or number, quoted or not; keys in any order. */
	svc_roundtrip("1 . port=1 key2 alpn=h2 mandatory=\"key2,port\" key65000",
		      W("\x00\x01\x00\x00\x00\x00\x04\x00\x02\x00\x03"
			"\x00\x01\x00\x03\x02h2\x00\x02\x00\x00\x00\x03\x00\x02\x00\x01\xfd\xe8\x00\x00"),
		      "1 . mandatory=no-default-alpn,port alpn=\"h2\" no-default-alpn port=1 key65000");
	svc_roundtrip("1 . key65000 mandatory=key65000",
		      W("\x00\x01\x00\x00\x00\x00\x02\xfd\xe8\xfd\xe8\x00\x00"),
		      "1 . mandatory=key65000 key65000");
	/* Blanks around params, a tab inside a quoted value. */
	svc_roundtrip(" 1\t.   key9=\"\t\"  ", W("\x00\x01\x00\x00\x09\x00\x01\t"), "1 . key9=\"\\009\"");
}

static void test_rdata_svcb_errors(void **state)
{
	(void)state;
	/* Keys: upper case, unknown names, leading zeros, above 65535, the invalid key 65535, quoted. */
	svc_bad("1 . ALPN=h2", Q53_ESYNTAX, 4);
	svc_bad("1 . foo=bar", Q53_ESYNTAX, 4);
	svc_bad("1 . key=bar", Q53_ESYNTAX, 4);
	svc_bad("1 . key01=a", Q53_ESYNTAX, 4);
	svc_bad("1 . key65536=a", Q53_ERANGE, 4);
	svc_bad("1 . key99999999=a", Q53_ESYNTAX, 4);
	svc_bad("1 . key65535", Q53_ESYNTAX, 4);
	svc_bad("1 . key65535=a", Q53_ESYNTAX, 4);
	svc_bad("1 . \"alpn=h2\"", Q53_ESYNTAX, 4);
	svc_bad("1 . =h2", Q53_ESYNTAX, 4);
	/* Quotes: one value, then a blank or the end. */
	svc_bad("1 . alpn=\"h2\"port=1", Q53_ESYNTAX, 4);
	svc_bad("1 . alpn=\"h2", Q53_ESYNTAX, 4);
	svc_bad("1 . key9=a\"b\"", Q53_ESYNTAX, 4);
	/* A value missing, or given where none is allowed; "key =value" is two things. */
	svc_bad("1 . alpn=", Q53_ESYNTAX, 4);
	svc_bad("1 . alpn=\"\"", Q53_ESYNTAX, 4);
	svc_bad("1 . alpn =h2", Q53_ESYNTAX, 4);
	svc_bad("1 . ech", Q53_ESYNTAX, 4);
	svc_bad("1 . dohpath=", Q53_ESYNTAX, 4);
	svc_bad("1 . alpn=h2 ohttp=x", Q53_ESYNTAX, 12);
	/* The same key twice, however written. */
	svc_bad("1 . alpn=h2 alpn=h3", Q53_ESYNTAX, 12);
	svc_bad("1 . port=1 key3=\\000\\002", Q53_ESYNTAX, 11);
	svc_bad("1 . key9 port=1 key9=x", Q53_ESYNTAX, 16);
	/* Ports: not a number, too big, escaped (RFC 9460 7.2: no escapes). */
	svc_bad("1 . port=https", Q53_ESYNTAX, 9);
	svc_bad("1 . port=65536", Q53_ERANGE, 9);
	svc_bad("1 . port=\"-1\"", Q53_ESYNTAX, 9);
	svc_bad("1 . port=5\\053", Q53_ESYNTAX, 9);
	/* Address hints: a bad address, reported at it; empty items; an escape. */
	svc_bad("1 . ipv4hint=192.0.2.1,192.0.2", Q53_ESYNTAX, 23);
	svc_bad("1 . ipv4hint=192.0.2.1,", Q53_ESYNTAX, 23);
	svc_bad("1 . ipv4hint=,192.0.2.1", Q53_ESYNTAX, 13);
	svc_bad("1 . ipv4hint=\"192.0.2.1, 192.0.2.2\"", Q53_ESYNTAX, 24);
	svc_bad("1 . ipv4hint=2001:db8::1", Q53_ESYNTAX, 13);
	svc_bad("1 . ipv6hint=192.0.2.1", Q53_ESYNTAX, 13);
	svc_bad("1 . ipv4hint=192.0.2.\\049", Q53_ESYNTAX, 13);
	/* alpn: empty ids (at the param, as every value its key cannot have), an escape other than "\,"
	 * or "\\" after decoding (at the id), an id over 255 octets. */
	svc_bad("1 . alpn=h2,,h3", Q53_ESYNTAX, 4);
	svc_bad("1 . alpn=,h2", Q53_ESYNTAX, 4);
	svc_bad("1 . alpn=\"h2,\"", Q53_ESYNTAX, 4);
	svc_bad("1 . alpn=h2\\\\x", Q53_ESYNTAX, 9);
	svc_bad("1 . alpn=h2\\\\", Q53_ESYNTAX, 9);
	svc_bad("1 . alpn=h2\\", Q53_EESCAPE, 9);
	svc_bad("1 . alpn=\"h2\\256\"", Q53_EESCAPE, 9);
	char big[400] = "1 . alpn=h2,";
	memset(big + strlen(big), 'x', 256);
	svc_bad(big, Q53_ERANGE, 12);
	/* mandatory: unknown keys, the invalid key, escapes, empty items, itself by number; a key listed but
	 * absent; no-default-alpn without alpn (RFC 9460 7.1.1). */
	svc_bad("1 . mandatory=foo", Q53_ESYNTAX, 14);
	svc_bad("1 . mandatory=port,key65535 port=1", Q53_ESYNTAX, 19);
	svc_bad("1 . mandatory=\\112ort port=1", Q53_ESYNTAX, 14);
	svc_bad("1 . mandatory=port, port=1", Q53_ESYNTAX, 19);
	svc_bad("1 . mandatory=key0", Q53_ESYNTAX, 4);
	svc_bad("1 . mandatory=key3,port port=1", Q53_ESYNTAX, 4);
	svc_bad("1 . port=1 mandatory=port,alpn", Q53_ESYNTAX, 11);
	svc_bad("1 . no-default-alpn", Q53_ESYNTAX, 4);
	svc_bad("1 . port=1 no-default-alpn mandatory=port", Q53_ESYNTAX, 11);
	/* ech: base64 with the padding rules of the other base64 fields. */
	svc_bad("1 . ech=AA", Q53_ESYNTAX, 8);
	svc_bad("1 . ech=AAB=", Q53_ESYNTAX, 8);
	svc_bad("1 . ech=\"AAA= AAA=\"", Q53_ESYNTAX, 8);
	/* keyNNNNN for a named key: the octets must be a value of that key. */
	svc_bad("1 . key3=\\000", Q53_ERDATA, 4);
	svc_bad("1 . key3", Q53_ERDATA, 4);
	svc_bad("1 . key1=h2", Q53_ERDATA, 4);
	svc_bad("1 . key2=a alpn=h2", Q53_ERDATA, 4);
	svc_bad("1 . key4=\\001\\002\\003", Q53_ERDATA, 4);
	svc_bad("1 . key0=\\000\\001\\000\\001 alpn=h2", Q53_ERDATA, 4);
	svc_bad("1 . key8=x", Q53_ERDATA, 4);
	/* Escapes, the priority and the target. */
	svc_bad("1 . key9=\\25", Q53_EESCAPE, 9);
	svc_bad("65536 .", Q53_ERANGE, 0);
	svc_bad("1", Q53_ESYNTAX, 1);
	svc_bad("1 \"foo\" port=1", Q53_ESYNTAX, 2);
	/* A relative target without an origin; too little room for the params. */
	uint8_t out[8];
	size_t at = 0;
	assert_int_equal(parse(Q53_TYPE_SVCB, "1 foo port=1", NULL, out, sizeof out, &at), Q53_ERELATIVE);
	assert_int_equal(at, 2);
	assert_int_equal(parse(Q53_TYPE_SVCB, "1 . key9=abcd", NULL, out, sizeof out, &at), Q53_ENOSPACE);
	assert_int_equal(at, 9);
}

/*
 * SvcParams in wire form: the reader checks the framing; params that are framed but not in the one form
 * the text gives back (keys out of order or twice, values their key cannot have, the invalid key, a record
 * not self-consistent) are read, and printed as RFC 3597 so that the text reads back to the same octets.
 */
static void test_rdata_svcb_wire(void **state)
{
	(void)state;
	char t[256];
	uint8_t out[64];
	/* Framing: a length past the end, a header cut short, no target. */
	assert_int_equal(q53_rdata_check(Q53_TYPE_SVCB, W("\x00\x01\x00\x00\x03\x00\x03\x00\x01")),
			 Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_HTTPS, W("\x00\x01\x00\x00\x03\x00")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_HTTPS, W("\x00\x01")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_HTTPS, W("\x00")), Q53_ERDATA);
	static const struct {
		const char *wire;
		size_t len;
		const char *text;
	} odd[] = {
#define ODD(w, t) {w, sizeof(w) - 1, t}
	    /* Keys descending, twice, the invalid key. */
	    ODD("\x00\x01\x00\x00\x03\x00\x02\x00\x01\x00\x01\x00\x03\x02h2",
		"\\# 16 00010000030002000100010003026832"),
	    ODD("\x00\x01\x00\x00\x09\x00\x00\x00\x09\x00\x00", "\\# 11 0001000009000000090000"),
	    ODD("\x00\x01\x00\xff\xff\x00\x00", "\\# 7 000100FFFF0000"),
	    /* Values: a port of 3 octets, 5 octets of ipv4hint, 15 of ipv6hint, an empty or cut alpn-id, an
	     * empty alpn, a value on no-default-alpn and ohttp, an empty ech and dohpath. */
	    ODD("\x00\x01\x00\x00\x03\x00\x03\x00\x00\x01", "\\# 10 00010000030003000001"),
	    ODD("\x00\x01\x00\x00\x04\x00\x05\x01\x02\x03\x04\x05", "\\# 12 000100000400050102030405"),
	    ODD("\x00\x01\x00\x00\x06\x00\x0f\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
		"\\# 22 0001000006000F000000000000000000000000000000"),
	    ODD("\x00\x01\x00\x00\x01\x00\x01\x00", "\\# 8 0001000001000100"),
	    ODD("\x00\x01\x00\x00\x01\x00\x04\x02h2\x00", "\\# 11 0001000001000402683200"),
	    ODD("\x00\x01\x00\x00\x01\x00\x00", "\\# 7 00010000010000"),
	    ODD("\x00\x01\x00\x00\x01\x00\x02\x03h", "\\# 9 000100000100020368"),
	    ODD("\x00\x01\x00\x00\x01\x00\x03\x02h2\x00\x02\x00\x01x",
		"\\# 15 000100000100030268320002000178"),
	    ODD("\x00\x01\x00\x00\x08\x00\x01x", "\\# 8 0001000008000178"),
	    ODD("\x00\x01\x00\x00\x05\x00\x00", "\\# 7 00010000050000"),
	    ODD("\x00\x01\x00\x00\x07\x00\x00", "\\# 7 00010000070000"),
	    /* mandatory: empty, odd, itself, keys descending, a key absent; no-default-alpn alone. */
	    ODD("\x00\x01\x00\x00\x00\x00\x00", "\\# 7 00010000000000"),
	    ODD("\x00\x01\x00\x00\x00\x00\x01\x03", "\\# 8 0001000000000103"),
	    ODD("\x00\x01\x00\x00\x00\x00\x02\x00\x00", "\\# 9 000100000000020000"),
	    ODD("\x00\x01\x00\x00\x00\x00\x04\x00\x09\x00\x08\x00\x08\x00\x00\x00\x09\x00\x00",
		"\\# 19 00010000000004000900080008000000090000"),
	    ODD("\x00\x01\x00\x00\x00\x00\x02\x00\x09\x00\x08\x00\x00", "\\# 13 00010000000002000900080000"),
	    ODD("\x00\x01\x00\x00\x02\x00\x00", "\\# 7 00010000020000"),
#undef ODD
	};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		const uint8_t *w = (const uint8_t *)odd[i].wire;
		assert_int_equal(q53_rdata_check(Q53_TYPE_HTTPS, w, odd[i].len), 0);
		q53_rr_t rr;
		q53_rr_view(&rr, Q53_TYPE_HTTPS, w, (uint16_t)odd[i].len);
		int n = q53_rdata_to_text(&rr, NULL, t, sizeof t);
		if (n < 0 || strcmp(t, odd[i].text) != 0)
			fail_msg("odd SvcParams %zu print as \"%s\", want \"%s\"", i, t, odd[i].text);
		assert_int_equal(parse(Q53_TYPE_HTTPS, t, NULL, out, sizeof out, NULL), (int)odd[i].len);
		assert_memory_equal(out, w, odd[i].len);
	}
	/* The target is never compressed (RFC 9460 2.2), not even the root; the text cannot write it. */
	assert_int_equal(q53_rdata_check(Q53_TYPE_SVCB, W("\x00\x01\xc0\x0c")), Q53_ERDATA);
}

/* Every type with a typed form is exercised above: a new table row without a test fails here. */
static void test_rdata_every_known_type_tested(void **state)
{
	(void)state;
	static const uint16_t tested[] = {
	    Q53_TYPE_A,
	    Q53_TYPE_NS,
	    Q53_TYPE_MD,
	    Q53_TYPE_MF,
	    Q53_TYPE_CNAME,
	    Q53_TYPE_SOA,
	    Q53_TYPE_MB,
	    Q53_TYPE_MG,
	    Q53_TYPE_MR,
	    Q53_TYPE_PTR,
	    Q53_TYPE_HINFO,
	    Q53_TYPE_MINFO,
	    Q53_TYPE_MX,
	    Q53_TYPE_TXT,
	    Q53_TYPE_RP,
	    Q53_TYPE_AFSDB,
	    Q53_TYPE_RT,
	    Q53_TYPE_PX,
	    Q53_TYPE_AAAA,
	    Q53_TYPE_SRV,
	    Q53_TYPE_NAPTR,
	    Q53_TYPE_KX,
	    Q53_TYPE_DNAME,
	    Q53_TYPE_DS,
	    44,
	    Q53_TYPE_DNSKEY,
	    52,
	    53,
	    59,
	    60,
	    61,
	    99,
	    Q53_TYPE_CAA,
	    Q53_TYPE_SIG,
	    25,
	    49,
	    256,
	    29,
	    108,
	    109,
	    37,
	    42,
	    45,
	    Q53_TYPE_RRSIG,
	    Q53_TYPE_NSEC,
	    Q53_TYPE_NSEC3,
	    51,
	    62,
	    63,
	    Q53_TYPE_SVCB,
	    Q53_TYPE_HTTPS,
	    11,
	    19,
	    20,
	    22,
	    23,
	    27,
	    31,
	    32,
	    40,
	    56,
	    57,
	    58,
	    104,
	    105,
	    106,
	    107,
	    258,
	    260,
	    261,
	    262,
	    55,
	    30,
	    34,
	    38,
	    259,
	    32768,
	    32769,
	};
	unsigned known = 0;
	for (unsigned t = 0; t <= 65535; t++) {
		if (!q53_type_known((uint16_t)t))
			continue;
		known++;
		size_t i = 0;
		while (i < sizeof tested / sizeof tested[0] && tested[i] != t)
			i++;
		if (i == sizeof tested / sizeof tested[0])
			fail_msg("type %u has a typed form but no round-trip test", t);
	}
	assert_int_equal(known, sizeof tested / sizeof tested[0]);
}

/* ---- The generic form (RFC 3597 5) ---- */

static void test_rdata_generic_unknown_type(void **state)
{
	(void)state;
	uint8_t out[16];
	char t[64];
	size_t at = 0;
	assert_int_equal(parse(65280, "\\# 3 010203", NULL, out, sizeof out, NULL), 3);
	assert_memory_equal(out, "\1\2\3", 3);
	show(65280, out, 3, t, sizeof t, 11);
	assert_string_equal(t, "\\# 3 010203");
	/* Hex words may be split anywhere, in any case. */
	assert_int_equal(parse(65280, "\\# 4 0a B 0c0D 0", NULL, out, sizeof out, NULL), 4);
	assert_memory_equal(out, "\x0A\xB0\xC0\xD0", 4);
	show(65280, out, 4, t, sizeof t, 13);
	assert_string_equal(t, "\\# 4 0AB0C0D0");
	assert_int_equal(parse(65280, "\\# 0", NULL, out, sizeof out, NULL), 0);
	show(65280, out, 0, t, sizeof t, 4);
	assert_string_equal(t, "\\# 0");
	/* Types without a layout take nothing but the generic form. */
	assert_int_equal(parse(65280, "1 2 3", NULL, out, sizeof out, &at), Q53_ESYNTAX);
	assert_int_equal(at, 0);
	assert_int_equal(parse(Q53_TYPE_NSEC, " \"\\#\" 1 00", NULL, out, sizeof out, &at), Q53_ESYNTAX);
	assert_int_equal(at, 1);
	assert_int_equal(parse(65280, "", NULL, out, sizeof out, &at), Q53_ESYNTAX);
	assert_int_equal(at, 0);
	assert_int_equal(parse(65280, "  ", NULL, out, sizeof out, &at), Q53_ESYNTAX);
	assert_int_equal(at, 2);
}

static void test_rdata_generic_opaque_types(void **state)
{
	(void)state;
	uint8_t out[16];
	char t[64];
	/* Types known by mnemonic only (NULL, OPT, TKEY, TSIG, ...) print and parse as RFC 3597. */
	static const uint16_t types[] = {Q53_TYPE_NULL, Q53_TYPE_OPT, 249, 250, 254};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		assert_false(q53_type_known(types[i]));
		assert_int_equal(parse(types[i], "\\# 2 ABCD", NULL, out, sizeof out, NULL), 2);
		show(types[i], out, 2, t, sizeof t, 9);
		assert_string_equal(t, "\\# 2 ABCD");
		assert_int_equal(q53_rdata_check(types[i], (const uint8_t *)"\xC0", 1), 0);
	}
}

static void test_rdata_generic_known_type(void **state)
{
	(void)state;
	uint8_t o[Q53_NAME_MAX], out[64];
	char t[64];
	name("example.", o);
	assert_int_equal(parse(Q53_TYPE_A, "\\# 4 C0000201", NULL, out, sizeof out, NULL), 4);
	assert_memory_equal(out, "\xC0\x00\x02\x01", 4);
	show(Q53_TYPE_A, out, 4, t, sizeof t, 9);
	assert_string_equal(t, "192.0.2.1");
	assert_int_equal(parse(Q53_TYPE_MX, "\\# 8 000A 04 6D61696C 00", o, out, sizeof out, NULL), 8);
	show(Q53_TYPE_MX, out, 8, t, sizeof t, 8);
	assert_string_equal(t, "10 mail.");
	assert_int_equal(parse(Q53_TYPE_CAA, "\\# 7 0005697373756500", NULL, out, sizeof out, NULL),
			 Q53_ESYNTAX);
	assert_int_equal(parse(Q53_TYPE_CAA, "\\# 8 000569737375650A", NULL, out, sizeof out, NULL), 8);
	show(Q53_TYPE_CAA, out, 8, t, sizeof t, 14);
	assert_string_equal(t, "0 issue \"\\010\"");
}

static void test_rdata_generic_errors(void **state)
{
	(void)state;
	/* The length must be the decoded length (RFC 3597 5), reported at the length token. */
	bad(65280, "\\# 3 0102", Q53_ESYNTAX, 3);
	bad(65280, "\\# 1 0102", Q53_ESYNTAX, 3);
	bad(65280, "\\# 0 00", Q53_ESYNTAX, 3);
	bad(65280, "\\# 2 012", Q53_ESYNTAX, 5);
	bad(65280, "\\# 1 0g", Q53_ESYNTAX, 5);
	bad(65280, "\\# 1 \"01\"", Q53_ESYNTAX, 5);
	bad(65280, "\\#", Q53_ESYNTAX, 2);
	bad(65280, "\\# x", Q53_ESYNTAX, 3);
	bad(65280, "\\# -1", Q53_ESYNTAX, 3);
	bad(65280, "\\# 65536", Q53_ERANGE, 3);
	bad(65280, "\\#3 01", Q53_ESYNTAX, 0);
	/* Decoded RDATA of a typed type must fit its layout, reported at the "\#". */
	bad(Q53_TYPE_A, " \\# 3 C00002", Q53_ERDATA, 1);
	bad(Q53_TYPE_A, "\\# 0", Q53_ERDATA, 0);
	bad(Q53_TYPE_MX, "\\# 4 000AC00C", Q53_ERDATA, 0);
	bad(Q53_TYPE_TXT, "\\# 2 0200", Q53_ERDATA, 0);
	bad(Q53_TYPE_CAA, "\\# 4 0002612D", Q53_ERDATA, 0);
}

/* ---- Errors of the typed forms, each with its position ---- */

static void test_rdata_error_missing_and_extra(void **state)
{
	(void)state;
	bad(Q53_TYPE_MX, "10", Q53_ESYNTAX, 2);
	bad(Q53_TYPE_MX, "", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_A, " \t", Q53_ESYNTAX, 2);
	bad(Q53_TYPE_MX, "10 mail.example. extra", Q53_ESYNTAX, 17);
	bad(Q53_TYPE_A, "192.0.2.1 192.0.2.2", Q53_ESYNTAX, 10);
	bad(Q53_TYPE_SOA, ". . 1 2 3 4", Q53_ESYNTAX, 11);
	bad(Q53_TYPE_CAA, "0 issue", Q53_ESYNTAX, 7);
	bad(Q53_TYPE_CAA, "0 issue a b", Q53_ESYNTAX, 10);
	bad(Q53_TYPE_TXT, "", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_HINFO, "\"a\"", Q53_ESYNTAX, 3);
	bad(Q53_TYPE_DS, "1 2", Q53_ESYNTAX, 3);
}

static void test_rdata_error_numbers(void **state)
{
	(void)state;
	bad(Q53_TYPE_MX, "65536 mail.", Q53_ERANGE, 0);
	bad(Q53_TYPE_MX, "99999999999999999999999 mail.", Q53_ERANGE, 0);
	bad(Q53_TYPE_DS, "1 256 1 00", Q53_ERANGE, 2);
	bad(Q53_TYPE_SRV, "1 2 70000 x.", Q53_ERANGE, 4);
	bad(Q53_TYPE_MX, "-1 mail.", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_MX, "+1 mail.", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_MX, "1a mail.", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_MX, "0x10 mail.", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_MX, "\"10\" mail.", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_DS, "1 1h 1 00", Q53_ESYNTAX, 2);
}

static void test_rdata_error_addresses(void **state)
{
	(void)state;
	static const char *const bad4[] = {"192.0.2",	"192.0.2.256", "1.2.3.4.5",
					   "0x1.2.3.4", "1.2.3.4/24",  "\"1.2.3.4\"",
					   "::1",	"1.2.3.04x",   "255.255.255.2555"};
	for (size_t i = 0; i < sizeof bad4 / sizeof bad4[0]; i++)
		bad(Q53_TYPE_A, bad4[i], Q53_ESYNTAX, 0);
	static const char *const bad6[] = {
	    "2001:db8::g", "1:2:3:4:5:6:7:8:9",	 "2001:db8:::1",
	    "192.0.2.1",   "::ffff:192.0.2.1.5", "1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa"};
	for (size_t i = 0; i < sizeof bad6 / sizeof bad6[0]; i++)
		bad(Q53_TYPE_AAAA, bad6[i], Q53_ESYNTAX, 0);
}

static void test_rdata_error_names(void **state)
{
	(void)state;
	uint8_t out[64];
	size_t at = 0;
	assert_int_equal(parse(Q53_TYPE_NS, "ns1", NULL, out, sizeof out, &at), Q53_ERELATIVE);
	assert_int_equal(at, 0);
	assert_int_equal(parse(Q53_TYPE_MX, "10 @", NULL, out, sizeof out, &at), Q53_ERELATIVE);
	assert_int_equal(at, 3);
	bad(Q53_TYPE_NS, "a..example.", Q53_EEMPTY, 0);
	bad(Q53_TYPE_MX, "1 a\\25x.", Q53_EESCAPE, 2);
	bad(Q53_TYPE_SRV, "1 2 3 0123456789012345678901234567890123456789012345678901234567890123.",
	    Q53_ELABELLEN, 6);
	bad(Q53_TYPE_NS, "\"ns1.example.\"", Q53_ESYNTAX, 0);
	char long_name[300];
	for (int i = 0; i < 64; i++)
		memcpy(long_name + 4 * i, "abc.", 4);
	long_name[256] = '\0';
	bad(Q53_TYPE_PTR, long_name, Q53_ENAMELEN, 0);
}

static void test_rdata_error_strings(void **state)
{
	(void)state;
	bad(Q53_TYPE_TXT, "\"open", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_TXT, "\"a\" \"open\\\"", Q53_ESYNTAX, 4);
	bad(Q53_TYPE_TXT, "\"a\"b", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_TXT, "a\"b\"", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_TXT, "ok \"\\256\"", Q53_EESCAPE, 3);
	bad(Q53_TYPE_TXT, "\"\\25\"", Q53_EESCAPE, 0);
	bad(Q53_TYPE_TXT, "\"\\2x5\"", Q53_EESCAPE, 0);
	bad(Q53_TYPE_TXT, "x\\", Q53_EESCAPE, 0);
	bad(Q53_TYPE_CAA, "0 issue \"\\999\"", Q53_EESCAPE, 8);
	bad(Q53_TYPE_HINFO, "a \"b", Q53_ESYNTAX, 2);
}

static void test_rdata_error_caa_tag(void **state)
{
	(void)state;
	bad(Q53_TYPE_CAA, "0 is-sue \"x\"", Q53_ESYNTAX, 2);
	bad(Q53_TYPE_CAA, "0 \"issue\" \"x\"", Q53_ESYNTAX, 2);
	bad(Q53_TYPE_CAA, "0 \"\" \"x\"", Q53_ESYNTAX, 2);
	bad(Q53_TYPE_CAA, "0 iss\\ue \"x\"", Q53_ESYNTAX, 2);
	bad(Q53_TYPE_CAA, "256 issue \"x\"", Q53_ERANGE, 0);
	char text[300];
	memcpy(text, "0 ", 2);
	memset(text + 2, 't', 256);
	memcpy(text + 258, " x", 3);
	bad(Q53_TYPE_CAA, text, Q53_ERANGE, 2);
	text[257] = ' ';
	uint8_t out[300];
	assert_int_equal(parse(Q53_TYPE_CAA, text, NULL, out, sizeof out, NULL), 1 + 1 + 255 + 1);
}

static void test_rdata_error_hex(void **state)
{
	(void)state;
	bad(Q53_TYPE_DS, "1 2 3 ABC", Q53_ESYNTAX, 6);
	bad(Q53_TYPE_DS, "1 2 3 AB C", Q53_ESYNTAX, 9);
	bad(Q53_TYPE_DS, "1 2 3 ZZ", Q53_ESYNTAX, 6);
	bad(Q53_TYPE_DS, "1 2 3 00 0x00", Q53_ESYNTAX, 9);
	bad(Q53_TYPE_DS, "1 2 3 \"00\"", Q53_ESYNTAX, 6);
	bad(44, "1 1 -", Q53_ESYNTAX, 4);
}

static void test_rdata_error_base64(void **state)
{
	(void)state;
	bad(61, "AwEAAQ=", Q53_ESYNTAX, 0);
	bad(61, "AwEAA", Q53_ESYNTAX, 0);
	bad(61, "AwE=AQ==", Q53_ESYNTAX, 0);
	bad(61, "AwEA AQ== AA==", Q53_ESYNTAX, 10);
	bad(61, "A===", Q53_ESYNTAX, 0);
	bad(61, "=AAA", Q53_ESYNTAX, 0);
	bad(61, "AA=A", Q53_ESYNTAX, 0);
	bad(61, "AwEA!Q==", Q53_ESYNTAX, 0);
	bad(61, "AwEA-_==", Q53_ESYNTAX, 0);
	bad(61, "\"AwEA\"", Q53_ESYNTAX, 0);
	/* RFC 4648 3.5: bits left over by the padding must be zero, so every key has one spelling. */
	bad(61, "AB==", Q53_ESYNTAX, 0);
	bad(61, "AAB=", Q53_ESYNTAX, 0);
	bad(Q53_TYPE_DNSKEY, "256 3 8 AwEAAQ== x", Q53_ESYNTAX, 17);
	uint8_t out[8];
	assert_int_equal(parse(61, "AA==", NULL, out, sizeof out, NULL), 1);
	assert_int_equal(parse(61, "AAA=", NULL, out, sizeof out, NULL), 2);
	assert_int_equal(parse(61, "", NULL, out, sizeof out, NULL), 0);
}

static void test_rdata_error_nospace(void **state)
{
	(void)state;
	uint8_t out[64];
	size_t at = 0;
	assert_int_equal(parse(Q53_TYPE_A, "192.0.2.1", NULL, out, 3, &at), Q53_ENOSPACE);
	assert_int_equal(at, 0);
	assert_int_equal(parse(Q53_TYPE_A, "192.0.2.1", NULL, out, 4, &at), 4);
	assert_int_equal(parse(Q53_TYPE_MX, "10 mail.example.", NULL, out, 15, &at), Q53_ENOSPACE);
	assert_int_equal(at, 3);
	assert_int_equal(parse(Q53_TYPE_MX, "10 mail.example.", NULL, out, 16, &at), 16);
	assert_int_equal(parse(Q53_TYPE_TXT, "abc def", NULL, out, 6, &at), Q53_ENOSPACE);
	assert_int_equal(at, 4);
	assert_int_equal(parse(Q53_TYPE_DS, "1 2 3 0011 2233", NULL, out, 7, &at), Q53_ENOSPACE);
	assert_int_equal(at, 11);
	assert_int_equal(parse(65280, "\\# 3 010203", NULL, out, 2, &at), Q53_ENOSPACE);
	assert_int_equal(at, 5);
	assert_int_equal(parse(65280, "\\# 0", NULL, NULL, 0, &at), 0);
	assert_int_equal(parse(65280, "\\# 1 00", NULL, NULL, 0, &at), Q53_ENOSPACE);
}

static void test_rdata_error_invalid_args(void **state)
{
	(void)state;
	uint8_t out[8];
	size_t at = 7;
	assert_int_equal(q53_rdata_from_text(Q53_TYPE_A, NULL, 3, NULL, out, sizeof out, &at), Q53_EINVAL);
	assert_int_equal(at, 0);
	assert_int_equal(q53_rdata_from_text(Q53_TYPE_A, "1.2.3.4", 7, NULL, NULL, 4, NULL), Q53_EINVAL);
	/* text need not be NUL-terminated: only len characters count. */
	assert_int_equal(q53_rdata_from_text(Q53_TYPE_A, "1.2.3.45", 7, NULL, out, sizeof out, NULL), 4);
	assert_memory_equal(out, "\1\2\3\4", 4);
}

/* ---- q53_rdata_check ---- */

static void test_rdata_check(void **state)
{
	(void)state;
	assert_int_equal(q53_rdata_check(Q53_TYPE_A, W("\1\2\3\4")), 0);
	assert_int_equal(q53_rdata_check(Q53_TYPE_A, W("\1\2\3")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_A, W("\1\2\3\4\5")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_A, NULL, 0), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_A, NULL, 4), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(61, NULL, 0), 0);
	assert_int_equal(q53_rdata_check(65280, NULL, 0), 0);
	assert_int_equal(q53_rdata_check(Q53_TYPE_MX, W("\0\1\4mail\0")), 0);
	/* Names in stored RDATA are never compressed. */
	assert_int_equal(q53_rdata_check(Q53_TYPE_MX, W("\0\1\4mail\xC0\x0C")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_MX, W("\0\1\4mail")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_MX, W("\0\1\4mail\0\0")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_NS, W("\x40"
							"a\0")),
			 Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_TXT, W("\3abc\0")), 0);
	assert_int_equal(q53_rdata_check(Q53_TYPE_TXT, W("\3ab")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_TXT, W("")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_HINFO, W("\1a")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_SOA, W("\0\0\0\0\0\1\0\0\0\2\0\0\0\3\0\0\0\4\0\0\0\5")), 0);
	assert_int_equal(q53_rdata_check(Q53_TYPE_SOA, W("\0\0\0\0\0\1\0\0\0\2\0\0\0\3\0\0\0\4\0\0\0")),
			 Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_DS, W("\0\1\2\3")), 0);
	assert_int_equal(q53_rdata_check(Q53_TYPE_DS, W("\0\1\2")), Q53_ERDATA);
	/* RFC 8659 4.1: a CAA tag is one or more letters and digits. */
	assert_int_equal(q53_rdata_check(Q53_TYPE_CAA, W("\0\5issue")), 0);
	assert_int_equal(q53_rdata_check(Q53_TYPE_CAA, W("\0\0x")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_CAA, W("\0\3a-bx")), Q53_ERDATA);
	assert_int_equal(q53_rdata_check(Q53_TYPE_CAA, W("\0\6issue")), Q53_ERDATA);
}

/* ---- Typed views over records read back from a message ---- */

/* Builds a response with compressible names in RDATA and reads the records back into rr[]. */
static size_t build_message(uint8_t *msg, size_t cap, q53_rr_t *rr, size_t max)
{
	q53_writer_t w;
	uint8_t owner[Q53_NAME_MAX], o[Q53_NAME_MAX], rd[512];
	name("example.", owner);
	name("example.", o);
	q53_writer_init(&w, msg, cap, 0x1234, Q53_FLAG_QR | Q53_FLAG_AA);
	q53_writer_question(&w, owner, Q53_TYPE_ANY, Q53_CLASS_IN);
	static const struct {
		uint16_t type;
		const char *text;
	} recs[] = {
	    {Q53_TYPE_A, "192.0.2.1"},
	    {Q53_TYPE_AAAA, "2001:db8::53"},
	    {Q53_TYPE_MX, "10 mail.example."},
	    {Q53_TYPE_SOA, "ns1.example. hostmaster.example. 2024010101 3600 900 604800 300"},
	    {Q53_TYPE_NS, "ns1.example."},
	    {Q53_TYPE_CNAME, "www.example."},
	    {Q53_TYPE_PTR, "host.example."},
	    {Q53_TYPE_DNAME, "example.net."},
	    {Q53_TYPE_SRV, "0 5 5060 sip.example."},
	    {Q53_TYPE_TXT, "\"v=spf1 -all\" \"\" second"},
	    {Q53_TYPE_CAA, "0 issue \"letsencrypt.org\""},
	};
	for (size_t i = 0; i < sizeof recs / sizeof recs[0]; i++) {
		int n = parse(recs[i].type, recs[i].text, o, rd, sizeof rd, NULL);
		assert_true(n > 0);
		assert_int_equal(
		    q53_writer_rr(&w, Q53_SEC_ANSWER, owner, recs[i].type, Q53_CLASS_IN, 300, rd, (size_t)n),
		    0);
	}
	int len = q53_writer_finish(&w);
	assert_true(len > 0);
	q53_reader_t r;
	q53_rr_t q;
	assert_int_equal(q53_reader_init(&r, msg, (size_t)len), 0);
	assert_int_equal(q53_reader_next(&r, &q), 1);
	size_t n = 0;
	while (n < max && q53_reader_next(&r, &rr[n]) == 1)
		n++;
	assert_int_equal(n, sizeof recs / sizeof recs[0]);
	return n;
}

static void test_rdata_views_read_from_message(void **state)
{
	(void)state;
	uint8_t msg[1024], n1[Q53_NAME_MAX], a[16];
	q53_rr_t rr[16];
	build_message(msg, sizeof msg, rr, 16);

	assert_int_equal(q53_rdata_a(&rr[0], a), 0);
	assert_memory_equal(a, "\xC0\x00\x02\x01", 4);
	assert_int_equal(q53_rdata_aaaa(&rr[1], a), 0);
	assert_memory_equal(a, "\x20\x01\x0D\xB8\0\0\0\0\0\0\0\0\0\0\0\x53", 16);

	/* MX: the exchange went out as "mail" plus a pointer to the owner's "example." (RFC 1035 4.1.4). */
	q53_mx_t mx;
	assert_int_equal(rr[2].rdlength, 2 + 5 + 2);
	assert_int_equal(msg[rr[2].rdata + 7] & 0xC0, 0xC0);
	assert_int_equal(q53_rdata_mx(&rr[2], &mx), 0);
	assert_int_equal(mx.preference, 10);
	name("mail.example.", n1);
	assert_memory_equal(mx.exchange, n1, 14);

	q53_soa_t soa;
	assert_int_equal(rr[3].rdlength, 6 + 13 + 20);
	assert_int_equal(q53_rdata_soa(&rr[3], &soa), 0);
	name("ns1.example.", n1);
	assert_memory_equal(soa.mname, n1, 13);
	name("hostmaster.example.", n1);
	assert_memory_equal(soa.rname, n1, 20);
	assert_int_equal(soa.serial, 2024010101u);
	assert_int_equal(soa.refresh, 3600);
	assert_int_equal(soa.retry, 900);
	assert_int_equal(soa.expire, 604800);
	assert_int_equal(soa.minimum, 300);

	/* NS points at the SOA's "ns1.example." whole. */
	assert_int_equal(rr[4].rdlength, 2);
	assert_int_equal(q53_rdata_name(&rr[4], n1), 13);
	assert_memory_equal(n1, "\3ns1\7example\0", 13);
	assert_int_equal(q53_rdata_name(&rr[5], n1), 13);
	assert_memory_equal(n1, "\3www\7example\0", 13);
	assert_int_equal(q53_rdata_name(&rr[6], n1), 14);
	assert_memory_equal(n1, "\4host\7example\0", 14);
	/* DNAME is never compressed (RFC 6672 2.5). */
	assert_int_equal(rr[7].rdlength, 13);
	assert_int_equal(q53_rdata_name(&rr[7], n1), 13);
	assert_memory_equal(n1, "\7example\3net\0", 13);

	q53_srv_t srv;
	assert_int_equal(q53_rdata_srv(&rr[8], &srv), 0);
	assert_int_equal(srv.priority, 0);
	assert_int_equal(srv.weight, 5);
	assert_int_equal(srv.port, 5060);
	assert_memory_equal(srv.target, "\3sip\7example\0", 13);

	size_t pos = 0, len = 99;
	const uint8_t *s = NULL;
	assert_int_equal(q53_rdata_txt_next(&rr[9], &pos, &s, &len), 1);
	assert_int_equal(len, 11);
	assert_memory_equal(s, "v=spf1 -all", 11);
	assert_int_equal(q53_rdata_txt_next(&rr[9], &pos, &s, &len), 1);
	assert_int_equal(len, 0);
	assert_int_equal(q53_rdata_txt_next(&rr[9], &pos, &s, &len), 1);
	assert_int_equal(len, 6);
	assert_memory_equal(s, "second", 6);
	assert_int_equal(q53_rdata_txt_next(&rr[9], &pos, &s, &len), 0);
	assert_int_equal(pos, 12 + 1 + 7);
	assert_int_equal(q53_rdata_txt_next(&rr[9], &pos, &s, &len), 0);

	q53_caa_t caa;
	assert_int_equal(q53_rdata_caa(&rr[10], &caa), 0);
	assert_int_equal(caa.flags, 0);
	assert_int_equal(caa.tag_len, 5);
	assert_memory_equal(caa.tag, "issue", 5);
	assert_int_equal(caa.value_len, 15);
	assert_memory_equal(caa.value, "letsencrypt.org", 15);
}

/* SRV's target is not compressed by RFC 2782 senders, but old ones did and RFC 3597 4 says to accept it. */
static void test_rdata_views_compressed_srv(void **state)
{
	(void)state;
	static const uint8_t msg[] = {0x12, 0x34, 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 0,
				      /* 12: question _sip._udp.example. SRV IN */
				      4, '_', 's', 'i', 'p', 4, '_', 'u', 'd', 'p', 7, 'e', 'x', 'a', 'm',
				      'p', 'l', 'e', 0, 0, 33, 0, 1,
				      /* answer: owner pointer to 12, SRV IN TTL 60, RDLENGTH 12 */
				      0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 60, 0, 12,
				      /* 1 2 5060 sip + pointer to "example." at 22 */
				      0, 1, 0, 2, 0x13, 0xC4, 3, 's', 'i', 'p', 0xC0, 22};
	q53_reader_t r;
	q53_rr_t rr;
	q53_srv_t srv;
	char t[64];
	assert_int_equal(q53_reader_init(&r, msg, sizeof msg), 0);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(q53_rdata_srv(&rr, &srv), 0);
	assert_int_equal(srv.priority, 1);
	assert_int_equal(srv.weight, 2);
	assert_int_equal(srv.port, 5060);
	assert_memory_equal(srv.target, "\3sip\7example\0", 13);
	assert_int_equal(q53_rdata_to_text(&rr, NULL, t, sizeof t), 21);
	assert_string_equal(t, "1 2 5060 sip.example.");
}

static void test_rdata_text_of_message_records(void **state)
{
	(void)state;
	uint8_t msg[1024];
	q53_rr_t rr[16];
	char t[256];
	size_t n = build_message(msg, sizeof msg, rr, 16);
	static const char *const want[] = {
	    "192.0.2.1",
	    "2001:db8::53",
	    "10 mail.example.",
	    "ns1.example. hostmaster.example. 2024010101 3600 900 604800 300",
	    "ns1.example.",
	    "www.example.",
	    "host.example.",
	    "example.net.",
	    "0 5 5060 sip.example.",
	    "\"v=spf1 -all\" \"\" \"second\"",
	    "0 issue \"letsencrypt.org\"",
	};
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(q53_rdata_to_text(&rr[i], NULL, t, sizeof t), (int)strlen(want[i]));
		assert_string_equal(t, want[i]);
	}
}

static void test_rdata_views_type_mismatch(void **state)
{
	(void)state;
	uint8_t msg[1024], buf[Q53_NAME_MAX];
	q53_rr_t rr[16];
	build_message(msg, sizeof msg, rr, 16);
	q53_soa_t soa;
	q53_mx_t mx;
	q53_srv_t srv;
	q53_caa_t caa;
	size_t pos = 0, len;
	const uint8_t *s;
	assert_int_equal(q53_rdata_a(&rr[1], buf), Q53_EINVAL);
	assert_int_equal(q53_rdata_aaaa(&rr[0], buf), Q53_EINVAL);
	assert_int_equal(q53_rdata_mx(&rr[0], &mx), Q53_EINVAL);
	assert_int_equal(q53_rdata_soa(&rr[2], &soa), Q53_EINVAL);
	assert_int_equal(q53_rdata_srv(&rr[2], &srv), Q53_EINVAL);
	assert_int_equal(q53_rdata_caa(&rr[9], &caa), Q53_EINVAL);
	assert_int_equal(q53_rdata_txt_next(&rr[10], &pos, &s, &len), Q53_EINVAL);
	/* The name view takes only the single-name types. */
	assert_int_equal(q53_rdata_name(&rr[2], buf), Q53_EINVAL);
	assert_int_equal(q53_rdata_name(&rr[3], buf), Q53_EINVAL);
	assert_int_equal(q53_rdata_name(&rr[0], buf), Q53_EINVAL);
	q53_rr_t v;
	q53_rr_view(&v, 65280, (const uint8_t *)"\0", 1);
	assert_int_equal(q53_rdata_name(&v, buf), Q53_EINVAL);
}

static void test_rdata_views_over_uncompressed(void **state)
{
	(void)state;
	uint8_t rd[128], out[Q53_NAME_MAX];
	q53_rr_t rr;
	static const uint16_t single[] = {Q53_TYPE_NS, Q53_TYPE_MD, Q53_TYPE_MF,  Q53_TYPE_CNAME, Q53_TYPE_MB,
					  Q53_TYPE_MG, Q53_TYPE_MR, Q53_TYPE_PTR, Q53_TYPE_DNAME};
	for (size_t i = 0; i < sizeof single / sizeof single[0]; i++) {
		int n = parse(single[i], "t.example.", NULL, rd, sizeof rd, NULL);
		q53_rr_view(&rr, single[i], rd, (uint16_t)n);
		assert_int_equal(q53_rdata_name(&rr, out), 11);
		assert_memory_equal(out, "\1t\7example\0", 11);
	}
	int n = parse(Q53_TYPE_SOA, ". x. 1 2 3 4 5", NULL, rd, sizeof rd, NULL);
	q53_rr_view(&rr, Q53_TYPE_SOA, rd, (uint16_t)n);
	q53_soa_t soa;
	assert_int_equal(q53_rdata_soa(&rr, &soa), 0);
	assert_int_equal(soa.mname[0], 0);
	assert_memory_equal(soa.rname, "\1x\0", 3);
	assert_int_equal(soa.serial, 1);
	assert_int_equal(soa.minimum, 5);
	n = parse(Q53_TYPE_CAA, "128 tbs \"\"", NULL, rd, sizeof rd, NULL);
	q53_rr_view(&rr, Q53_TYPE_CAA, rd, (uint16_t)n);
	q53_caa_t caa;
	assert_int_equal(q53_rdata_caa(&rr, &caa), 0);
	assert_int_equal(caa.flags, 128);
	assert_int_equal(caa.tag_len, 3);
	assert_memory_equal(caa.tag, "tbs", 3);
	assert_int_equal(caa.value_len, 0);
}

/* RFC 2136 2.5: deletes carry empty RDATA in class ANY or NONE; they print as "\# 0" and have no view. */
static void test_rdata_empty_update_rdata(void **state)
{
	(void)state;
	uint8_t msg[256], owner[Q53_NAME_MAX], a[4];
	q53_writer_t w;
	q53_reader_t r;
	q53_rr_t rr;
	char t[32];
	name("example.", owner);
	q53_writer_init(&w, msg, sizeof msg, 1, Q53_OPCODE_UPDATE << 11);
	/* Not NULL: the writer computes rdata + 0, undefined on a null pointer. */
	static const uint8_t none[1] = {0};
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_AUTHORITY, owner, Q53_TYPE_A, Q53_CLASS_ANY, 0, none, 0),
			 0);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_AUTHORITY, owner, Q53_TYPE_MX, Q53_CLASS_NONE, 0, none, 0),
			 0);
	int len = q53_writer_finish(&w);
	assert_true(len > 0);
	assert_int_equal(q53_reader_init(&r, msg, (size_t)len), 0);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(q53_rdata_to_text(&rr, NULL, t, sizeof t), 4);
	assert_string_equal(t, "\\# 0");
	assert_int_equal(q53_rdata_a(&rr, a), Q53_EINVAL);
	assert_int_equal(q53_reader_next(&r, &rr), 1);
	assert_int_equal(q53_rdata_to_text(&rr, NULL, t, sizeof t), 4);
	assert_string_equal(t, "\\# 0");
	q53_mx_t mx;
	assert_int_equal(q53_rdata_mx(&rr, &mx), Q53_EINVAL);
}

/* A CAA tag with octets other than letters and digits (RFC 8659 4.1) is malformed for the writer and the
 * reader alike, so every CAA q53 reads has a typed text form that reads back. */
static void test_rdata_caa_bad_tag_rejected(void **state)
{
	(void)state;
	uint8_t msg[256], owner[Q53_NAME_MAX];
	q53_writer_t w;
	q53_reader_t r;
	q53_rr_t rr;
	name("example.", owner);
	q53_writer_init(&w, msg, sizeof msg, 1, Q53_FLAG_QR);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, owner, Q53_TYPE_CAA, Q53_CLASS_IN, 0,
				       (const uint8_t *)"\0\3a b\"x", 7),
			 Q53_ERDATA);
	assert_int_equal(q53_writer_rr(&w, Q53_SEC_ANSWER, owner, Q53_TYPE_CAA, Q53_CLASS_IN, 0,
				       (const uint8_t *)"\0\3abc\"x", 7),
			 Q53_ERDATA); /* sticky */
	/* The same record straight on the wire. */
	static const uint8_t wire[] = {0, 1, 0x80, 0, 0, 0, 0, 1, 0, 0, 0,   0,	  0,   0,   0x01, 0x01,
				       0, 1, 0,	   0, 0, 0, 0, 7, 0, 3, 'a', ' ', 'b', '"', 'x'};
	assert_int_equal(q53_reader_init(&r, wire, sizeof wire), 0);
	assert_int_equal(q53_reader_next(&r, &rr), Q53_ERDATA);
}

/* ---- snprintf contract and the name hook ---- */

static void test_rdata_text_snprintf_contract(void **state)
{
	(void)state;
	uint8_t rd[64];
	char t[64];
	int n = parse(Q53_TYPE_MX, "10 mail.example.", NULL, rd, sizeof rd, NULL);
	assert_int_equal(n, 16);
	show(Q53_TYPE_MX, rd, 16, NULL, 0, 16);
	memset(t, '#', sizeof t);
	show(Q53_TYPE_MX, rd, 16, t, 1, 16);
	assert_int_equal(t[0], '\0');
	assert_int_equal(t[1], '#');
	/* Cut inside the number, inside the name, and one short of the whole. */
	memset(t, '#', sizeof t);
	show(Q53_TYPE_MX, rd, 16, t, 2, 16);
	assert_string_equal(t, "1");
	show(Q53_TYPE_MX, rd, 16, t, 8, 16);
	assert_string_equal(t, "10 mail");
	memset(t, '#', sizeof t);
	show(Q53_TYPE_MX, rd, 16, t, 16, 16);
	assert_string_equal(t, "10 mail.example");
	assert_int_equal(t[16], '#');
	show(Q53_TYPE_MX, rd, 16, t, 17, 16);
	assert_string_equal(t, "10 mail.example.");
	/* Every field kind honours the limit: each prefix of the full text comes out at each size. */
	static const struct {
		uint16_t type;
		const char *text;
	} all[] = {
	    {Q53_TYPE_SOA, "a. b. 1 2 3 4 5"}, {Q53_TYPE_TXT, "\"a\\\"\\255\" b"},
	    {Q53_TYPE_AAAA, "2001:db8::1"},    {Q53_TYPE_A, "10.0.0.1"},
	    {Q53_TYPE_DS, "1 2 3 ABCDEF"},     {Q53_TYPE_DNSKEY, "1 2 3 AQID"},
	    {Q53_TYPE_CAA, "0 issue \"x\""},   {65280, "\\# 2 ABCD"},
	};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		char full[128], part[128];
		n = parse(all[i].type, all[i].text, NULL, rd, sizeof rd, NULL);
		assert_true(n >= 0);
		q53_rr_t rr;
		q53_rr_view(&rr, all[i].type, rd, (uint16_t)n);
		int want = q53_rdata_to_text(&rr, NULL, full, sizeof full);
		assert_true(want > 0 && (size_t)want < sizeof full);
		assert_int_equal((size_t)want, strlen(full));
		for (size_t size = 1; size <= (size_t)want + 1; size++) {
			memset(part, '#', sizeof part);
			assert_int_equal(q53_rdata_to_text(&rr, NULL, part, size), want);
			assert_int_equal(strlen(part), size - 1);
			assert_memory_equal(part, full, size - 1);
			assert_int_equal(part[size], '#');
		}
	}
}

typedef struct hook_state {
	int calls;
	int fail;
} hook_state;

/* Shows names as <name> and counts the calls, like the CLI's U-label hook would. */
static int angle_hook(const uint8_t *n, char *buf, size_t size, void *ctx)
{
	hook_state *hs = ctx;
	char t[Q53_NAME_TEXT_MAX];
	hs->calls++;
	if (hs->fail)
		return Q53_EIDNA;
	q53_name_to_text(n, t, sizeof t);
	return snprintf(buf, size, "<%s>", t);
}

static void test_rdata_name_hook(void **state)
{
	(void)state;
	uint8_t rd[128];
	char t[128];
	q53_rr_t rr;
	hook_state hs = {0, 0};
	q53_style_t st = {0, angle_hook, &hs};
	int n = parse(Q53_TYPE_SOA, "ns1.example. hostmaster.example. 1 2 3 4 5", NULL, rd, sizeof rd, NULL);
	q53_rr_view(&rr, Q53_TYPE_SOA, rd, (uint16_t)n);
	assert_int_equal(q53_rdata_to_text(&rr, &st, t, sizeof t), 46);
	assert_string_equal(t, "<ns1.example.> <hostmaster.example.> 1 2 3 4 5");
	assert_int_equal(hs.calls, 2);
	/* A truncated buffer still measures the hook's output. */
	assert_int_equal(q53_rdata_to_text(&rr, &st, t, 5), 46);
	assert_string_equal(t, "<ns1");
	assert_int_equal(q53_rdata_to_text(&rr, &st, NULL, 0), 46);
	assert_int_equal(hs.calls, 6);
	/* No names, no calls. */
	n = parse(Q53_TYPE_A, "192.0.2.1", NULL, rd, sizeof rd, NULL);
	q53_rr_view(&rr, Q53_TYPE_A, rd, (uint16_t)n);
	assert_int_equal(q53_rdata_to_text(&rr, &st, t, sizeof t), 9);
	assert_int_equal(hs.calls, 6);
	/* A style without a hook prints names plainly. */
	n = parse(Q53_TYPE_MX, "1 a.", NULL, rd, sizeof rd, NULL);
	q53_rr_view(&rr, Q53_TYPE_MX, rd, (uint16_t)n);
	q53_style_t plain = {0, NULL, NULL};
	assert_int_equal(q53_rdata_to_text(&rr, &plain, t, sizeof t), 4);
	assert_string_equal(t, "1 a.");
	/* The hook's error is the result. */
	hs.fail = 1;
	assert_int_equal(q53_rdata_to_text(&rr, &st, t, sizeof t), Q53_EIDNA);
}

/* Mnemonics of types (codec/rrtype.c keeps types 0-65 by index and the few above in a short sorted list):
 * every number reads back from its text, known ones by name in any case, unknown ones as TYPEnnn. */
static void test_rdata_type_mnemonics(void **state)
{
	(void)state;
	char buf[16];
	for (unsigned t = 0; t <= 65535; t++) {
		int n = q53_type_to_text((uint16_t)t, buf, sizeof buf);
		assert_true(n > 0 && (size_t)n < sizeof buf);
		assert_int_equal(q53_type_from_text(buf, (size_t)n), (int)t);
	}
	static const struct {
		const char *text;
		int type;
		bool layout;
	} known[] = {{"A", 1, true},	      {"nsec3param", 51, true},	  {"OPENPGPKEY", 61, true},
		     {"HTTPS", 65, true},     {"svcb", 64, true},	  {"spf", 99, true},
		     {"EUI64", 109, true},    {"TSIG", 250, false},	  {"ANY", 255, false},
		     {"URI", 256, true},      {"nsap-ptr", 23, true},	  {"AmtRelay", 260, true},
		     {"HIP", 55, true},	      {"CaA", 257, true},	  {"TYPE66", 66, false},
		     {"type263", 263, false}, {"TYPE65535", 65535, false}};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		assert_int_equal(q53_type_from_text(known[i].text, strlen(known[i].text)), known[i].type);
		assert_int_equal(q53_type_known((uint16_t)known[i].type), known[i].layout);
	}
	assert_int_equal(q53_type_to_text(257, buf, sizeof buf), 3);
	assert_string_equal(buf, "CAA");
	assert_int_equal(q53_type_to_text(66, buf, sizeof buf), 6);
	assert_string_equal(buf, "TYPE66");
	assert_int_equal(q53_type_from_text("TYPE65536", 9), Q53_ETYPE);
	assert_int_equal(q53_type_from_text("NSEC3PARAMS", 11), Q53_ETYPE);
	assert_int_equal(q53_type_from_text("", 0), Q53_ETYPE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rdata_type_mnemonics),
	    cmocka_unit_test(test_rdata_a_roundtrip),
	    cmocka_unit_test(test_rdata_aaaa_roundtrip),
	    cmocka_unit_test(test_rdata_single_name_roundtrip),
	    cmocka_unit_test(test_rdata_soa_roundtrip),
	    cmocka_unit_test(test_rdata_soa_durations),
	    cmocka_unit_test(test_rdata_mx_family_roundtrip),
	    cmocka_unit_test(test_rdata_two_names_roundtrip),
	    cmocka_unit_test(test_rdata_srv_roundtrip),
	    cmocka_unit_test(test_rdata_naptr_roundtrip),
	    cmocka_unit_test(test_rdata_hinfo_roundtrip),
	    cmocka_unit_test(test_rdata_txt_roundtrip),
	    cmocka_unit_test(test_rdata_txt_long_strings),
	    cmocka_unit_test(test_rdata_ds_family_roundtrip),
	    cmocka_unit_test(test_rdata_sshfp_tlsa_roundtrip),
	    cmocka_unit_test(test_rdata_dnskey_roundtrip),
	    cmocka_unit_test(test_rdata_openpgpkey_roundtrip),
	    cmocka_unit_test(test_rdata_sig_dhcid_uri_roundtrip),
	    cmocka_unit_test(test_rdata_loc_eui),
	    cmocka_unit_test(test_rdata_svcb_key_nul),
	    cmocka_unit_test(test_rdata_cert_ipseckey_apl),
	    cmocka_unit_test(test_rdata_rare_types),
	    cmocka_unit_test(test_rdata_caa_roundtrip),
	    cmocka_unit_test(test_rdata_dnssec_roundtrip),
	    cmocka_unit_test(test_rdata_dnssec_errors),
	    cmocka_unit_test(test_rdata_dnssec_wire),
	    cmocka_unit_test(test_rdata_svcb_rfc9460_vectors),
	    cmocka_unit_test(test_rdata_svcb_rfc9460_failures),
	    cmocka_unit_test(test_rdata_svcb_roundtrip),
	    cmocka_unit_test(test_rdata_svcb_errors),
	    cmocka_unit_test(test_rdata_svcb_wire),
	    cmocka_unit_test(test_rdata_every_known_type_tested),
	    cmocka_unit_test(test_rdata_generic_unknown_type),
	    cmocka_unit_test(test_rdata_generic_opaque_types),
	    cmocka_unit_test(test_rdata_generic_known_type),
	    cmocka_unit_test(test_rdata_generic_errors),
	    cmocka_unit_test(test_rdata_error_missing_and_extra),
	    cmocka_unit_test(test_rdata_error_numbers),
	    cmocka_unit_test(test_rdata_error_addresses),
	    cmocka_unit_test(test_rdata_error_names),
	    cmocka_unit_test(test_rdata_error_strings),
	    cmocka_unit_test(test_rdata_error_caa_tag),
	    cmocka_unit_test(test_rdata_error_hex),
	    cmocka_unit_test(test_rdata_error_base64),
	    cmocka_unit_test(test_rdata_error_nospace),
	    cmocka_unit_test(test_rdata_error_invalid_args),
	    cmocka_unit_test(test_rdata_check),
	    cmocka_unit_test(test_rdata_views_read_from_message),
	    cmocka_unit_test(test_rdata_views_compressed_srv),
	    cmocka_unit_test(test_rdata_text_of_message_records),
	    cmocka_unit_test(test_rdata_views_type_mismatch),
	    cmocka_unit_test(test_rdata_views_over_uncompressed),
	    cmocka_unit_test(test_rdata_empty_update_rdata),
	    cmocka_unit_test(test_rdata_caa_bad_tag_rejected),
	    cmocka_unit_test(test_rdata_text_snprintf_contract),
	    cmocka_unit_test(test_rdata_name_hook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

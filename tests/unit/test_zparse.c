/*
 * Unit tests for zones/parser.c: every directive, the inheritance rules of RFC 1035 5.1, TTL units,
 * quoting, $INCLUDE, $GENERATE, UTF-8 names, and errors reported as file:line:col while parsing goes on.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "q53/name.h"
#include "q53/print.h"
#include "q53/rdata.h"
#include "zone.h"

/* Records as "owner ttl TYPE rdata" lines, diagnostics as formatted lines. */
static char recs[200000], diags[200000];
static unsigned nrecs, ndiags;

static int on_rr(const q53_zrr_t *rr, void *ctx)
{
	(void)ctx;
	char owner[Q53_NAME_TEXT_MAX], type[16], rd[4096];
	q53_rr_t v;
	q53_rr_view(&v, rr->type, rr->rdata, rr->rdlength);
	q53_name_to_text(rr->owner, owner, sizeof owner);
	q53_type_to_text(rr->type, type, sizeof type);
	q53_rdata_to_text(&v, NULL, rd, sizeof rd);
	size_t n = strlen(recs);
	snprintf(recs + n, sizeof recs - n, "%s %u %s %s\n", owner, rr->ttl, type, rd);
	nrecs++;
	return 0;
}

static void on_diag(const q53_diag_t *d, void *ctx)
{
	(void)ctx;
	size_t n = strlen(diags);
	q53_diag_format(d, diags + n, sizeof diags - n);
	n = strlen(diags);
	snprintf(diags + n, sizeof diags - n, "\n");
	ndiags++;
}

/* Parses text under origin with opts (their diag set here) into recs and diags, both emptied first. */
static int parse_using(const char *text, const char *origin, q53_parse_opts_t opts)
{
	uint8_t o[Q53_NAME_MAX];
	opts.diag = on_diag;
	if (origin) {
		assert_true(q53_name_from_text(origin, strlen(origin), NULL, o) > 0);
		opts.origin = o;
	}
	recs[0] = diags[0] = '\0';
	nrecs = ndiags = 0;
	return q53_zone_parse_mem("t.zone", text, strlen(text), &opts, on_rr, NULL);
}

static int parse_with(const char *text, const char *origin)
{
	return parse_using(text, origin, (q53_parse_opts_t){0});
}

static int parse(const char *text)
{
	return parse_with(text, "example.");
}

static void test_zparse_basic(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 3600\n"
			       "@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n"
			       "  NS ns1\n"
			       "ns1 A 192.0.2.1\n"
			       "www 60 IN A 192.0.2.2\n"
			       "    IN 120 AAAA 2001:db8::1\n"
			       "mail.example. MX 10 ns1\n"),
			 0);
	assert_string_equal(recs,
			    "example. 3600 SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300\n"
			    "example. 3600 NS ns1.example.\n"
			    "ns1.example. 3600 A 192.0.2.1\n"
			    "www.example. 60 A 192.0.2.2\n"
			    "www.example. 120 AAAA 2001:db8::1\n"
			    "mail.example. 3600 MX 10 ns1.example.\n");
	assert_string_equal(diags, "");
}

static void test_zparse_parentheses_comments(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 1h ; default\n"
			       "@ SOA ns1 hostmaster ( ; a comment\n"
			       "      2024010101 ; serial\n"
			       "      2h 15m 2w 5M ) ; timers with units\n"
			       "; a whole-line comment\n"
			       "\n"
			       "txt TXT \"a ; not a comment\" \"quote \\\" inside\" ( \"more\" )\n"),
			 0);
	assert_string_equal(
	    recs, "example. 3600 SOA ns1.example. hostmaster.example. 2024010101 7200 900 1209600 300\n"
		  "txt.example. 3600 TXT \"a ; not a comment\" \"quote \\\" inside\" \"more\"\n");
}

static void test_zparse_ttl_rules(void **state)
{
	(void)state;
	/* No $TTL: the last stated TTL applies (RFC 1035 5.1). */
	assert_int_equal(parse("a 100 A 192.0.2.1\nb A 192.0.2.2\n"), 0);
	assert_string_equal(recs, "a.example. 100 A 192.0.2.1\nb.example. 100 A 192.0.2.2\n");
	/* $TTL wins over the last stated one (RFC 2308 4). */
	assert_int_equal(parse("$TTL 50\na 100 A 192.0.2.1\nb A 192.0.2.2\n"), 0);
	assert_string_equal(recs, "a.example. 100 A 192.0.2.1\nb.example. 50 A 192.0.2.2\n");
	/* Nothing at all: an error; after an SOA, its MINIMUM with a warning, as BIND does. */
	assert_int_equal(parse("a A 192.0.2.1\n"), 1);
	assert_string_equal(diags, "t.zone:1:3: error: no TTL given and no $TTL before this record\n");
	assert_int_equal(parse("@ SOA ns1 h 1 2 3 4 300\n"), 0);
	assert_string_equal(recs, "example. 300 SOA ns1.example. h.example. 1 2 3 4 300\n");
	assert_string_equal(diags,
			    "t.zone:1:3: warning: no TTL given and no $TTL: using the SOA MINIMUM 300\n");
	/* Units and their errors. */
	assert_int_equal(parse("$TTL 1w2d3h4m5s\na A 192.0.2.1\n"), 0);
	assert_string_equal(recs, "a.example. 788645 A 192.0.2.1\n");
	assert_int_equal(parse("$TTL 1x\n$TTL h\n$TTL 1h30\n$TTL 2147483648\n$TTL 9999999999\n"), 5);
	assert_string_equal(diags, "t.zone:1:6: error: bad TTL '1x'\n"
				   "t.zone:2:6: error: bad TTL 'h'\n"
				   "t.zone:3:6: error: bad TTL '1h30'\n"
				   "t.zone:4:6: error: TTL '2147483648' above 2147483647 (RFC 2181 8)\n"
				   "t.zone:5:6: error: TTL '9999999999' above 2147483647 (RFC 2181 8)\n");
}

static void test_zparse_class_and_type(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 1\n"
			       "a CH A 192.0.2.1\n"
			       "b IN FOO 1\n"
			       "c IN\n"
			       "d TYPE65280 \\# 3 010203\n"
			       "e CLASS1 A \\# 4 c0000201\n"
			       "f A \\# 3 c00002\n"),
			 4);
	assert_string_equal(
	    diags, "t.zone:2:3: error: class CH not supported: zones are class IN\n"
		   "t.zone:3:6: error: unknown type 'FOO'\n"
		   "t.zone:4:3: error: record without a type\n"
		   "t.zone:7:5: error: bad A RDATA at \\#: RDATA does not match the layout of its type\n");
	assert_string_equal(recs, "d.example. 1 TYPE65280 \\# 3 010203\ne.example. 1 A 192.0.2.1\n");
	/* Types known by mnemonic only: the RFC 3597 form is read; the error for another form says so. */
	assert_int_equal(parse("$TTL 1\n"
			       "h NULL 2 200100107B1A74DF365639CC39F1D578 AwEAAbdxyhNuSutc\n"
			       "s TKEY next.example. A\n"
			       "u TYPE65280 abc\n"
			       "ok NULL \\# 3 000100\n"),
			 3);
	assert_string_equal(recs, "ok.example. 1 NULL \\# 3 000100\n");
	assert_string_equal(
	    diags,
	    "t.zone:2:3: error: no text form of NULL RDATA here: write it as \"\\# length hex\" (RFC 3597)\n"
	    "t.zone:3:3: error: no text form of TKEY RDATA here: write it as \"\\# length hex\" (RFC 3597)\n"
	    "t.zone:4:3: error: no text form of TYPE65280 RDATA here: write it as \"\\# length hex\" (RFC "
	    "3597)\n");
}

/* The largest RDATA there is (65,535 octets), written as TXT strings of \DDD escapes: 261,900 characters
 * in one record, which the parser's joined text must take; one octet more is too long. */
static size_t last_rdlength;

static int on_len(const q53_zrr_t *rr, void *ctx)
{
	(void)ctx;
	last_rdlength = rr->rdlength;
	nrecs++;
	return 0;
}

static void test_zparse_longest_rdata(void **state)
{
	(void)state;
	uint8_t o[Q53_NAME_MAX];
	assert_true(q53_name_from_text("example.", 8, NULL, o) > 0);
	for (int extra = 0; extra <= 1; extra++) {
		size_t cap = 300000;
		char *z = malloc(cap);
		assert_non_null(z);
		size_t n = (size_t)snprintf(z, cap, "$TTL 1\nbig TXT");
		/* 255 strings of 255 octets and one of 254 (+ extra): 65,535 (+ extra) octets of RDATA. */
		for (int str = 0; str < 256; str++) {
			int len = str < 255 ? 255 : 254 + extra;
			z[n++] = ' ';
			z[n++] = '"';
			for (int j = 0; j < len; j++)
				n += (size_t)snprintf(z + n, cap - n, "\\%03d", (str + j) % 256);
			z[n++] = '"';
		}
		z[n++] = '\n';
		z[n] = '\0';
		assert_true(n > 261000);
		q53_parse_opts_t opts = {0};
		opts.origin = o;
		opts.diag = on_diag;
		diags[0] = '\0';
		nrecs = ndiags = 0;
		last_rdlength = 0;
		int rc = q53_zone_parse_mem("t.zone", z, n, &opts, on_len, NULL);
		if (extra == 0) {
			assert_int_equal(rc, 0);
			assert_int_equal(nrecs, 1);
			assert_int_equal(last_rdlength, 65535);
		} else {
			assert_int_equal(rc, 1);
			assert_int_equal(nrecs, 0);
			assert_non_null(strstr(diags, "t.zone:2:"));
		}
		free(z);
	}
}

static void test_zparse_rdata_errors(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 1\n"
			       "a A 192.0.2\n"
			       "b MX 10\n"
			       "c MX 99999 x\n"
			       "d AAAA ::1 extra\n"
			       "ok A 192.0.2.9\n"),
			 4);
	/* Each error names the field; the good record after them still counts. */
	assert_string_equal(recs, "ok.example. 1 A 192.0.2.9\n");
	assert_non_null(strstr(diags, "t.zone:2:5: error: bad A RDATA at 192.0.2"));
	assert_non_null(strstr(diags, "t.zone:3:"));
	assert_non_null(strstr(diags, "t.zone:4:6: error: bad MX RDATA at 99999"));
	assert_non_null(strstr(diags, "t.zone:5:"));
}

/*
 * SVCB and HTTPS (RFC 9460 2.1): key="value" is one token whatever the value holds, in parentheses over
 * lines too, and a UTF-8 target is converted; errors point at the param. Other types still take a quoted
 * string as a token of its own (TXT, CAA).
 */
static void test_zparse_svcb_param_is_one_token(void **state)
{
	(void)state;
	assert_int_equal(
	    parse("$TTL 1\n"
		  "_443._https HTTPS 1 . alpn=\"h2,h3\" ipv4hint=192.0.2.1,192.0.2.2 port=8443 ech=AEn+DQBF\n"
		  "@ HTTPS 0 svc.example.net.\n"
		  "s SVCB 16 foo.example.org. ( alpn=h2,h3-19 mandatory=ipv4hint,alpn ; RFC 9460 figure 9\n"
		  "\tipv4hint=192.0.2.1 )\n"
		  "q SVCB 1 . key667=\"hello world; (x)\" dohpath=\"/q{?dns}\" (\n"
		  "\talpn=\"a\\\\\\\\,b\" )\n"
		  "u SVCB 1 b\xc3\xbc"
		  "cher ipv6hint=\"2001:db8::1\"\n"
		  "$GENERATE 1-2 g$ HTTPS $ . key9=\"v $\"\n"
		  "t TXT a=\"b\"\n"
		  "c CAA 0 issue\"ca.example.net\"\n"),
	    0);
	assert_string_equal(recs,
			    "_443._https.example. 1 HTTPS 1 . alpn=\"h2,h3\" port=8443 "
			    "ipv4hint=192.0.2.1,192.0.2.2 ech=AEn+DQBF\n"
			    "example. 1 HTTPS 0 svc.example.net.\n"
			    "s.example. 1 SVCB 16 foo.example.org. mandatory=alpn,ipv4hint alpn=\"h2,h3-19\" "
			    "ipv4hint=192.0.2.1\n"
			    "q.example. 1 SVCB 1 . alpn=\"a\\\\\\\\,b\" dohpath=\"/q{?dns}\" "
			    "key667=\"hello world; (x)\"\n"
			    "u.example. 1 SVCB 1 xn--bcher-kva.example. ipv6hint=2001:db8::1\n"
			    "g1.example. 1 HTTPS 1 . key9=\"v 1\"\n"
			    "g2.example. 1 HTTPS 2 . key9=\"v 2\"\n"
			    "t.example. 1 TXT \"a=\" \"b\"\n"
			    "c.example. 1 CAA 0 issue \"ca.example.net\"\n");
	assert_string_equal(diags, "t.zone:8:10: warning: UTF-8 name 'b\xc3\xbc"
				   "cher' converted to "
				   "'xn--bcher-kva'\n");
	assert_int_equal(parse("$TTL 1\n"
			       "a HTTPS 1 . alpn=\"h2\" alpn=h3\n"
			       "b HTTPS 1 . ipv4hint=\"192.0.2.1,192.0.2\"\n"
			       "c SVCB 1 . key65535\n"
			       "d SVCB 1 . no-default-alpn port=1\n"
			       "e SVCB 1 . ( port=1\n"
			       "    mandatory=alpn )\n"
			       "f SVCB 1 . alpn=\"h2\"port=1\n"
			       "g SVCB 1 . alpn=h2 \"port=1\"\n"),
			 7);
	assert_string_equal(recs, "");
	assert_string_equal(diags,
			    "t.zone:2:23: error: bad HTTPS RDATA at alpn=h3: syntax error\n"
			    "t.zone:3:22: error: bad HTTPS RDATA at \"192.0.2.1,192.0.2\": syntax error\n"
			    "t.zone:4:12: error: bad SVCB RDATA at key65535: syntax error\n"
			    "t.zone:5:12: error: bad SVCB RDATA at no-default-alpn: syntax error\n"
			    "t.zone:7:5: error: bad SVCB RDATA at mandatory=alpn: syntax error\n"
			    "t.zone:8:12: error: bad SVCB RDATA at alpn=: syntax error\n"
			    "t.zone:9:20: error: bad SVCB RDATA at \"port=1\": syntax error\n");
}

static void test_zparse_names(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 1\n"
			       "a\\.b A 192.0.2.1\n"
			       "sp\\032ace A 192.0.2.1\n"
			       "abs.other. A 192.0.2.1\n"
			       "$ORIGIN sub\n"
			       "x A 192.0.2.1\n"
			       "@ CNAME x\n"
			       "$ORIGIN .\n"
			       "y.example. A 192.0.2.1\n"),
			 0);
	assert_string_equal(recs, "a\\.b.example. 1 A 192.0.2.1\n"
				  "sp\\032ace.example. 1 A 192.0.2.1\n"
				  "abs.other. 1 A 192.0.2.1\n"
				  "x.sub.example. 1 A 192.0.2.1\n"
				  "sub.example. 1 CNAME x.sub.example.\n"
				  "y.example. 1 A 192.0.2.1\n");
	/* No origin at all. */
	assert_int_equal(parse_with("$TTL 1\n@ A 192.0.2.1\nrel A 192.0.2.1\nabs. CNAME rel\n", NULL), 3);
	assert_string_equal(diags,
			    "t.zone:2:1: error: '@' used before any $ORIGIN\n"
			    "t.zone:3:1: error: relative name 'rel' before any $ORIGIN\n"
			    "t.zone:4:12: error: bad CNAME RDATA at rel: relative name without an origin\n");
}

static void test_zparse_owner_inheritance(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 1\n A 192.0.2.1\nx A 192.0.2.1\n\tA 192.0.2.2\n ; comment\n AAAA ::1\n"),
			 1);
	assert_string_equal(diags, "t.zone:2:2: error: no owner name before this record\n");
	assert_string_equal(recs,
			    "x.example. 1 A 192.0.2.1\nx.example. 1 A 192.0.2.2\nx.example. 1 AAAA ::1\n");
}

static void test_zparse_syntax_errors(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 1\na TXT \"open\nb A 192.0.2.1 )\nc SOA ( ns h 1 2 3 4 5\n"), 3);
	assert_non_null(strstr(diags, "t.zone:2:7: error: unterminated quoted string\n"));
	assert_non_null(strstr(diags, "t.zone:3:15: error: ')' without '('\n"));
	assert_non_null(strstr(diags, "t.zone:4: error: '(' not closed before the end of the file\n"));
	assert_int_equal(parse("$FOO bar\n$ORIGIN\n$TTL\n"), 3);
	assert_string_equal(diags, "t.zone:1:1: error: unknown directive '$FOO'\n"
				   "t.zone:2:1: error: $ORIGIN takes one name\n"
				   "t.zone:3:1: error: $TTL takes one TTL\n");
}

static void test_zparse_crlf(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 1\r\na A 192.0.2.1\r\nb TXT \"x\"\r\n"), 0);
	assert_string_equal(recs, "a.example. 1 A 192.0.2.1\nb.example. 1 TXT \"x\"\n");
}

static void test_zparse_error_limit(void **state)
{
	(void)state;
	static char text[8000];
	size_t n = 0;
	for (int i = 0; i < 150; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "x%d BAD 1\n", i);
	assert_int_equal(parse_using(text, "example.", (q53_parse_opts_t){0}), 100);
	assert_int_equal(ndiags, 101);
	/* Said at the place of the error that reached the limit, so that q53-zonecheck lists it after that
	 * one.
	 */
	assert_non_null(strstr(diags, "t.zone:100:5: error: unknown type 'BAD'\n"
				      "t.zone:100:5: error: too many errors, giving up\n"));
	assert_int_equal(parse_using(text, "example.", (q53_parse_opts_t){.max_errors = 5}), 5);
	/* The lexer's errors on the line that reaches the limit come after "giving up": not reported
	 * (fuzz_zone found more errors than max_errors). */
	static const char parens[] = "))))))))))))))))))))))))\n";
	assert_int_equal(parse_using(parens, "example.", (q53_parse_opts_t){.max_errors = 20}), 20);
	assert_int_equal(ndiags, 21);
	assert_non_null(strstr(diags, "error: too many errors, giving up\n"));
}

static unsigned files_opened;
static void count_file(const char *path, const struct stat *st, void *ctx)
{
	(void)path, (void)st, (void)ctx;
	files_opened++;
}

/* no_include: $INCLUDE is an error at the directive and no file is opened, even one that exists. */
static void test_zparse_no_include(void **state)
{
	(void)state;
	files_opened = 0;
	assert_int_equal(parse_using("$TTL 1\n$INCLUDE /etc/hostname\na A 192.0.2.1\n", "example.",
				     (q53_parse_opts_t){.no_include = true, .file_fn = count_file}),
			 1);
	assert_string_equal(diags, "t.zone:2:1: error: $INCLUDE is not allowed in this zone text\n");
	assert_int_equal(files_opened, 0);
	assert_string_equal(recs, "a.example. 1 A 192.0.2.1\n");
}

/* An owner alone on its line: the error is at the owner, not on the next line (fuzz_zone found it). */
static void test_zparse_owner_only(void **state)
{
	(void)state;
	assert_int_equal(parse("foo\n"), 1);
	assert_string_equal(diags, "t.zone:1:1: error: record without a type\n");
	assert_int_equal(parse("$TTL 1\nfoo   \nbar A 192.0.2.1\n"), 1);
	assert_string_equal(diags, "t.zone:2:1: error: record without a type\n");
	assert_string_equal(recs, "bar.example. 1 A 192.0.2.1\n");
}

static void test_zparse_generate(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 1\n"
			       "$GENERATE 1-3 host$ A 192.0.2.$\n"
			       "$GENERATE 10-14/2 h${0,3,d} 30 IN CNAME t${1,2,x}.${-10,0,o}\n"
			       "$GENERATE 1-1 m$$ MX 10 mx$\n"),
			 0);
	assert_string_equal(recs, "host1.example. 1 A 192.0.2.1\n"
				  "host2.example. 1 A 192.0.2.2\n"
				  "host3.example. 1 A 192.0.2.3\n"
				  "h010.example. 30 CNAME t0b.0.example.\n"
				  "h012.example. 30 CNAME t0d.2.example.\n"
				  "h014.example. 30 CNAME t0f.4.example.\n"
				  "m\\$.example. 1 MX 10 mx1.example.\n");
	assert_int_equal(
	    parse("$TTL 1\n$GENERATE 3-1 h$ A 192.0.2.$\n$GENERATE 1-2000000 h$ A 1.2.3.4\n"
		  "$GENERATE x h$ A 1.2.3.4\n$GENERATE 1-2 h${1,2,q} A 1.2.3.4\n$GENERATE 1-2 h$\n"
		  "$GENERATE 0- h$ A 1.2.3.4\n$GENERATE 1-2/ h$ A 1.2.3.4\n"
		  "$GENERATE 1-2147483648 h$ A 1.2.3.4\n$GENERATE 1-1 h${2147483648} A 1.2.3.4\n"),
	    9);
	assert_string_equal(
	    diags, "t.zone:2:11: error: bad $GENERATE range (start-stop[/step])\n"
		   "t.zone:3:11: error: $GENERATE range gives more than 1000000 records\n"
		   "t.zone:4:11: error: bad $GENERATE range (start-stop[/step])\n"
		   "t.zone:5:15: error: bad $GENERATE owner template\n"
		   "t.zone:6:1: error: $GENERATE takes a range, an owner template, a type and an RDATA "
		   "template\n"
		   "t.zone:7:11: error: bad $GENERATE range (start-stop[/step])\n"
		   "t.zone:8:11: error: bad $GENERATE range (start-stop[/step])\n"
		   "t.zone:9:11: error: bad $GENERATE range (start-stop[/step])\n"
		   "t.zone:10:15: error: bad $GENERATE owner template\n");
	/* The modifiers ${offset,width,base} with every base, as BIND 9's named-checkzone -D expands the
	 * same lines: for n and N the width counts characters with the dots, so an even width ends in a dot
	 * (an absolute name); below zero, decimal keeps the sign and the other bases show BIND's 32-bit int.
	 */
	assert_int_equal(parse("$TTL 1\n"
			       "$GENERATE 255-255 ${0,7,n} PTR x\\$y\n"
			       "$GENERATE 171-171 n${0,3,N}.${0,1,n}.${0,0,X}.${-1,4,o} A 192.0.2.1\n"
			       "$GENERATE 2-2 neg${-5,3}.${-3,0,x}.${-3,0,n} A 192.0.2.1\n"
			       "$GENERATE 0-0 z${0,5,n} A 192.0.2.1\n"
			       "$GENERATE 255-255 ${0,4,n} A 192.0.2.1\n"),
			 0);
	assert_string_equal(recs, "f.f.0.0.example. 1 PTR x\\$y.example.\n"
				  "nB.A.b.a.AB.0252.example. 1 A 192.0.2.1\n"
				  "neg-03.ffffffff.f.f.f.f.f.f.f.f.example. 1 A 192.0.2.1\n"
				  "z0.0.0.example. 1 A 192.0.2.1\n"
				  "f.f. 1 A 192.0.2.1\n");
}

static void test_zparse_utf8_names(void **state)
{
	(void)state;
	assert_int_equal(parse("$TTL 1\nbücher CNAME пример.рф.\n"), 0);
	assert_string_equal(recs, "xn--bcher-kva.example. 1 CNAME xn--e1afmkfd.xn--p1ai.\n");
	assert_string_equal(diags, "t.zone:2:1: warning: UTF-8 name 'bücher' converted to 'xn--bcher-kva'\n"
				   "t.zone:2:14: warning: UTF-8 name 'пример.рф.' converted to "
				   "'xn--e1afmkfd.xn--p1ai.'\n");
	/* TXT strings stay as they are. */
	assert_int_equal(parse("$TTL 1\nt TXT \"grüße\"\n"), 0);
	assert_int_equal(ndiags, 0);
	assert_int_equal(parse("$TTL 1\n😀 A 192.0.2.1\n"), 1);
	assert_non_null(strstr(diags, "t.zone:2:1: error: "));
}

/* Writes a file in dir; returns its path in a static buffer. */
static const char *write_file(const char *dir, const char *name, const char *text)
{
	static char path[4][512];
	static unsigned i;
	char *p = path[i++ % 4];
	snprintf(p, 512, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

static void test_zparse_include(void **state)
{
	(void)state;
	char dir[] = "/tmp/q53-zparse-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char sub[600];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(dir, "sub/hosts.inc", "h1 A 192.0.2.1\n$ORIGIN deeper\nh2 A 192.0.2.2\n");
	write_file(dir, "sub/nested.inc", "$INCLUDE hosts.inc\n");
	write_file(dir, "loop.inc", "$INCLUDE loop.inc\n");
	const char *top = write_file(dir, "top.zone",
				     "$TTL 1\n"
				     "$INCLUDE sub/hosts.inc\n"
				     "after A 192.0.2.3\n"
				     "$INCLUDE \"sub/hosts.inc\" other.example.\n"
				     "$INCLUDE sub/nested.inc\n"
				     "$INCLUDE missing.inc\n"
				     "$INCLUDE loop.inc\n");
	uint8_t o[Q53_NAME_MAX];
	q53_name_from_text("example.", 8, NULL, o);
	q53_parse_opts_t opts = {.origin = o, .diag = on_diag, .max_include_depth = 3};
	recs[0] = diags[0] = '\0';
	nrecs = ndiags = 0;
	int rc = q53_zone_parse(top, &opts, on_rr, NULL);
	assert_int_equal(rc, 2);
	/* The origin an $INCLUDE sets, or that the included file changes, ends with that file (RFC 1035 5.1).
	 */
	assert_string_equal(recs, "h1.example. 1 A 192.0.2.1\n"
				  "h2.deeper.example. 1 A 192.0.2.2\n"
				  "after.example. 1 A 192.0.2.3\n"
				  "h1.other.example. 1 A 192.0.2.1\n"
				  "h2.deeper.other.example. 1 A 192.0.2.2\n"
				  "h1.example. 1 A 192.0.2.1\n"
				  "h2.deeper.example. 1 A 192.0.2.2\n");
	char want[4096];
	snprintf(want, sizeof want,
		 "%s:6:10: error: cannot read $INCLUDE file 'missing.inc': No such file or directory\n"
		 "%s/loop.inc:1:1: error: $INCLUDE nested deeper than 3 levels\n",
		 top, dir);
	assert_string_equal(diags, want);
	assert_int_equal(q53_zone_parse("/nonexistent/q53.zone", &opts, on_rr, NULL), Q53_EIO);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

static int stop_at_second(const q53_zrr_t *rr, void *ctx)
{
	(void)rr;
	return ++*(int *)ctx == 2 ? Q53_ENOMEM : 0;
}

static void test_zparse_callback_stops(void **state)
{
	(void)state;
	int count = 0;
	uint8_t o[Q53_NAME_MAX];
	q53_name_from_text("example.", 8, NULL, o);
	q53_parse_opts_t opts = {.origin = o};
	const char *text = "$TTL 1\na A 192.0.2.1\nb A 192.0.2.1\nc A 192.0.2.1\n";
	assert_int_equal(q53_zone_parse_mem("t", text, strlen(text), &opts, stop_at_second, &count),
			 Q53_ENOMEM);
	assert_int_equal(count, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_zparse_basic),
	    cmocka_unit_test(test_zparse_parentheses_comments),
	    cmocka_unit_test(test_zparse_ttl_rules),
	    cmocka_unit_test(test_zparse_class_and_type),
	    cmocka_unit_test(test_zparse_rdata_errors),
	    cmocka_unit_test(test_zparse_longest_rdata),
	    cmocka_unit_test(test_zparse_svcb_param_is_one_token),
	    cmocka_unit_test(test_zparse_names),
	    cmocka_unit_test(test_zparse_owner_inheritance),
	    cmocka_unit_test(test_zparse_syntax_errors),
	    cmocka_unit_test(test_zparse_crlf),
	    cmocka_unit_test(test_zparse_error_limit),
	    cmocka_unit_test(test_zparse_owner_only),
	    cmocka_unit_test(test_zparse_no_include),
	    cmocka_unit_test(test_zparse_generate),
	    cmocka_unit_test(test_zparse_utf8_names),
	    cmocka_unit_test(test_zparse_include),
	    cmocka_unit_test(test_zparse_callback_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests for idna/idna.c: whole names between U-labels and A-labels (IDNA2008 + UTS #46
 * non-transitional through libidn2), the ASCII pass-through, the error sentences, the display direction and
 * the print hook, the RFC 3492 section 7.1 samples, and the Unicode conformance file IdnaTestV2.txt checked
 * row by row against a reviewed list of known deviations (tests/data/idna/deviations.txt).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "idna/fastpath.h"
#include "q53/idna.h"
#include "q53/name.h"

#ifndef IDNA_DATA
#define IDNA_DATA "tests/data/idna"
#endif

static void ascii_ok(const char *in, const char *want)
{
	char out[1100], why[300] = "stale";
	int r = q53_idna_to_ascii(in, strlen(in), out, sizeof out, why, sizeof why);
	if (r < 0)
		print_error("to_ascii(%s): %d %s\n", in, r, why);
	assert_int_equal(r, (int)strlen(want));
	assert_string_equal(out, want);
	assert_string_equal(why, "");
}

/* want_why NULL: only the code is checked. On error out is emptied. */
static void ascii_err(const char *in, int err, const char *want_why)
{
	char out[1100] = "stale", why[600] = "";
	int r = q53_idna_to_ascii(in, strlen(in), out, sizeof out, why, sizeof why);
	assert_int_equal(r, err);
	assert_string_equal(out, "");
	if (want_why != NULL)
		assert_string_equal(why, want_why);
	else
		assert_true(why[0] == '"');
}

static void unicode_ok(const char *in, const char *want)
{
	char out[1100];
	int r = q53_idna_to_unicode(in, strlen(in), out, sizeof out);
	assert_int_equal(r, (int)strlen(want));
	assert_string_equal(out, want);
}

/*
 * RFC 3492 section 7.1: the sample strings through our conversion, in both directions. to_ascii takes the
 * Unicode form as the RFC gives it; UTS #46 folds case, so the A-label is the Punycode of the lower-cased
 * string (the RFC's upper-case letters are "mixed-case annotation" that only changes basic code points).
 * to_unicode takes "xn--" plus the RFC's Punycode as printed (mixed case) and shows the lower-case U-label,
 * as DNS names are case-insensitive (RFC 4343). Samples outside the table, and why:
 *   (A) Arabic ends with U+061F ARABIC QUESTION MARK, DISALLOWED in IDNA2008: test_idna_rfc3492_rejected.
 *   (H) Korean encodes to 74 octets, more than a label holds: test_idna_rfc3492_rejected.
 *   (S) "-> $1.00 <-" is all ASCII with a space, '$' and '.': not a label at all; as ASCII it passes
 *       through to_ascii untouched (test_idna_rfc3492_rejected).
 */
static const struct {
	const char *id, *u, *shown, *puny;
} rfc3492[] = {
    {"B", "\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587", NULL, "ihqwcrb4cv8a8dqg056pqjye"},
    {"C", "\u4ED6\u5011\u7232\u4EC0\u9EBD\u4E0D\u8AAA\u4E2D\u6587", NULL, "ihqwctvzc91f659drss3x8bo0yb"},
    {"D", "Pro\u010Dprost\u011Bnemluv\u00ED\u010Desky", "pro\u010Dprost\u011Bnemluv\u00ED\u010Desky",
     "Proprostnemluvesky-uyb24dma41a"},
    {"E",
     "\u05DC\u05DE\u05D4\u05D4\u05DD\u05E4\u05E9\u05D5\u05D8\u05DC\u05D0\u05DE\u05D3\u05D1\u05E8\u05D9\u05DD"
     "\u05E2\u05D1\u05E8\u05D9\u05EA",
     NULL, "4dbcagdahymbxekheh6e0a7fei0b"},
    {"F",
     "\u092F\u0939\u0932\u094B\u0917\u0939\u093F\u0928\u094D\u0926\u0940\u0915\u094D\u092F\u094B\u0902\u0928"
     "\u0939\u0940\u0902\u092C\u094B\u0932\u0938\u0915\u0924\u0947\u0939\u0948\u0902",
     NULL, "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd"},
    {"G",
     "\u306A\u305C\u307F\u3093\u306A\u65E5\u672C\u8A9E\u3092\u8A71\u3057\u3066\u304F\u308C\u306A\u3044\u306E"
     "\u304B",
     NULL, "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"},
    {"I",
     "\u043F\u043E\u0447\u0435\u043C\u0443\u0436\u0435\u043E\u043D\u0438\u043D\u0435\u0433\u043E\u0432\u043E"
     "\u0440\u044F\u0442\u043F\u043E\u0440\u0443\u0441\u0441\u043A\u0438",
     NULL, "b1abfaaepdrnnbgefbaDotcwatmq2g4l"},
    {"J", "Porqu\u00E9nopuedensimplementehablarenEspa\u00F1ol",
     "porqu\u00E9nopuedensimplementehablarenespa\u00F1ol", "PorqunopuedensimplementehablarenEspaol-fmd56a"},
    {"K", "T\u1EA1isaoh\u1ECDkh\u00F4ngth\u1EC3ch\u1EC9n\u00F3iti\u1EBFngVi\u1EC7t",
     "t\u1EA1isaoh\u1ECDkh\u00F4ngth\u1EC3ch\u1EC9n\u00F3iti\u1EBFngvi\u1EC7t",
     "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g"},
    {"L", "3\u5E74B\u7D44\u91D1\u516B\u5148\u751F", "3\u5E74b\u7D44\u91D1\u516B\u5148\u751F",
     "3B-ww4c5e180e575a65lsy2b"},
    {"M", "\u5B89\u5BA4\u5948\u7F8E\u6075-with-SUPER-MONKEYS",
     "\u5B89\u5BA4\u5948\u7F8E\u6075-with-super-monkeys", "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"},
    {"N", "Hello-Another-Way-\u305D\u308C\u305E\u308C\u306E\u5834\u6240",
     "hello-another-way-\u305D\u308C\u305E\u308C\u306E\u5834\u6240",
     "Hello-Another-Way--fc4qua05auwb3674vfr0b"},
    {"O",
     "\u3072\u3068\u3064\u5C4B\u6839\u306E\u4E0B"
     "2",
     NULL, "2-u9tlzr9756bt3uc0v"},
    {"P",
     "Maji\u3067Koi\u3059\u308B"
     "5\u79D2\u524D",
     "maji\u3067koi\u3059\u308B"
     "5\u79D2\u524D",
     "MajiKoi5-783gue6qz075azm5e"},
    {"Q",
     "\u30D1\u30D5\u30A3\u30FC"
     "de\u30EB\u30F3\u30D0",
     NULL, "de-jg4avhby1noc0d"},
    {"R", "\u305D\u306E\u30B9\u30D4\u30FC\u30C9\u3067", NULL, "d9juau41awczczp"},
};

static void lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

static void test_idna_rfc3492_samples(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rfc3492 / sizeof rfc3492[0]; i++) {
		char a[80], mixed[80];
		snprintf(mixed, sizeof mixed, "xn--%s", rfc3492[i].puny);
		snprintf(a, sizeof a, "%s", mixed);
		lower(a);
		print_message("RFC 3492 7.1 (%s) %s\n", rfc3492[i].id, a);
		ascii_ok(rfc3492[i].u, a);
		const char *shown = rfc3492[i].shown != NULL ? rfc3492[i].shown : rfc3492[i].u;
		unicode_ok(mixed, shown);
		unicode_ok(a, shown);
	}
}

static void test_idna_rfc3492_rejected(void **state)
{
	(void)state;
	const char *arabic =
	    "\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631"
	    "\u0628\u064A\u061F";
	char want[300];
	snprintf(want, sizeof want,
		 "\"%s\": label 1 is not allowed in IDNA2008 (disallowed code point U+061F)", arabic);
	ascii_err(arabic, Q53_EIDNA, want);
	/* Its A-label decodes, but to a string that is not a valid U-label: shown as it is. */
	unicode_ok("xn--egbpdaj6bu4bxfgehfvwxn", "xn--egbpdaj6bu4bxfgehfvwxn");

	const char *korean = "\uC138\uACC4\uC758\uBAA8\uB4E0\uC0AC\uB78C\uB4E4\uC774\uD55C\uAD6D\uC5B4\uB97C"
			     "\uC774\uD574\uD55C\uB2E4\uBA74\uC5BC\uB9C8\uB098\uC88B\uC744\uAE4C";
	snprintf(want, sizeof want,
		 "\"%s.example\": label 1 is longer than 63 octets as an A-label (RFC 1035 2.3.4)", korean);
	char name[300];
	snprintf(name, sizeof name, "%s.example", korean);
	ascii_err(name, Q53_ELABELLEN, want);
	/* 74 octets cannot be a label, so it is never decoded for display either. */
	const char *ka = "xn--989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c";
	unicode_ok(ka, ka);

	ascii_ok("-> $1.00 <-", "-> $1.00 <-");
}

/* IDNA2008 and UTS #46 non-transitional, where IDNA2003 (and transitional processing) differ. */
static void test_idna_nontransitional(void **state)
{
	(void)state;
	ascii_ok("fa\u00DF.de", "xn--fa-hia.de");
	ascii_ok("\u00DF", "xn--zca");
	ascii_ok("Fa\u00DF.de", "xn--fa-hia.de");
	ascii_ok("\u03C2", "xn--3xa"); /* final sigma stays itself */
	ascii_ok("\u03C3", "xn--4xa");
	ascii_ok("\u03A3", "xn--4xa"); /* capital sigma folds to the medial form */
	unicode_ok("xn--fa-hia.de", "fa\u00DF.de");
	unicode_ok("xn--3xa", "\u03C2");
	/* A symbol IDNA2003 allowed. */
	ascii_err("\u2665.example", Q53_EIDNA,
		  "\"\u2665.example\": label 1 is not allowed in IDNA2008 (disallowed code point U+2665)");
}

/* RFC 5892 appendix A.1 and A.2: ZWNJ and ZWJ only after a virama (ZWNJ also between joining letters). */
static void test_idna_joiners(void **state)
{
	(void)state;
	ascii_ok("\u0915\u094D\u200D\u0937", "xn--11b2ezcw70k");
	ascii_ok("\u0915\u094D\u200C\u0937", "xn--11b2ezcs70k");
	unicode_ok("xn--11b2ezcw70k", "\u0915\u094D\u200D\u0937");
	ascii_err(
	    "a\u200Db.example", Q53_EIDNA,
	    "\"a\u200Db.example\": label 1 is not allowed in IDNA2008 (joiner U+200D out of its context: RFC "
	    "5892 appendix A allows it only after a virama)");
	ascii_err(
	    "example.a\u200Cb", Q53_EIDNA,
	    "\"example.a\u200Cb\": label 2 is not allowed in IDNA2008 (joiner U+200C out of its context: RFC "
	    "5892 appendix A allows it only after a virama or between letters that join)");
	/* A joiner alone, the way an IDNA2003 mapping would have dropped it. */
	ascii_err("\u200D", Q53_EIDNA, NULL);
	/* The same joiners in A-labels (libidn2 decodes them) are not shown as U-labels. */
	unicode_ok("xn--ab-m1t", "xn--ab-m1t");
	unicode_ok("xn--ab-j1t", "xn--ab-j1t");
}

static void test_idna_case_folding(void **state)
{
	(void)state;
	ascii_ok("\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444", "xn--e1afmkfd.xn--p1ai");
	ascii_ok("\u041F\u0420\u0418\u041C\u0415\u0420.\u0420\u0424", "xn--e1afmkfd.xn--p1ai");
	ascii_ok("B\u00DCCHER.de", "xn--bcher-kva.de");
	/* Full-width Latin letters map to ASCII: the label comes out ASCII, not an A-label. */
	ascii_ok("\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.com", "example.com");
	/* NFC: u + combining diaeresis is the same label as the precomposed u-umlaut. */
	ascii_ok("bu\u0308cher.de", "xn--bcher-kva.de");
	unicode_ok("xn--e1afmkfd.xn--p1ai", "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444");
	unicode_ok("XN--E1AFMKFD.Xn--P1ai.", "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444.");
}

/* UTS #46 section 4 step 1 maps U+3002, U+FF0E and U+FF61 to '.'. */
static void test_idna_fullwidth_dots(void **state)
{
	(void)state;
	ascii_ok("\u4F8B\u3048\u3002\u30C6\u30B9\u30C8", "xn--r8jz45g.xn--zckzah");
	ascii_ok("\u4F8B\u3048\uFF0E\u30C6\u30B9\u30C8", "xn--r8jz45g.xn--zckzah");
	ascii_ok("\u4F8B\u3048\uFF61\u30C6\u30B9\u30C8\u3002", "xn--r8jz45g.xn--zckzah.");
	ascii_ok("www\u3002example\u3002com\uFF0E", "www.example.com.");
	ascii_ok("\u3002", ".");
	unicode_ok("xn--r8jz45g.xn--zckzah", "\u4F8B\u3048.\u30C6\u30B9\u30C8");
}

/* ASCII labels in a Unicode name are kept as typed: escapes, '_', '*' and case. */
static void test_idna_mixed_labels(void **state)
{
	(void)state;
	ascii_ok("_sip._tcp.b\u00FCcher.de.", "_sip._tcp.xn--bcher-kva.de.");
	ascii_ok("*.b\u00FCcher.de", "*.xn--bcher-kva.de");
	ascii_ok("WWW.B\u00FCcher.DE", "WWW.xn--bcher-kva.DE");
	ascii_ok("a\\.b\\065\\\\.\u00FC", "a\\.b\\065\\\\.xn--tda");
	ascii_ok("_dmarc.\u043F\u0440\u0438\u043C\u0435\u0440.xn--p1ai", "_dmarc.xn--e1afmkfd.xn--p1ai");
	/* A label mixing ASCII and Unicode is one label for libidn2. */
	ascii_ok("m\u00FCnchen-2", "xn--mnchen-2-65a");
	/* UseSTD3ASCIIRules=false: '_' is accepted inside a Unicode label too. */
	ascii_ok("_\u00FC", "xn--_-eha");
	unicode_ok("_sip._tcp.xn--bcher-kva.de.", "_sip._tcp.b\u00FCcher.de.");
	/* A backslash escape cannot be put in Punycode. */
	ascii_err("\u00FC\\.b", Q53_EIDNA,
		  "\"\u00FC\\.b\": label 1 mixes a backslash escape with non-ASCII characters");
	ascii_err("\u00FC.a\\25", Q53_EESCAPE,
		  "\"\u00FC.a\\25\": label 2 has a bad escape (RFC 1035 5.1: \\X, or \\DDD up to 255)");
}

static void test_idna_label_too_long(void **state)
{
	(void)state;
	/* 55 digits and one a-umlaut: "xn--" + 55 + "-" + 3 = 63 octets, the most a label holds. */
	const char *d55 = "1234567890123456789012345678901234567890123456789012345";
	char in[200], want[300];
	snprintf(in, sizeof in, "%.10s\u00E4%s", d55, d55 + 10);
	ascii_ok(in, "xn--1234567890123456789012345678901234567890123456789012345-kue");
	/* One more digit: 64 octets (the IdnaTestV2.txt row with status A4_2). */
	snprintf(in, sizeof in, "%.10s\u00E4%s6.de", d55, d55 + 10);
	snprintf(want, sizeof want, "\"%s\": label 1 is longer than 63 octets as an A-label (RFC 1035 2.3.4)",
		 in);
	ascii_err(in, Q53_ELABELLEN, want);
	/* An ASCII label of 64 octets in a Unicode name. */
	snprintf(in, sizeof in, "\u00FC.%s123456789", d55);
	snprintf(want, sizeof want, "\"%s\": label 2 is longer than 63 octets (RFC 1035 2.3.4)", in);
	ascii_err(in, Q53_ELABELLEN, want);
	/* That 64-octet A-label is never decoded for display. */
	const char *a64 = "xn--12345678901234567890123456789012345678901234567890123456-fxe";
	assert_int_equal(strlen(a64), 64);
	unicode_ok(a64, a64);
	unicode_ok("xn--1234567890123456789012345678901234567890123456789012345-kue",
		   "1234567890\u00E4123456789012345678901234567890123456789012345");
}

static void test_idna_name_too_long(void **state)
{
	(void)state;
	/* "\u00FC" is xn--tda: 8 octets in wire form. Three 63-octet ASCII labels add 192, one of n octets
	 * adds n + 1, the root 1: n = 53 gives exactly 255. */
	char l63[64], in[400], want[600];
	memset(l63, 'a', 63);
	l63[63] = '\0';
	snprintf(in, sizeof in, "\u00FC.%s.%s.%s.%.53s", l63, l63, l63, l63);
	char out[400];
	snprintf(out, sizeof out, "xn--tda.%s.%s.%s.%.53s", l63, l63, l63, l63);
	ascii_ok(in, out);
	uint8_t wire[Q53_NAME_MAX];
	assert_int_equal(q53_name_from_text(out, strlen(out), (const uint8_t *)"", wire), 255);
	/* One octet more, whether in an ASCII label or through a longer A-label. */
	snprintf(in, sizeof in, "\u00FC.%s.%s.%s.%.54s", l63, l63, l63, l63);
	snprintf(want, sizeof want,
		 "\"%s\": the name is 256 octets long in wire form, more than 255 (RFC 1035 2.3.4)", in);
	ascii_err(in, Q53_ENAMELEN, want);
	snprintf(in, sizeof in, "\u00FC\u00FC.%s.%s.%s.%.53s.", l63, l63, l63, l63);
	ascii_err(in, Q53_ENAMELEN, NULL);
	/* Pure ASCII is not judged here: the caller's q53_name_from_text() does that. */
	snprintf(in, sizeof in, "%s.%s.%s.%s.%s", l63, l63, l63, l63, l63);
	ascii_ok(in, in);
}

static void test_idna_empty_labels(void **state)
{
	(void)state;
	/* ASCII passes through even when it is not a valid name (q53_name_from_text says EEMPTY later). */
	ascii_ok("a..b", "a..b");
	ascii_ok("..", "..");
	ascii_err("\u00FC..b", Q53_EEMPTY, "\"\u00FC..b\": label 2 is empty");
	ascii_err(".\u00FC", Q53_EEMPTY, "\".\u00FC\": label 1 is empty");
	ascii_err("\u00FC\u3002\u3002", Q53_EEMPTY, "\"\u00FC\u3002\u3002\": label 2 is empty");
	ascii_err("\u3002\u3002", Q53_EEMPTY, "\"\u3002\u3002\": label 1 is empty");
	/* A label of nothing but a soft hyphen, which the mapping removes. */
	ascii_err(
	    "a.\u00AD.b", Q53_EEMPTY,
	    "\"a.\u00AD.b\": label 2 maps to an empty label (UTS #46 section 4 step 1 removes all it holds)");
	unicode_ok("a..xn--tda", "a..\u00FC");
}

/* ASCII is copied byte for byte without calling libidn2, whatever it holds. */
static void test_idna_ascii_passthrough(void **state)
{
	(void)state;
	static const char *const same[] = {
	    "www.example.com",
	    "_dmarc.example.com",
	    "_sip._tcp.example.com.",
	    "*.example.com",
	    "\\065bc.\\.x.",
	    "Example.COM.",
	    ".",
	    "",
	    "xn--zz.example",
	    "XN--BCHER-KVA.de",
	    "a b",
	    "-a-.b--c",
	    "\\\\\\\"x\\",
	    "\x01\x7f",
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		ascii_ok(same[i], same[i]);
	/* The snprintf contract: truncated output, the full length returned. */
	char out[8], why[4] = "x";
	assert_int_equal(q53_idna_to_ascii("www.example.com", 15, out, sizeof out, why, sizeof why), 15);
	assert_string_equal(out, "www.exa");
	assert_string_equal(why, "");
	assert_int_equal(q53_idna_to_ascii("www.example.com", 15, NULL, 0, NULL, 0), 15);
	assert_int_equal(q53_idna_to_ascii("b\u00FCcher.de", 10, NULL, 0, NULL, 0), 16);
	assert_int_equal(q53_idna_to_ascii("b\u00FCcher.de", 10, out, sizeof out, NULL, 0), 16);
	assert_string_equal(out, "xn--bch");
	/* len is what counts, not a NUL. */
	assert_int_equal(q53_idna_to_ascii("www.example.com", 3, out, sizeof out, NULL, 0), 3);
	assert_string_equal(out, "www");
}

static void test_idna_ascii_every_length(void **state)
{
	(void)state;
	/* The fast path copies in blocks of 16, 8, 4 and single octets with an overlapping last block: every
	 * length from 0 to 70 must copy exactly, and one non-ASCII octet or NUL at any position must leave
	 * the fast path (U+00FC becomes an A-label; a NUL is an error). */
	char in[80], out[200];
	for (size_t len = 0; len <= 70; len++) {
		for (size_t i = 0; i < len; i++)
			in[i] = (i % 8 == 7) ? '.' : (char)('a' + i % 26);
		in[len] = 'Z'; /* past the end: never copied */
		memset(out, 'x', sizeof out);
		assert_int_equal(q53_idna_to_ascii(in, len, out, len + 1, NULL, 0), (int)len);
		assert_memory_equal(out, in, len);
		assert_int_equal(out[len], '\0');
		assert_int_equal(out[len + 1], 'x');
		for (size_t p = 0; p + 1 < len; p++) {
			if (in[p] == '.' || in[p + 1] == '.')
				continue;
			char u[80];
			memcpy(u, in, len);
			u[p] = '\xC3', u[p + 1] = '\xBC'; /* U+00FC in UTF-8, in place of two letters */
			int r = q53_idna_to_ascii(u, len, out, sizeof out, NULL, 0);
			assert_true(r > 0);
			assert_non_null(strstr(out, "xn--"));
			u[p] = '\0', u[p + 1] = in[p + 1];
			assert_true(q53_idna_to_ascii(u, len, out, sizeof out, NULL, 0) < 0);
		}
	}
}

/*
 * Every fast-path variant this CPU has (SSE2, AVX2), at every
 * length from 0 to 300, with the name and the output buffer against a page that cannot be read or
 * written on either side: a read before in or past in[len), or a write past out[len], crashes the test.
 * A NUL or a non-ASCII octet at any position must leave the fast path (and here fail), and a buffer one
 * octet short must give the snprintf truncation.
 */
/* The callers' in-line fast path (q53/idna.h), as a function to put beside the variants. */
static int via_inline(const char *in, size_t len, char *out, size_t size, char *why, size_t why_size)
{
	return q53_idna_to_ascii(in, len, out, size, why, why_size);
}

static void test_idna_fastpath_variants(void **state)
{
	(void)state;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	/* Five pages: none, in, none, out, none. */
	char *map = mmap(NULL, 5 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(map != MAP_FAILED);
	char *inpage = map + page, *outpage = map + 3 * page;
	assert_int_equal(mprotect(inpage, page, PROT_READ | PROT_WRITE), 0);
	assert_int_equal(mprotect(outpage, page, PROT_READ | PROT_WRITE), 0);
	unsigned tried = 0;
	/* Each variant, then the function as exported, then the in-line path of the header. */
	for (unsigned isa = 0; isa < Q53_IDNA_VARIANTS + 2; isa++) {
		q53_idna_to_ascii_fn *f = isa < Q53_IDNA_VARIANTS    ? q53_idna_to_ascii_variant(isa)
					  : isa == Q53_IDNA_VARIANTS ? &q53_idna_to_ascii
								     : via_inline;
		if (f == NULL)
			continue;
		tried++;
		char why[200];
		assert_int_equal(f(NULL, 0, outpage, 1, why, sizeof why), Q53_EINVAL);
		assert_int_equal(f("a", 1, NULL, 2, why, sizeof why), Q53_EINVAL);
		for (size_t len = 0; len <= 300; len++) {
			/* Name at the start and at the end of its page, output likewise. */
			for (int at = 0; at < 4; at++) {
				char *in = at & 1 ? inpage + page - len : inpage;
				char *out = at & 2 ? outpage + page - len - 1 : outpage;
				for (size_t i = 0; i < len; i++)
					in[i] = i % 9 == 8 ? '.' : (char)("aZ0_-*\\\x01\x7f"[i % 9]);
				memset(outpage, 'x', page);
				strcpy(why, "stale");
				assert_int_equal(f(in, len, out, len + 1, why, sizeof why), (int)len);
				assert_memory_equal(out, in, len);
				assert_int_equal(out[len], '\0');
				assert_string_equal(why, "");
				if (out > outpage)
					assert_int_equal(out[-1], 'x');
				/* One short: truncated, the whole length returned. */
				if (len > 0) {
					assert_int_equal(f(in, len, out, len, NULL, 0), (int)len);
					assert_memory_equal(out, in, len - 1);
					assert_int_equal(out[len - 1], '\0');
				}
				if (at != 3)
					continue;
				for (size_t p = 0; p < len; p++) {
					char c = in[p];
					in[p] = '\0';
					assert_int_equal(f(in, len, out, len + 1, NULL, 0), Q53_EINVAL);
					in[p] = p % 2 ? '\x80' : '\xff'; /* never valid UTF-8 */
					assert_true(f(in, len, out, len + 1, NULL, 0) < 0);
					assert_int_equal(out[0], '\0');
					in[p] = c;
				}
			}
		}
	}
	assert_true(tried >= 3);
	print_message(
	    "fast path: %u variant(s) tried, and the API in and out of line (in line up to %d octets "
	    "here); it uses %s\n",
	    tried - 2, Q53_IDNA_INLINE_HERE, q53_idna_fastpath_name());
	munmap(map, 5 * page);
}

static void test_idna_error_sentence(void **state)
{
	(void)state;
	ascii_err(
	    "\U0001F600.example", Q53_EIDNA,
	    "\"\U0001F600.example\": label 1 is not allowed in IDNA2008 (disallowed code point U+1F600)");
	ascii_err(
	    "www.\u00FC.\U0001F600x.example", Q53_EIDNA,
	    "\"www.\u00FC.\U0001F600x.example\": label 3 is not allowed in IDNA2008 (disallowed code point "
	    "U+1F600)");
	ascii_err("\u0308a", Q53_EIDNA,
		  "\"\u0308a\": label 1 is not allowed in IDNA2008 (it starts with the combining mark "
		  "U+0308, RFC 5891 "
		  "5.4)");
	ascii_err("x.\u05D0a", Q53_EIDNA,
		  "\"x.\u05D0a\": label 2 is not allowed in IDNA2008 (it breaks the bidi rule of RFC 5893 "
		  "section 2 "
		  "for right-to-left labels)");
	ascii_err(
	    "ab--\u00FC", Q53_EIDNA,
	    "\"ab--\u00FC\": label 1 is not allowed in IDNA2008 (\"--\" in the third and fourth positions is "
	    "kept for A-labels, RFC 5891 4.2.3.1)");
	ascii_err(
	    "\u00FC-", Q53_EIDNA,
	    "\"\u00FC-\": label 1 is not allowed in IDNA2008 (it starts or ends with a hyphen, RFC 5891 "
	    "4.2.3.1)");
	ascii_err("\u00FC(", Q53_EIDNA,
		  "\"\u00FC(\": label 1 cannot be an A-label (code point U+0028 does not survive the "
		  "Punycode round "
		  "trip)");
	/* Unassigned code points are disallowed by the UTS #46 table libidn2 maps with. */
	ascii_err("a\u0378", Q53_EIDNA,
		  "\"a\u0378\": label 1 is not allowed in IDNA2008 (disallowed code point U+0378)");
	/* Octets that are not UTF-8 and controls are quoted as \DDD; '"' gets a backslash. */
	ascii_err("\xff.com", Q53_EIDNA, "\"\\255.com\": label 1 is not valid UTF-8 (RFC 3629)");
	ascii_err(
	    "\xc3\xa4\x01\".x", Q53_EIDNA,
	    "\"\xc3\xa4\\001\\\".x\": label 1 cannot be an A-label (code point U+0001 does not survive the "
	    "Punycode round trip)");
	ascii_err("\xe4.com", Q53_EIDNA, "\"\\228.com\": label 1 is not valid UTF-8 (RFC 3629)");
	/* A truncated sentence is still terminated; no why at all is fine. */
	char out[64], why[12];
	assert_int_equal(q53_idna_to_ascii("\U0001F600", 4, out, sizeof out, why, sizeof why), Q53_EIDNA);
	assert_string_equal(why, "\"\U0001F600\": lab");
	assert_int_equal(q53_idna_to_ascii("\U0001F600", 4, out, sizeof out, NULL, 0), Q53_EIDNA);
	assert_int_equal(q53_idna_to_ascii("\U0001F600", 4, out, sizeof out, why, 1), Q53_EIDNA);
	assert_string_equal(why, "");
}

static void test_idna_to_unicode_invalid_alabels(void **state)
{
	(void)state;
	unicode_ok("xn--zz.example", "xn--zz.example");	      /* bad Punycode */
	unicode_ok("xn--bcher-kva-.de", "xn--bcher-kva-.de"); /* bad Punycode */
	unicode_ok("xn--a-ecp.example", "xn--a-ecp.example"); /* decodes to a + U+2488, disallowed */
	unicode_ok("xn--abc-", "xn--abc-");		      /* decodes to plain "abc" */
	unicode_ok("xn--", "xn--");
	unicode_ok("xn--ssa", "xn--ssa");		/* U+0308 alone: starts with a combining mark */
	unicode_ok("xn--tda\\.x.de", "xn--tda\\.x.de"); /* an escape: not an A-label */
	unicode_ok("xn--bcher-kva.xn--zz.de.", "b\u00FCcher.xn--zz.de."); /* label by label */
	unicode_ok("XN--BCHER-KVA", "b\u00FCcher");
	unicode_ok("_sip._tcp.*.\\065.", "_sip._tcp.*.\\065.");
	unicode_ok(".", ".");
	unicode_ok("", "");
	/* The snprintf contract. */
	char out[4];
	assert_int_equal(q53_idna_to_unicode("xn--tda.de", 10, out, sizeof out), 5);
	assert_string_equal(out, "\u00FC.");
	assert_int_equal(q53_idna_to_unicode("xn--tda.de", 10, NULL, 0), 5);
	/* A NUL octet inside is refused, as to_ascii refuses it, and out is left empty. */
	out[0] = 'x';
	assert_int_equal(q53_idna_to_unicode("xn--tda\0.de", 11, out, sizeof out), Q53_EINVAL);
	assert_string_equal(out, "");
}

static void test_idna_name_hook(void **state)
{
	(void)state;
	char buf[64];
	assert_int_equal(q53_idna_name_hook((const uint8_t *)"\x0dxn--bcher-kva\x02"
							     "de",
					    buf, sizeof buf, NULL),
			 11);
	assert_string_equal(buf, "b\u00FCcher.de.");
	assert_int_equal(q53_idna_name_hook((const uint8_t *)"", buf, sizeof buf, NULL), 1);
	assert_string_equal(buf, ".");
	assert_int_equal(q53_idna_name_hook((const uint8_t *)"\x03"
							     "a.b\x07xn--tda",
					    buf, sizeof buf, NULL),
			 8);
	assert_string_equal(buf, "a\\.b.\u00FC.");
	assert_int_equal(q53_idna_name_hook((const uint8_t *)"\x07xn--tda", buf, 2, NULL), 3);
	assert_string_equal(buf, "\xc3");
}

static void test_idna_einval(void **state)
{
	(void)state;
	char out[16], why[64];
	assert_int_equal(q53_idna_to_ascii(NULL, 0, out, sizeof out, why, sizeof why), Q53_EINVAL);
	assert_int_equal(q53_idna_to_ascii("a", 1, NULL, 1, why, sizeof why), Q53_EINVAL);
	assert_int_equal(q53_idna_to_ascii("a\0b", 3, out, sizeof out, why, sizeof why), Q53_EINVAL);
	assert_string_equal(why, "\"a\\000b\": the name contains a NUL octet");
	assert_int_equal(q53_idna_to_ascii("\xc3\xbc\0", 3, out, sizeof out, why, sizeof why), Q53_EINVAL);
	assert_int_equal(q53_idna_to_unicode(NULL, 0, out, sizeof out), Q53_EINVAL);
	assert_int_equal(q53_idna_to_unicode("a", 1, NULL, 1), Q53_EINVAL);
}

/* ---- IdnaTestV2.txt ---------------------------------------------------------------------------------- */

/* A row of tests/data/idna/deviations.txt. */
typedef struct deviation {
	char *source, *expected, *produced;
	const char *reason;
	int used;
} deviation;

typedef struct devlist {
	deviation *v;
	size_t n, cap;
	char *reasons[32];
	size_t counts[32];
	size_t nreasons;
} devlist;

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	assert_non_null(d);
	memcpy(d, s, n);
	return d;
}

static FILE *open_data(const char *file)
{
	char path[1024];
	const char *top = getenv("top_srcdir");
	if (top != NULL)
		snprintf(path, sizeof path, "%s/tests/data/idna/%s", top, file);
	else
		snprintf(path, sizeof path, "%s/%s", IDNA_DATA, file);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		print_error("cannot open %s\n", path);
	assert_non_null(f);
	return f;
}

/* Splits line at ';' into at most n trimmed columns; returns how many. */
static size_t columns(char *line, char **col, size_t n)
{
	size_t k = 0;
	char *p = line;
	while (k < n) {
		char *semi = k + 1 < n ? strchr(p, ';') : NULL;
		if (semi != NULL)
			*semi = '\0';
		col[k++] = trim(p);
		if (semi == NULL)
			break;
		p = semi + 1;
	}
	return k;
}

static void load_deviations(devlist *d)
{
	FILE *f = open_data("deviations.txt");
	char line[4096];
	const char *reason = NULL;
	/* Invariant: every row read so far is in d->v under the last "@ " header before it. */
	while (fgets(line, sizeof line, f) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (line[0] == '@' && line[1] == ' ') {
			assert_true(d->nreasons < 32);
			reason = d->reasons[d->nreasons++] = xstrdup(trim(line + 2));
			continue;
		}
		char *col[3];
		assert_int_equal(columns(line, col, 3), 3);
		assert_non_null(reason);
		if (d->n == d->cap) {
			d->cap = d->cap ? 2 * d->cap : 1024;
			d->v = realloc(d->v, d->cap * sizeof *d->v);
			assert_non_null(d->v);
		}
		d->v[d->n++] = (deviation){xstrdup(col[0]), xstrdup(col[1]), xstrdup(col[2]), reason, 0};
	}
	fclose(f);
}

static deviation *find_deviation(devlist *d, const char *source)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].source, source) == 0)
			return &d->v[i];
	return NULL;
}

static void put_utf8(char **o, uint32_t c)
{
	uint8_t *p = (uint8_t *)*o;
	if (c < 0x80) {
		*p++ = (uint8_t)c;
	} else if (c < 0x800) {
		*p++ = (uint8_t)(0xC0 | c >> 6);
		*p++ = (uint8_t)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		*p++ = (uint8_t)(0xE0 | c >> 12);
		*p++ = (uint8_t)(0x80 | (c >> 6 & 0x3F));
		*p++ = (uint8_t)(0x80 | (c & 0x3F));
	} else {
		*p++ = (uint8_t)(0xF0 | c >> 18);
		*p++ = (uint8_t)(0x80 | (c >> 12 & 0x3F));
		*p++ = (uint8_t)(0x80 | (c >> 6 & 0x3F));
		*p++ = (uint8_t)(0x80 | (c & 0x3F));
	}
	*o = (char *)p;
}

/* The file's escapes \uXXXX and \x{X...} to UTF-8; out must hold 4 * strlen(in) + 1. */
static size_t unescape(const char *in, char *out)
{
	char *o = out;
	while (*in != '\0') {
		if (in[0] == '\\' && in[1] == 'u') {
			char hex[5] = {0};
			memcpy(hex, in + 2, 4);
			put_utf8(&o, (uint32_t)strtoul(hex, NULL, 16));
			in += 6;
		} else if (in[0] == '\\' && in[1] == 'x' && in[2] == '{') {
			char *end;
			put_utf8(&o, (uint32_t)strtoul(in + 3, &end, 16));
			in = end + 1;
		} else {
			*o++ = *in++;
		}
	}
	*o = '\0';
	return (size_t)(o - out);
}

static int ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a, cb = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;
		if (ca != cb || ca == 0)
			return ca - cb;
	}
}

/*
 * Every row's source through q53_idna_to_ascii(), compared with toAsciiN (non-transitional) and its status:
 * a row with a status must fail, any other must give the value (ASCII case ignored: q53 keeps ASCII labels
 * as typed, and DNS names match case-insensitively, RFC 4343). No status code is ignored: the options are
 * CheckHyphens, CheckBidi, CheckJoiners and VerifyDnsLength all on. This 13.0.0 file predates the U1 code,
 * so its P1/V6 statuses assume UseSTD3ASCIIRules=true; rows that fail only by STD3 are listed deviations.
 * A differing row must be listed in deviations.txt with exactly what we produce; a listed row that no longer
 * differs fails too, so the list stays honest. With Q53_IDNA_DEVIATIONS_OUT=file set, the differing rows are
 * written there in the list's format (without reasons), to review when libidn2 or the code changes.
 */
static void test_idna_uts46_conformance(void **state)
{
	(void)state;
	devlist d = {0};
	load_deviations(&d);
	const char *regen = getenv("Q53_IDNA_DEVIATIONS_OUT");
	FILE *out = regen != NULL ? fopen(regen, "w") : NULL;
	FILE *f = open_data("IdnaTestV2.txt");
	size_t rows = 0, pass = 0, listed = 0, bad = 0;
	char line[4096], src[4 * 4096 + 1], res[8192], why[8192], expected[4096], produced[8192];
	/* Invariant: rows = pass + listed + the rows counted in bad that differ; each listed row is marked.
	 */
	while (fgets(line, sizeof line, f) != NULL) {
		char *hash = strchr(line, '#');
		if (hash != NULL)
			*hash = '\0';
		char *col[7];
		size_t nc = columns(line, col, 7);
		if (nc == 1 && col[0][0] == '\0')
			continue;
		assert_int_equal(nc, 7);
		rows++;
		/* Column defaults, from the file's header: toAsciiN blank = toUnicode, blank = source;
		 * toAsciiNStatus blank = toUnicodeStatus; "[]" = no error. */
		const char *value = col[3][0] ? col[3] : col[1][0] ? col[1] : col[0];
		const char *status = col[4][0] ? col[4] : col[2];
		int expect_error = status[0] != '\0' && strcmp(status, "[]") != 0;
		if (expect_error)
			snprintf(expected, sizeof expected, "ERROR %s", status);
		else
			snprintf(expected, sizeof expected, "%s", value);

		size_t n = unescape(col[0], src);
		int r = q53_idna_to_ascii(src, n, res, sizeof res, why, sizeof why);
		assert_true(r < (int)sizeof res);
		if (r >= 0) {
			snprintf(produced, sizeof produced, "%s", res);
		} else {
			/* The sentence without the quoted name, which the source column already is. */
			const char *rest = strstr(why, "\": ");
			for (const char *p = rest; p != NULL; p = strstr(p + 1, "\": "))
				rest = p;
			assert_non_null(rest);
			snprintf(produced, sizeof produced, "ERROR %s", rest + 3);
		}
		char vbuf[4 * 4096 + 1];
		unescape(value, vbuf);
		int same = expect_error ? r < 0 : r >= 0 && ascii_casecmp(res, vbuf) == 0;
		deviation *dv = find_deviation(&d, col[0]);
		if (same) {
			pass++;
			if (dv != NULL) {
				print_error("listed in deviations.txt but no longer differs: %s\n", col[0]);
				dv->used = 1;
				bad++;
			}
			continue;
		}
		if (out != NULL)
			fprintf(out, "%s; %s; %s\n", col[0], expected, produced);
		if (dv == NULL) {
			print_error("not in deviations.txt: %s; %s; %s\n", col[0], expected, produced);
			bad++;
		} else if (strcmp(dv->expected, expected) != 0 || strcmp(dv->produced, produced) != 0) {
			print_error("deviations.txt is stale: %s; %s; %s\n", col[0], expected, produced);
			dv->used = 1;
			bad++;
		} else {
			dv->used = 1;
			listed++;
			for (size_t i = 0; i < d.nreasons; i++)
				if (d.reasons[i] == dv->reason)
					d.counts[i]++;
		}
	}
	fclose(f);
	if (out != NULL)
		fclose(out);
	for (size_t i = 0; i < d.n; i++)
		if (!d.v[i].used) {
			print_error("deviations.txt row matches no row of IdnaTestV2.txt: %s\n",
				    d.v[i].source);
			bad++;
		}
	print_message("IdnaTestV2.txt: %zu rows, %zu as expected, %zu listed deviations, %zu problems\n",
		      rows, pass, listed, bad);
	for (size_t i = 0; i < d.nreasons; i++)
		print_message("  %5zu  %s\n", d.counts[i], d.reasons[i]);
	for (size_t i = 0; i < d.n; i++) {
		free(d.v[i].source);
		free(d.v[i].expected);
		free(d.v[i].produced);
	}
	for (size_t i = 0; i < d.nreasons; i++)
		free(d.reasons[i]);
	free(d.v);
	/* The file is Unicode 13.0.0's: a parse that silently skipped rows must not pass. */
	assert_int_equal(rows, 6225);
	assert_int_equal(bad, 0);
}

#if defined(Q53_TEST_WORDS) && Q53__IDNA_INLINE_MAX != 32
/* Built with __SSE2__ undefined (tests/unit/idna.mk): the header's in-line path must be the word one. */
#error "test_idna_words: the in-line path still uses 16-octet blocks"
#endif
int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_idna_rfc3492_samples),
	    cmocka_unit_test(test_idna_rfc3492_rejected),
	    cmocka_unit_test(test_idna_nontransitional),
	    cmocka_unit_test(test_idna_joiners),
	    cmocka_unit_test(test_idna_case_folding),
	    cmocka_unit_test(test_idna_fullwidth_dots),
	    cmocka_unit_test(test_idna_mixed_labels),
	    cmocka_unit_test(test_idna_label_too_long),
	    cmocka_unit_test(test_idna_name_too_long),
	    cmocka_unit_test(test_idna_empty_labels),
	    cmocka_unit_test(test_idna_ascii_passthrough),
	    cmocka_unit_test(test_idna_ascii_every_length),
	    cmocka_unit_test(test_idna_fastpath_variants),
	    cmocka_unit_test(test_idna_error_sentence),
	    cmocka_unit_test(test_idna_to_unicode_invalid_alabels),
	    cmocka_unit_test(test_idna_name_hook),
	    cmocka_unit_test(test_idna_einval),
	    cmocka_unit_test(test_idna_uts46_conformance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

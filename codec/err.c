/*
 * q53_strerror(): one message per q53_err code. The switch has no default so that the compiler
 * (-Wswitch) flags a code added to err.h without a message here.
 */
#include "config.h"

#include "q53/err.h"

static const char *message(q53_err e)
{
	switch (e) {
	case Q53_OK:
		return "success";
	case Q53_ENOSPACE:
		return "output buffer too small";
	case Q53_EINVAL:
		return "invalid argument";
	case Q53_ENOMEM:
		return "out of memory";
	case Q53_EMALFORMED:
		return "malformed message";
	case Q53_ETRUNCATED:
		return "message truncated: a field runs past its end";
	case Q53_ELABELLEN:
		return "label longer than 63 octets";
	case Q53_ENAMELEN:
		return "name longer than 255 octets";
	case Q53_ELABELTYPE:
		return "unsupported label type (0x40 or 0x80)";
	case Q53_EPOINTER:
		return "bad compression pointer (not strictly backwards, or too many hops)";
	case Q53_ECOMPRESSED:
		return "compressed name where compression is not allowed";
	case Q53_ERDATA:
		return "RDATA does not match the layout of its type";
	case Q53_ECOUNT:
		return "section counts exceed the records in the message";
	case Q53_ETRAILING:
		return "trailing octets after the last record";
	case Q53_EOPT:
		return "OPT record misplaced, repeated or not owned by the root";
	case Q53_EOPTION:
		return "EDNS options do not fill the OPT RDATA exactly";
	case Q53_ESYNTAX:
		return "syntax error";
	case Q53_ERANGE:
		return "number out of range";
	case Q53_EESCAPE:
		return "bad escape sequence";
	case Q53_EEMPTY:
		return "empty label or empty input";
	case Q53_ETYPE:
		return "unknown record type";
	case Q53_ECLASS:
		return "unknown class";
	case Q53_ERELATIVE:
		return "relative name without an origin";
	case Q53_EIDNA:
		return "name cannot be converted to or from IDNA";
	case Q53_ETIMEOUT:
		return "timed out";
	case Q53_ENETWORK:
		return "network error";
	case Q53_EIO:
		return "input/output error";
	case Q53_ENOTFOUND:
		return "not found";
	case Q53_ESERVFAIL:
		return "every server failed";
	}
	return "unknown error";
}

const char *q53_strerror(int err)
{
	return message((q53_err)err);
}

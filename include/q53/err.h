/*
 * q53 error codes: one enum shared by every part of q53.
 *
 * Functions return int: a negative value is one of these codes, 0 is success, and a positive value is a
 * length or count documented by the function. DNS rcodes (NXDOMAIN, SERVFAIL) are data in an answer, not
 * errors, and never appear here.
 */
#ifndef Q53_ERR_H
#define Q53_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define Q53_API __attribute__((visibility("default")))
#else
#define Q53_API
#endif

typedef enum q53_err {
	Q53_OK = 0,
	/* Buffers and arguments. */
	Q53_ENOSPACE = -1, /* the output buffer is too small */
	Q53_EINVAL = -2,   /* an argument is out of its documented range */
	Q53_ENOMEM = -3,   /* memory allocation failed */
	/* Wire format (RFC 1035 section 4, RFC 3597, RFC 6891). */
	Q53_EMALFORMED = -10,  /* generic malformed message */
	Q53_ETRUNCATED = -11,  /* a field runs past the end of the message */
	Q53_ELABELLEN = -12,   /* a label is longer than 63 octets */
	Q53_ENAMELEN = -13,    /* a name is longer than 255 octets */
	Q53_ELABELTYPE = -14,  /* label type 0x40 or 0x80 (RFC 6891 section 5) */
	Q53_EPOINTER = -15,    /* compression pointer not strictly backwards, or too many hops */
	Q53_ECOMPRESSED = -16, /* compression where RFC 3597 section 4 forbids it */
	Q53_ERDATA = -17,      /* RDATA does not match its type's layout */
	Q53_ECOUNT = -18,      /* section counts promise more records than the message holds */
	Q53_ETRAILING = -19,   /* octets left over after the last record */
	Q53_EOPT = -20,	       /* an OPT record in the wrong place, twice, or not at the root */
	Q53_EOPTION = -21,     /* EDNS options do not fill OPT RDATA exactly */
	/* Presentation format. */
	Q53_ESYNTAX = -30,   /* text does not follow the presentation syntax */
	Q53_ERANGE = -31,    /* a number is out of range for its field */
	Q53_EESCAPE = -32,   /* a bad \DDD or \X escape */
	Q53_EEMPTY = -33,    /* an empty label (two dots) or empty input */
	Q53_ETYPE = -34,     /* unknown type mnemonic */
	Q53_ECLASS = -35,    /* unknown class mnemonic */
	Q53_ERELATIVE = -36, /* a relative name where no origin is given */
	/* Names meeting people. */
	Q53_EIDNA = -40, /* a name cannot be converted between U-labels and A-labels */
	/* Network and system. */
	Q53_ETIMEOUT = -50,  /* no answer in time */
	Q53_ENETWORK = -51,  /* a socket operation failed */
	Q53_EIO = -52,	     /* a file could not be read or written */
	Q53_ENOTFOUND = -53, /* no such entry */
	Q53_ESERVFAIL = -54, /* every server asked failed to answer (SERVFAIL, REFUSED...) */
} q53_err;

/*
 * Returns a static, human-readable description of an error code. Never NULL: an unknown code gives
 * "unknown error".
 */
Q53_API const char *q53_strerror(int err);

#ifdef __cplusplus
}
#endif
#endif

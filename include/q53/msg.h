/*
 * Reading and writing DNS messages (RFC 1035 4.1) in caller-owned buffers, with no allocation.
 *
 * q53_reader walks a received message record by record; every record it returns has been fully checked
 * (owner, fixed fields, RDLENGTH against the layout of its type, names inside RDATA), so the accessors in
 * rdata.h that take a q53_rr_t never fail on bounds. q53_writer builds a message with name compression, a
 * sticky error, and mark/rollback so that a record that does not fit is dropped whole.
 */
#ifndef Q53_MSG_H
#define Q53_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "q53/wire.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One record (or question) of a message. Offsets refer to msg; the RR borrows the message buffer. */
typedef struct q53_rr {
	const uint8_t *msg; /* the buffer the offsets below refer to */
	size_t msg_len;
	uint16_t owner; /* offset of the owner name (possibly compressed): read it with q53_rr_owner() */
	uint16_t type;
	uint16_t rclass;   /* for OPT: the UDP payload size */
	uint16_t rdlength; /* 0 for questions */
	uint16_t rdata;	   /* offset of RDATA */
	uint8_t section;   /* q53_section */
	uint32_t ttl;	   /* 0 for questions; for OPT: extended rcode, version and flags */
} q53_rr_t;

enum { Q53_READER_CACHE = 32 };

/*
 * Reader over a message held by the caller. Transparent so it can live on the stack; fill it with
 * q53_reader_init(), read it with the functions below, nothing to free.
 */
typedef struct q53_reader {
	const uint8_t *msg;
	size_t len;
	size_t pos; /* offset of the next record */
	uint16_t id;
	uint16_t flags;
	uint16_t count[4]; /* QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT */
	uint16_t left;	   /* records still to read in the current section */
	uint8_t section;   /* section of the next record */
	int err;	   /* sticky: once an error is returned, it is returned again */
	uint16_t opt;	   /* offset of the OPT record's owner once read, 0 if none */
	/* Label starts of names already validated, with the length of the name from there: a compression
	 * pointer to one of them is checked by a lookup instead of a walk. */
	uint8_t ncache;
	uint16_t cache_off[Q53_READER_CACHE];
	uint8_t cache_len[Q53_READER_CACHE];
} q53_reader_t;

/*
 * Starts reading msg[0..len). Reads and keeps the header; records follow with q53_reader_next().
 * Returns 0, Q53_ETRUNCATED when len is shorter than a header, or Q53_EINVAL when len > 65535.
 */
Q53_API int q53_reader_init(q53_reader_t *r, const uint8_t *msg, size_t len);

/*
 * Reads the next record: questions first (rdlength 0), then answer, authority and additional records.
 * Returns 1 with *rr filled, 0 when every counted record has been read, or a negative error (sticky):
 * Q53_ETRUNCATED, Q53_ECOUNT (the counts promise more records than the message holds), Q53_ELABELLEN,
 * Q53_ENAMELEN, Q53_ELABELTYPE, Q53_EPOINTER, Q53_ECOMPRESSED, Q53_ERDATA, Q53_EOPT, Q53_EOPTION.
 */
Q53_API int q53_reader_next(q53_reader_t *r, q53_rr_t *rr);

/* Octets after the last counted record; meaningful once q53_reader_next() has returned 0. */
Q53_API size_t q53_reader_trailing(const q53_reader_t *r);

/*
 * Reads the first question of the message (an rr with section Q53_SEC_QUESTION) when the reader is at the
 * start. Returns 1, 0 when QDCOUNT is 0, or an error like q53_reader_next().
 */
Q53_API int q53_reader_question(q53_reader_t *r, q53_rr_t *rr);

/*
 * Copies the (possibly compressed) name at offset off of rr->msg into out (Q53_NAME_MAX octets) in
 * uncompressed form. off must be a name the reader validated: rr->owner, or a name field of RDATA.
 * Returns the name's length.
 */
Q53_API int q53_rr_name(const q53_rr_t *rr, size_t off, uint8_t *out);
Q53_API int q53_rr_owner(const q53_rr_t *rr, uint8_t *out);

/*
 * Copies the RDATA of rr into out[0..size) with every name decompressed: the form a zone store keeps and
 * q53_writer_rr() takes. Returns the length or Q53_ENOSPACE.
 */
Q53_API int q53_rr_rdata(const q53_rr_t *rr, uint8_t *out, size_t size);

/*
 * Makes rr a view of uncompressed RDATA held elsewhere (a zone store, q53_rdata_from_text output), so the
 * accessors and printers of rdata.h and print.h work on it. The owner is not part of such a view. The
 * RDATA must be valid for type (checked with q53_rdata_check()).
 */
Q53_API void q53_rr_view(q53_rr_t *rr, uint16_t type, const uint8_t *rdata, uint16_t rdlength);

/* EDNS0 (RFC 6891 6.1). */
enum { Q53_EDNS_DO = 0x8000 };
enum {
	Q53_OPT_LLQ = 1,
	Q53_OPT_NSID = 3,
	Q53_OPT_CLIENT_SUBNET = 8,
	Q53_OPT_EXPIRE = 9,
	Q53_OPT_COOKIE = 10,
	Q53_OPT_TCP_KEEPALIVE = 11,
	Q53_OPT_PADDING = 12,
	Q53_OPT_EDE = 15,
};

typedef struct q53_edns {
	uint16_t udp_size; /* requestor's payload size; values below 512 mean 512 (RFC 6891 6.2.5) */
	uint8_t ext_rcode; /* upper 8 bits of the 12-bit rcode */
	uint8_t version;
	uint16_t flags; /* Q53_EDNS_DO and the Z bits */
	uint16_t options_len;
	const uint8_t *options; /* borrowed: the option TLVs in wire form */
} q53_edns_t;

typedef struct q53_edns_opt {
	uint16_t code;
	uint16_t len;
	const uint8_t *data;
} q53_edns_opt_t;

/* Fills e from an OPT record returned by the reader (options already validated). Q53_EINVAL if not OPT. */
Q53_API int q53_edns_from_rr(const q53_rr_t *rr, q53_edns_t *e);

/*
 * Reads the whole message through the reader looking for its OPT record. Returns 1 with *e filled, 0 when
 * there is none, or the reader's error. Use on a fresh reader (it reads to the end).
 */
Q53_API int q53_reader_edns(q53_reader_t *r, q53_edns_t *e);

/*
 * Iterates over options: *pos starts at 0. Returns 1 with *opt filled, 0 at the end, Q53_EOPTION when the
 * options do not frame exactly.
 */
Q53_API int q53_edns_option_next(const q53_edns_t *e, size_t *pos, q53_edns_opt_t *opt);

/* The full 12-bit rcode of a message: header RCODE plus the OPT extended bits (RFC 6891 6.1.3). */
Q53_API unsigned q53_rcode_full(uint16_t flags, const q53_edns_t *e);

enum { Q53_COMPRESS_MAX = 64, Q53_COMPRESS_ROOT = 0xFF };

/*
 * Writer into a caller buffer. Records go in section order. The first error sticks: later calls do nothing
 * and q53_writer_finish() returns it. A record that does not fit is dropped whole and leaves Q53_ENOSPACE;
 * q53_writer_rollback() to a mark taken before it forgets both the record and the error.
 */
typedef struct q53_writer {
	uint8_t *buf;
	size_t cap;   /* usable size (at most 65535) */
	size_t limit; /* cap minus room reserved with q53_writer_reserve() */
	size_t len;
	int err;
	uint8_t section;
	uint8_t ncomp;
	uint16_t count[4];
	/* Suffixes already written, for compression: each entry is a label start and the entry of the suffix
	 * after it (Q53_COMPRESS_MAX for the root; Q53_COMPRESS_ROOT ends a list), so the message's names
	 * form a tree walked from the root. comp_key[e] holds the 8 octets of the uncompressed name from
	 * entry e's length octet on (zeros past the root): siblings share what follows their labels, so
	 * labels of up to 7 characters compare in one step.
	 */
	uint16_t comp_off[Q53_COMPRESS_MAX];
	uint8_t comp_parent[Q53_COMPRESS_MAX];
	/* Children of each entry (index Q53_COMPRESS_MAX: the root) as lists: first child, next sibling. */
	uint8_t comp_first[Q53_COMPRESS_MAX + 1];
	uint8_t comp_next[Q53_COMPRESS_MAX];
	uint64_t comp_key[Q53_COMPRESS_MAX];
} q53_writer_t;

typedef struct q53_writer_mark {
	size_t len;
	int err;
	uint8_t section;
	uint8_t ncomp;
	uint16_t count[4];
} q53_writer_mark_t;

/* Starts a message with this ID and header flags (opcode and rcode included) in buf[0..cap). */
Q53_API void q53_writer_init(q53_writer_t *w, uint8_t *buf, size_t cap, uint16_t id, uint16_t flags);

/* Replaces the header flags word (opcode and rcode included). */
Q53_API void q53_writer_set_flags(q53_writer_t *w, uint16_t flags);
Q53_API uint16_t q53_writer_flags(const q53_writer_t *w);

/* Adds a question. name is an uncompressed wire name. Returns 0 or the (sticky) error. */
Q53_API int q53_writer_question(q53_writer_t *w, const uint8_t *name, uint16_t type, uint16_t rclass);

/*
 * Adds a record to section sec (answer, authority or additional). owner is an uncompressed wire name and
 * rdata the uncompressed RDATA, checked against the type's layout; names in it are compressed only where
 * RFC 3597 section 4 allows (the RFC 1035 types). Returns 0, Q53_ENOSPACE (the record was dropped whole),
 * Q53_ERDATA, Q53_EINVAL (section out of order), or an earlier sticky error.
 */
Q53_API int q53_writer_rr(q53_writer_t *w, q53_section sec, const uint8_t *owner, uint16_t type,
			  uint16_t rclass, uint32_t ttl, const uint8_t *rdata, size_t rdlength);

/*
 * Adds an RRset: count records of one owner, type, class and TTL whose RDATA lie back to back in
 * data[0..len) as [2-octet length][RDATA]... (the layout of a zone's RRset, zones/zone.h). The owner is
 * compressed once and the records after the first point at it. The RRset goes in whole or not at all
 * (RFC 2181 9): on Q53_ENOSPACE the message is as before (roll back to a mark to clear the error).
 * Returns 0 or an error as q53_writer_rr(); Q53_ERDATA also when data does not frame count records.
 */
Q53_API int q53_writer_rrset(q53_writer_t *w, q53_section sec, const uint8_t *owner, uint16_t type,
			     uint16_t rclass, uint32_t ttl, const uint8_t *data, size_t len, unsigned count);

/* Re-encodes a record read from another message (names decompressed, then compressed as above). */
Q53_API int q53_writer_copy(q53_writer_t *w, q53_section sec, const q53_rr_t *rr);

/*
 * Keeps n octets free at the end for records added last (OPT, TSIG): later records see a smaller buffer.
 * q53_writer_edns() may use the reserved room. Returns 0 or Q53_ENOSPACE.
 */
Q53_API int q53_writer_reserve(q53_writer_t *w, size_t n);

/* Adds the OPT record (to the additional section, with root owner). Must be the last record. */
Q53_API int q53_writer_edns(q53_writer_t *w, const q53_edns_t *e);

/* The size of the OPT record q53_writer_edns() writes for e: the room to reserve for it. */
Q53_API size_t q53_edns_wire_size(const q53_edns_t *e);

Q53_API void q53_writer_mark(const q53_writer_t *w, q53_writer_mark_t *m);
Q53_API void q53_writer_rollback(q53_writer_t *w, const q53_writer_mark_t *m);

/*
 * Truncation (RFC 2181 9): rolls back to m, the mark taken before the RRset that did not fit, and sets TC.
 * Use for the answer and authority sections; a dropped additional record only needs q53_writer_rollback().
 */
Q53_API void q53_writer_truncate(q53_writer_t *w, const q53_writer_mark_t *m);

/* Writes the counts into the header. Returns the message length, or the sticky error. */
Q53_API int q53_writer_finish(q53_writer_t *w);

/*
 * Builds a query for (name, type, class) with the given header flags (Q53_FLAG_RD for a recursive query)
 * into buf. When e is not NULL an OPT record is added. Returns the length or an error.
 */
Q53_API int q53_msg_query(uint8_t *buf, size_t size, uint16_t id, uint16_t flags, const uint8_t *name,
			  uint16_t type, uint16_t rclass, const q53_edns_t *e);

#ifdef __cplusplus
}
#endif
#endif

#!/usr/bin/env python3
"""Groups the rows of IdnaTestV2.txt where q53_idna_to_ascii() differs from UTS #46 by cause.

Run when libidn2 or idna/idna.c changes, then review the diff of deviations.txt:

    Q53_IDNA_DEVIATIONS_OUT=/tmp/differ.txt ./tests/unit/test_idna
    python3 ../tests/data/idna/make-deviations.py /tmp/differ.txt > ../tests/data/idna/deviations.txt

Each differing row gets the first cause whose rule matches it. A row no rule explains stops the script:
a new kind of difference must be understood (and a rule written) before it is listed.
"""
import re
import sys
import unicodedata

# Code points of the file's P1/V6 rows that are valid once UseSTD3ASCIIRules is false: their decompositions
# hold '=', '<' or '>' (IdnaMappingTable: disallowed_STD3_valid).
STD3 = {"\u2260", "\u226e", "\u226f"}

CAUSES = [
    ("ascii",
     "ASCII names pass through byte for byte and unchecked, by design (no libidn2 call): UTS #46 would "
     "validate their xn-- labels, hyphens, lengths and bidi; q53_name_from_text() checks what DNS needs"),
    ("ascii-label",
     "ASCII labels in a Unicode name are kept as typed and unchecked: UTS #46 CheckHyphens rejects \"--\" "
     "in positions 3-4 (V2) and a leading or trailing hyphen (V3) there too"),
    ("root",
     "a lone ideographic full stop is the root, as \".\" is; UTS #46 VerifyDnsLength calls it an empty "
     "label (A4_2)"),
    ("std3",
     "STD3 rules not applied because underscore labels are needed (no IDN2_USE_STD3_ASCII_RULES): the "
     "file's P1/V6 assume UseSTD3ASCIIRules=true, under which \u2260 \u226e \u226f (= < > with U+0338) "
     "are disallowed"),
    ("nv8",
     "libidn2 implements IDNA2008 (RFC 5892), which disallows symbols, punctuation and non-decimal digits "
     "that UTS #46 keeps valid for compatibility (NV8)"),
    ("bidi4",
     "bidi rule: libidn2 does not apply RFC 5893 section 2 rule 4 (European and Arabic-Indic digits "
     "together in a right-to-left label)"),
    ("bidi",
     "bidi rule across labels: RFC 5893 and UTS #46 CheckBidi apply rules 1-6 to every label of a name "
     "that has a right-to-left label; libidn2 checks each label alone and never sees ASCII labels"),
]


def codes(expected):
    if not expected.startswith("ERROR ["):
        return set()
    return {c.strip() for c in expected[len("ERROR ["):-1].split(",")}


def cause(source, expected, produced):
    if all(ord(c) < 0x80 for c in source):
        return "ascii"
    got_error = produced.startswith("ERROR ")
    want = codes(expected)
    if got_error and not want and "(disallowed code point U+" in produced:
        return "nv8"
    if got_error:
        return None
    if source == "\u3002" and want == {"A4_2"}:
        return "root"
    labels = re.split("[.\u3002\uff0e\uff61]", source)
    if want & {"V2", "V3"} and any(
            all(ord(c) < 0x80 for c in l) and (l.startswith("-") or l.endswith("-") or l[2:4] == "--")
            for l in labels):
        return "ascii-label"
    if want & {"P1", "V6"} and (STD3 & set(source) or any(c + "\u0338" in source for c in "=<>")):
        return "std3"
    bidi = [{unicodedata.bidirectional(c) for c in unicodedata.normalize("NFKC", l)} for l in labels]
    if "B4" in want and any({"EN", "AN"} <= b and b & {"R", "AL"} for b in bidi):
        return "bidi4"
    if want and want <= {"B1", "B2", "B3", "B5", "B6"} and any(b & {"R", "AL"} for b in bidi):
        return "bidi"
    return None


def main():
    groups = {key: [] for key, _ in CAUSES}
    for line in open(sys.argv[1], encoding="utf-8", newline="").read().split("\n"):
        if not line:
            continue
        source, expected, produced = line.split("; ", 2)
        key = cause(source, expected, produced)
        if key is None:
            sys.exit("no cause explains: " + line)
        groups[key].append(line)
    out = sys.stdout
    out.write(
        "# Rows of IdnaTestV2.txt (Unicode 13.0.0) where q53_idna_to_ascii() with libidn2 2.3.x differs from\n"
        "# UTS #46 toAsciiN (non-transitional; CheckHyphens, CheckBidi, CheckJoiners, VerifyDnsLength on),\n"
        "# grouped by cause. tests/unit/test_idna.c fails on a differing row not listed here, on a listed row\n"
        "# whose columns no longer match, and on a listed row that no longer differs.\n"
        "#\n"
        "# A \"@ \" line names the cause of the rows under it. A row is: source; expected; produced\n"
        "#   source    the file's first column, as written there\n"
        "#   expected  toAsciiN, or ERROR and the file's status codes when UTS #46 rejects the row\n"
        "#   produced  our output, or ERROR and our error sentence without the quoted name\n"
        "# Made by make-deviations.py, reviewed by hand.\n")
    for key, text in CAUSES:
        if groups[key]:
            out.write("\n@ %s\n" % text)
            out.write("".join(l + "\n" for l in groups[key]))
    for key, text in CAUSES:
        sys.stderr.write("%5d  %s\n" % (len(groups[key]), key))


main()

/* zones/parser.c: being written. */
#include "config.h"
typedef int q53__parser_pending;

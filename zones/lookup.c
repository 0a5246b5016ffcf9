/* zones/lookup.c: being written. */
#include "config.h"
typedef int q53__lookup_pending;

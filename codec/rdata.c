/* codec/rdata.c: being written. */
#include "config.h"
typedef int q53__rdata_pending;

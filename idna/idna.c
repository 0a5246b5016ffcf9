/* idna/idna.c: being written. */
#include "config.h"
typedef int q53__idna_pending;

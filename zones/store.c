/* zones/store.c: being written. */
#include "config.h"
typedef int q53__store_pending;

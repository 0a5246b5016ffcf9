/* codec/print.c: being written. */
#include "config.h"
typedef int q53__print_pending;

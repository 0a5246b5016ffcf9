/* Internals of zones/ (being written). */
#ifndef Q53_ZONES_INT_H
#define Q53_ZONES_INT_H
#include "zone.h"
#endif

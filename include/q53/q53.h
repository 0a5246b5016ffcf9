/* q53: the umbrella header of libq53 (codec, names, IDNA). */
#ifndef Q53_H
#define Q53_H

#include "q53/err.h"
#include "q53/wire.h"
#include "q53/name.h"
#include "q53/msg.h"
#include "q53/rdata.h"
#include "q53/print.h"
#include "q53/idna.h"
#include "q53/resolver.h"

#endif

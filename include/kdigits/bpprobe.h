/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
#ifndef KDIGITS_BPPROBE_H
#define KDIGITS_BPPROBE_H
#include "kdigits/kdigits.h"
#endif

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
#ifndef KDIGITS_SPECTRUM_H
#define KDIGITS_SPECTRUM_H
#include "kdigits/kdigits.h"
#endif

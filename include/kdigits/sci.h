/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
#ifndef KDIGITS_SCI_H
#define KDIGITS_SCI_H
#include "kdigits/kdigits.h"
#endif

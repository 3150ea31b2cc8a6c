/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The library's version. */
#include "kdigits/kdigits.h"

const char *
kd_version(void)
{
    return KD_VERSION_STRING;
}

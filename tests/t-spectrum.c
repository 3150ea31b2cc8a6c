/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
#include "testutil.h"

Suite *
kd_suite_spectrum(void)
{
    Suite * s = suite_create("spectrum");
    return s;
}

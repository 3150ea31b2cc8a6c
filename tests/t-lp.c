/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the lp module (placeholder until its tests land). */
#include "testutil.h"

Suite *
kd_suite_lp(void)
{
    return suite_create("lp");
}

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the iter module (placeholder until its tests land). */
#include "testutil.h"

Suite *
kd_suite_iter(void)
{
    return suite_create("iter");
}

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the regimes module (placeholder until its tests land). */
#include "testutil.h"

Suite *
kd_suite_regimes(void)
{
    return suite_create("regimes");
}

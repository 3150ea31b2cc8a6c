/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the LASSO probe (placeholder until its tests land). */
#include "testutil.h"

Suite *
kd_suite_lasso(void)
{
    return suite_create("lasso");
}

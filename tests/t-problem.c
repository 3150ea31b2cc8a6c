/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the problem module (placeholder until its tests land). */
#include "testutil.h"

Suite *
kd_suite_problem(void)
{
    return suite_create("problem");
}

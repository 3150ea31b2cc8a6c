/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the qfield module (placeholder until its tests land). */
#include "testutil.h"

Suite *
kd_suite_qfield(void)
{
    return suite_create("qfield");
}

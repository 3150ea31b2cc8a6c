/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the omega module (placeholder until its tests land). */
#include "testutil.h"

Suite *
kd_suite_omega(void)
{
    return suite_create("omega");
}

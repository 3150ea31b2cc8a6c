/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the path module (placeholder until its tests land). */
#include "testutil.h"

Suite *
kd_suite_path(void)
{
    return suite_create("path");
}

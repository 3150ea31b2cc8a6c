/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the lista module (placeholder until its tests land). */
#include "testutil.h"

Suite *
kd_suite_lista(void)
{
    return suite_create("lista");
}

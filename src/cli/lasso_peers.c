/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
#include "lasso_peers.h"
typedef int kd_placeholder_lasso_peers;

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder: the real peers of kdigits lasso-probe --peers */
#ifndef KD_CLI_LASSO_PEERS_H
#define KD_CLI_LASSO_PEERS_H
#include "cli.h"
#endif

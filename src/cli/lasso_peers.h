/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The real peers of `kdigits lasso-probe --peers` (lasso-probe.md §4): R's
   glmnet, scikit-learn's Lasso and LassoLars and CVXOPT's interior-point QP
   run as external programs (the scripts of experiments/peers) on the
   double-rounded instance, their output read exactly and measured against
   the certified truth. CLI layer only: the library never starts processes. */
#ifndef KD_CLI_LASSO_PEERS_H
#define KD_CLI_LASSO_PEERS_H

#include "cli.h"

/* Runs every installed peer on the double-rounded instance of each delta
   (Lambda in MATLAB's convention, conv only for labelling), prints the
   peer table (text) or a JSON object {"convention", "Lambda", "peers": [...],
   "rows": [...]} to stdout. Returns the process exit code (0 when the table
   was printed, even if every peer was skipped). */
int kd_cli_lasso_peers(kd_real_t * deltas, slong nd, const fmpq_t Lambda,
                       kd_scaled_convention conv, kd_cli_format fmt);

/* Where the peers are looked for (environment, in this order):
   KDIGITS_PEERS_DIR  the scripts' directory (else the installed
                      $(pkgdatadir)/peers if it exists, else the source tree)
   KDIGITS_PYTHON     the Python interpreter tried first; then /usr/bin/python3
                      and python3 on PATH (the system interpreter is tried only
                      when PATH has a python3 at all, so a stripped PATH turns
                      the Python peers off), the first that imports the module
   PATH               Rscript for glmnet
   A peer whose program or module is missing is listed once as skipped, with
   the Debian package that provides it. Each run is limited to
   KD_CLI_PEER_TIMEOUT seconds; a crash or time-out is a "failed" row. */
#define KD_CLI_PEER_TIMEOUT 60.0

#endif

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits: the umbrella header. */
#ifndef KDIGITS_H
#define KDIGITS_H

#include "kdigits/deps.h"
#include "kdigits/status.h"
#include "kdigits/real.h"
#include "kdigits/complex.h"
#include "kdigits/expr.h"
#include "kdigits/mat.h"
#include "kdigits/oracle.h"
#include "kdigits/mtx.h"
#include "kdigits/util.h"
#include "kdigits/lasso.h"
#include "kdigits/peers.h"
#include "kdigits/lp.h"
#include "kdigits/qfield.h"
#include "kdigits/alg.h"
#include "kdigits/path.h"
#include "kdigits/iter.h"
#include "kdigits/op.h"
#include "kdigits/problem.h"
#include "kdigits/certify.h"
#include "kdigits/truth.h"
#include "kdigits/solve.h"
#include "kdigits/omega.h"
#include "kdigits/lista.h"
#include "kdigits/stability.h"
#include "kdigits/convergence.h"
#include "kdigits/dln.h"
#include "kdigits/regimes.h"
#include "kdigits/bpprobe.h"
#include "kdigits/sci.h"
#include "kdigits/spectrum.h"
#include "kdigits/builtin.h"
#include "kdigits/candidate.h"
/* kdigits/json.h (results as JSON) is not included here: it needs
   jansson's headers; include it where the JSON is wanted. */

#define KD_VERSION_STRING "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version string (may differ from KD_VERSION_STRING when a
   program runs against another build). */
const char * kd_version(void);

#ifdef __cplusplus
}
#endif
#endif

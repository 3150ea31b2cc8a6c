/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Private layer of the bpprobe module: the string helpers that the peer
   runner and the solution-file readers share. */
#ifndef KD_BPPROBE_INTERNAL_H
#define KD_BPPROBE_INTERNAL_H

#include "kdigits/bpprobe.h"

/* A malloc'ed copy of s (NULL when s is NULL or memory runs out). */
char * _kd_bp_strdup(const char * s);

/* r becomes FAILED with claim and reason (reason may be NULL). Either may
   be r's own current string: copies are taken before the old ones go. */
void _kd_bp_peer_fail(kd_bp_peer_result_t r, const char * claim, const char * reason);

#endif

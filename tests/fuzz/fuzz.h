/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* What the fuzz harnesses share: small resource limits, the input as a C
   string, and a failure that libFuzzer reports as a crash. */
#ifndef KD_FUZZ_H
#define KD_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kdigits/kdigits.h"

/* Every harness is also compiled into tests/fuzz/replay.c, where the three
   entry points must have different names. */
#ifndef KD_FUZZ_ENTRY
#define KD_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif
#define LLVMFuzzerTestOneInput KD_FUZZ_ENTRY

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size);

/* A broken contract: abort so that libFuzzer (or replay) reports it. */
#define KD_FUZZ_FAIL(msg) \
    do { fprintf(stderr, "fuzz: %s:%d: %s\n", __FILE__, __LINE__, msg); abort(); } while (0)

/* Limits small enough that a legitimate but huge input is refused in
   milliseconds: 2^20-bit exact numbers, 64 MiB for sized constructions. */
static inline void
kd_fuzz_limits(void)
{
    if (kd_get_max_bits() != (WORD(1) << 20))
        kd_set_max_bits(WORD(1) << 20);
    if (kd_get_max_mem() != (WORD(1) << 26))
        kd_set_max_mem(WORD(1) << 26);
}

/* The input up to its first NUL byte, as a malloc'ed C string. */
static inline char *
kd_fuzz_cstr(const uint8_t * data, size_t size)
{
    char * s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif

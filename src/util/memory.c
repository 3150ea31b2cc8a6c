/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Allocation failure in GMP, MPFR, FLINT and Arb handed to the program
   (kd_set_alloc_failure_handler), instead of their abort. */
#include <stdlib.h>
#include "kdigits/util.h"

static void (*on_failure)(size_t) = NULL;

static void *
hook_malloc(size_t n)
{
    void * p = malloc(n);
    if (p == NULL && n != 0 && on_failure != NULL)
        on_failure(n);
    return p;
}

static void *
hook_calloc(size_t k, size_t n)
{
    void * p = calloc(k, n);
    if (p == NULL && k != 0 && n != 0 && on_failure != NULL)
        on_failure(k * n);
    return p;
}

static void *
hook_realloc(void * q, size_t n)
{
    void * p = realloc(q, n);
    if (p == NULL && n != 0 && on_failure != NULL)
        on_failure(n);
    return p;
}

static void *
hook_gmp_realloc(void * q, size_t old, size_t n)
{
    (void) old;
    return hook_realloc(q, n);
}

static void
hook_gmp_free(void * q, size_t n)
{
    (void) n;
    free(q);
}

void
kd_set_alloc_failure_handler(void (*fn)(size_t bytes))
{
    on_failure = fn;
    __flint_set_memory_functions(hook_malloc, hook_calloc, hook_realloc, free);
    mp_set_memory_functions(hook_malloc, hook_gmp_realloc, hook_gmp_free);
}

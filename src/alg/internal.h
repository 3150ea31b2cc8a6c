/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Private layer of the exact algebraic module: a pointer-keyed table used
   to visit each node of an expression DAG once. */
#ifndef KD_ALG_INTERNAL_H
#define KD_ALG_INTERNAL_H

#include "kdigits/alg.h"
#include "../real/internal.h"

/* Open-addressing table from node pointers to slots 0, 1, 2, ... (in order
   of insertion). Lives for one call, while the nodes cannot die. */
typedef struct
{
    const kd_node ** keys;
    slong * slot;
    slong alloc;   /* a power of two */
    slong n;
}
_kd_ptab_struct;

typedef _kd_ptab_struct _kd_ptab_t[1];

void _kd_ptab_init(_kd_ptab_t T);
void _kd_ptab_clear(_kd_ptab_t T);
/* The slot of x, or -1. */
slong _kd_ptab_find(const _kd_ptab_t T, const kd_node * x);
/* Inserts x (absent) and returns its slot (= the count before). */
slong _kd_ptab_insert(_kd_ptab_t T, const kd_node * x);

/* Euler's phi of n >= 1. */
slong _kd_euler_phi(slong n);

/* The squarefree part s and the square root f of the square part of a
   non-negative integer v (v = f^2 s), when every prime with odd exponent is
   at most pmax; returns 0 (s, f undefined) when some larger prime has an
   odd exponent. */
int _kd_squarefree_small(fmpz_t s, fmpz_t f, const fmpz_t v, ulong pmax);

/* The conductor of sqrt(s) for a squarefree s >= 1: 1, s, 4s or 8(s/2). */
slong _kd_sqrt_conductor(ulong s);

#endif

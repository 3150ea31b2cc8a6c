/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The troublesome kernel of an algebraic A: an exact basis of ker(A) in the
   cyclotomic field of A's entries (kdigits/alg.h), exported as exact
   expressions (proofs-notes/stability.md §3.1). */
#include <string.h>
#include "kdigits/stability.h"
#include "kdigits/alg.h"
#include "internal.h"

/* appends "s" to the growing string *out (length *len) */
static void
append(char ** out, size_t * len, const char * s)
{
    size_t n = strlen(s);
    *out = flint_realloc(*out, *len + n + 1);
    memcpy(*out + *len, s, n + 1);
    *len += n;
}

/* a real element a = sum_k c_k zeta_L^k of Q(zeta_L) as the expression
   sum_k c_k cos(2 pi k / L) (a = Re a), each angle reduced to pi t/L with
   0 <= t < L/2 by cos(2 pi - u) = cos u and cos(pi - u) = -cos u (t = 0:
   the rational part; 2t = L: cos(pi/2) = 0), written as cospi(t/L) */
char *
_kd_stab_cyclo_expr(const nf_elem_t a, const kd_cyclo_t F)
{
    const slong L = F->L;
    fmpq_poly_t p;
    fmpq * coef = _fmpq_vec_init(L / 2 + 1);
    fmpq_t c, q;
    char * out = flint_malloc(1), * s, * u;
    size_t len = 0;
    slong k, t;
    out[0] = '\0';
    fmpq_poly_init(p);
    fmpq_init(c);
    fmpq_init(q);
    nf_elem_get_fmpq_poly(p, a, F->nf);
    for (k = 0; k < fmpq_poly_length(p); k++)
    {
        int neg = 0;
        fmpq_poly_get_coeff_fmpq(c, p, k);
        t = (2 * k) % (2 * L);  /* the angle pi t / L */
        if (t > L)
            t = 2 * L - t;
        if (2 * t > L)
        {
            t = L - t;
            neg = 1;
        }
        if (2 * t == L)
            continue;
        if (neg)
            fmpq_sub(coef + t, coef + t, c);
        else
            fmpq_add(coef + t, coef + t, c);
    }
    for (t = 0; 2 * t < L; t++)
    {
        if (fmpq_is_zero(coef + t) && !(t == 0 && L <= 2))
            continue;
        s = fmpq_get_str(NULL, 10, coef + t);
        if (len > 0)
            append(&out, &len, " + ");
        append(&out, &len, "(");
        append(&out, &len, s);
        append(&out, &len, ")");
        flint_free(s);
        if (t > 0)
        {
            fmpq_set_si(q, t, L);
            u = fmpq_get_str(NULL, 10, q);
            append(&out, &len, "*cospi(");
            append(&out, &len, u);
            append(&out, &len, ")");
            flint_free(u);
        }
    }
    if (len == 0)
        append(&out, &len, "0");
    _fmpq_vec_clear(coef, L / 2 + 1);
    fmpq_poly_clear(p);
    fmpq_clear(c);
    fmpq_clear(q);
    return out;
}

kd_status
_kd_stab_kernel_alg(kd_stab_kernel_struct * K, const kd_mat_t A, slong prec)
{
    const slong m = kd_mat_nrows(A), N = kd_mat_ncols(A);
    slong L = 1, d = 0, i, c;
    kd_cyclo_t F;
    kd_cyclo_mat_t M, B, AB;
    kd_status st;

    if ((st = kd_cyclo_conductor_mat(&L, A, KD_CYCLO_DEG_DEFAULT)) != KD_OK)
    {
        kd_error_prefix("kernel: A is neither rational nor in a cyclotomic field within "
                        "degree %d", KD_CYCLO_DEG_DEFAULT);
        return st;
    }
    if ((st = kd_cyclo_init(F, L, KD_CYCLO_DEG_DEFAULT)) != KD_OK)
        return st;
    kd_cyclo_mat_init(M, m, N, F);
    st = kd_cyclo_mat_set_kd_mat(M, A, F);
    if (st == KD_OK)
    {
        d = kd_cyclo_mat_nullspace(B, M, F);
        kd_cyclo_mat_init(AB, m, d, F);
        st = kd_cyclo_mat_mul(AB, M, B, F);
        K->verified = (st == KD_OK && kd_cyclo_mat_is_zero(AB, F)) ? KD_TRUE : KD_FALSE;
        for (i = 0; i < N * d && st == KD_OK; i++)
            if (!kd_cyclo_is_real(B->entries + i, F))
                st = kd_error_set(KD_ERR_INTERNAL, "internal: kernel: a basis entry of a "
                                  "real matrix is not real");
        if (st == KD_OK)
        {
            K->m = m;
            K->N = N;
            K->dim = d;
            K->algebraic = 1;
            K->L = L;
            fmpq_mat_clear(K->basis);
            fmpq_mat_clear(K->Ak);
            fmpq_mat_init(K->basis, 0, 0);
            fmpq_mat_init(K->Ak, 0, 0);
            K->expr = flint_malloc((size_t) (N * d + 1) * sizeof(char *));
            for (c = 0; c < d; c++)
                for (i = 0; i < N; i++)
                    K->expr[c * N + i] = _kd_stab_cyclo_expr(kd_cyclo_mat_entry(B, i, c), F);
            arb_mat_clear(K->enc);
            arb_mat_init(K->enc, N, d);
            kd_cyclo_mat_enclose_arb(K->enc, B, F, prec);
            arb_zero(K->half_norm);
            for (i = 0; i < N && d > 0; i++)
                arb_addmul(K->half_norm, arb_mat_entry(K->enc, i, 0),
                           arb_mat_entry(K->enc, i, 0), prec);
            arb_sqrt(K->half_norm, K->half_norm, prec);
            arb_mul_2exp_si(K->half_norm, K->half_norm, -1);
        }
        kd_cyclo_mat_clear(AB, F);
        kd_cyclo_mat_clear(B, F);
    }
    kd_cyclo_mat_clear(M, F);
    kd_cyclo_clear(F);
    return st;
}

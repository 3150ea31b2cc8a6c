/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The DLN as one more "network" on the Omega_K BP gadget: trained on the
   inexact A_n it reaches K-1 digits and not K (proofs-notes/dln.md §5). */
#include <string.h>
#include "internal.h"
#include "kdigits/omega.h"
#include "kdigits/certify.h"
#include "kdigits/util.h"

void
kd_dln_omega_init(kd_dln_omega_t R)
{
    R->nrows = 0;
    R->rows = NULL;
}

void
kd_dln_omega_clear(kd_dln_omega_t R)
{
    slong i;
    for (i = 0; i < R->nrows; i++)
    {
        arb_clear(&R->rows[i].dist);
        arb_clear(&R->rows[i].dist_other);
        arb_clear(&R->rows[i].worst);
        arb_clear(&R->rows[i].eps_b);
    }
    flint_free(R->rows);
}

/* A_n, y_n of the gadget G read at level lev, as exact balls. */
static kd_status
read_data(arb_mat_t A, arb_mat_t y, const kd_omega_t G, slong lev, slong prec)
{
    kd_oracle_t OA, Oy;
    fmpq_mat_t re, im;
    kd_status st;
    fmpq_mat_init(re, 0, 0);
    fmpq_mat_init(im, 0, 0);
    if ((st = kd_omega_oracle_init(OA, Oy, G)) != KD_OK)
    {
        fmpq_mat_clear(re);
        fmpq_mat_clear(im);
        return st;
    }
    if ((st = kd_oracle_get(re, im, OA, lev)) == KD_OK)
    {
        arb_mat_set_fmpq_mat(A, re, prec);
        if ((st = kd_oracle_get(re, im, Oy, lev)) == KD_OK)
            arb_mat_set_fmpq_mat(y, re, prec);
    }
    kd_oracle_clear(OA);
    kd_oracle_clear(Oy);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    return st;
}

static void
omega_row(kd_dln_omega_row_struct * r, const kd_omega_t Gt, const kd_omega_t Gn,
          const arb_mat_t A, const arb_mat_t y, const fmpq_t alpha, const kd_dln_opts_t o)
{
    arb_mat_t x, mu;
    arb_t al, t;
    slong p0, pu, prec = 256;
    arb_mat_init(x, Gt->N, 1);
    arb_mat_init(mu, Gt->m, 1);
    arb_init(al);
    arb_init(t);
    arb_set_fmpq(al, alpha, 64);
    p0 = kd_dln_limit_prec(r->D, al, o->prec);
    arb_set_fmpq(al, alpha, 4 * p0);
    r->status = kd_dln_limit(x, mu, &pu, A, y, r->D, al, o->prec, 4 * p0);
    if (r->status == KD_OK)
    {
        kd_omega_dist_arb(&r->dist, Gt, x, prec);
        kd_omega_dist_arb(&r->dist_other, Gn, x, prec);
        arb_max(&r->worst, &r->dist, &r->dist_other, prec);
        r->k_digits = kd_certify_digits(&r->dist, r->K, prec);
        r->k1_digits = kd_certify_digits(&r->dist, r->K - 1, prec);
    }
    /* sqrt(2) tau / 2 */
    kd_real_eval_arb(t, Gt->tau, prec);
    arb_sqrt_ui(&r->eps_b, 2, prec);
    arb_mul(&r->eps_b, &r->eps_b, t, prec);
    arb_mul_2exp_si(&r->eps_b, &r->eps_b, -1);
    arb_mat_clear(x);
    arb_mat_clear(mu);
    arb_clear(al);
    arb_clear(t);
}

/* The largest starting precision of the limits requested. */
static slong
max_prec(const kd_dln_opts_t o)
{
    slong d, e, p = o->prec;
    arb_t al;
    arb_init(al);
    for (d = 0; d < o->ndepth; d++)
        for (e = 0; e < o->nalpha; e++)
        {
            arb_set_fmpq(al, o->alphas + e, 64);
            p = FLINT_MAX(p, kd_dln_limit_prec(o->depths[d], al, o->prec));
        }
    arb_clear(al);
    return p;
}

kd_status
kd_dln_omega_run(kd_dln_omega_t R, const slong * Ks, slong nK, const slong * ns, slong nn,
                 const kd_dln_opts_t o)
{
    slong a, b, d, e, i = 0, total = nK * nn * o->ndepth * o->nalpha;
    kd_status st = KD_OK;
    kd_dln_omega_clear(R);
    R->rows = flint_calloc(FLINT_MAX(total, 1), sizeof(kd_dln_omega_row_struct));
    R->nrows = 0;
    for (a = 0; a < nK && st == KD_OK; a++)
        for (b = 0; b < nn && st == KD_OK; b++)
        {
            kd_omega_t Gt, Gn;
            arb_mat_t A, y;
            slong prec = 64 + 4 * max_prec(o);
            kd_omega_init(Gt);
            kd_omega_init(Gn);
            st = kd_omega_set(Gt, KD_PROBLEM_BP, NULL, Ks[a], ns[b], 2, 20, 0, 1, 0);
            if (st == KD_OK)
                st = kd_omega_set(Gn, KD_PROBLEM_BP, NULL, Ks[a], ns[b], 2, 20, 1, 1, 0);
            arb_mat_init(A, Gt->m, Gt->N);
            arb_mat_init(y, Gt->m, 1);
            if (st == KD_OK)
                st = read_data(A, y, Gn, ns[b] + 30, prec);
            for (d = 0; d < o->ndepth && st == KD_OK; d++)
                for (e = 0; e < o->nalpha; e++)
                {
                    kd_dln_omega_row_struct * r = R->rows + R->nrows++;
                    r->K = Ks[a];
                    r->n = ns[b];
                    r->D = o->depths[d];
                    _kd_dln_alpha_str(r->alpha_str, sizeof r->alpha_str, o->alphas + e);
                    arb_init(&r->dist);
                    arb_init(&r->dist_other);
                    arb_init(&r->worst);
                    arb_init(&r->eps_b);
                    arb_indeterminate(&r->dist);
                    arb_indeterminate(&r->dist_other);
                    arb_indeterminate(&r->worst);
                    r->k_digits = r->k1_digits = KD_UNKNOWN;
                    if (o->progress)
                    {
                        char what[128];
                        snprintf(what, sizeof what, "K = %ld, n = %ld, D = %ld, alpha = %s",
                                 (long) r->K, (long) r->n, (long) r->D, r->alpha_str);
                        o->progress(++i, total, what);
                    }
                    omega_row(r, Gt, Gn, A, y, o->alphas + e, o);
                }
            arb_mat_clear(A);
            arb_mat_clear(y);
            kd_omega_clear(Gt);
            kd_omega_clear(Gn);
        }
    return st;
}

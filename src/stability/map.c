/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The reconstruction maps of the stability test: construction, double
   evaluation and reverse mode (for the search), certified evaluation and
   the certified Lipschitz upper bound (proofs-notes/stability.md §2). */
#include <math.h>
#include <string.h>
#include "kdigits/stability.h"
#include "kdigits/iter.h"
#include "internal.h"

static const char * const kind_names[] = {"lista", "ista", "firenet", "exact-p3"};

const char *
kd_stab_kind_name(kd_stab_kind k)
{
    return (k >= 0 && k <= KD_STAB_EXACT_P3) ? kind_names[k] : "?";
}

kd_status
kd_stab_kind_parse(kd_stab_kind * k, const char * s)
{
    int i;
    for (i = 0; i <= KD_STAB_EXACT_P3; i++)
        if (strcmp(s, kind_names[i]) == 0)
        {
            *k = (kd_stab_kind) i;
            return KD_OK;
        }
    return kd_error_set(KD_ERR_ARG, "unknown network '%s' (expected lista, ista, firenet or exact-p3)", s);
}

void
kd_stab_map_init(kd_stab_map_t F)
{
    F->kind = KD_STAB_LISTA;
    F->m = F->N = 0;
    F->net->L = F->net->m = F->net->N = 0;
    F->net->B = F->net->Bt = F->net->W = F->net->t = NULL;
    F->A = NULL;
    F->alpha = NULL;
    F->lambda = F->t = F->LA = 0;
    F->p = F->n = 0;
    F->P3A = NULL;
    F->p3nE = 0;
    F->p3E = NULL;
    F->p3s = NULL;
    F->p3regime = 0;
    F->p3model = NULL;
    F->p3kappa = 0;
    F->p3reason = NULL;
    F->op = NULL;
    F->opspec = NULL;
    F->op_orthonormal = 0;
}

void
kd_stab_map_clear(kd_stab_map_t F)
{
    kd_lista_clear(F->net);
    flint_free(F->A);
    flint_free(F->alpha);
    _kd_stab_p3_clear(F);
    if (F->op != NULL)
    {
        kd_op_clear(F->op);
        flint_free(F->op);
    }
    flint_free(F->opspec);
    kd_stab_map_init(F);
}

kd_status
kd_stab_map_set_lista(kd_stab_map_t F, const kd_lista_t net, kd_stab_kind kind)
{
    kd_status st;
    if (kind == KD_STAB_FIRENET || kind == KD_STAB_EXACT_P3)
        return kd_error_set(KD_ERR_ARG, "stability: a LISTA network is not FIRENET or exact P3");
    kd_stab_map_clear(F);
    if ((st = kd_lista_init(F->net, net->L, net->m, net->N)) != KD_OK
        || (st = kd_lista_set(F->net, net)) != KD_OK)
        return st;
    F->kind = kind;
    F->m = net->m;
    F->N = net->N;
    return KD_OK;
}

kd_status
kd_stab_map_eval_d(double * x, const kd_stab_map_t F, const double * y)
{
    if (F->kind == KD_STAB_ISTA && F->op != NULL)
        return _kd_stab_ista_op_vjp_d(NULL, x, F, y, NULL);
    if (F->kind == KD_STAB_FIRENET)
        return _kd_stab_firenet_vjp_d(NULL, x, F, y, NULL);
    if (F->kind == KD_STAB_EXACT_P3)
        return _kd_stab_p3_vjp_d(NULL, x, F, y, NULL);
    return kd_lista_forward_d(x, F->net, y);
}

kd_status
kd_stab_map_vjp_d(double * gy, double * x, const kd_stab_map_t F, const double * y,
                  const double * v)
{
    if (F->kind == KD_STAB_ISTA && F->op != NULL)
        return _kd_stab_ista_op_vjp_d(gy, x, F, y, v);
    if (F->kind == KD_STAB_FIRENET)
        return _kd_stab_firenet_vjp_d(gy, x, F, y, v);
    if (F->kind == KD_STAB_EXACT_P3)
        return _kd_stab_p3_vjp_d(gy, x, F, y, v);
    return kd_lista_vjp_y(gy, x, F->net, y, v);
}

/* every ball of x has radius <= 2^(-prec/2) (1 + |mid|) */
static int
tight(const arb_mat_t x, slong prec)
{
    slong i;
    mag_t b;
    int ok = 1;
    mag_init(b);
    for (i = 0; i < arb_mat_nrows(x) && ok; i++)
    {
        const arb_struct * v = arb_mat_entry(x, i, 0);
        arf_get_mag(b, arb_midref(v));
        mag_add_ui(b, b, 1);
        mag_mul_2exp_si(b, b, -prec / 2);
        ok = arb_is_finite(v) && mag_cmp(arb_radref(v), b) <= 0;
    }
    mag_clear(b);
    return ok;
}

/* a map on an operator: the balls of the transforms widen by a factor
   about sqrt(N) per application (each butterfly adds two radii), so the
   working precision doubles from prec until the output is tight (at most
   32 prec; wider balls are still enclosures) */
static kd_status
op_eval_arb(arb_mat_t x, const kd_stab_map_t F, const fmpq_mat_t y, slong prec)
{
    slong wp;
    kd_status st = KD_OK;
    for (wp = prec; wp <= 32 * prec; wp *= 2)
    {
        st = (F->kind == KD_STAB_ISTA) ? _kd_stab_ista_op_eval_arb(x, F, y, wp)
                                       : _kd_stab_firenet_eval_arb(x, F, y, wp);
        if (st != KD_OK || tight(x, prec))
            break;
    }
    return st;
}

kd_status
kd_stab_map_eval_arb(arb_mat_t x, const kd_stab_map_t F, const fmpq_mat_t y, slong prec)
{
    fmpq_mat_t xq;
    kd_status st;
    if (F->op != NULL)
        return op_eval_arb(x, F, y, prec);
    if (F->kind == KD_STAB_FIRENET)
        return _kd_stab_firenet_eval_arb(x, F, y, prec);
    if (F->kind == KD_STAB_EXACT_P3)
        return _kd_stab_p3_eval_arb(x, NULL, F, y, prec);
    fmpq_mat_init(xq, F->N, 1);
    st = kd_lista_eval_fmpq(xq, F->net, y);
    if (st == KD_OK)
        arb_mat_set_fmpq_mat(x, xq, prec);
    fmpq_mat_clear(xq);
    return st;
}

/* fmpq value of a double (exact) */
void
_kd_stab_fmpq_set_d(fmpq_t q, double d)
{
    arf_t a;
    arf_init(a);
    arf_set_d(a, d);
    arf_get_fmpq(q, a);
    arf_clear(a);
}

/* u <- [hi, hi] with hi the upper end of u: an exact upper value */
void
_kd_stab_keep_upper(arb_t u, slong prec)
{
    arf_t hi;
    arf_init(hi);
    arb_get_ubound_arf(hi, u, prec);
    arb_set_arf(u, hi);
    arf_clear(hi);
}

/* u = a certified upper bound of ||M||_2 as a ball [0, u] -> arb with that
   upper end as midpoint (radius 0) */
kd_status
_kd_stab_opnorm(arb_t u, const fmpq_mat_t M, slong prec)
{
    arf_t L;
    kd_status st;
    arf_init(L);
    st = kd_iter_opnorm_ubound(L, M, NULL, prec);
    arb_set_arf(u, L);
    arf_clear(L);
    return st;
}

/* LISTA: x^{k+1} = S(x^k + W_k (y - B x^k)) = S((I - W_k B) x^k + W_k y); S is
   1-Lipschitz, so l_{k+1} <= ||I - W_k B|| l_k + ||W_k||, l_0 = 0. */
static kd_status
lista_lipschitz(arb_t u, const kd_lista_struct * net, slong prec)
{
    const slong L = net->L, m = net->m, N = net->N;
    fmpq_mat_t B, W, I, WB;
    arb_t a, b;
    slong i, j, k;
    kd_status st = KD_OK;

    fmpq_mat_init(B, m, N);
    fmpq_mat_init(W, N, m);
    fmpq_mat_init(I, N, N);
    fmpq_mat_init(WB, N, N);
    arb_init(a);
    arb_init(b);
    for (i = 0; i < m * N; i++)
        _kd_stab_fmpq_set_d(fmpq_mat_entry(B, i / N, i % N), net->B[i]);
    arb_zero(u);
    for (k = 0; k < L && st == KD_OK; k++)
    {
        for (i = 0; i < N; i++)
            for (j = 0; j < m; j++)
                _kd_stab_fmpq_set_d(fmpq_mat_entry(W, i, j), net->W[(k * N + i) * m + j]);
        fmpq_mat_mul(WB, W, B);
        fmpq_mat_one(I);
        fmpq_mat_sub(I, I, WB);
        if ((st = _kd_stab_opnorm(a, I, prec)) == KD_OK
            && (st = _kd_stab_opnorm(b, W, prec)) == KD_OK)
        {
            arb_mul(u, u, a, prec);
            arb_add(u, u, b, prec);
        }
    }
    /* a ball whose upper end bounds l_L: keep it as an exact upper value */
    {
        arf_t hi;
        arf_init(hi);
        arb_get_ubound_arf(hi, u, prec);
        arb_set_arf(u, hi);
        arf_clear(hi);
    }
    arb_clear(a);
    arb_clear(b);
    fmpq_mat_clear(B);
    fmpq_mat_clear(W);
    fmpq_mat_clear(I);
    fmpq_mat_clear(WB);
    return st;
}

kd_status
kd_stab_map_lipschitz_ubound(arb_t u, const kd_stab_map_t F, slong prec)
{
    if (F->kind == KD_STAB_ISTA && F->op != NULL)
        return _kd_stab_ista_op_lipschitz(u, F, prec);
    if (F->kind == KD_STAB_FIRENET)
        return _kd_stab_firenet_lipschitz(u, F, prec);
    if (F->kind == KD_STAB_EXACT_P3)
    {
        arb_indeterminate(u);
        return KD_OK;
    }
    return lista_lipschitz(u, F->net, prec);
}

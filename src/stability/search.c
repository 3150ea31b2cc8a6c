/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The worst-case perturbation search (Antun et al., PNAS 2020) and the
   certified sandwich around what it finds (proofs-notes/stability.md). */
#include <math.h>
#include <string.h>
#include "kdigits/stability.h"
#include "internal.h"

static const char * const sub_names[] = {"all", "range", "kernel"};
static const char * const verdict_names[] = {"unknown", "unstable", "stable"};

const char *
kd_stab_subspace_name(kd_stab_subspace s)
{
    return (s >= 0 && s <= KD_STAB_SUB_KERNEL) ? sub_names[s] : "?";
}

kd_status
kd_stab_subspace_parse(kd_stab_subspace * s, const char * str)
{
    int i;
    for (i = 0; i <= KD_STAB_SUB_KERNEL; i++)
        if (strcmp(str, sub_names[i]) == 0)
        {
            *s = (kd_stab_subspace) i;
            return KD_OK;
        }
    return kd_error_set(KD_ERR_ARG, "unknown subspace '%s' (expected all, range or kernel)", str);
}

const char *
kd_stab_verdict_name(kd_stab_verdict v)
{
    return (v >= 0 && v <= KD_STAB_STABLE) ? verdict_names[v] : "?";
}

void
kd_stab_opts_init(kd_stab_opts_t o)
{
    o->lambda = 0.01;
    o->step = 1e-3;
    o->momentum = 0.9;
    o->steps = 300;
    o->seed = 1;
    o->subspace = KD_STAB_SUB_ALL;
    o->threshold = 1.0;
    o->lipschitz_verdict = 0;
    o->prec = 128;
    o->progress = NULL;
    o->progress_data = NULL;
}

void
kd_stab_result_init(kd_stab_result_t R)
{
    R->steps = 0;
    R->log = NULL;
    R->r = NULL;
    fmpq_mat_init(R->y, 0, 1);
    fmpq_mat_init(R->e, 0, 1);
    arb_init(R->dpsi);
    arb_init(R->enorm);
    arb_init(R->lip_lower);
    arb_init(R->lip_upper);
    arb_init(R->rnorm_min);
    arb_init(R->amp_lower);
    arb_init(R->amp_upper);
    R->threshold = 0;
    R->verdict = KD_STAB_UNKNOWN;
    R->reason = NULL;
    R->upper_scope = "global";
    R->upper_reason = NULL;
}

void
kd_stab_result_clear(kd_stab_result_t R)
{
    flint_free(R->log);
    flint_free(R->r);
    fmpq_mat_clear(R->y);
    fmpq_mat_clear(R->e);
    arb_clear(R->dpsi);
    arb_clear(R->enorm);
    arb_clear(R->lip_lower);
    arb_clear(R->lip_upper);
    arb_clear(R->rnorm_min);
    arb_clear(R->amp_lower);
    arb_clear(R->amp_upper);
}

kd_status
kd_stab_mat_get_d(double * Ad, const kd_mat_t A, slong prec)
{
    acb_mat_t M;
    slong i, j, m = kd_mat_nrows(A), N = kd_mat_ncols(A);
    kd_status st;
    if (A->is_complex)
        return kd_error_set(KD_ERR_ARG, "stability: A must be real");
    acb_mat_init(M, m, N);
    st = kd_mat_eval_acb_mat(M, A, prec);
    for (i = 0; i < m && st == KD_OK; i++)
        for (j = 0; j < N; j++)
            Ad[i * N + j] = arf_get_d(arb_midref(acb_realref(acb_mat_entry(M, i, j))), ARF_RND_NEAR);
    acb_mat_clear(M);
    return st;
}

/* splitmix64 (a fixed generator: the start does not depend on FLINT) */
ulong
_kd_stab_mix(ulong * s)
{
    ulong z = (*s += UWORD(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UWORD(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UWORD(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static double
nrm(const double * v, slong n)
{
    double s = 0;
    slong i;
    for (i = 0; i < n; i++)
        s += v[i] * v[i];
    return sqrt(s);
}

/* Q (q x N, q returned): an orthonormal basis of the row space of Ad by
   modified Gram-Schmidt, twice; rows below 1e-12 of the largest dropped */
static slong
rowspace(double * Q, const double * Ad, slong m, slong N)
{
    slong i, j, k, q = 0, pass;
    double big = 0;
    for (i = 0; i < m; i++)
        big = FLINT_MAX(big, nrm(Ad + i * N, N));
    for (i = 0; i < m; i++)
    {
        double * v = Q + q * N, s;
        memcpy(v, Ad + i * N, (size_t) N * sizeof(double));
        for (pass = 0; pass < 2; pass++)
            for (k = 0; k < q; k++)
            {
                double d = 0;
                for (j = 0; j < N; j++)
                    d += Q[k * N + j] * v[j];
                for (j = 0; j < N; j++)
                    v[j] -= d * Q[k * N + j];
            }
        s = nrm(v, N);
        if (s > 1e-12 * big && s > 0)
        {
            for (j = 0; j < N; j++)
                v[j] /= s;
            q++;
        }
    }
    return q;
}

/* r <- its part in the subspace: with Q (q x N) an orthonormal basis of
   the row space, or (Lin an operator with A A^T = I) A^T A the projection
   onto it */
static void
project(double * r, kd_stab_subspace sub, const _kd_stab_lin * Lin, const double * Q, slong q,
        double * tmp)
{
    const slong N = Lin->N;
    slong i, k;
    if (sub == KD_STAB_SUB_ALL)
        return;
    if (Lin->op != NULL)
    {
        double * Ar = flint_malloc((size_t) Lin->m * sizeof(double));
        _kd_stab_lin_d(Ar, Lin, r, 0, 0);
        _kd_stab_lin_d(tmp, Lin, Ar, 1, 0);
        flint_free(Ar);
        for (i = 0; i < N; i++)
            r[i] = (sub == KD_STAB_SUB_RANGE) ? tmp[i] : r[i] - tmp[i];
        return;
    }
    for (i = 0; i < N; i++)
        tmp[i] = 0;
    for (k = 0; k < q; k++)
    {
        double d = 0;
        for (i = 0; i < N; i++)
            d += Q[k * N + i] * r[i];
        for (i = 0; i < N; i++)
            tmp[i] += d * Q[k * N + i];
    }
    for (i = 0; i < N; i++)
        r[i] = (sub == KD_STAB_SUB_RANGE) ? tmp[i] : r[i] - tmp[i];
}

static double
fmpq_get_d_near(const fmpq_t q)
{
    arb_t b;
    double d;
    arb_init(b);
    arb_set_fmpq(b, q, 128);
    d = arf_get_d(arb_midref(b), ARF_RND_NEAR);
    arb_clear(b);
    return d;
}

/* yp = yd + A r; d = Psi(yp) - psi0 */
static kd_status
probe(double * yp, double * d, const kd_stab_map_t F, const _kd_stab_lin * Lin,
      const double * yd, const double * psi0, const double * r)
{
    slong i, m = F->m, N = F->N;
    kd_status st;
    _kd_stab_lin_d(yp, Lin, r, 0, 0);
    for (i = 0; i < m; i++)
        yp[i] = yd[i] + yp[i];
    st = kd_stab_map_eval_d(d, F, yp);
    for (i = 0; i < N && st == KD_OK; i++)
        d[i] -= psi0[i];
    return st;
}

static kd_status
check_opts(const kd_stab_opts_t o)
{
    if (!(o->lambda >= 0) || !isfinite(o->lambda))
        return kd_error_set(KD_ERR_ARG, "stability: lambda must be >= 0 and finite");
    if (!(o->step > 0) || !isfinite(o->step))
        return kd_error_set(KD_ERR_ARG, "stability: the step must be > 0 and finite");
    if (!(o->momentum >= 0 && o->momentum < 1))
        return kd_error_set(KD_ERR_ARG, "stability: the momentum must be in [0, 1)");
    if (o->steps < 1 || o->steps > 100000000)
        return kd_error_set(KD_ERR_ARG, "stability: steps must be >= 1");
    if (!(o->threshold > 0) || !isfinite(o->threshold))
        return kd_error_set(KD_ERR_ARG, "stability: the threshold must be > 0 and finite");
    if (o->prec < 32 || o->prec > 100000)
        return kd_error_set(KD_ERR_ARG, "stability: the precision must be in [32, 100000]");
    return KD_OK;
}

static kd_status
check_shapes(const kd_stab_map_t F, const fmpq_mat_t y, const fmpq_mat_t x)
{
    const slong m = F->m, N = F->N;
    if (fmpq_mat_nrows(y) != m || fmpq_mat_ncols(y) != 1)
        return kd_error_set(KD_ERR_SIZE, "stability: y is %ld x %ld, expected %ld x 1",
                            (long) fmpq_mat_nrows(y), (long) fmpq_mat_ncols(y), (long) m);
    if (x != NULL && (fmpq_mat_nrows(x) != N || fmpq_mat_ncols(x) != 1))
        return kd_error_set(KD_ERR_SIZE, "stability: x is %ld x %ld, expected %ld x 1",
                            (long) fmpq_mat_nrows(x), (long) fmpq_mat_ncols(x), (long) N);
    return KD_OK;
}

/* the gradient-ascent loop: R->r, R->log */
static kd_status
ascend(kd_stab_result_t R, const kd_stab_map_t F, const _kd_stab_lin * Lin, const double * yd,
       double xnorm, double xmax, const kd_stab_opts_t o)
{
    const slong m = F->m, N = F->N, nQ = (o->subspace != KD_STAB_SUB_ALL && Lin->op == NULL)
                                         ? m * N : 0;
    double * w = flint_malloc((size_t) (7 * N + 2 * m + nQ) * sizeof(double));
    double * r = R->r, * v = w, * psi0 = v + N, * d = psi0 + N, * g = d + N, * tmp = g + N,
           * yp = tmp + N, * gy = yp + m, * Q = gy + m;
    slong i, j, s, q = 0;
    ulong seed = o->seed;
    kd_status st;

    if (nQ > 0)
        q = rowspace(Q, Lin->A, m, N);
    for (i = 0; i < N; i++)
    {
        r[i] = 1e-3 * xmax * (2 * ldexp((double) (_kd_stab_mix(&seed) >> 11), -53) - 1);
        v[i] = 0;
    }
    project(r, o->subspace, Lin, Q, q, tmp);
    st = kd_stab_map_eval_d(psi0, F, yd);
    if (st == KD_OK)
        st = probe(yp, d, F, Lin, yd, psi0, r);
    for (s = 0; s < o->steps && st == KD_OK; s++)
    {
        double rn, dn, *lg;
        /* grad Q = A^T J^T d - lambda r */
        if ((st = kd_stab_map_vjp_d(gy, NULL, F, yp, d)) != KD_OK)
            break;
        for (j = 0; j < N; j++)
            g[j] = -o->lambda * r[j];
        _kd_stab_lin_d(g, Lin, gy, 1, 1);
        project(g, o->subspace, Lin, Q, q, tmp);
        for (j = 0; j < N; j++)
        {
            v[j] = o->momentum * v[j] + o->step * g[j];
            r[j] += v[j];
        }
        if ((st = probe(yp, d, F, Lin, yd, psi0, r)) != KD_OK)
            break;
        rn = nrm(r, N);
        dn = nrm(d, N);
        if (!isfinite(rn) || !isfinite(dn))
        {
            st = kd_error_set(KD_ERR_DOMAIN, "stability: the search diverged at step %ld "
                              "(a smaller --step or larger --lambda)", (long) s + 1);
            break;
        }
        lg = R->log + 4 * s;
        lg[0] = rn;
        lg[1] = dn;
        lg[2] = rn > 0 ? dn / rn : 0;
        lg[3] = xnorm > 0 ? rn / xnorm : 0;
        R->steps = s + 1;
        if (o->progress != NULL)
            o->progress(o->progress_data, s, o->steps, lg[0], lg[1], lg[2]);
    }
    flint_free(w);
    return st;
}

/* the least-norm preimage's norm sqrt(e^T (A A^T)^{-1} e), and ||A||_2 <= an */
static void
image_side(arb_t rn, arb_t an, const kd_mat_t A, const fmpq_mat_t e, slong prec)
{
    const slong m = kd_mat_nrows(A), N = kd_mat_ncols(A);
    acb_mat_t M;
    arb_mat_t B, G, eb, w;
    fmpq_mat_t mid;
    arb_t s;
    slong i, j;

    acb_mat_init(M, m, N);
    arb_mat_init(B, m, N);
    arb_mat_init(G, m, m);
    arb_mat_init(eb, m, 1);
    arb_mat_init(w, m, 1);
    fmpq_mat_init(mid, m, N);
    arb_init(s);
    arb_indeterminate(rn);
    arb_indeterminate(an);
    if (kd_mat_eval_acb_mat(M, A, prec) == KD_OK)
    {
        arb_zero(s);
        for (i = 0; i < m; i++)
            for (j = 0; j < N; j++)
            {
                arb_set(arb_mat_entry(B, i, j), acb_realref(acb_mat_entry(M, i, j)));
                arf_get_fmpq(fmpq_mat_entry(mid, i, j), arb_midref(arb_mat_entry(B, i, j)));
                arb_add_error_mag(s, arb_radref(arb_mat_entry(B, i, j)));
            }
        /* ||A|| <= ||mid(A)|| + ||rad(A)||_2, and ||rad(A)||_2 <= the sum
           of the radii: an = the upper end of that sum */
        if (_kd_stab_opnorm(an, mid, prec) == KD_OK)
        {
            arf_t hi;
            arf_init(hi);
            arb_add(an, an, s, prec);
            arb_get_ubound_arf(hi, an, prec);
            arb_set_arf(an, hi);
            arf_clear(hi);
        }
        {
            arb_mat_t Bt;
            arb_mat_init(Bt, N, m);
            arb_mat_transpose(Bt, B);
            arb_mat_mul(G, B, Bt, prec);
            arb_mat_clear(Bt);
        }
        arb_mat_set_fmpq_mat(eb, e, prec);
        if (arb_mat_solve(w, G, eb, prec))
        {
            arb_zero(s);
            for (i = 0; i < m; i++)
                arb_addmul(s, arb_mat_entry(w, i, 0), arb_mat_entry(eb, i, 0), prec);
            if (arb_is_nonnegative(s) || arb_contains_zero(s))
            {
                arb_nonnegative_part(s, s);
                arb_sqrt(rn, s, prec);
            }
        }
    }
    acb_mat_clear(M);
    arb_mat_clear(B);
    arb_mat_clear(G);
    arb_mat_clear(eb);
    arb_mat_clear(w);
    fmpq_mat_clear(mid);
    arb_clear(s);
}

/* the search and the sandwich at the exact y: Lin the search's operator,
   A the dense exact matrix (the image side) or NULL (an operator map) */
static kd_status
search_core(kd_stab_result_t R, const kd_stab_map_t F, const _kd_stab_lin * Lin,
            const kd_mat_struct * A, const fmpq_mat_t y, const fmpq_mat_t x,
            const kd_stab_opts_t o)
{
    const slong m = F->m, N = F->N, prec = o->prec;
    double * yd, * ed, xnorm = 0, xmax = 0;
    fmpq_mat_t y1;
    arb_mat_t X0, X1;
    arb_t an;
    slong i;
    kd_status st;

    yd = flint_malloc((size_t) (2 * m) * sizeof(double));
    ed = yd + m;
    for (i = 0; i < m; i++)
        yd[i] = fmpq_get_d_near(fmpq_mat_entry(y, i, 0));
    if (x != NULL)
    {
        for (i = 0; i < N; i++)
        {
            double a = fmpq_get_d_near(fmpq_mat_entry(x, i, 0));
            xnorm += a * a;
            xmax = FLINT_MAX(xmax, fabs(a));
        }
        xnorm = sqrt(xnorm);
    }
    flint_free(R->log);
    flint_free(R->r);
    R->log = flint_calloc((size_t) (4 * o->steps), sizeof(double));
    R->r = flint_calloc((size_t) N, sizeof(double));
    R->steps = 0;
    R->threshold = o->threshold;
    R->lipschitz_verdict = o->lipschitz_verdict;
    R->verdict = KD_STAB_UNKNOWN;
    R->reason = NULL;
    st = ascend(R, F, Lin, yd, xnorm, xmax > 0 ? xmax : 1.0, o);
    if (st != KD_OK)
    {
        flint_free(yd);
        return st;
    }

    /* e = A r rounded to doubles: an exact dyadic perturbation */
    fmpq_mat_clear(R->y);
    fmpq_mat_clear(R->e);
    fmpq_mat_init(R->y, m, 1);
    fmpq_mat_init(R->e, m, 1);
    fmpq_mat_set(R->y, y);
    _kd_stab_lin_d(ed, Lin, R->r, 0, 0);
    for (i = 0; i < m; i++)
        _kd_stab_fmpq_set_d(fmpq_mat_entry(R->e, i, 0), ed[i]);
    flint_free(yd);

    /* the certified sandwich */
    fmpq_mat_init(y1, m, 1);
    arb_mat_init(X0, N, 1);
    arb_mat_init(X1, N, 1);
    arb_init(an);
    fmpq_mat_add(y1, y, R->e);
    R->upper_scope = "global";
    R->upper_reason = NULL;
    if (F->kind == KD_STAB_EXACT_P3)
    {
        R->upper_scope = "the pattern region of y (support, signs, residual regime)";
        st = _kd_stab_p3_sandwich(X0, X1, R->lip_upper, &R->upper_reason, F, y, y1, prec);
    }
    else
    {
        st = kd_stab_map_eval_arb(X0, F, y, prec);
        if (st == KD_OK)
            st = kd_stab_map_eval_arb(X1, F, y1, prec);
        if (st == KD_OK)
            st = kd_stab_map_lipschitz_ubound(R->lip_upper, F, prec);
    }
    if (st == KD_OK)
    {
        arb_t s;
        arb_init(s);
        arb_zero(R->dpsi);
        for (i = 0; i < N; i++)
        {
            arb_sub(s, arb_mat_entry(X1, i, 0), arb_mat_entry(X0, i, 0), prec);
            arb_addmul(R->dpsi, s, s, prec);
        }
        arb_sqrt(R->dpsi, R->dpsi, prec);
        arb_zero(R->enorm);
        for (i = 0; i < m; i++)
        {
            arb_set_fmpq(s, fmpq_mat_entry(R->e, i, 0), prec);
            arb_addmul(R->enorm, s, s, prec);
        }
        arb_sqrt(R->enorm, R->enorm, prec);
        if (arb_is_positive(R->enorm))
            arb_div(R->lip_lower, R->dpsi, R->enorm, prec);
        else
            arb_indeterminate(R->lip_lower);
        if (A != NULL)
            image_side(R->rnorm_min, an, A, R->e, prec);
        else
        {
            /* A A^T = I: A^+ e = A^T e and ||A^T e|| = ||e|| */
            if (F->op_orthonormal)
                arb_set(R->rnorm_min, R->enorm);
            else
                arb_indeterminate(R->rnorm_min);
            arb_set_d(an, F->LA);
        }
        if (arb_is_positive(R->rnorm_min))
            arb_div(R->amp_lower, R->dpsi, R->rnorm_min, prec);
        else
            arb_indeterminate(R->amp_lower);
        if (arb_is_finite(R->lip_upper) && arb_is_finite(an))
        {
            arf_t hi;
            arf_init(hi);
            arb_mul(R->amp_upper, R->lip_upper, an, prec);
            arb_get_ubound_arf(hi, R->amp_upper, prec);
            arb_set_arf(R->amp_upper, hi);
            arf_clear(hi);
        }
        else
            arb_indeterminate(R->amp_upper);
        /* the verdict */
        const arb_struct * lo = o->lipschitz_verdict ? R->lip_lower : R->amp_lower;
        const arb_struct * up = o->lipschitz_verdict ? R->lip_upper : R->amp_upper;
        arb_set_d(s, o->threshold);
        if (arb_is_finite(lo) && arb_gt(lo, s))
            R->verdict = KD_STAB_UNSTABLE;
        else if (arb_is_finite(up) && arb_lt(up, s))
            R->verdict = KD_STAB_STABLE;
        else if (F->kind == KD_STAB_EXACT_P3 && !arb_is_finite(R->dpsi))
            R->reason = R->upper_reason != NULL ? R->upper_reason
                        : "the P3 minimiser at y or y + e was not certified";
        else if (!arb_is_finite(R->lip_lower))
            R->reason = "the perturbation e = A r is zero (in the kernel of A, Psi cannot see it)";
        else if (!arb_is_finite(lo))
            R->reason = A != NULL
                        ? "the least-norm preimage A^+ e could not be enclosed (A not of full row rank?)"
                        : "the least-norm preimage A^+ e is not available (orthonormal rows of the operator not proved)";
        else if (!arb_is_finite(up) && R->upper_reason != NULL)
            R->reason = R->upper_reason;
        else if (!arb_is_finite(up))
            R->reason = "no finite Lipschitz upper bound (FIRENET: t ||A|| < 1 not proved)";
        else
            R->reason = "the threshold lies between the certified lower and upper bounds";
        arb_clear(s);
    }
    fmpq_mat_clear(y1);
    arb_mat_clear(X0);
    arb_mat_clear(X1);
    arb_clear(an);
    return st;
}

kd_status
kd_stab_search(kd_stab_result_t R, const kd_stab_map_t F, const kd_mat_t A,
               const fmpq_mat_t y, const fmpq_mat_t x, const kd_stab_opts_t o)
{
    const slong m = F->m, N = F->N;
    _kd_stab_lin Lin;
    double * Ad;
    kd_status st;

    if ((st = check_opts(o)) != KD_OK)
        return st;
    if (kd_mat_nrows(A) != m || kd_mat_ncols(A) != N)
        return kd_error_set(KD_ERR_SIZE, "stability: A is %ld x %ld but the network maps "
                            "R^%ld to R^%ld", (long) kd_mat_nrows(A), (long) kd_mat_ncols(A),
                            (long) m, (long) N);
    if ((st = check_shapes(F, y, x)) != KD_OK)
        return st;
    Ad = flint_malloc((size_t) (m * N) * sizeof(double));
    if ((st = kd_stab_mat_get_d(Ad, A, 128)) == KD_OK)
    {
        Lin.m = m;
        Lin.N = N;
        Lin.A = Ad;
        Lin.op = NULL;
        st = search_core(R, F, &Lin, A, y, x, o);
    }
    flint_free(Ad);
    return st;
}

kd_status
kd_stab_search_op(kd_stab_result_t R, const kd_stab_map_t F, const fmpq_mat_t y,
                  const fmpq_mat_t x, const kd_stab_opts_t o)
{
    _kd_stab_lin Lin;
    kd_status st;

    if ((st = check_opts(o)) != KD_OK)
        return st;
    if (F->op == NULL)
        return kd_error_set(KD_ERR_ARG, "stability: the map is not on a matrix-free operator");
    if (o->subspace != KD_STAB_SUB_ALL && !F->op_orthonormal)
        return kd_error_set(KD_ERR_ARG, "stability: --subspace %s needs the projection onto "
                            "ker(A), I - A^T A, which needs A A^T = I; not proved for this "
                            "operator", kd_stab_subspace_name(o->subspace));
    if ((st = check_shapes(F, y, x)) != KD_OK)
        return st;
    _kd_stab_lin_of_map(&Lin, F);
    return search_core(R, F, &Lin, NULL, y, x, o);
}

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kd_dln_run: the whole `kdigits dln` computation (limits, flows, rates,
   selection) measured against the certified BP solution set. */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "kdigits/real.h"
#include "kdigits/lp.h"
#include "kdigits/util.h"

void
kd_dln_opts_init(kd_dln_opts_t o)
{
    memset(o, 0, sizeof *o);
    o->ndepth = 1;
    o->depths = flint_malloc(sizeof(slong));
    o->depths[0] = 2;
    o->nalpha = 0;
    o->alphas = NULL;
    kd_dln_opts_set_alphas(o, "2^-1,2^-4");
    kd_dln_flow_opts_init(&o->fopts);
    o->flow_err_est = 1;
    o->prec = 128;
    o->prec_max = 16384;
    o->level_max = 4096;
    o->flow_level = 60;
}

void
kd_dln_opts_clear(kd_dln_opts_t o)
{
    slong i;
    for (i = 0; i < o->nalpha; i++)
        fmpq_clear(o->alphas + i);
    flint_free(o->alphas);
    flint_free(o->depths);
}

kd_status
kd_dln_opts_set_alphas(kd_dln_opts_t o, const char * list)
{
    slong n = 1, i;
    const char * p;
    char buf[256];
    fmpq * a;
    kd_real_t r;
    kd_status st = KD_OK;
    for (p = list; *p; p++)
        n += *p == ',';
    a = flint_malloc(n * sizeof(fmpq));
    for (i = 0; i < n; i++)
        fmpq_init(a + i);
    kd_real_init(r);
    for (i = 0, p = list; i < n && st == KD_OK; i++)
    {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof buf)
        {
            st = kd_error_set(KD_ERR_ARG, "--alpha: empty or too long item in '%s'", list);
            break;
        }
        memcpy(buf, p, len);
        buf[len] = '\0';
        p += len + (p[len] == ',');
        if ((st = kd_real_parse(r, buf)) != KD_OK)
            kd_error_prefix("--alpha");
        else if (!kd_real_get_fmpq(a + i, r))
            st = kd_error_set(KD_ERR_ARG, "--alpha: '%s' is not an exact rational", buf);
        else if (fmpq_sgn(a + i) <= 0 || fmpq_cmp_ui(a + i, 1) > 0)
            st = kd_error_set(KD_ERR_ARG, "--alpha: '%s' is not in (0, 1]", buf);
        else if (fmpz_bits(fmpq_denref(a + i)) > KD_DLN_ALPHA_BITS + 1
                 || fmpz_bits(fmpq_numref(a + i)) > KD_DLN_ALPHA_BITS + 1)
            /* the limit's precision grows like (D - 2) log2(1/alpha) */
            st = kd_error_set(KD_ERR_ARG, "--alpha: '%s' has more than %d bits (alpha >= 2^-%d "
                              "and plain fractions only)", buf, KD_DLN_ALPHA_BITS, KD_DLN_ALPHA_BITS);
    }
    kd_real_clear(r);
    if (st != KD_OK)
    {
        for (i = 0; i < n; i++)
            fmpq_clear(a + i);
        flint_free(a);
        return st;
    }
    for (i = 0; i < o->nalpha; i++)
        fmpq_clear(o->alphas + i);
    flint_free(o->alphas);
    o->alphas = a;
    o->nalpha = n;
    return KD_OK;
}

kd_status
kd_dln_opts_set_depths(kd_dln_opts_t o, const slong * D, slong n)
{
    slong i;
    if (n < 1)
        return kd_error_set(KD_ERR_ARG, "--depth: at least one depth");
    for (i = 0; i < n; i++)
        if (D[i] < 2 || D[i] > 64)
            return kd_error_set(KD_ERR_ARG, "--depth: %ld is not in [2, 64]", (long) D[i]);
    o->depths = flint_realloc(o->depths, n * sizeof(slong));
    memcpy(o->depths, D, n * sizeof(slong));
    o->ndepth = n;
    return KD_OK;
}

void
kd_dln_report_init(kd_dln_report_t R)
{
    memset(R, 0, sizeof *R);
    kd_truth_set_init(&R->truth, 0);
    fmpq_mat_init(&R->bp_x, 0, 0);
    arb_init(&R->rho);
    arb_init(&R->sel_min_sep);
    R->sel_distinct = KD_UNKNOWN;
}

void
kd_dln_report_clear(kd_dln_report_t R)
{
    slong i;
    for (i = 0; i < R->nrows; i++)
    {
        kd_dln_row_struct * w = R->rows + i;
        fmpq_clear(&w->alpha);
        arb_mat_clear(&w->x_limit);
        kd_dln_measure_clear(&w->lim);
        fmpq_mat_clear(&w->x_flow);
        kd_dln_measure_clear(&w->flow);
        arb_clear(&w->flow_to_limit);
    }
    flint_free(R->rows);
    for (i = 0; i < R->nrates; i++)
    {
        arb_clear(&R->rates[i].fit);
        arb_clear(&R->rates[i].last_secant);
        arb_clear(&R->rates[i].predicted);
    }
    flint_free(R->rates);
    for (i = 0; i < R->nsel; i++)
    {
        arb_mat_clear(&R->sel[i].x);
        arb_clear(&R->sel[i].face_dist);
        arb_clear(&R->sel[i].limit_dist);
    }
    flint_free(R->sel);
    kd_truth_set_clear(&R->truth);
    fmpq_mat_clear(&R->bp_x);
    arb_clear(&R->rho);
    arb_clear(&R->sel_min_sep);
}

/* alpha as short text: 2^-k for a power of two, p/q when it fits, else a
   decimal (marked ~). */
void
_kd_dln_alpha_str(char * buf, size_t size, const fmpq_t a)
{
    char * s;
    if (fmpz_is_one(fmpq_numref(a)) && (slong) fmpz_val2(fmpq_denref(a)) == (slong) fmpz_bits(fmpq_denref(a)) - 1)
    {
        snprintf(buf, size, "2^-%ld", (long) fmpz_bits(fmpq_denref(a)) - 1);
        return;
    }
    s = kd_fmpq_get_str(a);
    if (strlen(s) < size)
        snprintf(buf, size, "%s", s);
    else
    {
        flint_free(s);
        s = kd_fmpq_get_decimal(a, 10);
        snprintf(buf, size, "~%s", s);
    }
    flint_free(s);
}

static void
dist_arb(arb_t d, const arb_mat_t a, const arb_mat_t b, slong prec)
{
    arb_mat_t t;
    arb_mat_init(t, arb_mat_nrows(a), 1);
    arb_mat_sub(t, a, b, prec);
    _kd_dln_norm2(d, t, prec);
    arb_mat_clear(t);
}

/* The certified limit of one row. */
static void
row_limit(kd_dln_row_struct * w, const kd_problem_t P, const kd_truth_set_t T,
          const kd_dln_opts_t o)
{
    arb_t alpha;
    arb_mat_t A, y, mu;
    slong p0;
    arb_init(alpha);
    arb_set_fmpq(alpha, &w->alpha, 64);
    p0 = kd_dln_limit_prec(w->D, alpha, o->prec);
    arb_mat_init(A, P->m, P->N);
    arb_mat_init(y, P->m, 1);
    arb_mat_init(mu, P->m, 1);
    /* the data at 4 p0 bits: the working precision may double twice */
    arb_set_fmpq(alpha, &w->alpha, 4 * p0);
    w->limit_status = _kd_dln_data_arb(A, y, P, 4 * p0);
    if (w->limit_status == KD_OK)
        w->limit_status = kd_dln_limit(&w->x_limit, mu, &w->limit_prec, A, y, w->D, alpha,
                                       o->prec, FLINT_MIN(4 * p0, FLINT_MAX(o->prec_max, p0)));
    if (w->limit_status == KD_OK)
        kd_dln_measure(&w->lim, T, P, &w->x_limit, w->limit_prec);
    arb_clear(alpha);
    arb_mat_clear(A);
    arb_mat_clear(y);
    arb_mat_clear(mu);
}

/* ||a - b||_2 of two exact columns, rounded up to a double. */
static double
dist_fmpq_d(const fmpq_mat_t a, const fmpq_mat_t b, slong prec)
{
    arb_mat_t u, v;
    arb_t d;
    double r;
    arb_mat_init(u, fmpq_mat_nrows(a), 1);
    arb_mat_init(v, fmpq_mat_nrows(b), 1);
    arb_init(d);
    arb_mat_set_fmpq_mat(u, a, prec);
    arb_mat_set_fmpq_mat(v, b, prec);
    dist_arb(d, u, v, prec);
    r = arf_get_d(arb_midref(d), ARF_RND_UP);
    arb_mat_clear(u);
    arb_mat_clear(v);
    arb_clear(d);
    return r;
}

/* ||H A^T (A H A^T)^{-1} (A x - y)||_2 in balls at prec (the linearised
   remaining path of the flow, see row_flow_estimate), rounded up; -1 when
   A H A^T is not proved invertible. */
static double
flow_tail(const kd_qproblem_t Q, const fmpq_mat_t x, const fmpq_mat_t H, slong prec)
{
    slong m = fmpq_mat_nrows(Q->A), N = fmpq_mat_ncols(Q->A), i, j;
    arb_mat_t A, AH, M, r, z, d;
    arb_t t;
    double res = -1;
    fmpq_mat_t rq;
    fmpq_mat_init(rq, m, 1);
    fmpq_mat_mul(rq, Q->A, x);
    fmpq_mat_sub(rq, rq, Q->y);
    arb_mat_init(A, m, N);
    arb_mat_init(AH, m, N);
    arb_mat_init(M, m, m);
    arb_mat_init(r, m, 1);
    arb_mat_init(z, m, 1);
    arb_mat_init(d, N, 1);
    arb_init(t);
    arb_mat_set_fmpq_mat(A, Q->A, prec);
    arb_mat_set_fmpq_mat(r, rq, prec);
    for (j = 0; j < N; j++)
    {
        arb_set_fmpq(t, fmpq_mat_entry(H, j, 0), prec);
        for (i = 0; i < m; i++)
            arb_mul(arb_mat_entry(AH, i, j), arb_mat_entry(A, i, j), t, prec);
    }
    if (arb_mat_is_zero(r))
        res = 0;
    else
    {
        arb_mat_t At;
        arb_mat_init(At, N, m);
        arb_mat_transpose(At, A);
        arb_mat_mul(M, AH, At, prec);
        if (arb_mat_solve(z, M, r, prec))
        {
            arb_mat_transpose(At, AH);
            arb_mat_mul(d, At, z, prec);
            _kd_dln_norm2(t, d, prec);
            res = arf_get_d(arb_midref(t), ARF_RND_UP);
        }
        arb_mat_clear(At);
    }
    fmpq_mat_clear(rq);
    arb_mat_clear(A);
    arb_mat_clear(AH);
    arb_mat_clear(M);
    arb_mat_clear(r);
    arb_mat_clear(z);
    arb_mat_clear(d);
    arb_clear(t);
    return res;
}

/* The two estimates of the flow's error (dln.md §6), neither proved.
   The step error ||x_h(T) - x(T)|| by Richardson extrapolation with the
   observed order: d1 = ||x_h - x_{h/2}||, d2 = ||x_{h/2} - x_{h/4}||,
   r = d1/d2 (about 2^p: p = 1 Euler, 4 RK4); the errors then decrease
   geometrically by r per halving and e_h = d1 + e_{h/2} = d1 + d2 r/(r - 1).
   disc < 0 when r <= 1 (h is not in the asymptotic range).
   The finite-time error ||x(T) - x_inf|| by the flow linearised at T:
   x' = -H A^T r with r = A x - y and the metric H frozen gives
   r' = -(A H A^T) r and the remaining path H A^T (A H A^T)^{-1} r(T) (a
   Newton step on the manifold the flow moves on). tail < 0 when that
   system is not solved. */
static void
row_flow_estimate(kd_dln_row_struct * w, const kd_problem_t P, const kd_qproblem_t Q,
                  const kd_dln_opts_t o, const fmpq_mat_t H, slong prec)
{
    kd_dln_flow_opts_t hh;
    fmpq_mat_t x2, x4;
    fmpq_t alpha;
    double d1, d2, r;
    int ok;
    fmpq_mat_init(x2, P->N, 1);
    fmpq_mat_init(x4, P->N, 1);
    fmpq_init(alpha);
    fmpq_set(alpha, &w->alpha);
    *hh = o->fopts;
    hh->h = o->fopts.h / 2;
    ok = kd_dln_flow(x2, NULL, Q->A, Q->y, w->D, alpha, hh) == KD_OK;
    hh->h = o->fopts.h / 4;
    ok = ok && kd_dln_flow(x4, NULL, Q->A, Q->y, w->D, alpha, hh) == KD_OK;
    if (ok)
    {
        d1 = dist_fmpq_d(&w->x_flow, x2, prec);
        d2 = dist_fmpq_d(x2, x4, prec);
        r = d2 > 0 ? d1 / d2 : HUGE_VAL;
        w->flow_order = d2 > 0 && d1 > 0 ? log2(r) : 0;
        if (r > 1)
            w->flow_err_disc = isfinite(r) ? d1 + d2 * r / (r - 1) : d1;
    }
    fmpq_mat_clear(x2);
    fmpq_mat_clear(x4);
    fmpq_clear(alpha);
    w->flow_err_tail = flow_tail(Q, &w->x_flow, H, prec);
    if (w->flow_err_disc >= 0 && w->flow_err_tail >= 0)
        w->flow_err_est = w->flow_err_disc + w->flow_err_tail;
}

/* The integrated flow of one row (and, for the estimates, its twins with
   h/2 and h/4 and the flow's metric at T). */
static void
row_flow(kd_dln_row_struct * w, const kd_problem_t P, const kd_truth_set_t T,
         const kd_qproblem_t Q, const kd_dln_opts_t o)
{
    arb_mat_t xf;
    fmpq_mat_t H;
    fmpq_t alpha;
    slong prec = FLINT_MAX(o->fopts.prec, 64) + 64;
    fmpq_mat_init(H, P->N, 1);
    w->flow_run = 1;
    fmpq_mat_clear(&w->x_flow);
    fmpq_mat_init(&w->x_flow, P->N, 1);
    fmpq_init(alpha);
    fmpq_set(alpha, &w->alpha);
    w->flow_status = _kd_dln_flow_cp(&w->x_flow, &w->flow_steps, Q->A, Q->y, w->D, alpha,
                                     &o->fopts, o->flow_err_est ? H : NULL);
    fmpq_clear(alpha);
    if (w->flow_status != KD_OK)
        snprintf(w->flow_error, sizeof w->flow_error, "%s", kd_error_message());
    else
    {
        arb_mat_init(xf, P->N, 1);
        arb_mat_set_fmpq_mat(xf, &w->x_flow, prec);
        kd_dln_measure(&w->flow, T, P, xf, prec);
        if (w->limit_status == KD_OK)
            dist_arb(&w->flow_to_limit, xf, &w->x_limit, prec);
        arb_mat_clear(xf);
        if (o->flow_err_est)
            row_flow_estimate(w, P, Q, o, H, prec);
    }
    fmpq_mat_clear(H);
}

/* The off-support slack rho of the dual certificate when the certificate
   is unique: when the columns S of A on the supports of the minimisers x
   (and x2, a second one on a face) have rank m, A_S^T v = sign(x_S)
   determines v; rho = max |a_j^T v| over the columns off the
   equality set E of the face (dln.md §3). Not set when E has a column that
   is zero on all of Xi (a degenerate unique minimiser) or E is everything. */
static void
dual_slack(kd_dln_report_t R, const kd_qproblem_t Q)
{
    kd_bp_result_t bp;
    slong i, j, ns = 0, off = 0, rank = 0;
    fmpq_t s, mx;
    fmpq_mat_t AS;
    kd_bp_result_init(bp);
    fmpq_init(s);
    fmpq_init(mx);
    if (kd_bp_solve_exact(bp, Q->A, Q->y, NULL) == KD_OK)
    {
        fmpq_mat_clear(&R->bp_x);
        fmpq_mat_init_set(&R->bp_x, &bp->x);
        fmpq_mat_init(AS, R->m, R->N);
        for (j = 0; j < R->N; j++)
            if (!fmpq_is_zero(fmpq_mat_entry(&bp->x, j, 0))
                || (bp->unique == KD_FALSE && !fmpq_is_zero(fmpq_mat_entry(&bp->x2, j, 0))))
            {
                for (i = 0; i < R->m; i++)
                    fmpq_set(fmpq_mat_entry(AS, i, ns), fmpq_mat_entry(Q->A, i, j));
                ns++;
            }
        rank = fmpq_mat_rref(AS, AS);
        fmpq_mat_clear(AS);
        if (rank == R->m && !(bp->unique == KD_TRUE && bp->face.len > ns))
        {
            for (j = 0; j < R->N; j++)
            {
                fmpq_zero(s);
                for (i = 0; i < R->m; i++)
                    fmpq_addmul(s, fmpq_mat_entry(Q->A, i, j), fmpq_mat_entry(&bp->v, i, 0));
                fmpq_abs(s, s);
                if (fmpq_is_one(s))
                    continue;
                off++;
                if (fmpq_cmp(s, mx) > 0)
                    fmpq_set(mx, s);
            }
            R->dual_known = off > 0;
            arb_set_fmpq(&R->rho, mx, 128);
        }
    }
    fmpq_clear(s);
    fmpq_clear(mx);
    kd_bp_result_clear(bp);
}

/* Least-squares slope of log dist against log alpha over the rows of one
   depth with a distance proved positive, and the last secant. */
static void
fit_rate(kd_dln_rate_struct * r, const kd_dln_row_struct * rows, slong n, const arb_t rho,
         int dual_known)
{
    slong i, k = 0, prec = 128;
    arb_ptr X = _arb_vec_init(n), Y = _arb_vec_init(n);
    arb_t mx, my, sxy, sxx, t;
    arb_init(mx);
    arb_init(my);
    arb_init(sxy);
    arb_init(sxx);
    arb_init(t);
    for (i = 0; i < n; i++)
        if (rows[i].limit_status == KD_OK && arb_is_positive(&rows[i].lim.dist))
        {
            arb_set_fmpq(X + k, &rows[i].alpha, prec);
            arb_log(X + k, X + k, prec);
            arb_log(Y + k, &rows[i].lim.dist, prec);
            arb_add(mx, mx, X + k, prec);
            arb_add(my, my, Y + k, prec);
            k++;
        }
    arb_indeterminate(&r->fit);
    arb_indeterminate(&r->last_secant);
    if (k >= 2)
    {
        arb_div_si(mx, mx, k, prec);
        arb_div_si(my, my, k, prec);
        for (i = 0; i < k; i++)
        {
            arb_sub(t, X + i, mx, prec);
            arb_addmul(sxx, t, t, prec);
            arb_sub(Y + i, Y + i, my, prec);
            arb_addmul(sxy, t, Y + i, prec);
        }
        arb_div(&r->fit, sxy, sxx, prec);
        arb_add(Y + k - 1, Y + k - 1, my, prec);
        arb_add(Y + k - 2, Y + k - 2, my, prec);
        arb_sub(t, Y + k - 1, Y + k - 2, prec);
        arb_sub(sxx, X + k - 1, X + k - 2, prec);
        arb_div(&r->last_secant, t, sxx, prec);
    }
    r->predicted_known = 0;
    if (r->D > 2 && dual_known)
    {
        r->predicted_known = 1;
        arb_set_si(&r->predicted, r->D);
        snprintf(r->predicted_why, sizeof r->predicted_why,
                 "D (unique strict certificate: off-face entries ~ alpha^D; dln.md §3)");
    }
    else if (dual_known)
    {
        arb_sub_ui(&r->predicted, rho, 1, prec);
        arb_mul_si(&r->predicted, &r->predicted, -2, prec);
        r->predicted_known = 1;
        snprintf(r->predicted_why, sizeof r->predicted_why,
                 "2 (1 - rho) (off-face entries ~ alpha^(2(1 - rho)); dln.md §3)");
    }
    else
        snprintf(r->predicted_why, sizeof r->predicted_why, "not predicted: the dual "
                 "certificate is not unique, degenerate, or has no column off the face");
    if (k < 2)
        snprintf(r->predicted_why + strlen(r->predicted_why),
                 sizeof r->predicted_why - strlen(r->predicted_why),
                 "; fewer than two distances proved > 0");
    _arb_vec_clear(X, n);
    _arb_vec_clear(Y, n);
    arb_clear(mx);
    arb_clear(my);
    arb_clear(sxy);
    arb_clear(sxx);
    arb_clear(t);
}

/* The selected points on a face of minimisers and their separations. */
static void
selection(kd_dln_report_t R, const kd_problem_t P, const kd_dln_opts_t o)
{
    slong i, j, prec = 256;
    arb_t d;
    arb_init(d);
    R->nsel = o->ndepth;
    R->sel = flint_calloc(R->nsel, sizeof(kd_dln_select_struct));
    R->sel_distinct = KD_TRUE;
    arb_pos_inf(&R->sel_min_sep);
    for (i = 0; i < R->nsel; i++)
    {
        kd_dln_select_struct * s = R->sel + i;
        kd_dln_measure_t M;
        const kd_dln_row_struct * last = R->rows + i * o->nalpha + o->nalpha - 1;
        s->D = o->depths[i];
        arb_mat_init(&s->x, R->N, 1);
        arb_init(&s->face_dist);
        arb_init(&s->limit_dist);
        arb_indeterminate(&s->face_dist);
        arb_indeterminate(&s->limit_dist);
        if (o->progress)
            o->progress(i + 1, R->nsel, "selected point");
        s->status = kd_dln_select(&s->x, R->truth.face, s->D, prec, o->prec_max);
        if (s->status != KD_OK)
            continue;
        kd_dln_measure_init(M);
        if (kd_dln_measure(M, &R->truth, P, &s->x, prec) == KD_OK)
            arb_set(&s->face_dist, &M->dist);
        kd_dln_measure_clear(M);
        if (last->limit_status == KD_OK)
            dist_arb(&s->limit_dist, &last->x_limit, &s->x, prec);
    }
    for (i = 0; i < R->nsel; i++)
        for (j = i + 1; j < R->nsel; j++)
        {
            if (R->sel[i].status != KD_OK || R->sel[j].status != KD_OK)
            {
                R->sel_distinct = KD_UNKNOWN;
                continue;
            }
            dist_arb(d, &R->sel[i].x, &R->sel[j].x, prec);
            if (!arb_is_positive(d) && R->sel_distinct == KD_TRUE)
                R->sel_distinct = KD_UNKNOWN;
            if (arf_cmp(arb_midref(d), arb_midref(&R->sel_min_sep)) < 0)
                arb_set(&R->sel_min_sep, d);
        }
    arb_clear(d);
}

kd_status
kd_dln_run(kd_dln_report_t R, const kd_problem_t P, const kd_dln_opts_t o)
{
    kd_qproblem_t Q;
    kd_status st;
    slong i, a, total;
    int rational;
    if (P->kind != KD_PROBLEM_BP || P->is_complex || !P->has_data)
        return kd_error_set(KD_ERR_ARG, "dln: needs a real basis-pursuit problem with exact data");
    R->m = P->m;
    R->N = P->N;
    rational = kd_problem_is_rational(P);
    if (o->progress)
        o->progress(0, 0, "certifying the BP solution set");
    kd_truth_set_clear(&R->truth);
    kd_truth_set_init(&R->truth, P->N);
    if ((st = kd_truth_set_compute(&R->truth, P, o->level_max, o->prec)) != KD_OK)
        return st;
    R->flow_data_level = rational ? -1 : o->flow_level;
    if ((st = kd_qproblem_init(Q, P, R->flow_data_level)) != KD_OK)
        return st;
    if (rational)
        dual_slack(R, Q);
    R->nrows = o->ndepth * o->nalpha;
    R->rows = flint_calloc(R->nrows, sizeof(kd_dln_row_struct));
    total = R->nrows;
    for (i = 0; i < o->ndepth; i++)
        for (a = 0; a < o->nalpha; a++)
        {
            kd_dln_row_struct * w = R->rows + i * o->nalpha + a;
            w->D = o->depths[i];
            fmpq_init(&w->alpha);
            fmpq_set(&w->alpha, o->alphas + a);
            _kd_dln_alpha_str(w->alpha_str, sizeof w->alpha_str, o->alphas + a);
            arb_mat_init(&w->x_limit, P->N, 1);
            kd_dln_measure_init(&w->lim);
            fmpq_mat_init(&w->x_flow, 0, 0);
            kd_dln_measure_init(&w->flow);
            arb_init(&w->flow_to_limit);
            arb_indeterminate(&w->flow_to_limit);
            w->flow_err_est = w->flow_err_disc = w->flow_err_tail = -1;
            w->flow_order = 0;
            if (o->progress)
            {
                char what[96];
                snprintf(what, sizeof what, "D = %ld, alpha = %s", (long) w->D, w->alpha_str);
                o->progress(i * o->nalpha + a + 1, total, what);
            }
            row_limit(w, P, &R->truth, o);
            if (o->flow)
                row_flow(w, P, &R->truth, Q, o);
        }
    kd_qproblem_clear(Q);
    if (o->rates)
    {
        R->nrates = o->ndepth;
        R->rates = flint_calloc(R->nrates, sizeof(kd_dln_rate_struct));
        for (i = 0; i < o->ndepth; i++)
        {
            kd_dln_rate_struct * r = R->rates + i;
            r->D = o->depths[i];
            r->nalpha = o->nalpha;
            arb_init(&r->fit);
            arb_init(&r->last_secant);
            arb_init(&r->predicted);
            fit_rate(r, R->rows + i * o->nalpha, o->nalpha, &R->rho, R->dual_known);
        }
    }
    if (o->select)
    {
        if (R->truth.found == KD_TRUE && R->truth.has_face && R->truth.unique == KD_FALSE)
            selection(R, P, o);
        else
            snprintf(R->note, sizeof R->note, "selection: Xi is %s, not a face of several "
                     "minimisers known exactly; nothing to select",
                     R->truth.unique == KD_TRUE ? "a single point" : "not known as a face");
    }
    return KD_OK;
}

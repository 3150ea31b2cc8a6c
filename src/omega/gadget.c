/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The Table-1 phase-transition gadget as exact data, its exact minimiser
   sets (a point or the tie simplex), certified distances to them and a ball
   check of the dual certificates that prove them (theory.md §4). */
#include <stdlib.h>
#include "internal.h"

void
kd_omega_init(kd_omega_t G)
{
    G->kind = KD_PROBLEM_P3;
    G->K = 0;
    G->n = 0;
    G->N1 = 0;
    G->N2 = 0;
    G->j = KD_OMEGA_TIE;
    G->dct = 0;
    G->m = 0;
    G->N = 0;
    kd_real_init(G->param);
    kd_real_init(G->a0);
    kd_real_init(G->eps);
    kd_real_init(G->amax);
    kd_real_init(G->c);
    kd_real_init(G->tau);
    kd_mat_init(G->D, 0, 0);
    kd_mat_init(G->A, 0, 0);
    kd_mat_init(G->y, 0, 0);
    G->nvert = 0;
    G->vert = NULL;
}

void
kd_omega_clear(kd_omega_t G)
{
    kd_real_clear(G->param);
    kd_real_clear(G->a0);
    kd_real_clear(G->eps);
    kd_real_clear(G->amax);
    kd_real_clear(G->c);
    kd_real_clear(G->tau);
    kd_mat_clear(G->D);
    kd_mat_clear(G->A);
    kd_mat_clear(G->y);
    flint_free(G->vert);
    G->vert = NULL;
    G->nvert = 0;
}

/* r = 10^K / 3 as an exact rational (K may be negative). */
static void
ten_pow_third(fmpq_t r, slong K)
{
    fmpz_t t, u;
    fmpz_init(t);
    fmpz_init_set_ui(u, 3);
    fmpz_ui_pow_ui(t, 10, (ulong) (K >= 0 ? K : -K));
    if (K < 0)
    {
        fmpz_mul_ui(u, t, 3);
        fmpz_one(t);
    }
    fmpq_set_fmpz_frac(r, t, u);
    fmpz_clear(t);
    fmpz_clear(u);
}

/* *ok = 1 when x > 0 is proved; errors when proved <= 0 (message names what)
   or undecided. */
static kd_status
need_positive(const kd_real_t x, const char * what, slong prec_cap)
{
    int sgn;
    kd_status st = kd_real_sign(&sgn, x, prec_cap);
    if (st != KD_OK)
        return st;
    if (sgn <= 0)
        return kd_error_set(KD_ERR_ARG, "omega gadget: %s must be > 0", what);
    return KD_OK;
}

kd_status
_kd_omega_unit(kd_mat_t x, slong N, slong col, const kd_real_t tau)
{
    kd_status st = kd_mat_resize(x, N, 1);
    if (st == KD_OK)
        kd_mat_set_entry_real(x, col, 0, tau);
    return st;
}

/* The closed forms. Write the data without D (D is orthogonal and acts on
   rows only, so it changes neither the objective nor the minimisers:
   ||DAx - Dy|| = ||Ax - y||). With x = (t, z), t in R^{N1}, z in R^{N2}:
     ||Ax - y||^2 = (a^T t - 1)^2 + c^2 ||z||^2,  ||x||_1 = ||t||_1 + ||z||_1.
   Let a_max = max a_i and J = argmax (= {j}, or everything at the tie).
   Since a_i > 0, ||t||_1 >= a^T t / a_max with equality iff t >= 0 is
   supported on J.
   P3 (a_max > lambda): for v = (1/a_max) e_1 (the certificate q = D v in
   the DCT'd data), A^T v = (a/a_max, 0) so ||x||_1 >= <A^T v, x> =
   <v, Ax - y> + <v, y> >= -||Ax - y||/a_max + 1/a_max, hence
   f(x) >= lambda/a_max + (1 - lambda/a_max) ||Ax - y|| >= lambda/a_max
   = f(tau e_i) for i in J (tau = 1/a_max). Equality forces Ax = y (as
   lambda/a_max < 1) and equality in the l1 bound: z = 0, t >= 0 on J,
   a^T t = 1, i.e. sum_{i in J} t_i = 1/a_max. So Xi = conv{tau e_i}.
   BP: the same with lambda = 0 and the constraint Ax = y.
   P2 (2 a_max > lambda): z != 0 only increases both terms, so z = 0; with
   s = a^T t, lambda ||t||_1 >= lambda s/a_max, and the one-variable
   problem min lambda s/a_max + (s - 1)^2 has the unique root
   s = 1 - lambda/(2 a_max) > 0, attained with equality in the l1 bound iff
   t >= 0 on J, sum t_i = s/a_max = tau.
   P1 (0 <= eta < 1): the constraint reads (a^T t - 1)^2 + c^2||z||^2 <=
   eta^2, so a^T t >= 1 - eta, ||x||_1 >= ||t||_1 >= (1 - eta)/a_max with
   equality iff z = 0, t >= 0 on J, a^T t = 1 - eta: sum t_i = tau. */
kd_status
kd_omega_set(kd_omega_t G, kd_problem_kind kind, const kd_real_t param, slong K, slong n,
             slong N1, slong N2, slong j, int dct, slong prec_cap)
{
    kd_status st = KD_OK;
    kd_real_t s2, t, u;
    kd_mat_t A0;
    fmpq_t r, q;
    slong i, m, N;

    kd_omega_clear(G);
    kd_omega_init(G);
    if (kind != KD_PROBLEM_P1 && kind != KD_PROBLEM_P2 && kind != KD_PROBLEM_P3
        && kind != KD_PROBLEM_BP)
        return kd_error_set(KD_ERR_ARG, "omega gadget: unknown problem kind");
    if (kind != KD_PROBLEM_BP && param == NULL)
        return kd_error_set(KD_ERR_ARG, "omega gadget: %s needs a parameter",
                            kd_problem_kind_name(kind));
    if (N1 < 2 || N2 < 1 || N1 > KD_OMEGA_DIM_MAX || N2 > KD_OMEGA_DIM_MAX)
        return kd_error_set(KD_ERR_ARG, "omega gadget: need N1 >= 2 and N2 >= 1 (got %ld, %ld)",
                            N1, N2);
    if (K < -KD_OMEGA_K_MAX || K > KD_OMEGA_K_MAX)
        return kd_error_set(KD_ERR_ARG, "omega gadget: |K| must be <= %d", KD_OMEGA_K_MAX);
    if (j != KD_OMEGA_TIE && (j < 0 || j >= N1))
        return kd_error_set(KD_ERR_ARG, "omega gadget: column j = %ld outside [0, %ld)", j, N1);
    if (j != KD_OMEGA_TIE && (st = kd_check_level(n)) != KD_OK)
        return st;
    if ((st = kd_check_prec_cap(prec_cap)) != KD_OK)
        return st;

    m = N2 + 1;
    N = N1 + N2;
    kd_real_init(s2);
    kd_real_init(t);
    kd_real_init(u);
    fmpq_init(r);
    fmpq_init(q);
    kd_mat_init(A0, 0, 0);

    G->kind = kind;
    G->K = K;
    G->n = (j == KD_OMEGA_TIE) ? 0 : n;
    G->N1 = N1;
    G->N2 = N2;
    G->j = j;
    G->dct = dct != 0;
    G->m = m;
    G->N = N;
    if (kind == KD_PROBLEM_BP)
        kd_real_zero(G->param);
    else
        kd_real_set(G->param, param);

    /* a0 = sqrt(2) * (10^K / 3), so a0^2 = 2 (10^K/3)^2 is rational */
    ten_pow_third(r, K);
    kd_real_set_si(t, 2);
    st = kd_real_sqrt(s2, t);
    kd_real_mul_fmpq(G->a0, s2, r);
    if (j == KD_OMEGA_TIE)
        kd_real_zero(G->eps);
    else
        kd_real_set_2exp(G->eps, -(n + 1));
    kd_real_add(G->amax, G->a0, G->eps);

    /* c^2 = N1 a0^2 + 2 eps a0 + eps^2 (the raised entry is a0 + eps) */
    fmpq_mul(q, r, r);
    fmpq_mul_si(q, q, 2 * N1);
    kd_real_set_fmpq(t, q);
    if (j != KD_OMEGA_TIE)
    {
        kd_real_mul(u, G->eps, G->eps);
        kd_real_add(t, t, u);
        kd_real_mul(u, G->eps, G->a0);
        kd_real_add(t, t, u);
        kd_real_add(t, t, u);
    }
    if (st == KD_OK)
        st = kd_real_sqrt(G->c, t);

    /* the closed form's hypotheses, then tau */
    if (st == KD_OK && (kind == KD_PROBLEM_P2 || kind == KD_PROBLEM_P3))
        st = need_positive(G->param, "lambda", prec_cap);
    if (st == KD_OK && kind == KD_PROBLEM_P3)
    {
        kd_real_sub(t, G->a0, G->param);
        st = need_positive(t, "a0 - lambda (the gadget needs a0 > lambda)", prec_cap);
    }
    if (st == KD_OK && kind == KD_PROBLEM_P2)
    {
        kd_real_add(t, G->a0, G->a0);
        kd_real_sub(t, t, G->param);
        st = need_positive(t, "2 a0 - lambda", prec_cap);
    }
    if (st == KD_OK && kind == KD_PROBLEM_P1)
    {
        int sgn;
        st = kd_real_sign(&sgn, G->param, prec_cap);
        if (st == KD_OK && sgn < 0)
            st = kd_error_set(KD_ERR_ARG, "omega gadget: eta must be >= 0");
        kd_real_one(t);
        kd_real_sub(t, t, G->param);
        if (st == KD_OK)
            st = need_positive(t, "1 - eta (the gadget needs eta < 1 = ||y||)", prec_cap);
    }
    if (st == KD_OK)
    {
        kd_real_one(t);
        st = kd_real_div(G->tau, t, G->amax);
    }
    if (st == KD_OK && kind == KD_PROBLEM_P2)
    {
        /* tau = (1/a)(1 - lambda/(2a)) */
        kd_real_add(u, G->amax, G->amax);
        st = kd_real_div(u, G->param, u);
        kd_real_one(t);
        kd_real_sub(t, t, u);
        kd_real_mul(G->tau, G->tau, t);
    }
    if (st == KD_OK && kind == KD_PROBLEM_P1)
    {
        kd_real_one(t);
        kd_real_sub(t, t, G->param);
        kd_real_mul(G->tau, G->tau, t);
    }

    /* the matrices */
    if (st == KD_OK)
        st = kd_mat_resize(A0, m, N);
    if (st == KD_OK)
    {
        for (i = 0; i < N1; i++)
            kd_mat_set_entry_real(A0, 0, i, i == j ? G->amax : G->a0);
        for (i = 0; i < N2; i++)
            kd_mat_set_entry_real(A0, 1 + i, N1 + i, G->c);
        st = dct ? kd_mat_dct2(G->D, m) : kd_mat_identity(G->D, m);
    }
    if (st == KD_OK)
        st = dct ? kd_mat_mul(G->A, G->D, A0) : kd_mat_set(G->A, A0);
    if (st == KD_OK)
        st = kd_mat_resize(G->y, m, 1);
    if (st == KD_OK)
        for (i = 0; i < m; i++)
            kd_mat_set_entry(G->y, i, 0, kd_mat_entry(G->D, i, 0));

    if (st == KD_OK)
    {
        G->nvert = (j == KD_OMEGA_TIE) ? N1 : 1;
        G->vert = flint_malloc(G->nvert * sizeof(slong));
        for (i = 0; i < G->nvert; i++)
            G->vert[i] = (j == KD_OMEGA_TIE) ? i : j;
    }

    kd_real_clear(s2);
    kd_real_clear(t);
    kd_real_clear(u);
    fmpq_clear(r);
    fmpq_clear(q);
    kd_mat_clear(A0);
    if (st != KD_OK)
    {
        kd_omega_clear(G);
        kd_omega_init(G);
    }
    return st;
}

kd_status
kd_omega_paper_aj(kd_real_t aj, slong K, const kd_real_t lambda, const kd_real_t delta, slong n)
{
    kd_real_t gam, rho, eps, u, rmin, t;
    fmpq_t r;
    kd_status st;

    if (K < -KD_OMEGA_K_MAX || K > KD_OMEGA_K_MAX || (st = kd_check_level(n)) != KD_OK)
        return kd_error_set(KD_ERR_ARG, "omega: bad K or n for the paper's a_j");
    kd_real_init(gam);
    kd_real_init(rho);
    kd_real_init(eps);
    kd_real_init(u);
    kd_real_init(rmin);
    kd_real_init(t);
    fmpq_init(r);
    /* gamma = sqrt(2) (1 - delta) 10^K / (3 lambda) */
    kd_real_set_si(t, 2);
    st = kd_real_sqrt(gam, t);
    kd_real_one(rho);
    kd_real_sub(rho, rho, delta);
    kd_real_mul(gam, gam, rho);
    ten_pow_third(r, K);
    kd_real_mul_fmpq(gam, gam, r);
    if (st == KD_OK)
        st = kd_real_div(gam, gam, lambda);
    /* u = eps / (gamma lambda), rho_min = rho / (1 + u rho) */
    kd_real_set_2exp(eps, -(n + 1));
    kd_real_mul(t, gam, lambda);
    if (st == KD_OK)
        st = kd_real_div(u, eps, t);
    kd_real_mul(u, u, rho);
    kd_real_one(t);
    kd_real_add(u, u, t);
    if (st == KD_OK)
        st = kd_real_div(rmin, rho, u);
    /* a_j = gamma lambda / rho_min */
    kd_real_mul(t, gam, lambda);
    if (st == KD_OK)
        st = kd_real_div(aj, t, rmin);
    kd_real_clear(gam);
    kd_real_clear(rho);
    kd_real_clear(eps);
    kd_real_clear(u);
    kd_real_clear(rmin);
    kd_real_clear(t);
    fmpq_clear(r);
    return st;
}

kd_status
kd_omega_problem_init(kd_problem_t P, const kd_omega_t G, slong prec_cap)
{
    return kd_problem_init(P, G->kind, G->A, G->y, NULL,
                           G->kind == KD_PROBLEM_BP ? NULL : G->param, prec_cap);
}

int
kd_omega_is_point(const kd_omega_t G)
{
    return G->j != KD_OMEGA_TIE;
}

kd_status
kd_omega_vertex(kd_mat_t x, const kd_omega_t G, slong i)
{
    if (i < 0 || i >= G->nvert)
        return kd_error_set(KD_ERR_ARG, "omega: vertex %ld outside [0, %ld)", i, G->nvert);
    return _kd_omega_unit(x, G->N, G->vert[i], G->tau);
}

kd_status
kd_omega_minimiser(kd_mat_t x, const kd_omega_t G)
{
    if (!kd_omega_is_point(G))
        return kd_error_set(KD_ERR_ARG, "omega: the tie has a simplex of minimisers, not a point");
    return kd_omega_vertex(x, G, 0);
}

kd_status
_kd_omega_mat_arb(arb_mat_t R, const kd_mat_t A, slong prec)
{
    acb_mat_t C;
    slong i, j;
    kd_status st;
    acb_mat_init(C, A->r, A->c);
    st = kd_mat_eval_acb_mat(C, A, prec);
    if (arb_mat_nrows(R) != A->r || arb_mat_ncols(R) != A->c)
    {
        arb_mat_clear(R);
        arb_mat_init(R, A->r, A->c);
    }
    for (i = 0; i < A->r && st == KD_OK; i++)
        for (j = 0; j < A->c; j++)
            arb_set(arb_mat_entry(R, i, j), acb_realref(acb_mat_entry(C, i, j)));
    acb_mat_clear(C);
    return st;
}

kd_status
kd_omega_eval(arb_mat_t R, arb_mat_t Y, const kd_omega_t G, slong prec)
{
    kd_status st = _kd_omega_mat_arb(R, G->A, prec);
    if (st == KD_OK && Y != NULL)
        st = _kd_omega_mat_arb(Y, G->y, prec);
    return st;
}

void
_kd_omega_arb_mat_norm(arb_t d, const arb_mat_t v, slong prec)
{
    slong i, j;
    arb_zero(d);
    for (i = 0; i < arb_mat_nrows(v); i++)
        for (j = 0; j < arb_mat_ncols(v); j++)
            arb_addmul(d, arb_mat_entry(v, i, j), arb_mat_entry(v, i, j), prec);
    arb_sqrtpos(d, d, prec);
}

int
_kd_omega_contains_zero(const arb_mat_t v, slong prec)
{
    slong i, j;
    for (i = 0; i < arb_mat_nrows(v); i++)
        for (j = 0; j < arb_mat_ncols(v); j++)
        {
            const arb_struct * e = arb_mat_entry(v, i, j);
            if (!arb_contains_zero(e) || mag_cmp_2exp_si(arb_radref(e), -(prec / 2)) > 0)
                return 0;
        }
    return 1;
}

static int
cmp_desc(const void * a, const void * b)
{
    return -fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

/* dist^2 from x (N entries) to conv{t e_i : i in J}, t > 0 rational,
   exactly: off J the coordinates are distance; on J the Euclidean
   projection onto {p >= 0, sum p = t} is p_i = max(x_i - theta, 0) with
   theta from the sorted values (Held-Wolfe-Crowder 1974; Duchi et al.
   2008, Fig. 1). */
static void
dist2_simplex(fmpq_t d2, const fmpq * x, slong N, const slong * J, slong nJ, const fmpq_t t)
{
    fmpq * u = _fmpq_vec_init(nJ);
    fmpq_t S, th, theta, e;
    fmpz_t kk;
    slong i, k;
    char * inJ = flint_calloc(N, 1);

    fmpq_init(S);
    fmpq_init(th);
    fmpq_init(theta);
    fmpq_init(e);
    fmpz_init(kk);
    for (k = 0; k < nJ; k++)
    {
        inJ[J[k]] = 1;
        fmpq_set(u + k, x + J[k]);
    }
    qsort(u, nJ, sizeof(fmpq), cmp_desc);
    /* k = 1 always qualifies: u_1 - (u_1 - t) = t > 0 */
    for (k = 0; k < nJ; k++)
    {
        fmpq_add(S, S, u + k);
        fmpq_sub(th, S, t);
        fmpz_set_si(kk, k + 1);
        fmpq_div_fmpz(th, th, kk);
        fmpq_sub(e, u + k, th);
        if (fmpq_sgn(e) > 0)
            fmpq_set(theta, th);
    }
    fmpq_zero(d2);
    for (i = 0; i < N; i++)
    {
        if (inJ[i])
        {
            /* x_i - p_i = theta if x_i > theta, else x_i */
            if (fmpq_cmp(x + i, theta) > 0)
                fmpq_set(e, theta);
            else
                fmpq_set(e, x + i);
        }
        else
            fmpq_set(e, x + i);
        fmpq_addmul(d2, e, e);
    }
    flint_free(inJ);
    _fmpq_vec_clear(u, nJ);
    fmpq_clear(S);
    fmpq_clear(th);
    fmpq_clear(theta);
    fmpq_clear(e);
    fmpz_clear(kk);
}

/* Why adding rad(tau) is enough: for scales t, tau > 0 and p in t*Delta,
   (tau/t) p lies in tau*Delta at distance |1 - tau/t| ||p||_2 <=
   |1 - tau/t| ||p||_1 = |t - tau|; so the Hausdorff distance of the two
   simplices is <= |t - tau|, and dist(x, .) moves by at most that. */
static kd_status
dist_core(arb_t d, const kd_omega_t G, const fmpq * x, const mag_t xrad, slong prec)
{
    arb_t tb;
    fmpq_t t, d2;
    kd_status st;

    arb_init(tb);
    fmpq_init(t);
    fmpq_init(d2);
    st = kd_real_eval_arb(tb, G->tau, prec);
    if (st == KD_OK)
    {
        arf_get_fmpq(t, arb_midref(tb));
        if (fmpq_sgn(t) <= 0)
            st = kd_error_set(KD_ERR_UNDECIDED, "omega: tau not resolved at %ld bits", prec);
    }
    if (st == KD_OK)
    {
        dist2_simplex(d2, x, G->N, G->vert, G->nvert, t);
        arb_set_fmpq(d, d2, prec);
        arb_sqrtpos(d, d, prec);
        arb_add_error_mag(d, arb_radref(tb));
        if (xrad != NULL)
            arb_add_error_mag(d, xrad);
    }
    arb_clear(tb);
    fmpq_clear(t);
    fmpq_clear(d2);
    return st;
}

kd_status
kd_omega_dist(arb_t d, const kd_omega_t G, const fmpq_mat_t xhat, slong prec)
{
    fmpq * x;
    slong i;
    kd_status st;
    if (fmpq_mat_nrows(xhat) != G->N || fmpq_mat_ncols(xhat) != 1)
        return kd_error_set(KD_ERR_SIZE, "omega: the candidate must be %ld x 1", G->N);
    x = _fmpq_vec_init(G->N);
    for (i = 0; i < G->N; i++)
        fmpq_set(x + i, fmpq_mat_entry(xhat, i, 0));
    st = dist_core(d, G, x, NULL, prec);
    _fmpq_vec_clear(x, G->N);
    return st;
}

/* dist(., Xi) is 1-Lipschitz, so the ball's midpoint answer widened by the
   2-norm of the radii encloses the distance of every point of the ball. */
kd_status
kd_omega_dist_arb(arb_t d, const kd_omega_t G, const arb_mat_t xhat, slong prec)
{
    fmpq * x;
    mag_t r, t;
    slong i;
    kd_status st;
    if (arb_mat_nrows(xhat) != G->N || arb_mat_ncols(xhat) != 1)
        return kd_error_set(KD_ERR_SIZE, "omega: the candidate must be %ld x 1", G->N);
    for (i = 0; i < G->N; i++)
        if (!arb_is_finite(arb_mat_entry(xhat, i, 0)))
            return kd_error_set(KD_ERR_ARG, "omega: the candidate has a non-finite entry");
    x = _fmpq_vec_init(G->N);
    mag_init(r);
    mag_init(t);
    for (i = 0; i < G->N; i++)
    {
        arf_get_fmpq(x + i, arb_midref(arb_mat_entry(xhat, i, 0)));
        mag_mul(t, arb_radref(arb_mat_entry(xhat, i, 0)), arb_radref(arb_mat_entry(xhat, i, 0)));
        mag_add(r, r, t);
    }
    mag_sqrt(r, r);
    st = dist_core(d, G, x, r, prec);
    _fmpq_vec_clear(x, G->N);
    mag_clear(r);
    mag_clear(t);
    return st;
}

void
kd_omega_opnorm_lt(kd_truth * t, const arb_mat_t M, const arb_t b, slong prec)
{
    slong r = arb_mat_nrows(M), c = arb_mat_ncols(M), k = FLINT_MIN(r, c), i;
    arb_mat_t Mt, Gm, L;
    arb_t b2, nrm;

    arb_mat_init(Mt, c, r);
    arb_mat_init(Gm, k, k);
    arb_mat_init(L, k, k);
    arb_init(b2);
    arb_init(nrm);
    arb_mat_transpose(Mt, M);
    if (r <= c)
        arb_mat_mul(Gm, M, Mt, prec);
    else
        arb_mat_mul(Gm, Mt, M, prec);
    /* ||M||^2 = lambda_max(Gm); b^2 I - Gm positive definite <=> ||M|| < b */
    arb_sqr(b2, b, prec);
    arb_mat_neg(Gm, Gm);
    for (i = 0; i < k; i++)
        arb_add(arb_mat_entry(Gm, i, i), arb_mat_entry(Gm, i, i), b2, prec);
    if (k == 0 || arb_mat_cho(L, Gm, prec))
        *t = KD_TRUE;
    else
    {
        /* every row and column of M has 2-norm <= ||M|| */
        slong a, bb;
        *t = KD_UNKNOWN;
        for (i = 0; i < r && *t == KD_UNKNOWN; i++)
        {
            arb_zero(nrm);
            for (a = 0; a < c; a++)
                arb_addmul(nrm, arb_mat_entry(M, i, a), arb_mat_entry(M, i, a), prec);
            if (arb_gt(nrm, b2))
                *t = KD_FALSE;
        }
        for (bb = 0; bb < c && *t == KD_UNKNOWN; bb++)
        {
            arb_zero(nrm);
            for (a = 0; a < r; a++)
                arb_addmul(nrm, arb_mat_entry(M, a, bb), arb_mat_entry(M, a, bb), prec);
            if (arb_gt(nrm, b2))
                *t = KD_FALSE;
        }
    }
    arb_mat_clear(Mt);
    arb_mat_clear(Gm);
    arb_mat_clear(L);
    arb_clear(b2);
    arb_clear(nrm);
}

/* Combines a three-valued verdict: FALSE wins, then UNKNOWN. */
static void
meet(kd_truth * t, kd_truth u)
{
    if (*t == KD_FALSE || u == KD_FALSE)
        *t = KD_FALSE;
    else if (*t == KD_UNKNOWN || u == KD_UNKNOWN)
        *t = KD_UNKNOWN;
}

/* "v = target" as containment (the equality itself is proved
   symbolically at kd_omega_set), FALSE when the balls are disjoint. */
static kd_truth
eq_ball(const arb_t v, const arb_t target)
{
    return arb_overlaps(v, target) ? KD_TRUE : KD_FALSE;
}

/* |v| < b: TRUE proved, FALSE when |v| > b proved. */
static kd_truth
abs_lt(const arb_t v, const arb_t b, slong prec)
{
    arb_t a;
    kd_truth r;
    arb_init(a);
    arb_abs(a, v);
    r = arb_lt(a, b) ? KD_TRUE : (arb_gt(a, b) ? KD_FALSE : KD_UNKNOWN);
    (void) prec;
    arb_clear(a);
    return r;
}

/* The conditions are those of the proof at kd_omega_set, in the data with
   D: for P3/BP the certificate q = D e_1 / a_max has A^T q = (a/a_max, 0);
   for P2/P1 the residual of a vertex is r = D e_1 (1 - a_max tau), so the
   correlations A^T r are (a (1 - a_max tau), 0) with the stated values. The
   exact equalities (zero residual for P3/BP: A (tau e_i) = D (a_i tau) e_1
   = D e_1 since a_i tau = 1 on J; 2 (1 - a_max tau) a_max = lambda for P2;
   |1 - a_max tau| = eta for P1) are identities of the closed forms; the
   balls only confirm that the data built are the data meant. */
kd_status
kd_omega_certify(kd_truth * t, const kd_omega_t G, slong prec)
{
    arb_mat_t A, Y, x, r, g, q;
    arb_t lam, am, one, nr, ref;
    kd_status st;
    slong i, k;
    int zero_res = G->kind == KD_PROBLEM_P3 || G->kind == KD_PROBLEM_BP
                   || (G->kind == KD_PROBLEM_P1 && kd_real_is_zero(G->param));
    char * inJ;

    *t = KD_TRUE;
    arb_mat_init(A, G->m, G->N);
    arb_mat_init(Y, G->m, 1);
    arb_mat_init(x, G->N, 1);
    arb_mat_init(r, G->m, 1);
    arb_mat_init(g, G->N, 1);
    arb_mat_init(q, G->m, 1);
    arb_init(lam);
    arb_init(am);
    arb_init(one);
    arb_init(nr);
    arb_init(ref);
    inJ = flint_calloc(G->N + 1, 1);
    for (i = 0; i < G->nvert; i++)
        inJ[G->vert[i]] = 1;
    arb_one(one);

    st = kd_omega_eval(A, Y, G, prec);
    if (st == KD_OK)
        st = kd_real_eval_arb(lam, G->param, prec);
    if (st == KD_OK)
        st = kd_real_eval_arb(am, G->amax, prec);
    if (st == KD_OK && zero_res)
    {
        /* the certificate: q = D e_1 / a_max; ||q|| = 1/a_max */
        kd_truth u = KD_TRUE;
        arb_mat_t At;
        for (i = 0; i < G->m; i++)
            arb_div(arb_mat_entry(q, i, 0), arb_mat_entry(Y, i, 0), am, prec);
        arb_mat_init(At, G->N, G->m);
        arb_mat_transpose(At, A);
        arb_mat_mul(g, At, q, prec);
        arb_mat_clear(At);
        for (k = 0; k < G->N; k++)
            meet(&u, inJ[k] ? eq_ball(arb_mat_entry(g, k, 0), one)
                            : abs_lt(arb_mat_entry(g, k, 0), one, prec));
        if (G->kind == KD_PROBLEM_P3)
        {
            _kd_omega_arb_mat_norm(nr, q, prec);
            arb_mul(nr, nr, lam, prec);
            meet(&u, arb_lt(nr, one) ? KD_TRUE : (arb_ge(nr, one) ? KD_FALSE : KD_UNKNOWN));
        }
        meet(t, u);
    }
    for (i = 0; i < G->nvert && st == KD_OK; i++)
    {
        kd_mat_t xv;
        kd_mat_init(xv, 0, 0);
        st = kd_omega_vertex(xv, G, i);
        if (st == KD_OK)
            st = _kd_omega_mat_arb(x, xv, prec);
        kd_mat_clear(xv);
        if (st != KD_OK)
            break;
        arb_mat_mul(r, A, x, prec);
        arb_mat_sub(r, Y, r, prec);
        if (zero_res)
        {
            if (!_kd_omega_contains_zero(r, prec))
                meet(t, KD_FALSE);
            continue;
        }
        {
            arb_mat_t At;
            arb_mat_init(At, G->N, G->m);
            arb_mat_transpose(At, A);
            arb_mat_mul(g, At, r, prec);
            arb_mat_clear(At);
        }
        if (G->kind == KD_PROBLEM_P2)
        {
            arb_mat_scalar_mul_2exp_si(g, g, 1);
            for (k = 0; k < G->N; k++)
                meet(t, inJ[k] ? eq_ball(arb_mat_entry(g, k, 0), lam)
                               : abs_lt(arb_mat_entry(g, k, 0), lam, prec));
        }
        else
        {
            /* P1, eta > 0: ||r|| = eta and A^T r = tau' 1 on J with tau' > 0 */
            _kd_omega_arb_mat_norm(nr, r, prec);
            meet(t, eq_ball(nr, lam));
            arb_set(ref, arb_mat_entry(g, G->vert[0], 0));
            if (!arb_is_positive(ref))
                meet(t, arb_is_nonpositive(ref) ? KD_FALSE : KD_UNKNOWN);
            for (k = 0; k < G->N; k++)
                meet(t, inJ[k] ? eq_ball(arb_mat_entry(g, k, 0), ref)
                               : abs_lt(arb_mat_entry(g, k, 0), ref, prec));
        }
    }
    flint_free(inJ);
    arb_mat_clear(A);
    arb_mat_clear(Y);
    arb_mat_clear(x);
    arb_mat_clear(r);
    arb_mat_clear(g);
    arb_mat_clear(q);
    arb_clear(lam);
    arb_clear(am);
    arb_clear(one);
    arb_clear(nr);
    arb_clear(ref);
    return st;
}

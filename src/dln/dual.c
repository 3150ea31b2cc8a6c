/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The monotone dual equation B g(B^T mu) = c: damped Newton on its convex
   potential, then a Krawczyk step in ball arithmetic that proves a box
   around the solution (proofs-notes/dln.md §2). */
#include "internal.h"

int
_kd_dln_g_eval(arb_t g, arb_t dg, arb_t G, const kd_dln_g_struct * f, const arb_t t, slong prec)
{
    arb_t a, b, ra, rb, s, c;
    slong D = f->D;
    int ok = 1;
    arb_init(a);
    arb_init(b);
    arb_init(ra);
    arb_init(rb);
    arb_init(s);
    arb_init(c);
    switch (f->kind)
    {
        case KD_DLN_G_SINH:
            /* 2 alpha^2 sinh t, its derivative and primitive 2 alpha^2 cosh t */
            arb_sqr(a, &f->alpha, prec);
            arb_mul_2exp_si(a, a, 1);
            arb_sinh_cosh(s, c, t, prec);
            if (g != NULL)
                arb_mul(g, a, s, prec);
            if (dg != NULL)
                arb_mul(dg, a, c, prec);
            if (G != NULL)
                arb_mul(G, a, c, prec);
            break;
        case KD_DLN_G_EXP:
            arb_sub_ui(a, t, 1, prec);
            arb_exp(a, a, prec);
            if (g != NULL)
                arb_set(g, a);
            if (dg != NULL)
                arb_set(dg, a);
            if (G != NULL)
                arb_set(G, a);
            break;
        case KD_DLN_G_POW:
            /* a = 1 - t, b = 1 + t, both proved > 0; ra = a^(-1/(D-2)) */
            arb_sub_ui(a, t, 1, prec);
            arb_neg(a, a);
            arb_add_ui(b, t, 1, prec);
            if (!arb_is_positive(a) || !arb_is_positive(b))
            {
                ok = 0;
                break;
            }
            arb_root_ui(ra, a, D - 2, prec);
            arb_inv(ra, ra, prec);
            arb_root_ui(rb, b, D - 2, prec);
            arb_inv(rb, rb, prec);
            arb_pow_ui(c, &f->alpha, D, prec);
            if (G != NULL)
            {
                /* alpha^D (D-2)/2 (a^(-2/(D-2)) + b^(-2/(D-2))) */
                arb_sqr(s, ra, prec);
                arb_addmul(s, rb, rb, prec);
                arb_mul_ui(s, s, D - 2, prec);
                arb_mul_2exp_si(s, s, -1);
                arb_mul(G, s, c, prec);
            }
            arb_pow_ui(ra, ra, D, prec);        /* a^-p */
            arb_pow_ui(rb, rb, D, prec);
            if (dg != NULL)
            {
                /* alpha^D p (a^(-p-1) + b^(-p-1)) */
                arb_div(s, ra, a, prec);
                arb_div(dg, rb, b, prec);
                arb_add(dg, dg, s, prec);
                arb_mul_ui(dg, dg, D, prec);
                arb_div_ui(dg, dg, D - 2, prec);
                arb_mul(dg, dg, c, prec);
            }
            if (g != NULL)
            {
                arb_sub(g, ra, rb, prec);
                arb_mul(g, g, c, prec);
            }
            break;
        case KD_DLN_G_NEGPOW:
            /* z = -D t / 2 > 0: g = z^-p, g' = (D/2) p z^(-p-1),
               G = ((D-2)/D) z^(-2/(D-2)) */
            arb_mul_si(a, t, -D, prec);
            arb_mul_2exp_si(a, a, -1);
            if (!arb_is_positive(a))
            {
                ok = 0;
                break;
            }
            arb_root_ui(ra, a, D - 2, prec);
            arb_inv(ra, ra, prec);
            if (G != NULL)
            {
                arb_sqr(s, ra, prec);
                arb_mul_ui(s, s, D - 2, prec);
                arb_div_ui(G, s, D, prec);
            }
            arb_pow_ui(ra, ra, D, prec);
            if (dg != NULL)
            {
                arb_div(dg, ra, a, prec);
                arb_mul_ui(dg, dg, D * D, prec);
                arb_div_ui(dg, dg, 2 * (D - 2), prec);
            }
            if (g != NULL)
                arb_set(g, ra);
            break;
    }
    if (!ok)
    {
        if (g != NULL)
            arb_indeterminate(g);
        if (dg != NULL)
            arb_indeterminate(dg);
        if (G != NULL)
            arb_indeterminate(G);
    }
    arb_clear(a);
    arb_clear(b);
    arb_clear(ra);
    arb_clear(rb);
    arb_clear(s);
    arb_clear(c);
    return ok;
}

void
_kd_dln_norm2(arb_t r, const arb_mat_t v, slong prec)
{
    slong i;
    arb_zero(r);
    for (i = 0; i < arb_mat_nrows(v); i++)
        arb_addmul(r, arb_mat_entry(v, i, 0), arb_mat_entry(v, i, 0), prec);
    arb_sqrtpos(r, r, prec);
}

/* t = B^T mu, and g(t), g'(t), sum G(t) - c^T mu (each optional); 0 when
   some t_j is not proved inside the domain. */
static int
eval_all(arb_mat_t g, arb_mat_t dg, arb_t phi, const arb_mat_t B, const arb_mat_t c,
         const arb_mat_t mu, const kd_dln_g_struct * f, slong prec)
{
    slong j, n = arb_mat_ncols(B);
    arb_mat_t Bt, t;
    arb_t G;
    int ok = 1;
    arb_mat_init(Bt, n, arb_mat_nrows(B));
    arb_mat_init(t, n, 1);
    arb_init(G);
    arb_mat_transpose(Bt, B);
    arb_mat_mul(t, Bt, mu, prec);
    if (phi != NULL)
        arb_zero(phi);
    for (j = 0; j < n && ok; j++)
    {
        ok = _kd_dln_g_eval(g ? arb_mat_entry(g, j, 0) : NULL, dg ? arb_mat_entry(dg, j, 0) : NULL,
                            phi ? G : NULL, f, arb_mat_entry(t, j, 0), prec);
        if (phi != NULL)
            arb_add(phi, phi, G, prec);
    }
    if (ok && phi != NULL)
        for (j = 0; j < arb_mat_nrows(c); j++)
            arb_submul(phi, arb_mat_entry(c, j, 0), arb_mat_entry(mu, j, 0), prec);
    arb_mat_clear(Bt);
    arb_mat_clear(t);
    arb_clear(G);
    return ok;
}

void
_kd_dln_apply(arb_mat_t x, const arb_mat_t B, const arb_mat_t mu, const kd_dln_g_struct * f,
              slong prec)
{
    eval_all(x, NULL, NULL, B, B, mu, f, prec);
}

/* F = B g - c and J = B diag(dg) B^T. */
static void
residual_jacobian(arb_mat_t F, arb_mat_t J, const arb_mat_t B, const arb_mat_t c,
                  const arb_mat_t g, const arb_mat_t dg, slong prec)
{
    slong i, j, k = arb_mat_nrows(B), n = arb_mat_ncols(B);
    if (F != NULL)
    {
        arb_mat_mul(F, B, g, prec);
        arb_mat_sub(F, F, c, prec);
    }
    if (J != NULL)
    {
        arb_mat_t BD, Bt;
        arb_mat_init(BD, k, n);
        arb_mat_init(Bt, n, k);
        for (i = 0; i < k; i++)
            for (j = 0; j < n; j++)
                arb_mul(arb_mat_entry(BD, i, j), arb_mat_entry(B, i, j), arb_mat_entry(dg, j, 0),
                        prec);
        arb_mat_transpose(Bt, B);
        arb_mat_mul(J, BD, Bt, prec);
        arb_mat_clear(BD);
        arb_mat_clear(Bt);
    }
}

/* Damped Newton from mu (in place, midpoints); returns 1 when the last step
   was below 2^-(prec - 16) relative to mu. */
static int
newton(arb_mat_t mu, const arb_mat_t B, const arb_mat_t c, const kd_dln_g_struct * f, slong prec)
{
    slong k = arb_mat_nrows(B), n = arb_mat_ncols(B), it, ls;
    arb_mat_t g, dg, F, J, d, trial, Bt, Btd;
    arb_t phi, phi1, slope, bound;
    mag_t cap;
    int done = 0, small = 0, nsmall = 0;
    mag_init(cap);
    arb_mat_init(Bt, n, k);
    arb_mat_init(Btd, n, 1);
    arb_mat_transpose(Bt, B);
    arb_mat_init(g, n, 1);
    arb_mat_init(dg, n, 1);
    arb_mat_init(F, k, 1);
    arb_mat_init(J, k, k);
    arb_mat_init(d, k, 1);
    arb_mat_init(trial, k, 1);
    arb_init(phi);
    arb_init(phi1);
    arb_init(slope);
    arb_init(bound);
    /* far from the solution each damped step gains a constant factor in
       1 - |t| (POW) or a bounded amount of t (SINH, EXP): the number of
       steps grows like the bits the scale needs, which prec is made of */
    for (it = 0; it < 100 + 4 * prec && !done; it++)
    {
        mag_t dn, mn;
        arb_mat_get_mid(mu, mu);
        if (!eval_all(g, dg, phi, B, c, mu, f, prec))
            break;
        residual_jacobian(F, J, B, c, g, dg, prec);
        arb_mat_get_mid(F, F);
        arb_mat_get_mid(J, J);
        arb_mat_neg(F, F);
        if (!arb_mat_approx_solve(d, J, F, prec))
            break;
        /* a step moving some t_j by more than 64 is cut to 64: the exponential
           maps make longer steps useless and the line search slow */
        arb_mat_mul(Btd, Bt, d, prec);
        arb_mat_bound_inf_norm(cap, Btd);
        if (mag_cmp_2exp_si(cap, 6) > 0)
        {
            arb_t sc;
            arb_init(sc);
            arf_set_mag(arb_midref(sc), cap);
            arb_ui_div(sc, 64, sc, prec);
            arb_mat_scalar_mul_arb(d, d, sc, prec);
            arb_mat_get_mid(d, d);
            arb_clear(sc);
        }
        /* slope = grad . d = -F . d (F holds -grad) */
        arb_zero(slope);
        for (ls = 0; ls < k; ls++)
            arb_submul(slope, arb_mat_entry(F, ls, 0), arb_mat_entry(d, ls, 0), prec);
        mag_init(dn);
        mag_init(mn);
        arb_mat_bound_inf_norm(dn, d);
        arb_mat_bound_inf_norm(mn, mu);
        mag_add_ui(mn, mn, 1);
        mag_mul_2exp_si(mn, mn, -(prec - 16));
        done = mag_cmp(dn, mn) <= 0;
        mag_mul_2exp_si(mn, mn, prec / 2);
        /* once the steps are small, the potential's differences drown in
           rounding: take full steps */
        small = mag_cmp(dn, mn) <= 0;
        /* in the full-step regime Newton converges quadratically: steps
           that stay above the floor after that many are rounding noise
           amplified by an ill-conditioned Jacobian (the Krawczyk step
           decides) */
        nsmall += small;
        if (nsmall > 2 * (int) FLINT_BIT_COUNT(prec) + 8)
            done = 1;
        mag_clear(dn);
        mag_clear(mn);
        /* far from the solution the Newton step can be 2^prec times too
           long (the Jacobian ~ alpha^D at mu = 0): halve up to prec times */
        for (ls = 0; ls < prec + 64; ls++)
        {
            arb_mat_add(trial, mu, d, prec);
            arb_mat_get_mid(trial, trial);
            if (eval_all(NULL, NULL, phi1, B, c, trial, f, prec))
            {
                if (small)
                    break;
                /* Armijo: phi1 <= phi + slope / 4 */
                arb_mul_2exp_si(bound, slope, -2);
                arb_add(bound, bound, phi, prec);
                if (arf_cmp(arb_midref(phi1), arb_midref(bound)) <= 0)
                    break;
            }
            arb_mat_scalar_mul_2exp_si(d, d, -1);
            arb_mul_2exp_si(slope, slope, -1);
        }
        if (ls == prec + 64)
            break;
        arb_mat_swap(mu, trial);
    }
    arb_mat_clear(g);
    arb_mat_clear(dg);
    arb_mat_clear(F);
    arb_mat_clear(J);
    arb_mat_clear(d);
    arb_mat_clear(trial);
    arb_clear(phi);
    arb_clear(phi1);
    arb_clear(slope);
    arb_clear(bound);
    arb_mat_clear(Bt);
    arb_mat_clear(Btd);
    mag_clear(cap);
    return done;
}

/* One Krawczyk test around the exact point m: on success mu encloses the
   zero and 1 is returned. */
static int
krawczyk(arb_mat_t mu, const arb_mat_t m, const arb_mat_t B, const arb_mat_t c,
         const kd_dln_g_struct * f, slong prec)
{
    slong k = arb_mat_nrows(B), n = arb_mat_ncols(B), i, tries;
    arb_mat_t g, dg, F, J, Y, YF, M, E, K;
    mag_t r, t;
    int ok = 0;
    arb_mat_init(g, n, 1);
    arb_mat_init(dg, n, 1);
    arb_mat_init(F, k, 1);
    arb_mat_init(J, k, k);
    arb_mat_init(Y, k, k);
    arb_mat_init(YF, k, 1);
    arb_mat_init(M, k, 1);
    arb_mat_init(E, k, 1);
    arb_mat_init(K, k, 1);
    mag_init(r);
    mag_init(t);
    if (!eval_all(g, dg, NULL, B, c, m, f, prec))
        goto done;
    residual_jacobian(F, J, B, c, g, dg, prec);
    arb_mat_get_mid(J, J);
    if (!arb_mat_approx_inv(Y, J, prec))
        goto done;
    arb_mat_mul(YF, Y, F, prec);
    /* first radius: a few times the Newton correction, plus a floor */
    arb_mat_bound_inf_norm(r, YF);
    mag_mul_2exp_si(r, r, 2);
    arb_mat_bound_inf_norm(t, m);
    mag_add_ui(t, t, 1);
    mag_mul_2exp_si(t, t, -(prec - 8));
    mag_add(r, r, t);
    for (tries = 0; tries < 6 && !ok; tries++)
    {
        arb_mat_set(M, m);
        for (i = 0; i < k; i++)
        {
            arb_zero(arb_mat_entry(E, i, 0));
            mag_set(arb_radref(arb_mat_entry(E, i, 0)), r);
            mag_add(arb_radref(arb_mat_entry(M, i, 0)), arb_radref(arb_mat_entry(M, i, 0)), r);
        }
        if (!eval_all(NULL, dg, NULL, B, c, M, f, prec))
            break;
        residual_jacobian(NULL, J, B, c, NULL, dg, prec);
        /* K = m - Y F(m) + (I - Y J(M)) (M - m) */
        arb_mat_mul(J, Y, J, prec);
        arb_mat_neg(J, J);
        for (i = 0; i < k; i++)
            arb_add_ui(arb_mat_entry(J, i, i), arb_mat_entry(J, i, i), 1, prec);
        arb_mat_mul(K, J, E, prec);
        arb_mat_sub(K, K, YF, prec);
        arb_mat_add(K, K, m, prec);
        ok = 1;
        for (i = 0; i < k && ok; i++)
            ok = arb_contains_interior(arb_mat_entry(M, i, 0), arb_mat_entry(K, i, 0));
        if (ok)
            arb_mat_set(mu, K);
        mag_mul_2exp_si(r, r, 3);
    }
done:
    arb_mat_clear(g);
    arb_mat_clear(dg);
    arb_mat_clear(F);
    arb_mat_clear(J);
    arb_mat_clear(Y);
    arb_mat_clear(YF);
    arb_mat_clear(M);
    arb_mat_clear(E);
    arb_mat_clear(K);
    mag_clear(r);
    mag_clear(t);
    return ok;
}

kd_status
_kd_dln_dual_solve(arb_mat_t mu, slong * prec_used, const arb_mat_t B, const arb_mat_t c,
                   const kd_dln_g_struct * f, const arb_mat_t mu0, slong prec, slong prec_max)
{
    slong k = arb_mat_nrows(B);
    arb_mat_t m;
    int ok = 0;
    if (arb_mat_nrows(c) != k || arb_mat_ncols(c) != 1 || arb_mat_nrows(mu) != k
        || arb_mat_ncols(mu) != 1)
        return kd_error_set(KD_ERR_SIZE, "dln: the dual system's sizes do not match");
    arb_mat_init(m, k, 1);
    if (mu0 != NULL)
        arb_mat_get_mid(m, mu0);
    for (; prec <= prec_max && !ok; prec *= 2)
    {
        newton(m, B, c, f, prec);
        ok = krawczyk(mu, m, B, c, f, prec);
        if (prec_used != NULL)
            *prec_used = prec;
        if (prec > prec_max / 2)
            break;
    }
    arb_mat_clear(m);
    if (!ok)
        return kd_error_set(KD_ERR_UNDECIDED, "dln: no Krawczyk step proved the dual solution "
                            "up to %ld bits (a rank-deficient system, or a solution outside the "
                            "domain)", (long) prec_max);
    return KD_OK;
}

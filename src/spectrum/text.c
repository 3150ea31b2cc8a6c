/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The spectral examples of `kdigits sci spectrum` as text and CSV (JSON:
   kdigits/json.h): the Hermitian eigenvalue enclosures per level and the
   Sigma_1 tower of a tridiagonal operator. Only formatting: the runs
   (src/spectrum/run.c) computed every number. */
#include <string.h>
#include "kdigits/spectrum.h"
#include "kdigits/json.h"
#include "kdigits/util.h"

/* Indices of at most K of len items, spread evenly, first and last kept. */
static slong
sample_index(slong i, slong K, slong len)
{
    if (len <= K || K <= 1)
        return i;
    return (slong) ((double) i * (double) (len - 1) / (double) (K - 1) + 0.5);
}

static void
hermitian_text(FILE * f, const kd_spectrum_hermitian_run_t R, const char * name, slong K)
{
    slong i, j, last = R->nlevels - 1, shown = FLINT_MIN(K, R->N);
    mag_t arbrad, pw;
    mag_init(arbrad);
    mag_init(pw);
    fprintf(f, "Eigenvalues of the Hermitian matrix %s (%ld x %ld, %s), Delta_1:\n", name, R->N, R->N,
            R->is_complex ? "complex Hermitian" : "real symmetric");
    fprintf(f, "from the oracle's A_n (||A_n - A||_2 <= 2^-n), Weyl gives |lambda_j(A) - lambda_j(A_n)|"
            " <= 2^-n;\nArb encloses the eigenvalues of A_n, so each radius is 2^-n + the Arb radius.\n\n");
    fprintf(f, "  %6s  %-14s  %-14s  %s\n", "n", "max radius", "2^-n", "Arb part");
    for (i = 0; i < R->nlevels; i++)
    {
        char * s1, * s2, * s3;
        mag_set_ui_2exp_si(pw, 1, -R->levels[i]);
        /* the Arb part: radius - 2^-n (rounded up) */
        mag_sub(arbrad, R->max_radius + i, pw);
        s1 = kd_mag_get_decimal(R->max_radius + i, 6);
        s2 = kd_mag_get_decimal(pw, 6);
        s3 = kd_mag_get_decimal(arbrad, 3);
        fprintf(f, "  %6ld  %-14s  %-14s  <= %s\n", R->levels[i], s1, s2, s3);
        flint_free(s1);
        flint_free(s2);
        flint_free(s3);
    }
    fprintf(f, "\nEnclosures at n = %ld (%ld of %ld shown; lambda_j(A) lies in each, proved):\n",
            R->levels[last], shown, R->N);
    for (i = 0; i < shown; i++)
    {
        char * mid, * r;
        j = sample_index(i, shown, R->N);
        kd_arb_get_decimal(&mid, &r, R->eig[last] + j, kd_json_level_digits(R->levels[last]));
        fprintf(f, "  %5ld  %s +/- %s\n", j + 1, mid, r);
        flint_free(mid);
        flint_free(r);
    }
    fprintf(f, "\nThe oracle was read once per level (levels");
    for (i = 0; i < R->nreads; i++)
        fprintf(f, " %ld", R->reads[i]);
    fprintf(f, "). The error is controlled: asking for level n\n"
            "guarantees accuracy 2^-n (plus the tiny Arb radius, itself proved), for\n"
            "every Hermitian input; this is what Delta_1 means. Contrast: kdigits sci\n"
            "spectrum --operator almost-mathieu (Sigma_1).\n");
    mag_clear(arbrad);
    mag_clear(pw);
}

/* One row of the text table: level i. */
static void
operator_text_row(FILE * f, const kd_spectrum_tower_t S, slong i)
{
    const kd_spectrum_level_struct * l = S->L + i;
    char * h = kd_spectrum_level_spacing_get_str(l), * mb = kd_mag_get_decimal(&l->max_bound, 4);
    char ext[128], ms[64];
    arf_t x, y;
    arf_init(x);
    arf_init(y);
    if (kd_spectrum_level_extent(x, y, l))
    {
        char * e1 = kd_spectrum_arf_get_decimal(x, 5, 1), * e2 = kd_spectrum_arf_get_decimal(y, 5, 0);
        snprintf(ext, sizeof ext, "[%s, %s]", e1, e2);
        flint_free(e1);
        flint_free(e2);
    }
    else
        strcpy(ext, "(no points)");
    if (i == S->nlevels - 1)
        strcpy(ms, "(finest level)");
    else if (!arf_is_finite(S->missed + i))
        strcpy(ms, "everything");
    else
    {
        char * e1 = kd_spectrum_arf_get_decimal(S->missed + i, 4, 1);
        snprintf(ms, sizeof ms, "%s", e1);
        flint_free(e1);
    }
    fprintf(f, "  %6ld  %-7s  %7ld  %7ld  %-12s  %-26s  %s\n", l->n, h, l->grid_len, l->len,
            l->len ? mb : "-", ext, ms);
    flint_free(h);
    flint_free(mb);
    arf_clear(x);
    arf_clear(y);
}

static void
operator_text(FILE * f, const kd_spectrum_tower_t S, const kd_tridiag_op_t H, int laplacian,
              const kd_real_t lam, const kd_real_t om, const kd_real_t th, slong K)
{
    const kd_spectrum_level_struct * l = S->L + S->nlevels - 1;
    slong i, shown = FLINT_MIN(K, l->len);
    char * s, * s2;
    if (laplacian)
        fprintf(f, "Spectrum of the free Laplacian (Hx)_k = x_{k-1} + x_{k+1} on l^2(Z)"
                " (Sp(H) = [-2, 2]);\n");
    else
    {
        char * sl = kd_real_get_str(lam), * so = kd_real_get_str(om);
        char * st = kd_real_get_str(th);
        fprintf(f, "Spectrum of the almost Mathieu operator on l^2(Z),\n"
                "(Hx)_k = x_{k-1} + x_{k+1} + 2 lambda cos(2 pi (omega k + theta)) x_k,\n"
                "lambda = %s, omega = %s, theta = %s;\n", sl, so, st);
        flint_free(sl);
        flint_free(so);
        flint_free(st);
    }
    s = kd_mag_get_decimal(&H->norm, 6);
    s2 = kd_fmpq_get_decimal(&S->hi, 6);
    fprintf(f, "||H|| <= %s; grid 2^-e Z on [-%s, %s]; Sigma_1 tower from the sections k = -n..n.\n\n",
            s, s2, s2);
    flint_free(s);
    flint_free(s2);
    fprintf(f, "  %6s  %-7s  %7s  %7s  %-12s  %-26s  %s\n", "n", "h", "grid", "points",
            "max bound", "certified extent", "missed (NOT certified)");
    for (i = 0; i < S->nlevels; i++)
        operator_text_row(f, S, i);
    fprintf(f, "\nPoints of Gamma_%ld (%ld of %ld shown; all with --format json): dist(z, Sp(H))"
            " <= bound, proved\n", l->n, shown, l->len);
    fprintf(f, "  %-16s  %s\n", "z (exact)", "bound");
    for (i = 0; i < shown; i++)
    {
        slong j = sample_index(i, shown, l->len);
        char * z = kd_spectrum_level_point_get_str(l, j), * b = kd_mag_get_decimal(l->bound + j, 6);
        fprintf(f, "  %-16s  %s\n", z, b);
        flint_free(z);
        flint_free(b);
    }
    fprintf(f, "\nCertified (Sigma_1): each printed z lies within its bound of Sp(H): the bound is\n"
            "||(H - z) v|| / ||v|| for a finitely supported v, evaluated in ball arithmetic\n"
            "with the exact coefficients, and dist(z, Sp(H)) <= ||(H - z) v|| / ||v|| for a\n"
            "self-adjoint H. Hence also inf Sp(H) <= the left and sup Sp(H) >= the right end\n"
            "of the 'certified extent'. As n grows and the grid refines, the points converge\n"
            "to Sp(H) in the Hausdorff metric. NOT certified: that the points have found all\n"
            "of Sp(H); no finite section can prove that parts of the spectrum are not still\n"
            "missing (the tower is Sigma_1, not Delta_1). The 'missed' column is only the\n"
            "distance from the finest level's points to this level's points.\n");
}

kd_status
kd_spectrum_hermitian_run_write(FILE * f, const kd_spectrum_hermitian_run_t R, const char * name,
                                slong points, int csv)
{
    slong i, j;
    if (!csv)
        hermitian_text(f, R, name, points);
    else
    {
        fprintf(f, "n,j,mid,rad\n");
        for (i = 0; i < R->nlevels; i++)
            for (j = 0; j < R->N; j++)
            {
                char * mid, * r;
                kd_arb_get_decimal(&mid, &r, R->eig[i] + j, kd_json_level_digits(R->levels[i]));
                fprintf(f, "%ld,%ld,%s,%s\n", R->levels[i], j + 1, mid, r);
                flint_free(mid);
                flint_free(r);
            }
    }
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}

kd_status
kd_spectrum_tower_write(FILE * f, const kd_spectrum_tower_t S, const kd_tridiag_op_t H,
                        int laplacian, const kd_real_t lam, const kd_real_t om,
                        const kd_real_t th, slong points, int csv)
{
    slong i, k;
    if (!csv)
        operator_text(f, S, H, laplacian, lam, om, th, points);
    else
    {
        fprintf(f, "n,z,bound\n");
        for (i = 0; i < S->nlevels; i++)
            for (k = 0; k < S->L[i].len; k++)
            {
                char * z = kd_spectrum_level_point_get_str(S->L + i, k);
                char * b = kd_mag_get_decimal(S->L[i].bound + k, 6);
                fprintf(f, "%ld,%s,%s\n", S->L[i].n, z, b);
                flint_free(z);
                flint_free(b);
            }
    }
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}

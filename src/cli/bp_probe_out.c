/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The report of `kdigits bp-probe` as text (JSON: kd_bp_probe_report_json):
   the instance, its exact solution, the problem a double-storing peer reads,
   and the peers' table (kd_bp_probe_run computed all of it; this file only
   formats). */
#include <string.h>
#include "bp_probe_out.h"

/* ------------------------------------------------------------ text */

/* Exact "p/q" when short, else the exact decimal, else "~" and a rounding. */
static char *
cell(const fmpq_t q, size_t width)
{
    char * s = kd_fmpq_get_str(q), * d;
    slong digits;
    if (strlen(s) <= width)
        return s;
    flint_free(s);
    d = kd_bp_probe_decimal(q);
    if (d != NULL && strlen(d) <= width)
        return d;
    flint_free(d);
    for (digits = (slong) width - 4; ; digits--)
    {
        d = kd_fmpq_get_decimal(q, digits);
        if (strlen(d) + 1 <= width || digits <= 6)
            break;
        flint_free(d);
    }
    s = flint_malloc(strlen(d) + 2);
    s[0] = '~';
    strcpy(s + 1, d);
    flint_free(d);
    return s;
}

enum { VEC_EXACT, VEC_DECIMAL_EXACT, VEC_ROUNDED };

/* (v1, v2, ...) as p/q; or as exact decimals where finite, else p/q; or
   with non-integers rounded to 30 digits. */
static void
print_vec(const fmpq_mat_t v, int how)
{
    slong i;
    printf("(");
    for (i = 0; i < fmpq_mat_nrows(v); i++)
    {
        const fmpq * q = fmpq_mat_entry(v, i, 0);
        char * s = NULL;
        if (how == VEC_DECIMAL_EXACT)
            s = kd_bp_probe_decimal(q);
        else if (how == VEC_ROUNDED && !fmpz_is_one(fmpq_denref(q)))
            s = kd_fmpq_get_decimal(q, 30);
        if (s == NULL)
            s = kd_fmpq_get_str(q);
        printf("%s%s", i ? ", " : "", s);
        flint_free(s);
    }
    printf(")");
}

static void
print_double_input(const kd_bp_probe_t P, const kd_bp_probe_report_t R)
{
    const fmpq * c = R->rounded ? fmpq_mat_entry(&R->Ad, 0, 1) : NULL;
    char * s;
    if (R->same_double)
    {
        printf("  IEEE double input: every number in the LP file is a double, so glpsol reads\n"
               "    this same problem\n");
        return;
    }
    if (!R->have_double)
    {
        printf("  IEEE double input: %s\n", R->double_msg);
        return;
    }
    if (P->k)
    {
        s = kd_fmpq_get_str(c);
        printf("  IEEE double input: 1 + 2^-%ld rounds to %s in double: glpsol reads a different\n"
               "    problem, x1 + %s%sx2 = 1, with minimisers ", P->k, s,
               fmpq_is_one(c) ? "" : s, fmpq_is_one(c) ? "" : " ");
        flint_free(s);
    }
    else
        printf("  IEEE double input: some numbers are not doubles: glpsol reads a different\n"
               "    problem, with minimisers ");
    printf("%s", R->Pd.bp.unique == KD_TRUE ? "only " : "");
    print_vec(&R->Pd.bp.x, VEC_EXACT);
    if (R->Pd.bp.unique != KD_TRUE)
    {
        printf(", ");
        print_vec(&R->Pd.bp.x2, VEC_EXACT);
        printf(" and more (not unique)");
    }
    printf("\n");
}

static void
print_exact(const kd_bp_probe_t P, const kd_bp_probe_report_t R, const char * A_file,
            const char * y_file)
{
    char * s, * t;
    if (P->k)
    {
        s = kd_bp_probe_decimal(fmpq_mat_entry(&P->A, 0, 1));
        printf("basis pursuit probe, k = %ld:  min |x1| + |x2|  subject to  x1 + (1 + 2^-%ld) x2 = 1\n"
               "  coefficient 1 + 2^-%ld = %s (exact)\n", P->k, P->k, P->k, s);
        flint_free(s);
    }
    else
        printf("basis pursuit, A from %s (%ld x %ld), y from %s:  min ||x||_1  subject to  Ax = y\n",
               A_file, fmpq_mat_nrows(&P->A), fmpq_mat_ncols(&P->A), y_file);
    printf("\nexact answer (rational simplex; dual certificate and uniqueness checked exactly):\n"
           "  x* = ");
    print_vec(&P->bp.x, VEC_EXACT);
    printf("\n     ~ ");
    print_vec(&P->bp.x, VEC_ROUNDED);
    s = kd_fmpq_get_str(&P->bp.value);
    printf("  (decimals rounded)\n  min ||x||_1 = %s, dual certificate v = ", s);
    flint_free(s);
    print_vec(&P->bp.v, VEC_EXACT);
    printf("\n  unique minimiser: %s (certified)", P->bp.unique == KD_TRUE ? "yes" : "no");
    if (P->bp.unique != KD_TRUE)
    {
        printf("; another one: ");
        print_vec(&P->bp.x2, VEC_EXACT);
    }
    if (P->k)
    {
        s = kd_fmpq_get_str(&R->other_R.excess);
        t = kd_fmpq_get_decimal(&R->other_R.excess, 15);
        printf("; equals the closed form (0, 2^k/(2^k + 1)): %s\n  the other vertex (1, 0): "
               "||x||_1 = 1, worse by exactly %s ~ %s\n", P->agrees == KD_TRUE ? "yes" : "no", s, t);
        flint_free(s);
        flint_free(t);
    }
    else
        printf("\n");
    print_double_input(P, R);
}

/* One row of the peers table. */
static void
print_peer(const kd_bp_peer_result_t r, const kd_bp_probe_report_t R, const kd_bp_probe_t P,
           int showx)
{
    const char * name = kd_bp_peer_name(r->peer);
    slong j;
    char * s;
    if (r->status != KD_BP_PEER_OK)
    {
        printf("  %-14s %s%s%s\n", name, r->claim,
               r->status == KD_BP_PEER_FAILED && r->reason ? ": " : "",
               r->status == KD_BP_PEER_FAILED && r->reason ? r->reason : "");
        return;
    }
    printf("  %-14s %-10s", name, r->claim);
    for (j = 0; showx && j < fmpq_mat_nrows(&r->x); j++)
    {
        s = cell(fmpq_mat_entry(&r->x, j, 0), 22);
        printf(" %-22s", s);
        flint_free(s);
    }
    s = fmpq_is_zero(&r->R.dist2) ? NULL : kd_arb_get_str_pm(&r->R.error, 15);
    printf(" %-36s %-13s %s\n", s ? s : "0 (exact)", kd_bp_assess_verdict_name(&r->R, P),
           !kd_bp_peer_reads_double(r->peer) ? "(reads exactly)"
           : r->on_input ? kd_bp_assess_verdict_name(&r->Rd, &R->Pd) : "n/a");
    flint_free(s);
}

static void
print_peers(const kd_bp_probe_t P, const kd_bp_probe_report_t R)
{
    slong j, N = fmpq_mat_ncols(&P->A);
    int i, showx = N <= 3;
    char h[24];
    printf("\npeers (the same LP, x = u - v with u, v >= 0, CPLEX LP file, exact decimals; "
           "%g s limit each):\n  %-14s %-10s", R->timeout_s, "solver", "claimed");
    for (j = 0; showx && j < N; j++)
    {
        snprintf(h, sizeof h, "x%ld", j + 1);
        printf(" %-22s", h);
    }
    printf(" %-36s %-13s %s\n", "certified ||x - x*||_2", "verdict", "on its input");
    for (i = 0; i < KD_BP_PEER_COUNT; i++)
        if (R->peers & KD_BP_PEER_BIT(i))
            print_peer(&R->peer[i], R, P, showx);
    if (!showx)
        printf("\n  returned x (exact values of the printed numbers):\n");
    for (i = 0; !showx && i < KD_BP_PEER_COUNT; i++)
        if ((R->peers & KD_BP_PEER_BIT(i)) && R->peer[i].status == KD_BP_PEER_OK)
        {
            printf("  %-14s ", kd_bp_peer_name((kd_bp_peer) i));
            print_vec(&R->peer[i].x, VEC_DECIMAL_EXACT);
            printf("\n");
        }
    if ((R->peers & ~KD_BP_PEER_BIT(KD_BP_PEER_ESOLVER)) && R->maxtok > 255)
        printf("\n  note: the LP file has a number of %ld characters; glpsol's reader takes "
               "at most 255\n", R->maxtok);
    if (R->peer[KD_BP_PEER_GLPK_EXACT].status == KD_BP_PEER_OK)
        printf("\n  note: glpk-exact runs a rational simplex on glpsol's doubles, each turned "
               "into a\n  nearby fraction (relative 1e-9); see --help.\n");
}

int
kd_cli_bp_probe_print(const kd_bp_probe_t P, const kd_bp_probe_report_t R, const char * A_file,
                      const char * y_file, kd_cli_format fmt)
{
    if (fmt == KD_FMT_JSON)
        return kd_json_print(kd_bp_probe_report_json(P, R, A_file, y_file));
    if (fmt == KD_FMT_CSV)
        return kd_csv_print_json(kd_bp_probe_report_json(P, R, A_file, y_file));
    print_exact(P, R, A_file, y_file);
    if (R->peers != 0)
        print_peers(P, R);
    return 0;
}

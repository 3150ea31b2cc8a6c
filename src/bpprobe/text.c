/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The report of the basis pursuit probe as text (JSON: kd_bp_probe_report_json):
   the instance, its exact solution, the problem a double-storing peer reads,
   and the peers' table (kd_bp_probe_run computed all of it; this file only
   formats). */
#include <string.h>
#include "kdigits/bpprobe.h"
#include "kdigits/util.h"

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
print_vec(FILE * f, const fmpq_mat_t v, int how)
{
    slong i;
    fprintf(f, "(");
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
        fprintf(f, "%s%s", i ? ", " : "", s);
        flint_free(s);
    }
    fprintf(f, ")");
}

static void
print_double_input(FILE * f, const kd_bp_probe_t P, const kd_bp_probe_report_t R)
{
    const fmpq * c = R->rounded ? fmpq_mat_entry(&R->Ad, 0, 1) : NULL;
    char * s;
    if (R->same_double)
    {
        fprintf(f, "  IEEE double input: every number in the LP file is a double, so glpsol reads\n"
                "    this same problem\n");
        return;
    }
    if (!R->have_double)
    {
        fprintf(f, "  IEEE double input: %s\n", R->double_msg);
        return;
    }
    if (P->k)
    {
        s = kd_fmpq_get_str(c);
        fprintf(f, "  IEEE double input: 1 + 2^-%ld rounds to %s in double: glpsol reads a different\n"
                "    problem, x1 + %s%sx2 = 1, with minimisers ", P->k, s,
                fmpq_is_one(c) ? "" : s, fmpq_is_one(c) ? "" : " ");
        flint_free(s);
    }
    else
        fprintf(f, "  IEEE double input: some numbers are not doubles: glpsol reads a different\n"
                "    problem, with minimisers ");
    fprintf(f, "%s", R->Pd.bp.unique == KD_TRUE ? "only " : "");
    print_vec(f, &R->Pd.bp.x, VEC_EXACT);
    if (R->Pd.bp.unique != KD_TRUE)
    {
        fprintf(f, ", ");
        print_vec(f, &R->Pd.bp.x2, VEC_EXACT);
        fprintf(f, " and more (not unique)");
    }
    fprintf(f, "\n");
}

static void
print_exact(FILE * f, const kd_bp_probe_t P, const kd_bp_probe_report_t R, const char * A_file,
            const char * y_file)
{
    char * s, * t;
    if (P->k)
    {
        s = kd_bp_probe_decimal(fmpq_mat_entry(&P->A, 0, 1));
        fprintf(f, "basis pursuit probe, k = %ld:  min |x1| + |x2|  subject to  x1 + (1 + 2^-%ld) x2 = 1\n"
                "  coefficient 1 + 2^-%ld = %s (exact)\n", P->k, P->k, P->k, s);
        flint_free(s);
    }
    else
        fprintf(f, "basis pursuit, A from %s (%ld x %ld), y from %s:  min ||x||_1  subject to  Ax = y\n",
                A_file, fmpq_mat_nrows(&P->A), fmpq_mat_ncols(&P->A), y_file);
    fprintf(f, "\nexact answer (rational simplex; dual certificate and uniqueness checked exactly):\n"
            "  x* = ");
    print_vec(f, &P->bp.x, VEC_EXACT);
    fprintf(f, "\n     ~ ");
    print_vec(f, &P->bp.x, VEC_ROUNDED);
    s = kd_fmpq_get_str(&P->bp.value);
    fprintf(f, "  (decimals rounded)\n  min ||x||_1 = %s, dual certificate v = ", s);
    flint_free(s);
    print_vec(f, &P->bp.v, VEC_EXACT);
    fprintf(f, "\n  unique minimiser: %s (certified)", P->bp.unique == KD_TRUE ? "yes" : "no");
    if (P->bp.unique != KD_TRUE)
    {
        fprintf(f, "; another one: ");
        print_vec(f, &P->bp.x2, VEC_EXACT);
    }
    if (P->k)
    {
        s = kd_fmpq_get_str(&R->other_R.excess);
        t = kd_fmpq_get_decimal(&R->other_R.excess, 15);
        fprintf(f, "; equals the closed form (0, 2^k/(2^k + 1)): %s\n  the other vertex (1, 0): "
                "||x||_1 = 1, worse by exactly %s ~ %s\n", P->agrees == KD_TRUE ? "yes" : "no", s, t);
        flint_free(s);
        flint_free(t);
    }
    else
        fprintf(f, "\n");
    print_double_input(f, P, R);
}

/* One row of the peers table. */
static void
print_peer(FILE * f, const kd_bp_peer_result_t r, const kd_bp_probe_report_t R, const kd_bp_probe_t P,
           int showx)
{
    const char * name = kd_bp_peer_name(r->peer);
    slong j;
    char * s;
    if (r->status != KD_BP_PEER_OK)
    {
        fprintf(f, "  %-14s %s%s%s\n", name, r->claim,
                r->status == KD_BP_PEER_FAILED && r->reason ? ": " : "",
                r->status == KD_BP_PEER_FAILED && r->reason ? r->reason : "");
        return;
    }
    fprintf(f, "  %-14s %-10s", name, r->claim);
    for (j = 0; showx && j < fmpq_mat_nrows(&r->x); j++)
    {
        s = cell(fmpq_mat_entry(&r->x, j, 0), 22);
        fprintf(f, " %-22s", s);
        flint_free(s);
    }
    s = fmpq_is_zero(&r->R.dist2) ? NULL : kd_arb_get_str_pm(&r->R.error, 15);
    fprintf(f, " %-36s %-13s %s\n", s ? s : "0 (exact)", kd_bp_assess_verdict_name(&r->R, P),
            !kd_bp_peer_reads_double(r->peer) ? "(reads exactly)"
            : r->on_input ? kd_bp_assess_verdict_name(&r->Rd, &R->Pd) : "n/a");
    flint_free(s);
}

static void
print_peers(FILE * f, const kd_bp_probe_t P, const kd_bp_probe_report_t R)
{
    slong j, N = fmpq_mat_ncols(&P->A);
    int i, showx = N <= 3;
    char h[24];
    fprintf(f, "\npeers (the same LP, x = u - v with u, v >= 0, CPLEX LP file, exact decimals; "
            "%g s limit each):\n  %-14s %-10s", R->timeout_s, "solver", "claimed");
    for (j = 0; showx && j < N; j++)
    {
        snprintf(h, sizeof h, "x%ld", j + 1);
        fprintf(f, " %-22s", h);
    }
    fprintf(f, " %-36s %-13s %s\n", "certified ||x - x*||_2", "verdict", "on its input");
    for (i = 0; i < KD_BP_PEER_COUNT; i++)
        if (R->peers & KD_BP_PEER_BIT(i))
            print_peer(f, &R->peer[i], R, P, showx);
    if (!showx)
        fprintf(f, "\n  returned x (exact values of the printed numbers):\n");
    for (i = 0; !showx && i < KD_BP_PEER_COUNT; i++)
        if ((R->peers & KD_BP_PEER_BIT(i)) && R->peer[i].status == KD_BP_PEER_OK)
        {
            fprintf(f, "  %-14s ", kd_bp_peer_name((kd_bp_peer) i));
            print_vec(f, &R->peer[i].x, VEC_DECIMAL_EXACT);
            fprintf(f, "\n");
        }
    if ((R->peers & ~KD_BP_PEER_BIT(KD_BP_PEER_ESOLVER)) && R->maxtok > 255)
        fprintf(f, "\n  note: the LP file has a number of %ld characters; glpsol's reader takes "
                "at most 255\n", R->maxtok);
    if (R->peer[KD_BP_PEER_GLPK_EXACT].status == KD_BP_PEER_OK)
        fprintf(f, "\n  note: glpk-exact runs a rational simplex on glpsol's doubles, each turned "
                "into a\n  nearby fraction (relative 1e-9); see --help.\n");
}

kd_status
kd_bp_probe_report_write(FILE * f, const kd_bp_probe_t P, const kd_bp_probe_report_t R,
                         const char * A_file, const char * y_file)
{
    print_exact(f, P, R, A_file, y_file);
    if (R->peers != 0)
        print_peers(f, P, R);
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}

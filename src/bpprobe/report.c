/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The whole basis pursuit probe (kdigits/bpprobe.h): the LP file, the
   problem a double-storing reader receives, and every peer run on that
   file and judged exactly. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

void
kd_bp_probe_report_init(kd_bp_probe_report_t R)
{
    int i;
    fmpq_mat_init(&R->other, 0, 1);
    kd_bp_assess_init(&R->other_R);
    fmpq_mat_init(&R->As, 0, 0);
    fmpq_mat_init(&R->ys, 0, 1);
    R->maxtok = 0;
    R->rounded = 0;
    fmpq_mat_init(&R->Ad, 0, 0);
    fmpq_mat_init(&R->yd, 0, 1);
    R->same_double = 0;
    R->have_double = 0;
    kd_bp_probe_init(&R->Pd);
    R->double_msg = NULL;
    R->peers = 0;
    R->timeout_s = 0;
    for (i = 0; i < KD_BP_PEER_COUNT; i++)
        kd_bp_peer_result_init(&R->peer[i], (kd_bp_peer) i, 0);
}

void
kd_bp_probe_report_clear(kd_bp_probe_report_t R)
{
    int i;
    fmpq_mat_clear(&R->other);
    kd_bp_assess_clear(&R->other_R);
    fmpq_mat_clear(&R->As);
    fmpq_mat_clear(&R->ys);
    fmpq_mat_clear(&R->Ad);
    fmpq_mat_clear(&R->yd);
    kd_bp_probe_clear(&R->Pd);
    free(R->double_msg);
    for (i = 0; i < KD_BP_PEER_COUNT; i++)
        kd_bp_peer_result_clear(&R->peer[i]);
}

/* Writes P's LP into dir/bp.lp (the name returned in lpfile). */
static kd_status
write_lp_file(kd_bp_probe_report_t R, const kd_bp_probe_t P, char * lpfile, size_t size,
              const char * dir)
{
    FILE * f;
    kd_status st;
    snprintf(lpfile, size, "%s/bp.lp", dir);
    f = fopen(lpfile, "w");
    if (f == NULL)
        return kd_error_set(KD_ERR_IO, "cannot write %s", lpfile);
    st = kd_bp_probe_write_lp(f, &R->As, &R->ys, &R->maxtok, &P->A, &P->y);
    if (fclose(f) != 0 && st == KD_OK)
        st = kd_error_set(KD_ERR_IO, "cannot write %s", lpfile);
    return st;
}

/* The problem a double-storing peer reads, solved exactly; a failure is
   recorded in R->double_msg, since the probe goes on without it. */
static void
double_problem(kd_bp_probe_report_t R)
{
    kd_status st = kd_bp_probe_round_double(&R->Ad, &R->yd, &R->As, &R->ys);
    if (st == KD_OK)
    {
        R->rounded = 1;
        R->same_double = fmpq_mat_equal(&R->Ad, &R->As) && fmpq_mat_equal(&R->yd, &R->ys);
        st = kd_bp_probe_set(&R->Pd, &R->Ad, &R->yd);
    }
    if (st == KD_OK)
        R->have_double = 1;
    else
    {
        char buf[512];
        snprintf(buf, sizeof buf, "%s%s", R->rounded ? "the double-rounded problem: " : "",
                 kd_error_message());
        R->double_msg = _kd_bp_strdup(buf);
        kd_error_clear();
    }
}

/* Built-in instance: P must agree with the closed form, and the other
   vertex (1, 0) is judged like a peer's answer. */
static kd_status
builtin_checks(kd_bp_probe_report_t R, const kd_bp_probe_t P, slong prec)
{
    if (P->agrees != KD_TRUE)
        return kd_error_set(KD_ERR_INTERNAL, "internal error: the exact solution disagrees with "
                            "the closed form (0, 2^k/(2^k + 1))");
    fmpq_mat_clear(&R->other);
    fmpq_mat_init(&R->other, 2, 1);
    fmpq_one(fmpq_mat_entry(&R->other, 0, 0));
    return kd_bp_probe_assess(&R->other_R, P, &R->other, prec);
}

/* Runs the peers in R->peers on lpfile and judges their answers. */
static kd_status
run_peers(kd_bp_probe_report_t R, const kd_bp_probe_t P, const char * dir,
          const char * lpfile, double timeout_s, slong prec)
{
    slong N = fmpq_mat_ncols(&P->A);
    kd_status st;
    int i;
    for (i = 0; i < KD_BP_PEER_COUNT; i++)
    {
        kd_bp_peer_result_struct * r = &R->peer[i];
        kd_bp_peer_result_clear(r);
        kd_bp_peer_result_init(r, (kd_bp_peer) i, N);
        if (!(R->peers & KD_BP_PEER_BIT(i)))
            continue;
        kd_bp_peer_run(r, (kd_bp_peer) i, dir, lpfile, N, timeout_s);
        if (r->status != KD_BP_PEER_OK)
            continue;
        if ((st = kd_bp_probe_assess(&r->R, P, &r->x, prec)) != KD_OK)
            return st;
        if (kd_bp_peer_reads_double((kd_bp_peer) i) && R->have_double)
        {
            if ((st = kd_bp_probe_assess(&r->Rd, &R->Pd, &r->x, prec)) != KD_OK)
                return st;
            r->on_input = 1;
        }
    }
    return KD_OK;
}

kd_status
kd_bp_probe_run(kd_bp_probe_report_t R, const kd_bp_probe_t P, unsigned peers,
                double timeout_s, slong prec)
{
    const char * tmp = getenv("TMPDIR");
    char dir[4096], lpfile[4200] = "";
    kd_status st;

    kd_bp_probe_report_clear(R);
    kd_bp_probe_report_init(R);
    R->peers = peers & KD_BP_PEERS_ALL;
    R->timeout_s = timeout_s;
    if (fmpq_mat_nrows(&P->A) == 0 || fmpq_mat_ncols(&P->A) == 0)
        return kd_error_set(KD_ERR_ARG, "kd_bp_probe_run: the instance is empty");
    if (prec < 2)
        return kd_error_set(KD_ERR_ARG, "kd_bp_probe_run: prec = %ld < 2", prec);
    if (P->k != 0 && (st = builtin_checks(R, P, prec)) != KD_OK)
        return st;

    if (tmp == NULL || *tmp == '\0')
        tmp = "/tmp";
    snprintf(dir, sizeof dir, "%s/kdigits-bp-XXXXXX", tmp);
    if (mkdtemp(dir) == NULL)
        return kd_error_set(KD_ERR_IO, "cannot create a temporary directory in %s", tmp);
    st = write_lp_file(R, P, lpfile, sizeof lpfile, dir);
    if (st == KD_OK)
    {
        double_problem(R);
        st = run_peers(R, P, dir, lpfile, timeout_s, prec);
    }
    unlink(lpfile);
    rmdir(dir);
    return st;
}

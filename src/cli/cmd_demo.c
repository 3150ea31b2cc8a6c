/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits demo: the main job until the Omega_K table exists. The LASSO-probe
   matrix A_delta (lasso-probe.md §1) served as an exact oracle at several
   levels, next to what IEEE double input can and cannot represent. */
#include <getopt.h>
#include <string.h>
#include "cli.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_demo, NULL, NULL);
}

static void
text_matrix(const char * name, const fmpq_mat_t M)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(M); i++)
    {
        printf("    %s %s", i == 0 ? name : "   ", i == 0 ? "= [" : "   ");
        for (j = 0; j < fmpq_mat_ncols(M); j++)
        {
            char * s = kd_fmpq_get_str(fmpq_mat_entry(M, i, j));
            printf("%s%s", j ? ",  " : " ", s);
            flint_free(s);
        }
        printf("%s\n", i + 1 == fmpq_mat_nrows(M) ? " ]" : " ;");
    }
}

static int
own(int c, const char * arg, void * data)
{
    if (c != 'd')
        return 0;
    *(const char **) data = arg;
    return 1;
}

static void
print_text_head(const char * delta_s, const kd_real_t delta, slong k)
{
    char * s = kd_real_get_str(delta);
    printf("kdigits demo: the LASSO-probe matrix as an exact oracle (lasso-probe.md §1)\n\n");
    printf("delta = %s = %s (exact)\n", delta_s, s);
    flint_free(s);
    printf("A_delta = [ 1/sqrt(2) - delta,  1/sqrt(2) ;  -1/sqrt(2) - delta,  -1/sqrt(2) ;  2 delta,  0 ]\n");
    printf("y       = ( 1/sqrt(2), -1/sqrt(2), 0 )\n");
    printf("%ld of the 6 entries of A are not exact dyadics: entries are read at level n + %ld\n",
           k, kd_oracle_entry_level(0, k));
}

/* One level: A_n, y_n with their proved bounds (JSON: appended to jlevels). */
static void
print_level(kd_cli_format fmt, json_t * jlevels, slong n, slong k, const fmpq_mat_t An,
            const mag_t errA, const fmpq_mat_t yn, const mag_t erry)
{
    slong r, s, L = kd_oracle_entry_level(n, k);
    char * ea, * ey;
    if (fmt == KD_FMT_JSON)
        json_array_append_new(jlevels, kd_lasso_demo_level_json(n, L, An, errA, yn, erry));
    else if (fmt == KD_FMT_CSV)
        for (r = 0; r < 3; r++)
            for (s = 0; s < 3; s++)
            {
                char * vs = kd_fmpq_get_str(s < 2 ? fmpq_mat_entry(An, r, s) : fmpq_mat_entry(yn, r, 0));
                char * es = kd_mag_get_decimal(s < 2 ? errA : erry, 6);
                printf("%ld,%ld,%s,%ld,%ld,%s,%s\n", n, L, s < 2 ? "A" : "y", r + 1, s < 2 ? s + 1 : 1,
                       vs, es);
                flint_free(vs);
                flint_free(es);
            }
    else
    {
        ea = kd_mag_get_decimal(errA, 4);
        ey = kd_mag_get_decimal(erry, 4);
        printf("\nlevel n = %ld   ||A_n - A||_2 <= %s,  ||y_n - y||_2 <= %s  (proved, <= 2^-%ld)\n",
               n, ea, ey, n);
        text_matrix("A_n", An);
        text_matrix("y_n", yn);
        flint_free(ea);
        flint_free(ey);
    }
}

static void
print_text_tail(const kd_lasso_ieee_t I)
{
    char * e = kd_mag_get_decimal(&I->A_d_err, 4), * mid, * rad;
    printf("\nIEEE double input: the double-rounded A has ||A_dbl - A||_F <= %s (proved),\n", e);
    printf("  so it is a valid oracle answer only for levels n <= %ld; a double solver\n", I->valid_level);
    printf("  asked for more is solving a different problem (theory.md §2).\n");
    flint_free(e);
    kd_arb_get_decimal(&mid, &rad, &I->one_minus_rho, 12);
    printf("\n1 - rho  (rho = cosine of the angle between the columns = 1/sqrt(1 + 6 delta^2);\n");
    printf("          the LASSO's KKT slack is Lambda (1 - rho)):\n");
    printf("  from the exact oracle  %s +/- %s  (certified)\n", mid, rad);
    printf("  in IEEE double         %.6e  (unverified)\n", I->one_minus_rho_d);
    flint_free(mid);
    flint_free(rad);
}

/* The levels of o for the instance of I, framed by the head and tail of
   the format; *ret = kd_json_print's exit code for JSON. */
static kd_status
print_demo(int * ret, const kd_cli_opts * o, const char * delta_s, const kd_real_t delta,
           const kd_lasso_ieee_t I)
{
    json_t * jlevels = json_array();
    kd_status st = KD_OK;
    fmpq_mat_t An, yn;
    mag_t errA, erry;
    kd_oracle_t OA, Oy;
    slong i;

    fmpq_mat_init(An, 3, 2);
    fmpq_mat_init(yn, 3, 1);
    mag_init(errA);
    mag_init(erry);
    if (o->fmt == KD_FMT_CSV)
        printf("n,entry_level,matrix,i,j,value,error_bound_frobenius\n");
    else if (o->fmt == KD_FMT_TEXT)
        print_text_head(delta_s, delta, I->inexact);
    kd_oracle_init_mat(OA, &I->A);
    kd_oracle_init_mat(Oy, &I->y);
    kd_oracle_set_prec_cap(OA, o->prec_cap);
    kd_oracle_set_prec_cap(Oy, o->prec_cap);
    for (i = 0; i < o->nlevels && st == KD_OK; i++)
        if ((st = kd_oracle_get_err(An, NULL, errA, OA, o->levels[i])) == KD_OK
            && (st = kd_oracle_get_err(yn, NULL, erry, Oy, o->levels[i])) == KD_OK)
            print_level(o->fmt, jlevels, o->levels[i], I->inexact, An, errA, yn, erry);
    kd_oracle_clear(OA);
    kd_oracle_clear(Oy);
    if (st == KD_OK && o->fmt == KD_FMT_JSON)
        *ret = kd_json_print(kd_lasso_ieee_json(I, delta_s, delta, jlevels));
    else
        json_decref(jlevels);
    if (st == KD_OK && o->fmt == KD_FMT_TEXT)
        print_text_tail(I);
    fmpq_mat_clear(An);
    fmpq_mat_clear(yn);
    mag_clear(errA);
    mag_clear(erry);
    return st;
}

int
kd_cmd_demo(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"delta", required_argument, NULL, 'd'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    static const slong default_levels[] = {10, 20, 40, 60};
    const char * delta_s = "2^-15";
    kd_cli_opts o;
    int r, ret = 0;
    kd_status st;
    kd_real_t delta;
    kd_lasso_ieee_t I;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "demo", own, &delta_s, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    kd_cli_opts_default_levels(&o, default_levels, 4);
    kd_real_init(delta);
    kd_lasso_ieee_init(I);
    if ((st = kd_real_parse(delta, delta_s)) != KD_OK)
        kd_error_prefix("--delta");
    else if ((st = kd_lasso_probe_ieee(I, delta)) == KD_OK)
        st = print_demo(&ret, &o, delta_s, delta, I);
    if (st != KD_OK)
        ret = kd_cli_fail("demo", st);
    kd_real_clear(delta);
    kd_lasso_ieee_clear(I);
    kd_cli_opts_clear(&o);
    return ret;
}

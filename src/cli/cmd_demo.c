/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits demo: the main job until the Omega_K table exists. The LASSO-probe
   matrix A_delta (lasso-probe.md §1) served as an exact oracle at several
   levels, next to what IEEE double input can and cannot represent. */
#include <getopt.h>
#include <math.h>
#include <string.h>
#include "cli.h"

#define DEMO_PREC 512

static void
help(void)
{
    printf(
        "usage: kdigits demo [--delta EXPR] [--n LIST] [--format text|csv|json]\n"
        "                    [--max-prec BITS]\n"
        "\n"
        "The LASSO-probe instance (lasso-probe.md): A_delta = [1/sqrt2 - d, 1/sqrt2;\n"
        "-1/sqrt2 - d, -1/sqrt2; 2d, 0], y = (1/sqrt2, -1/sqrt2, 0). Prints, for each\n"
        "level n, the oracle answers A_n and y_n (exact dyadics) with the proved bound\n"
        "on ||A_n - A||; then the IEEE-double rounding of A: the levels for which it\n"
        "is still a valid oracle answer, and the quantity 1 - rho (rho the cosine of\n"
        "the angle between the columns; the LASSO's KKT slack is Lambda*(1 - rho))\n"
        "certified from the exact data versus computed in double (unverified).\n"
        "\n"
        "options:\n"
        "  --delta EXPR     exact delta (default 2^-15); 0 gives two equal columns\n"
        "  --n LIST         levels (default 10,20,40,60)\n"
        "  --format F       text (default), csv or json\n"
        "  --max-prec BITS  cap on the working precision (default %d)\n",
        KD_PREC_CAP_DEFAULT);
}

/* The nearest-ish double to each entry (from a 512-bit ball) and a proved
   bound on the Frobenius distance of that double matrix to the exact one. */
static kd_status
double_rounding(double * d, mag_t frob, const kd_mat_t A)
{
    slong i;
    kd_status st = KD_OK;
    arb_t x, e;
    arf_t t;
    mag_t m;
    arb_init(x);
    arb_init(e);
    arf_init(t);
    mag_init(m);
    mag_zero(frob);
    for (i = 0; i < A->r * A->c && st == KD_OK; i++)
    {
        st = kd_real_eval_arb(x, &A->entries[i].re, DEMO_PREC);
        if (st != KD_OK)
            break;
        d[i] = arf_get_d(arb_midref(x), ARF_RND_NEAR);
        arf_set_d(t, d[i]);
        arb_sub_arf(e, x, t, DEMO_PREC);
        arb_get_mag(m, e);
        mag_addmul(frob, m, m);
    }
    mag_sqrt(frob, frob);
    arb_clear(x);
    arb_clear(e);
    arf_clear(t);
    mag_clear(m);
    return st;
}

/* 1 - <a1,a2>/(|a1| |a2|), certified, from the exact entries. */
static kd_status
one_minus_rho(arb_t r, const kd_mat_t A)
{
    arb_t a, b, s11, s22, s12;
    slong i;
    kd_status st = KD_OK;
    arb_init(a);
    arb_init(b);
    arb_init(s11);
    arb_init(s22);
    arb_init(s12);
    for (i = 0; i < 3 && st == KD_OK; i++)
    {
        if ((st = kd_real_eval_arb(a, kd_mat_entry_re(A, i, 0), DEMO_PREC)) != KD_OK
            || (st = kd_real_eval_arb(b, kd_mat_entry_re(A, i, 1), DEMO_PREC)) != KD_OK)
            break;
        arb_addmul(s11, a, a, DEMO_PREC);
        arb_addmul(s22, b, b, DEMO_PREC);
        arb_addmul(s12, a, b, DEMO_PREC);
    }
    arb_mul(a, s11, s22, DEMO_PREC);
    arb_rsqrt(a, a, DEMO_PREC);
    arb_mul(a, a, s12, DEMO_PREC);
    arb_sub_ui(r, a, 1, DEMO_PREC);
    arb_neg(r, r);
    arb_clear(a);
    arb_clear(b);
    arb_clear(s11);
    arb_clear(s22);
    arb_clear(s12);
    return st;
}

static double
one_minus_rho_double(const double * d)
{
    /* row-major 3 x 2 */
    double s11 = d[0] * d[0] + d[2] * d[2] + d[4] * d[4];
    double s22 = d[1] * d[1] + d[3] * d[3] + d[5] * d[5];
    double s12 = d[0] * d[1] + d[2] * d[3] + d[4] * d[5];
    return 1.0 - s12 / (sqrt(s11) * sqrt(s22));
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

int
kd_cmd_demo(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"delta", required_argument, NULL, 'd'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    static const slong default_levels[] = {10, 20, 40, 60};
    const char * cmd = "demo";
    const char * delta_s = "2^-15";
    kd_cli_opts o;
    slong * levels, nlevels, cap, k, i, valid_n;
    kd_cli_format fmt;
    int r, ret = 0;
    kd_status st;
    kd_real_t delta;
    kd_mat_t A, y;
    fmpq_mat_t An, yn;
    mag_t errA, erry, frob;
    double d[6], omr_d;
    arb_t omr;
    json_t * jroot = NULL, * jlevels = NULL;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &delta_s, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    kd_cli_opts_default_levels(&o, default_levels, 4);
    levels = o.levels;
    nlevels = o.nlevels;
    fmt = o.fmt;
    cap = o.prec_cap;

    kd_real_init(delta);
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    fmpq_mat_init(An, 3, 2);
    fmpq_mat_init(yn, 3, 1);
    mag_init(errA);
    mag_init(erry);
    mag_init(frob);
    arb_init(omr);

    st = kd_real_parse(delta, delta_s);
    if (st != KD_OK)
    {
        kd_error_prefix("--delta");
        ret = kd_cli_fail(cmd, st);
        goto done;
    }
    if ((st = kd_lasso_probe_instance(A, y, delta, 0)) != KD_OK
        || (st = double_rounding(d, frob, A)) != KD_OK
        || (st = one_minus_rho(omr, A)) != KD_OK)
    {
        ret = kd_cli_fail(cmd, st);
        goto done;
    }
    omr_d = one_minus_rho_double(d);
    for (valid_n = 0; valid_n < 2000 && mag_cmp_2exp_si(frob, -(valid_n + 1)) <= 0; valid_n++)
        ;
    k = kd_mat_count_inexact(A);

    if (fmt == KD_FMT_JSON)
    {
        char * s = kd_real_get_str(delta);
        jroot = json_object();
        jlevels = json_array();
        json_object_set_new(jroot, "instance", json_string("lasso-probe"));
        json_object_set_new(jroot, "delta", json_string(delta_s));
        json_object_set_new(jroot, "delta_exact", kd_json_take_string(s));
    }
    else if (fmt == KD_FMT_CSV)
        printf("n,entry_level,matrix,i,j,value,error_bound_frobenius\n");
    else
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

    for (i = 0; i < nlevels; i++)
    {
        slong n = levels[i];
        if ((st = kd_mat_approx(An, NULL, errA, A, n, cap)) != KD_OK
            || (st = kd_mat_approx(yn, NULL, erry, y, n, cap)) != KD_OK)
        {
            ret = kd_cli_fail(cmd, st);
            goto done;
        }
        if (fmt == KD_FMT_JSON)
        {
            json_t * jl = json_object();
            json_object_set_new(jl, "n", json_integer(n));
            json_object_set_new(jl, "entry_level", json_integer(kd_oracle_entry_level(n, k)));
            json_object_set_new(jl, "A_n", kd_json_fmpq_mat(An));
            json_object_set_new(jl, "A_error_bound_frobenius", kd_json_mag(errA));
            json_object_set_new(jl, "y_n", kd_json_fmpq_mat(yn));
            json_object_set_new(jl, "y_error_bound", kd_json_mag(erry));
            json_object_set_new(jl, "certified", json_true());
            json_array_append_new(jlevels, jl);
        }
        else if (fmt == KD_FMT_CSV)
        {
            slong r, s;
            for (r = 0; r < 3; r++)
                for (s = 0; s < 3; s++)
                {
                    const fmpq * v = s < 2 ? fmpq_mat_entry(An, r, s) : fmpq_mat_entry(yn, r, 0);
                    char * vs = kd_fmpq_get_str(v);
                    char * es = kd_mag_get_decimal(s < 2 ? errA : erry, 6);
                    printf("%ld,%ld,%s,%ld,%ld,%s,%s\n", n, kd_oracle_entry_level(n, k),
                           s < 2 ? "A" : "y", r + 1, s < 2 ? s + 1 : 1, vs, es);
                    flint_free(vs);
                    flint_free(es);
                }
        }
        else
        {
            char * ea = kd_mag_get_decimal(errA, 4), * ey = kd_mag_get_decimal(erry, 4);
            printf("\nlevel n = %ld   ||A_n - A||_2 <= %s,  ||y_n - y||_2 <= %s  (proved, <= 2^-%ld)\n",
                   n, ea, ey, n);
            text_matrix("A_n", An);
            text_matrix("y_n", yn);
            flint_free(ea);
            flint_free(ey);
        }
    }

    if (fmt == KD_FMT_JSON)
    {
        json_t * jd = json_object();
        char buf[64];
        json_object_set_new(jroot, "levels", jlevels);
        json_object_set_new(jd, "A_error_bound_frobenius", kd_json_mag(frob));
        json_object_set_new(jd, "valid_for_levels_up_to", json_integer(valid_n));
        snprintf(buf, sizeof buf, "%.17g", omr_d);
        json_object_set_new(jd, "one_minus_rho", json_string(buf));
        json_object_set_new(jd, "one_minus_rho_certified", json_false());
        json_object_set_new(jroot, "ieee_double", jd);
        json_object_set_new(jroot, "one_minus_rho", kd_json_arb(omr, 20));
        ret = kd_json_print(jroot);
        jroot = NULL;
    }
    else if (fmt == KD_FMT_TEXT)
    {
        char * e = kd_mag_get_decimal(frob, 4), * mid, * rad;
        printf("\nIEEE double input: the double-rounded A has ||A_dbl - A||_F <= %s (proved),\n", e);
        printf("  so it is a valid oracle answer only for levels n <= %ld; a double solver\n", valid_n);
        printf("  asked for more is solving a different problem (theory.md §2).\n");
        flint_free(e);
        kd_arb_get_decimal(&mid, &rad, omr, 12);
        printf("\n1 - rho  (rho = cosine of the angle between the columns = 1/sqrt(1 + 6 delta^2);\n");
        printf("          the LASSO's KKT slack is Lambda (1 - rho)):\n");
        printf("  from the exact oracle  %s +/- %s  (certified)\n", mid, rad);
        printf("  in IEEE double         %.6e  (unverified)\n", omr_d);
        flint_free(mid);
        flint_free(rad);
    }

done:
    if (jroot != NULL)
        json_decref(jroot);
    kd_real_clear(delta);
    kd_mat_clear(A);
    kd_mat_clear(y);
    fmpq_mat_clear(An);
    fmpq_mat_clear(yn);
    mag_clear(errA);
    mag_clear(erry);
    mag_clear(frob);
    arb_clear(omr);
    kd_cli_opts_clear(&o);
    return ret;
}

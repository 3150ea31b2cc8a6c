/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits lasso-probe --peers: real solvers (lasso-probe.md §4) run on the
   double-rounded instance, their double output read exactly and measured
   against the certified truth B* = (0, 1 - sqrt(3) Lambda). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "lasso_peers.h"
#include "../peers/spawn.h"

#define LP_PREC 256
#define LP_CMD "lasso-probe"

/* One script of experiments/peers and the estimators it reports. */
typedef struct
{
    const char * script;    /* file name in the peers directory */
    int is_r;               /* 1: run with Rscript, 0: with Python */
    const char * module;    /* the R package or Python module it needs */
    const char * package;   /* the Debian package that provides it */
    const char * names[2];  /* its estimators, in output order */
    int nnames;
    char * path;            /* found at run time (malloc'ed) */
    char * interp;          /* the interpreter that can load the module, or NULL */
    char * reason;          /* why it is skipped, or NULL */
    int no_script;          /* skipped because the script itself is missing */
}
lp_script;

static const lp_script lp_scripts[] = {
    {"glmnet.R", 1, "glmnet", "r-cran-glmnet", {"glmnet", NULL}, 1, NULL, NULL, NULL, 0},
    {"sklearn_lasso.py", 0, "sklearn", "python3-sklearn",
     {"sklearn-lasso", "sklearn-lassolars"}, 2, NULL, NULL, NULL, 0},
    {"cvxopt_qp.py", 0, "cvxopt", "python3-cvxopt", {"cvxopt-qp", NULL}, 1, NULL, NULL, NULL, 0}};

#define LP_NSCRIPTS ((slong) (sizeof lp_scripts / sizeof lp_scripts[0]))

static char *
lp_strdup_printf(const char * fmt, const char * a, const char * b)
{
    size_t len = strlen(fmt) + strlen(a) + (b ? strlen(b) : 0) + 1;
    char * s = malloc(len);
    if (s != NULL)
        snprintf(s, len, fmt, a, b ? b : "");
    return s;
}

static int
lp_is_dir(const char * p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* $KDIGITS_PEERS_DIR, else the installed directory, else the source tree. */
static char *
lp_peers_dir(void)
{
    const char * e = getenv("KDIGITS_PEERS_DIR");
    if (e != NULL && *e != '\0')
        return strdup(e);
#ifdef KD_PEERS_DIR
    if (lp_is_dir(KD_PEERS_DIR))
        return strdup(KD_PEERS_DIR);
#endif
#ifdef KD_PEERS_SRCDIR
    if (lp_is_dir(KD_PEERS_SRCDIR))
        return strdup(KD_PEERS_SRCDIR);
#endif
    return NULL;
}

/* 1 when interp runs and loads module (a tiny `-e library(..)` / `-c import ..`). */
static int
lp_probe(const char * interp, int is_r, const char * module)
{
    char prog[4096], flag[4], code[128];
    char * argv[4];
    kd_spawn_result r;
    int ok;

    if (strlen(interp) >= sizeof prog || !kd_spawn_which(interp))
        return 0;
    strcpy(prog, interp);
    strcpy(flag, is_r ? "-e" : "-c");
    if (is_r)
        snprintf(code, sizeof code, "suppressPackageStartupMessages(library(%s))", module);
    else
        snprintf(code, sizeof code, "import %s", module);
    argv[0] = prog;
    argv[1] = flag;
    argv[2] = code;
    argv[3] = NULL;
    ok = kd_spawn_run(&r, argv, KD_CLI_PEER_TIMEOUT) == 0 && !r.timed_out && r.exit_code == 0;
    kd_spawn_result_clear(&r);
    return ok;
}

/* Finds the script and an interpreter that can load its module. */
static void
lp_locate(lp_script * s, const char * dir)
{
    const char * cands[3];
    const char * e;
    int n = 0, i;

    if (dir == NULL)
    {
        s->no_script = 1;
        s->reason = strdup("the peer scripts were not found (set KDIGITS_PEERS_DIR)");
        return;
    }
    s->path = lp_strdup_printf("%s/%s", dir, s->script);
    if (s->path == NULL || access(s->path, R_OK) != 0)
    {
        s->no_script = 1;
        s->reason = lp_strdup_printf("%s is missing (set KDIGITS_PEERS_DIR)",
                                     s->path ? s->path : s->script, NULL);
        return;
    }
    if (s->is_r)
    {
        if (!kd_spawn_which("Rscript"))
            s->reason = strdup("Rscript is not on PATH");
        else if (!lp_probe("Rscript", 1, s->module))
            s->reason = lp_strdup_printf("R cannot load the package %s%s", s->module, NULL);
        else
            s->interp = strdup("Rscript");
        return;
    }
    e = getenv("KDIGITS_PYTHON");
    if (e != NULL && *e != '\0')
        cands[n++] = e;
    /* Debian's interpreter first: a python3 earlier on PATH (pyenv, a
       virtualenv) often lacks the Debian modules. Only when PATH has a
       python3 at all, so that a stripped PATH turns the peers off. */
    if (kd_spawn_which("python3"))
    {
        cands[n++] = "/usr/bin/python3";
        cands[n++] = "python3";
    }
    for (i = 0; i < n; i++)
    {
        if (lp_probe(cands[i], 0, s->module))
        {
            s->interp = strdup(cands[i]);
            return;
        }
    }
    if (n == 0)
        s->reason = strdup("no python3 (neither KDIGITS_PYTHON nor python3 on PATH)");
    else
        s->reason = lp_strdup_printf("no python3 tried can import %s%s", s->module, NULL);
}

/* q -> the double equal to it; 0 when q is not exactly a double. */
static int
lp_fmpq_get_d(double * d, const fmpq_t q)
{
    arf_t a;
    fmpq_t back;
    int ok;
    arf_init(a);
    fmpq_init(back);
    arf_set_fmpq(a, q, 53, ARF_RND_NEAR);
    *d = arf_get_d(a, ARF_RND_NEAR);
    ok = isfinite(*d);
    if (ok)
    {
        arf_set_d(a, *d);
        arf_get_fmpq(back, a);
        ok = fmpq_equal(back, q);
    }
    arf_clear(a);
    fmpq_clear(back);
    return ok;
}

/* The input file of experiments/peers/README.md: m N, A by rows, y,
   Lambda (MATLAB's convention, the double nearest to it), all %.17g. */
static kd_status
lp_write_input(const char * file, const fmpq_mat_t A, const fmpq_mat_t y, double Lambda,
               const char * dstr)
{
    FILE * f = fopen(file, "w");
    slong i, j;
    double v;
    kd_status st = KD_OK;

    if (f == NULL)
        return kd_error_set(KD_ERR_IO, "cannot write %s", file);
    fprintf(f, "# kdigits lasso-probe --peers input: A_delta and y rounded to double, "
               "delta = %s\n# m N, then A (m rows of N), y (m), Lambda (MATLAB's convention)\n",
            dstr);
    fprintf(f, "%ld %ld\n", (long) fmpq_mat_nrows(A), (long) fmpq_mat_ncols(A));
    for (i = 0; i < fmpq_mat_nrows(A) && st == KD_OK; i++)
        for (j = 0; j < fmpq_mat_ncols(A) && st == KD_OK; j++)
        {
            if (!lp_fmpq_get_d(&v, fmpq_mat_entry(A, i, j)))
                st = kd_error_set(KD_ERR_INTERNAL, "A(%ld,%ld) is not a double", (long) i, (long) j);
            else
                fprintf(f, "%.17g%c", v, j + 1 == fmpq_mat_ncols(A) ? '\n' : ' ');
        }
    for (i = 0; i < fmpq_mat_nrows(y) && st == KD_OK; i++)
    {
        if (!lp_fmpq_get_d(&v, fmpq_mat_entry(y, i, 0)))
            st = kd_error_set(KD_ERR_INTERNAL, "y(%ld) is not a double", (long) i);
        else
            fprintf(f, "%.17g%c", v, i + 1 == fmpq_mat_nrows(y) ? '\n' : ' ');
    }
    fprintf(f, "%.17g\n", Lambda);
    if (fclose(f) != 0 && st == KD_OK)
        st = kd_error_set(KD_ERR_IO, "cannot write %s", file);
    return st;
}

/* log2(delta) when delta is an exact power of two. */
static int
lp_delta_log2(slong * lg, const kd_real_t d)
{
    fmpq_t q;
    int ok = 0;
    fmpq_init(q);
    if (kd_real_get_fmpq(q, d) && fmpq_sgn(q) > 0)
    {
        const fmpz * p = fmpq_numref(q), * r = fmpq_denref(q);
        if (fmpz_is_one(p) && (slong) fmpz_val2(r) == (slong) fmpz_bits(r) - 1)
        {
            *lg = -(slong) fmpz_val2(r);
            ok = 1;
        }
        else if (fmpz_is_one(r) && (slong) fmpz_val2(p) == (slong) fmpz_bits(p) - 1)
        {
            *lg = (slong) fmpz_val2(p);
            ok = 1;
        }
    }
    fmpq_clear(q);
    return ok;
}

/* One line, at most 300 characters, of a program's message. */
static char *
lp_one_line(const char * s)
{
    const char * end = s + strlen(s), * start;
    char * out;
    size_t len, i;
    for (;;)
    {
        while (end > s && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
            end--;
        /* R's closing words say nothing: the message is the line before */
        if ((size_t) (end - s) >= 16 && strncmp(end - 16, "Execution halted", 16) == 0
            && (end - s == 16 || end[-17] == '\n'))
            end -= 16;
        else
            break;
    }
    start = end;
    while (start > s && start[-1] != '\n')
        start--;
    len = (size_t) (end - start);
    if (len > 300)
        len = 300;
    out = malloc(len + 1);
    if (out == NULL)
        return NULL;
    for (i = 0; i < len; i++)
        out[i] = (start[i] == '\t' || start[i] == '\r') ? ' '
                 : ((unsigned char) start[i] >= 0x80) ? '?' : start[i];   /* valid UTF-8 */
    out[len] = '\0';
    return out;
}

/* A new row with the delta and peer fields. */
static json_t *
lp_row(const char * dstr, int haslg, slong lg, const char * peer, kd_truth cert)
{
    json_t * r = json_object();
    json_object_set_new(r, "delta", json_string(dstr));
    json_object_set_new(r, "delta_log2", haslg ? json_integer(lg) : json_null());
    json_object_set_new(r, "peer", json_string(peer));
    json_object_set_new(r, "truth_certified", json_string(kd_truth_name(cert)));
    return r;
}

static void
lp_fail_row(json_t * rows, json_t * r, const char * reason)
{
    char * s = lp_strdup_printf("failed: %s%s", reason, NULL);
    json_object_set_new(r, "status", json_string(s ? s : "failed"));
    free(s);
    json_array_append_new(rows, r);
}

/* The certified measures of a peer's output B (exact rationals) against
   B* = (0, c) and the wrong vertex W = (c, 0), c = 1 - sqrt(3) Lambda. */
static void
lp_measure(json_t * r, const fmpq_mat_t B, const arb_mat_t Bstar, const kd_real_t delta)
{
    arb_t b0, b1, c, e, eW, t, s;
    const char * nearer;

    arb_init(b0);
    arb_init(b1);
    arb_init(c);
    arb_init(e);
    arb_init(eW);
    arb_init(t);
    arb_init(s);
    arb_set_fmpq(b0, fmpq_mat_entry(B, 0, 0), LP_PREC);
    arb_set_fmpq(b1, fmpq_mat_entry(B, 1, 0), LP_PREC);
    arb_set(c, arb_mat_entry(Bstar, 1, 0));

    /* ||B - B*||_2 */
    arb_sub(t, b0, arb_mat_entry(Bstar, 0, 0), LP_PREC);
    arb_mul(e, t, t, LP_PREC);
    arb_sub(t, b1, arb_mat_entry(Bstar, 1, 0), LP_PREC);
    arb_addmul(e, t, t, LP_PREC);
    arb_sqrtpos(e, e, LP_PREC);
    /* ||B - W||_2 */
    arb_sub(t, b0, c, LP_PREC);
    arb_mul(eW, t, t, LP_PREC);
    arb_addmul(eW, b1, b1, LP_PREC);
    arb_sqrtpos(eW, eW, LP_PREC);
    /* ||B - B*||^2 - ||B - W||^2 = 2 c (B_1 - B_2): decided exactly when c > 0 */
    if (!arb_is_positive(c))
        nearer = "undecided";
    else
    {
        int cmp = fmpq_cmp(fmpq_mat_entry(B, 0, 0), fmpq_mat_entry(B, 1, 0));
        nearer = cmp < 0 ? "B*" : cmp > 0 ? "wrong vertex" : "equidistant";
    }
    /* on the standardised scale b = D^-1 B, D = diag(sqrt(3) rho, sqrt(3)),
       b* = (0, c / sqrt(3)): ||b - b*||_inf = max(|B_1| / rho, |B_2 - c|) / sqrt(3) */
    if (kd_real_eval_arb(s, delta, LP_PREC) == KD_OK)
    {
        arb_sqr(s, s, LP_PREC);
        arb_mul_ui(s, s, 6, LP_PREC);
        arb_add_ui(s, s, 1, LP_PREC);
        arb_sqrtpos(s, s, LP_PREC);           /* 1/rho */
        arb_abs(t, b0);
        arb_mul(s, s, t, LP_PREC);
        arb_sub(t, b1, c, LP_PREC);
        arb_abs(t, t);
        arb_max(s, s, t, LP_PREC);
        arb_sqrt_ui(t, 3, LP_PREC);
        arb_div(s, s, t, LP_PREC);
    }
    else
        arb_indeterminate(s);

    json_object_set_new(r, "error", kd_json_arb(e, 10));
    json_object_set_new(r, "error_wrong_vertex", kd_json_arb(eW, 10));
    json_object_set_new(r, "error_std_inf", kd_json_arb(s, 6));
    json_object_set_new(r, "nearer", json_string(nearer));
    json_object_set_new(r, "verdict", json_string(kd_lasso_verdict_name(kd_lasso_verdict_of(B))));

    arb_clear(b0);
    arb_clear(b1);
    arb_clear(c);
    arb_clear(e);
    arb_clear(eW);
    arb_clear(t);
    arb_clear(s);
}

/* A row from one JSON object a peer printed. */
static void
lp_eval(json_t * rows, json_t * r, json_t * o, const arb_mat_t Bstar, const kd_real_t delta)
{
    json_t * jb = json_object_get(o, "B"), * v;
    fmpq_mat_t B;
    arf_t a;
    double d[2];
    slong j;

    v = json_object_get(o, "version");
    json_object_set_new(r, "version", json_string(json_is_string(v) ? json_string_value(v) : "?"));
    if (!json_is_array(jb) || json_array_size(jb) != 2
        || !json_is_number(json_array_get(jb, 0)) || !json_is_number(json_array_get(jb, 1)))
    {
        lp_fail_row(rows, r, "its B is not a pair of finite numbers");
        return;
    }
    for (j = 0; j < 2; j++)
        d[j] = json_number_value(json_array_get(jb, j));
    if (!isfinite(d[0]) || !isfinite(d[1]))
    {
        lp_fail_row(rows, r, "its B is not a pair of finite numbers");
        return;
    }
    json_object_set_new(r, "status", json_string("ok"));
    /* B as the peer computed it: JSON decimals read with strtod (correctly
       rounded), each double then converted to a rational exactly */
    fmpq_mat_init(B, 2, 1);
    arf_init(a);
    for (j = 0; j < 2; j++)
    {
        arf_set_d(a, d[j]);
        arf_get_fmpq(fmpq_mat_entry(B, j, 0), a);
    }
    json_object_set_new(r, "B", json_pack("[ff]", d[0], d[1]));
    lp_measure(r, B, Bstar, delta);
    v = json_object_get(o, "warned");
    json_object_set_new(r, "warned", json_boolean(json_is_true(v)));
    v = json_object_get(o, "warning");
    json_object_set_new(r, "warning", json_string(json_is_string(v) ? json_string_value(v) : ""));
    if ((v = json_object_get(o, "iterations")) != NULL && !json_is_null(v))
        json_object_set(r, "iterations", v);
    if ((v = json_object_get(o, "status")) != NULL && !json_is_null(v))
        json_object_set(r, "solver_status", v);
    json_array_append_new(rows, r);
    arf_clear(a);
    fmpq_mat_clear(B);
}

/* Runs one script on the input file and appends a row per estimator. */
static void
lp_run(json_t * rows, const lp_script * s, const char * input, const char * dstr, int haslg,
       slong lg, kd_truth cert, const arb_mat_t Bstar, const kd_real_t delta)
{
    kd_spawn_result res;
    char * argv[4];
    json_t * found[2] = {NULL, NULL};
    char * line, * save, * reason = NULL;
    int k, started;

    argv[0] = s->interp;
    argv[1] = s->path;
    argv[2] = (char *) input;
    argv[3] = NULL;
    started = kd_spawn_run(&res, argv, KD_CLI_PEER_TIMEOUT) == 0;
    if (!started)
    {
        char * m = lp_one_line(res.err ? res.err : "");
        reason = lp_strdup_printf("could not start %s: %s", s->interp, m ? m : "");
        free(m);
    }
    else if (res.timed_out)
    {
        char buf[64];
        snprintf(buf, sizeof buf, "timed out after %g s", KD_CLI_PEER_TIMEOUT);
        reason = strdup(buf);
    }
    else
    {
        for (line = strtok_r(res.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        {
            json_t * o;
            const char * name;
            if (strchr(line, '{') == NULL)
                continue;
            o = json_loads(line, 0, NULL);
            name = json_is_object(o) ? json_string_value(json_object_get(o, "peer")) : NULL;
            for (k = 0; name && k < s->nnames; k++)
                if (found[k] == NULL && strcmp(name, s->names[k]) == 0)
                {
                    found[k] = o;
                    o = NULL;
                    break;
                }
            if (o)
                json_decref(o);
        }
        if (found[0] == NULL || (s->nnames > 1 && found[1] == NULL))
        {
            char * m = lp_one_line(res.err ? res.err : "");
            char buf[64];
            if (res.exit_code != 0)
                snprintf(buf, sizeof buf, "exit status %d", res.exit_code);
            else
                snprintf(buf, sizeof buf, "no JSON output");
            reason = lp_strdup_printf(m && *m ? "%s: %s" : "%s%s", buf, m ? m : "");
            free(m);
        }
    }
    for (k = 0; k < s->nnames; k++)
    {
        json_t * r = lp_row(dstr, haslg, lg, s->names[k], cert);
        if (found[k])
        {
            lp_eval(rows, r, found[k], Bstar, delta);
            json_decref(found[k]);
        }
        else
            lp_fail_row(rows, r, reason ? reason : "no output");
    }
    free(reason);
    kd_spawn_result_clear(&res);
}

/* A string member for printing ("-" when absent). */
static const char *
lp_s(json_t * o, const char * key)
{
    const char * v = json_string_value(json_object_get(o, key));
    return v ? v : "-";
}

static void
lp_print_ball(char * buf, size_t len, json_t * b)
{
    snprintf(buf, len, "%s +/- %s", json_string_value(json_object_get(b, "mid")),
             json_string_value(json_object_get(b, "rad")));
}

static void
lp_print_text(json_t * root, const fmpq_t Lambda, kd_scaled_convention conv)
{
    json_t * peers = json_object_get(root, "peers"), * rows = json_object_get(root, "rows");
    const char * last = NULL;
    char * ls = kd_fmpq_get_str(Lambda);
    size_t i;

    if (conv == KD_SCALED_MEAN)
    {
        fmpq_t l;
        char * lst;
        fmpq_init(l);
        fmpq_mul_2exp(l, Lambda, 1);
        lst = kd_fmpq_get_str(l);
        printf("Real peers on A_delta, y rounded to double (lasso-probe.md §4); convention mean\n"
               "(the slides' lambda = %s, i.e. MATLAB's Lambda = %s, passed as the double %.17g).\n",
               lst, ls, json_real_value(json_object_get(root, "Lambda_double")));
        flint_free(lst);
        fmpq_clear(l);
    }
    else
        printf("Real peers on A_delta, y rounded to double (lasso-probe.md §4); convention matlab\n"
               "(Lambda = %s, passed as the double %.17g).\n",
               ls, json_real_value(json_object_get(root, "Lambda_double")));
    printf("error = ||B - B*||_2 certified (B = the peer's double output, read exactly;\n"
           "B* = (0, 1 - sqrt(3) Lambda) = (0, %s)); nearer: B* or the wrong vertex\n"
           "W = (1 - sqrt(3) Lambda, 0), decided exactly; verdict: the exact support of B.\n",
           json_string_value(json_object_get(json_object_get(root, "B_star_2"), "mid")));
    printf("peers:\n");
    for (i = 0; i < json_array_size(peers); i++)
    {
        json_t * p = json_array_get(peers, i);
        const char * st = lp_s(p, "status");
        if (strcmp(st, "ok") == 0)
            printf("  %-18s %s %s\n", lp_s(p, "peer"),
                   lp_s(p, "interpreter"),
                   lp_s(p, "script"));
        else
            printf("  %-18s %s: %s\n", lp_s(p, "peer"), st,
                   lp_s(p, "reason"));
    }
    for (i = 0; i < json_array_size(rows); i++)
    {
        json_t * r = json_array_get(rows, i);
        const char * d = lp_s(r, "delta");
        const char * st = lp_s(r, "status");
        const char * ver = lp_s(r, "version");
        if (last == NULL || strcmp(last, d) != 0)
        {
            json_t * lg = json_object_get(r, "delta_log2");
            char lgs[48] = "";
            if (json_is_integer(lg))
                snprintf(lgs, sizeof lgs, " = 2^%" JSON_INTEGER_FORMAT, json_integer_value(lg));
            printf("\ndelta = %s%s (B* certified: %s):\n  %-18s %-8s %-36s %-36s %-13s %-6s %s\n",
                   d, lgs, lp_s(r, "truth_certified"), "peer", "version", "B (peer's output, %.10g)", "error ||B - B*||_2", "nearer",
                   "warned", "verdict");
            last = d;
        }
        if (strcmp(st, "ok") == 0)
        {
            char bs[96], es[128];
            json_t * b = json_object_get(r, "B");
            const char * w = json_string_value(json_object_get(r, "warning"));
            snprintf(bs, sizeof bs, "(%.10g, %.10g)", json_real_value(json_array_get(b, 0)),
                     json_real_value(json_array_get(b, 1)));
            lp_print_ball(es, sizeof es, json_object_get(r, "error"));
            printf("  %-18s %-8s %-36s %-36s %-13s %-6s %s\n",
                   lp_s(r, "peer"), ver, bs, es,
                   lp_s(r, "nearer"),
                   json_is_true(json_object_get(r, "warned")) ? "yes" : "no",
                   lp_s(r, "verdict"));
            if (w && *w)
                printf("  %-18s   warning: %s\n", "", w);
        }
        else
            printf("  %-18s %-8s %s\n", lp_s(r, "peer"),
                   ver, st);
    }
    if (json_array_size(rows) == 0)
        printf("\n(no peer ran)\n");
    flint_free(ls);
}

int
kd_cli_lasso_peers(kd_real_t * deltas, slong nd, const fmpq_t Lambda,
                   kd_scaled_convention conv, kd_cli_format fmt)
{
    lp_script sc[LP_NSCRIPTS];
    char * dir = lp_peers_dir();
    char tdir[4096], input[4200] = "";
    const char * tmpenv = getenv("TMPDIR");
    json_t * root = json_object(), * peers = json_array(), * rows = json_array();
    fmpq_mat_t A, y;
    arb_mat_t Bstar;
    arb_t slack, lam;
    arf_t la;
    double Ld;
    kd_status st = KD_OK;
    slong i, k, nrun = 0;
    int ret, have_tdir = 0;

    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    arb_mat_init(Bstar, 2, 1);
    arb_init(slack);
    arb_init(lam);
    arf_init(la);
    /* the double a user passes for Lambda (0.1 for 1/10) */
    arf_set_fmpq(la, Lambda, 53, ARF_RND_NEAR);
    Ld = arf_get_d(la, ARF_RND_NEAR);

    for (i = 0; i < LP_NSCRIPTS; i++)
    {
        sc[i] = lp_scripts[i];
        lp_locate(&sc[i], dir);
        nrun += sc[i].interp != NULL;
        for (k = 0; k < sc[i].nnames; k++)
        {
            json_t * p = json_object();
            json_object_set_new(p, "peer", json_string(sc[i].names[k]));
            json_object_set_new(p, "script", json_string(sc[i].path ? sc[i].path : sc[i].script));
            json_object_set_new(p, "package", json_string(sc[i].package));
            if (sc[i].interp)
            {
                json_object_set_new(p, "status", json_string("ok"));
                json_object_set_new(p, "interpreter", json_string(sc[i].interp));
            }
            else
            {
                char * s = sc[i].no_script ? strdup("skipped (script missing)")
                           : lp_strdup_printf("skipped (install %s)", sc[i].package, NULL);
                json_object_set_new(p, "status", json_string(s ? s : "skipped"));
                json_object_set_new(p, "reason", json_string(sc[i].reason ? sc[i].reason : ""));
                free(s);
            }
            json_array_append_new(peers, p);
        }
    }

    if (nrun > 0)
    {
        snprintf(tdir, sizeof tdir, "%s/kdigits-peers-XXXXXX",
                 tmpenv && *tmpenv ? tmpenv : "/tmp");
        if (mkdtemp(tdir) == NULL)
        {
            st = kd_error_set(KD_ERR_IO, "cannot create a temporary directory under %s",
                              tmpenv && *tmpenv ? tmpenv : "/tmp");
            goto done;
        }
        have_tdir = 1;
        snprintf(input, sizeof input, "%s/input.txt", tdir);
    }

    for (i = 0; i < nd; i++)
    {
        kd_truth cert;
        slong lg = 0;
        int haslg = lp_delta_log2(&lg, deltas[i]);
        char * dstr = kd_real_get_str(deltas[i]);

        if (kd_real_is_zero(deltas[i]))
            st = kd_error_set(KD_ERR_ARG, "--peers needs delta != 0 (B* is unique only then)");
        if (st == KD_OK)
            st = kd_lasso_probe_truth(&cert, Bstar, slack, deltas[i], Lambda,
                                      KD_SCALED_HALF_MEAN, 4096);
        if (st == KD_OK && nrun > 0)
        {
            fprintf(stderr, "kdigits lasso-probe: peers at delta = %s ...\n", dstr);
            st = kd_lasso_probe_round_double(A, y, deltas[i], 0);
            if (st == KD_OK)
                st = lp_write_input(input, A, y, Ld, dstr);
            for (k = 0; k < LP_NSCRIPTS && st == KD_OK; k++)
                if (sc[k].interp)
                    lp_run(rows, &sc[k], input, dstr, haslg, lg, cert, Bstar, deltas[i]);
        }
        flint_free(dstr);
        if (st != KD_OK)
            goto done;
    }

    /* each peer's version, from its first run */
    for (i = 0; i < (slong) json_array_size(peers); i++)
    {
        json_t * p = json_array_get(peers, i);
        size_t r;
        for (r = 0; r < json_array_size(rows); r++)
        {
            json_t * row = json_array_get(rows, r);
            json_t * v = json_object_get(row, "version");
            if (v && strcmp(json_string_value(json_object_get(row, "peer")),
                            lp_s(p, "peer")) == 0)
            {
                json_object_set(p, "version", v);
                break;
            }
        }
    }

done:
    if (have_tdir)
    {
        unlink(input);
        rmdir(tdir);
    }
    if (st == KD_OK)
    {
        json_object_set_new(root, "convention", json_string(kd_scaled_convention_name(conv)));
        json_object_set_new(root, "Lambda", kd_json_fmpq(Lambda));
        json_object_set_new(root, "Lambda_double", json_real(Ld));
        /* B*_2 = 1 - sqrt(3) Lambda (lasso-probe.md §2) */
        arb_sqrt_ui(lam, 3, LP_PREC);
        arb_mul_fmpz(lam, lam, fmpq_numref(Lambda), LP_PREC);
        arb_div_fmpz(lam, lam, fmpq_denref(Lambda), LP_PREC);
        arb_sub_ui(lam, lam, 1, LP_PREC);
        arb_neg(lam, lam);
        json_object_set_new(root, "B_star_2", kd_json_arb(lam, 12));
        json_object_set_new(root, "peers", peers);
        json_object_set_new(root, "rows", rows);
        peers = rows = NULL;
        if (fmt == KD_FMT_JSON)
        {
            ret = kd_json_print(root);
            root = NULL;
        }
        else
        {
            lp_print_text(root, Lambda, conv);
            ret = fflush(stdout) == 0 ? 0 : KD_EXIT_FAIL;
        }
    }
    else
        ret = kd_cli_fail(LP_CMD, st);

    if (root)
        json_decref(root);
    if (peers)
        json_decref(peers);
    if (rows)
        json_decref(rows);
    for (i = 0; i < LP_NSCRIPTS; i++)
    {
        free(sc[i].path);
        free(sc[i].interp);
        free(sc[i].reason);
    }
    free(dir);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    arb_mat_clear(Bstar);
    arb_clear(slack);
    arb_clear(lam);
    arf_clear(la);
    return ret;
}

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The real peers of the LASSO probe (lasso-probe.md §4): glmnet, scikit-learn
   and CVXOPT run on the double-rounded instance, their output read exactly
   and measured against the certified truth. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <jansson.h>
#include "kdigits/lasso.h"
#include "kdigits/util.h"
#include "internal.h"
#include "../peers/spawn.h"

#define LP_PREC 256

/* One script of experiments/peers and the estimators it reports. */
typedef struct
{
    const char * file;      /* file name in the peers directory */
    int is_r;               /* 1: run with Rscript, 0: with Python */
    const char * module;    /* the R package or Python module it needs */
    const char * package;   /* the Debian package that provides it */
    slong first, n;         /* its estimators: peer[first .. first + n - 1] */
}
lp_script;

static const lp_script lp_scripts[] = {
    {"glmnet.R", 1, "glmnet", "r-cran-glmnet", 0, 1},
    {"sklearn_lasso.py", 0, "sklearn", "python3-sklearn", 1, 2},
    {"cvxopt_qp.py", 0, "cvxopt", "python3-cvxopt", 3, 1}};

static const char * const lp_names[KD_LASSO_NPEERS] = {
    "glmnet", "sklearn-lasso", "sklearn-lassolars", "cvxopt-qp"};

#define LP_NSCRIPTS ((slong) (sizeof lp_scripts / sizeof lp_scripts[0]))

static char *
lp_strdup_or_null(const char * s)
{
    return s ? strdup(s) : NULL;
}

kd_status
kd_lasso_peers_init(kd_lasso_peers_t P, const fmpq_t Lambda)
{
    char * dir = _kd_peers_dir();
    const char * tmpenv = getenv("TMPDIR");
    arf_t la;
    slong i, k;
    kd_status st = KD_OK;

    memset(P, 0, sizeof *P);
    arb_init(P->Bstar2);
    _kd_lasso_eval_c(P->Bstar2, Lambda, LP_PREC);
    /* the double a user passes for Lambda (0.1 for 1/10) */
    arf_init(la);
    arf_set_fmpq(la, Lambda, 53, ARF_RND_NEAR);
    P->Lambda_d = arf_get_d(la, ARF_RND_NEAR);
    arf_clear(la);

    for (i = 0; i < LP_NSCRIPTS; i++)
    {
        const lp_script * s = &lp_scripts[i];
        char * path = NULL, * interp = NULL, * reason = NULL;
        int no_script = 0;

        {
            _kd_peers_script sc;
            sc.file = s->file;
            sc.is_r = s->is_r;
            sc.module = s->module;
            _kd_peers_locate(&path, &interp, &reason, &no_script, &sc, dir);
        }
        P->nrun += interp != NULL;
        for (k = s->first; k < s->first + s->n; k++)
        {
            kd_lasso_peer_struct * p = &P->peer[k];
            p->name = lp_names[k];
            p->package = s->package;
            p->script = strdup(path ? path : s->file);
            p->interp = lp_strdup_or_null(interp);
            p->reason = lp_strdup_or_null(reason);
            p->no_script = no_script;
            p->status = interp ? strdup("ok") : no_script ? strdup("skipped (script missing)")
                        : _kd_peers_strdup_printf("skipped (install %s)", s->package, NULL);
        }
        free(path);
        free(interp);
        free(reason);
    }
    free(dir);

    if (P->nrun > 0)
    {
        const char * base = tmpenv && *tmpenv ? tmpenv : "/tmp";
        P->tmpdir = _kd_peers_strdup_printf("%s/kdigits-peers-XXXXXX", base, NULL);
        if (P->tmpdir == NULL || mkdtemp(P->tmpdir) == NULL)
        {
            free(P->tmpdir);
            P->tmpdir = NULL;
            st = kd_error_set(KD_ERR_IO, "cannot create a temporary directory under %s", base);
        }
        else
            P->input = _kd_peers_strdup_printf("%s/input.txt", P->tmpdir, NULL);
    }
    return st;
}

static void
lp_row_clear(kd_lasso_peer_row_struct * r)
{
    flint_free(r->delta);
    free(r->reason);
    free(r->version);
    free(r->warning);
    free(r->iterations);
    free(r->solver_status);
    fmpq_mat_clear(r->B);
    arb_clear(r->error);
    arb_clear(r->error_wrong);
    arb_clear(r->error_std_inf);
}

void
kd_lasso_peers_clear(kd_lasso_peers_t P)
{
    slong i;
    if (P->tmpdir)
    {
        unlink(P->input);
        rmdir(P->tmpdir);
    }
    free(P->tmpdir);
    free(P->input);
    for (i = 0; i < KD_LASSO_NPEERS; i++)
    {
        free(P->peer[i].script);
        free(P->peer[i].interp);
        free(P->peer[i].status);
        free(P->peer[i].reason);
        free(P->peer[i].version);
    }
    for (i = 0; i < P->nrows; i++)
        lp_row_clear(&P->rows[i]);
    free(P->rows);
    arb_clear(P->Bstar2);
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

/* A new row of P for the delta and peer k. */
static kd_lasso_peer_row_struct *
lp_row_new(kd_lasso_peers_t P, const kd_real_t delta, slong k, kd_truth cert)
{
    kd_lasso_peer_row_struct * r;
    if (P->nrows == P->alloc)
    {
        P->alloc = P->alloc ? 2 * P->alloc : 8;
        P->rows = realloc(P->rows, P->alloc * sizeof *P->rows);
    }
    r = &P->rows[P->nrows++];
    memset(r, 0, sizeof *r);
    fmpq_mat_init(r->B, 2, 1);
    arb_init(r->error);
    arb_init(r->error_wrong);
    arb_init(r->error_std_inf);
    r->delta = kd_real_get_str(delta);
    r->has_log2 = kd_lasso_probe_delta_log2(&r->log2, delta);
    r->peer = k;
    r->cert = cert;
    r->status = KD_LASSO_PEER_FAILED;
    r->nearer = KD_LASSO_NEARER_UNDECIDED;
    return r;
}

/* The certified measures of the row's B (exact rationals) against B* and
   the wrong vertex W = (c, 0), c = B*_2 = 1 - sqrt(3) Lambda. */
static void
lp_measure(kd_lasso_peer_row_struct * r, const arb_mat_t Bstar, const kd_real_t delta,
           const fmpq_t Lambda)
{
    arb_mat_t W;
    arb_t s, t;
    arb_srcptr c = arb_mat_entry(Bstar, 1, 0);

    arb_mat_init(W, 2, 1);
    arb_init(s);
    arb_init(t);
    arb_set(arb_mat_entry(W, 0, 0), c);
    _kd_lasso_dist(r->error, r->B, Bstar, LP_PREC);
    _kd_lasso_dist(r->error_wrong, r->B, W, LP_PREC);
    r->nearer = kd_lasso_nearer(r->B, Lambda);
    r->verdict = kd_lasso_verdict_of(r->B);
    /* on the standardised scale b = D^-1 B, D = diag(sqrt(3) rho, sqrt(3)),
       b* = (0, c / sqrt(3)): ||b - b*||_inf = max(|B_1| / rho, |B_2 - c|) / sqrt(3) */
    if (_kd_lasso_eval_inv_rho2(s, delta, LP_PREC) == KD_OK)
    {
        arb_sqrtpos(s, s, LP_PREC);           /* 1/rho */
        arb_set_fmpq(t, fmpq_mat_entry(r->B, 0, 0), LP_PREC);
        arb_abs(t, t);
        arb_mul(s, s, t, LP_PREC);
        arb_set_fmpq(t, fmpq_mat_entry(r->B, 1, 0), LP_PREC);
        arb_sub(t, t, c, LP_PREC);
        arb_abs(t, t);
        arb_max(s, s, t, LP_PREC);
        arb_sqrt_ui(t, 3, LP_PREC);
        arb_div(r->error_std_inf, s, t, LP_PREC);
    }
    else
        arb_indeterminate(r->error_std_inf);
    arb_mat_clear(W);
    arb_clear(s);
    arb_clear(t);
}

/* A member of a peer's object as compact JSON text (NULL: absent or null). */
static char *
lp_member_json(json_t * o, const char * key)
{
    json_t * v = json_object_get(o, key);
    return v == NULL || json_is_null(v) ? NULL
           : json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
}

/* Reads the JSON object o a peer printed into the row r. */
static void
lp_eval(kd_lasso_peer_row_struct * r, json_t * o, const arb_mat_t Bstar, const kd_real_t delta,
        const fmpq_t Lambda)
{
    json_t * jb = json_object_get(o, "B"), * v;
    arf_t a;
    slong j;

    v = json_object_get(o, "version");
    r->version = strdup(json_is_string(v) ? json_string_value(v) : "?");
    if (!json_is_array(jb) || json_array_size(jb) != 2
        || !json_is_number(json_array_get(jb, 0)) || !json_is_number(json_array_get(jb, 1)))
    {
        r->reason = strdup("its B is not a pair of finite numbers");
        return;
    }
    for (j = 0; j < 2; j++)
        r->Bd[j] = json_number_value(json_array_get(jb, j));
    if (!isfinite(r->Bd[0]) || !isfinite(r->Bd[1]))
    {
        r->reason = strdup("its B is not a pair of finite numbers");
        return;
    }
    r->status = KD_LASSO_PEER_OK;
    /* B as the peer computed it: JSON decimals read with strtod (correctly
       rounded), each double then converted to a rational exactly */
    arf_init(a);
    for (j = 0; j < 2; j++)
    {
        arf_set_d(a, r->Bd[j]);
        arf_get_fmpq(fmpq_mat_entry(r->B, j, 0), a);
    }
    arf_clear(a);
    lp_measure(r, Bstar, delta, Lambda);
    r->warned = json_is_true(json_object_get(o, "warned"));
    v = json_object_get(o, "warning");
    r->warning = strdup(json_is_string(v) ? json_string_value(v) : "");
    r->iterations = lp_member_json(o, "iterations");
    r->solver_status = lp_member_json(o, "status");
}

/* The reason a run gave no usable output (NULL: it did). */
static char *
lp_run_reason(const kd_spawn_result * res, int started, const char * interp, int complete)
{
    char buf[64], * m, * reason;
    if (!started)
    {
        m = lp_one_line(res->err ? res->err : "");
        reason = _kd_peers_strdup_printf("could not start %s: %s", interp, m ? m : "");
    }
    else if (res->timed_out)
    {
        snprintf(buf, sizeof buf, "timed out after %g s", KD_LASSO_PEER_TIMEOUT);
        return strdup(buf);
    }
    else if (complete)
        return NULL;
    else
    {
        m = lp_one_line(res->err ? res->err : "");
        if (res->exit_code != 0)
            snprintf(buf, sizeof buf, "exit status %d", res->exit_code);
        else
            snprintf(buf, sizeof buf, "no JSON output");
        reason = _kd_peers_strdup_printf(m && *m ? "%s: %s" : "%s%s", buf, m ? m : "");
    }
    free(m);
    return reason;
}

/* Runs script s on the input file and appends a row per estimator. */
static void
lp_run(kd_lasso_peers_t P, const lp_script * s, const kd_real_t delta, kd_truth cert,
       const arb_mat_t Bstar, const fmpq_t Lambda)
{
    kd_spawn_result res;
    char * argv[4];
    json_t * found[2] = {NULL, NULL};
    char * line, * save, * reason;
    int started;
    slong k;

    argv[0] = P->peer[s->first].interp;
    argv[1] = P->peer[s->first].script;
    argv[2] = P->input;
    argv[3] = NULL;
    started = kd_spawn_run(&res, argv, KD_LASSO_PEER_TIMEOUT) == 0;
    if (started && !res.timed_out)
        for (line = strtok_r(res.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        {
            json_t * o;
            const char * name;
            if (strchr(line, '{') == NULL)
                continue;
            o = json_loads(line, 0, NULL);
            name = json_is_object(o) ? json_string_value(json_object_get(o, "peer")) : NULL;
            for (k = 0; name && k < s->n; k++)
                if (found[k] == NULL && strcmp(name, lp_names[s->first + k]) == 0)
                {
                    found[k] = o;
                    o = NULL;
                    break;
                }
            if (o)
                json_decref(o);
        }
    reason = lp_run_reason(&res, started, argv[0],
                           found[0] != NULL && (s->n == 1 || found[1] != NULL));
    for (k = 0; k < s->n; k++)
    {
        kd_lasso_peer_row_struct * r = lp_row_new(P, delta, s->first + k, cert);
        kd_lasso_peer_struct * p = &P->peer[s->first + k];
        if (found[k])
        {
            lp_eval(r, found[k], Bstar, delta, Lambda);
            json_decref(found[k]);
            if (p->version == NULL)
                p->version = strdup(r->version);
        }
        else
            r->reason = strdup(reason ? reason : "no output");
    }
    free(reason);
    kd_spawn_result_clear(&res);
}

kd_status
kd_lasso_peers_run(kd_lasso_peers_t P, const kd_real_t delta, const fmpq_t Lambda)
{
    fmpq_mat_t A, y;
    arb_mat_t Bstar;
    arb_t slack;
    kd_truth cert;
    kd_status st = KD_OK;
    char * dstr;
    slong i;

    if (kd_real_is_zero(delta))
        return kd_error_set(KD_ERR_ARG, "--peers needs delta != 0 (B* is unique only then)");
    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    arb_mat_init(Bstar, 2, 1);
    arb_init(slack);
    dstr = kd_real_get_str(delta);
    st = kd_lasso_probe_truth(&cert, Bstar, slack, delta, Lambda, KD_SCALED_HALF_MEAN, 4096);
    if (st == KD_OK && P->nrun > 0)
    {
        st = kd_lasso_probe_round_double(A, y, delta, 0);
        if (st == KD_OK)
            st = lp_write_input(P->input, A, y, P->Lambda_d, dstr);
        for (i = 0; i < LP_NSCRIPTS && st == KD_OK; i++)
            if (P->peer[lp_scripts[i].first].interp)
                lp_run(P, &lp_scripts[i], delta, cert, Bstar, Lambda);
    }
    flint_free(dstr);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    arb_mat_clear(Bstar);
    arb_clear(slack);
    return st;
}

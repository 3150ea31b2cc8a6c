/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The real peers on a user's problem (peers.h): the LASSO peers of
   experiments/peers in their --plain mode for P2, GLPK and QSopt_ex on the
   exact LP for BP. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "kdigits/peers.h"
#include "kdigits/bpprobe.h"
#include "kdigits/json.h"
#include "spawn.h"

/* The P2 scripts and the estimators each reports. */
typedef struct
{
    _kd_peers_script s;
    const char * package;
    const char * names[2];
}
p2_script;

static const p2_script p2_scripts[] = {
    {{"glmnet.R", 1, "glmnet"}, "r-cran-glmnet", {"glmnet", NULL}},
    {{"sklearn_lasso.py", 0, "sklearn"}, "python3-sklearn", {"sklearn-lasso", "sklearn-lassolars"}},
    {{"cvxopt_qp.py", 0, "cvxopt"}, "python3-cvxopt", {"cvxopt-qp", NULL}}};

#define P2_NSCRIPTS ((slong) (sizeof p2_scripts / sizeof p2_scripts[0]))

void
kd_peer_answers_init(kd_peer_answers_t R)
{
    R->n = 0;
    R->a = NULL;
    fmpq_mat_init(&R->Ad, 0, 0);
    fmpq_mat_init(&R->yd, 0, 0);
    fmpq_init(R->paramd);
    R->convention = NULL;
}

void
kd_peer_answers_clear(kd_peer_answers_t R)
{
    slong i;
    for (i = 0; i < R->n; i++)
    {
        free(R->a[i].note);
        free(R->a[i].version);
        fmpq_mat_clear(&R->a[i].x);
    }
    free(R->a);
    fmpq_mat_clear(&R->Ad);
    fmpq_mat_clear(&R->yd);
    fmpq_clear(R->paramd);
    free(R->convention);
    kd_peer_answers_init(R);
}

static kd_peer_answer_struct *
answer_new(kd_peer_answers_t R, const char * name, const char * package, slong N)
{
    kd_peer_answer_struct * a;
    kd_peer_answer_struct * t = realloc(R->a, (R->n + 1) * sizeof *R->a);
    if (t == NULL)
        return NULL;
    R->a = t;
    a = &R->a[R->n++];
    memset(a, 0, sizeof *a);
    a->name = name;
    a->package = package;
    a->state = KD_PEER_FAILED;
    fmpq_mat_init(&a->x, N, 1);
    return a;
}

/* q rounded to the nearest double, which must be a normal double or 0. */
static kd_status
to_double(double * d, const fmpq_t q, const char * what, slong i, slong j)
{
    arf_t a;
    kd_status st = KD_OK;
    arf_init(a);
    arf_set_fmpq(a, q, 53, ARF_RND_NEAR);
    if (!arf_is_zero(a) && (arf_cmpabs_2exp_si(a, -1022) < 0 || arf_cmpabs_2exp_si(a, 1024) >= 0))
        st = kd_error_set(KD_ERR_UNSUPPORTED, "%s(%ld,%ld) rounds outside the normal double range: "
                          "the peers read doubles", what, (long) i + 1, (long) j + 1);
    else
        *d = arf_get_d(a, ARF_RND_NEAR);
    arf_clear(a);
    return st;
}

/* The nearest doubles of the exact entries of M (real parts). */
static kd_status
round_mat(fmpq_mat_t D, const kd_mat_t M, const char * what)
{
    slong i, j;
    kd_status st = KD_OK;
    double d;
    fmpq_mat_clear(D);
    fmpq_mat_init(D, M->r, M->c);
    for (i = 0; i < M->r && st == KD_OK; i++)
        for (j = 0; j < M->c && st == KD_OK; j++)
        {
            st = kd_real_round_prec(fmpq_mat_entry(D, i, j), kd_mat_entry_re(M, i, j), 53);
            if (st == KD_OK)
                st = to_double(&d, fmpq_mat_entry(D, i, j), what, i, j);
        }
    return st;
}

/* The scripts' input file: m N, A by rows, y, alpha, all %.17g. */
static kd_status
write_p2_input(const char * file, const kd_peer_answers_t R)
{
    FILE * f = fopen(file, "w");
    slong i, j, m = fmpq_mat_nrows(&R->Ad), N = fmpq_mat_ncols(&R->Ad);
    double d;
    kd_status st = KD_OK;
    if (f == NULL)
        return kd_error_set(KD_ERR_IO, "cannot write %s", file);
    fprintf(f, "# kdigits peers input (--plain): A and y as doubles, alpha = lambda/(2m)\n");
    fprintf(f, "%ld %ld\n", (long) m, (long) N);
    for (i = 0; i < m && st == KD_OK; i++)
        for (j = 0; j < N && st == KD_OK; j++)
            if ((st = to_double(&d, fmpq_mat_entry(&R->Ad, i, j), "A", i, j)) == KD_OK)
                fprintf(f, "%.17g%c", d, j + 1 == N ? '\n' : ' ');
    for (i = 0; i < m && st == KD_OK; i++)
        if ((st = to_double(&d, fmpq_mat_entry(&R->yd, i, 0), "y", i, 0)) == KD_OK)
            fprintf(f, "%.17g%c", d, i + 1 == m ? '\n' : ' ');
    if (st == KD_OK && (st = to_double(&d, R->paramd, "alpha", 0, 0)) == KD_OK)
        fprintf(f, "%.17g\n", d);
    if (fclose(f) != 0 && st == KD_OK)
        st = kd_error_set(KD_ERR_IO, "cannot write %s", file);
    return st;
}

/* The first line of s, at most 200 characters (malloc'ed). */
static char *
first_line(const char * s)
{
    size_t n = 0;
    char * r;
    while (s[n] != '\0' && s[n] != '\n' && n < 200)
        n++;
    r = malloc(n + 1);
    if (r != NULL)
    {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

/* Reads the object a P2 script printed for estimator a (its "B", exactly). */
static void
read_p2_answer(kd_peer_answer_struct * a, json_t * o, slong N)
{
    json_t * jb = json_object_get(o, "B"), * v;
    arf_t t;
    slong j;
    v = json_object_get(o, "version");
    if (json_is_string(v))
        a->version = strdup(json_string_value(v));
    if (!json_is_array(jb) || (slong) json_array_size(jb) != N)
    {
        a->note = strdup("its coefficients are not a list of the right length");
        return;
    }
    arf_init(t);
    for (j = 0; j < N; j++)
    {
        /* JSON decimals are read correctly rounded (strtod), then each
           double converted to a rational exactly */
        double d = json_number_value(json_array_get(jb, j));
        if (!json_is_number(json_array_get(jb, j)) || !isfinite(d))
        {
            a->note = strdup("its coefficients are not all finite numbers");
            arf_clear(t);
            return;
        }
        arf_set_d(t, d);
        arf_get_fmpq(fmpq_mat_entry(&a->x, j, 0), t);
    }
    arf_clear(t);
    a->state = KD_PEER_RAN;
    v = json_object_get(o, "warning");
    if (json_is_true(json_object_get(o, "warned")) && json_is_string(v))
        a->note = _kd_peers_strdup_printf("warned: %s", json_string_value(v), NULL);
}

/* Runs one P2 script and fills the rows of its estimators. */
static kd_status
run_p2_script(kd_peer_answers_t R, const p2_script * s, const char * dir, const char * input,
              double timeout_s)
{
    char * path = NULL, * interp = NULL, * reason = NULL;
    int no_script = 0, k, nk = s->names[1] ? 2 : 1;
    slong N = fmpq_mat_ncols(&R->Ad);
    kd_peer_answer_struct * a[2] = {NULL, NULL};
    kd_spawn_result res;
    char * argv[5], * line, * save;
    char plain[] = "--plain";

    for (k = 0; k < nk; k++)
        if (answer_new(R, s->names[k], s->package, N) == NULL)
            return kd_error_set(KD_ERR_NOMEM, "out of memory");
    /* the rows only after every realloc */
    for (k = 0; k < nk; k++)
        a[k] = &R->a[R->n - nk + k];
    _kd_peers_locate(&path, &interp, &reason, &no_script, &s->s, dir);
    if (interp == NULL)
    {
        for (k = 0; k < nk; k++)
        {
            a[k]->state = KD_PEER_SKIPPED;
            a[k]->note = no_script ? strdup(reason ? reason : "script missing")
                         : _kd_peers_strdup_printf("install %s (%s)", s->package, reason ? reason : "");
        }
        free(path);
        free(reason);
        return KD_OK;
    }
    argv[0] = interp;
    argv[1] = path;
    argv[2] = plain;
    argv[3] = (char *) input;
    argv[4] = NULL;
    if (kd_spawn_run(&res, argv, timeout_s) == 0 && !res.timed_out)
        for (line = strtok_r(res.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        {
            json_t * o = strchr(line, '{') ? json_loads(line, 0, NULL) : NULL;
            const char * name = json_is_object(o) ? json_string_value(json_object_get(o, "peer")) : NULL;
            for (k = 0; name != NULL && k < nk; k++)
                if (strcmp(name, s->names[k]) == 0 && a[k]->state != KD_PEER_RAN && a[k]->note == NULL)
                    read_p2_answer(a[k], o, N);
            json_decref(o);
        }
    for (k = 0; k < nk; k++)
        if (a[k]->state != KD_PEER_RAN && a[k]->note == NULL)
        {
            char * m = first_line(res.err ? res.err : "");
            a[k]->note = res.timed_out ? strdup("timed out")
                         : _kd_peers_strdup_printf("no answer%s%s", m && *m ? ": " : "", m);
            free(m);
        }
    kd_spawn_result_clear(&res);
    free(path);
    free(interp);
    free(reason);
    return KD_OK;
}

static kd_status
solve_p2(kd_peer_answers_t R, const kd_problem_t P, double timeout_s)
{
    char * dir = _kd_peers_dir(), * input = NULL;
    const char * tmp = getenv("TMPDIR");
    char tdir[4096];
    fmpq_t lam;
    kd_status st;
    slong i;

    fmpq_init(lam);
    /* alpha = lambda / (2m), the exact value rounded once to the double passed */
    {
        kd_real_t alpha;
        kd_real_init(alpha);
        fmpq_set_si(lam, 1, 2 * P->m);
        kd_real_mul_fmpq(alpha, P->param, lam);
        st = kd_real_round_prec(R->paramd, alpha, 53);
        kd_real_clear(alpha);
    }
    if (st == KD_OK)
    {
        snprintf(tdir, sizeof tdir, "%s/kdigits-peers-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (mkdtemp(tdir) == NULL)
            st = kd_error_set(KD_ERR_IO, "cannot create a temporary directory (%s)", tdir);
    }
    if (st == KD_OK)
    {
        input = _kd_peers_strdup_printf("%s/input.txt", tdir, NULL);
        st = input ? write_p2_input(input, R) : kd_error_set(KD_ERR_NOMEM, "out of memory");
        for (i = 0; i < P2_NSCRIPTS && st == KD_OK; i++)
            st = run_p2_script(R, &p2_scripts[i], dir, input, timeout_s);
        if (input)
            unlink(input);
        rmdir(tdir);
    }
    R->convention = strdup("P2 as min_b (1/(2m)) ||y - A b||^2 + alpha ||b||_1, alpha = lambda/(2m), "
                           "A, y and alpha rounded to the nearest doubles");
    free(input);
    free(dir);
    fmpq_clear(lam);
    return st;
}

static kd_status
solve_bp(kd_peer_answers_t R, const kd_problem_t P, double timeout_s)
{
    const char * tmp = getenv("TMPDIR");
    char tdir[4096], lpfile[4200];
    fmpq_mat_t As, ys;
    kd_qproblem_t Q;
    FILE * f;
    slong maxtok, p;
    int rational = kd_problem_is_rational(P);
    kd_status st = KD_OK;

    fmpq_mat_init(As, 0, 0);
    fmpq_mat_init(ys, 0, 0);
    snprintf(tdir, sizeof tdir, "%s/kdigits-peers-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(tdir) == NULL)
        return kd_error_set(KD_ERR_IO, "cannot create a temporary directory (%s)", tdir);
    snprintf(lpfile, sizeof lpfile, "%s/bp.lp", tdir);
    if (rational)
        st = kd_qproblem_init(Q, P, -1);
    if (st == KD_OK && (f = fopen(lpfile, "w")) != NULL)
    {
        st = kd_bp_probe_write_lp(f, As, ys, &maxtok, rational ? Q->A : &R->Ad,
                                  rational ? Q->y : &R->yd);
        if (fclose(f) != 0 && st == KD_OK)
            st = kd_error_set(KD_ERR_IO, "cannot write %s", lpfile);
    }
    else if (st == KD_OK)
        st = kd_error_set(KD_ERR_IO, "cannot write %s", lpfile);
    if (rational)
        kd_qproblem_clear(Q);
    for (p = 0; p < KD_BP_PEER_COUNT && st == KD_OK; p++)
    {
        kd_bp_peer_result_t r;
        kd_peer_answer_struct * a = answer_new(R, kd_bp_peer_name((kd_bp_peer) p),
                                               kd_bp_peer_package((kd_bp_peer) p), P->N);
        if (a == NULL)
        {
            st = kd_error_set(KD_ERR_NOMEM, "out of memory");
            break;
        }
        kd_bp_peer_result_init(r, (kd_bp_peer) p, P->N);
        kd_bp_peer_run(r, (kd_bp_peer) p, tdir, lpfile, P->N, timeout_s);
        a->state = r->status == KD_BP_PEER_OK ? KD_PEER_RAN
                   : r->status == KD_BP_PEER_SKIPPED ? KD_PEER_SKIPPED : KD_PEER_FAILED;
        if (r->status == KD_BP_PEER_OK)
            fmpq_mat_set(&a->x, &r->x);
        a->note = r->reason ? _kd_peers_strdup_printf("%s: %s", r->claim, r->reason)
                  : strdup(r->claim);
        kd_bp_peer_result_clear(r);
    }
    unlink(lpfile);
    rmdir(tdir);
    R->convention = strdup(rational ? "BP as the LP min sum(u + v), A(u - v) = y, u, v >= 0, "
                           "the rational data written exactly (GLPK stores doubles)"
                           : "BP as the LP min sum(u + v), A(u - v) = y, u, v >= 0, "
                           "A and y rounded to the nearest doubles");
    fmpq_mat_clear(As);
    fmpq_mat_clear(ys);
    return st;
}

kd_status
kd_peers_solve(kd_peer_answers_t R, const kd_problem_t P, double timeout_s)
{
    kd_status st;
    kd_peer_answers_clear(R);
    if (!P->has_data)
        return kd_error_set(KD_ERR_ARG, "the problem has no exact data: nothing to hand the peers");
    if (P->is_complex)
        return kd_error_set(KD_ERR_UNSUPPORTED, "no peer here solves complex problems");
    if (P->scaled)
        return kd_error_set(KD_ERR_UNSUPPORTED, "the peers run on the unscaled P2 (MATLAB's "
                            "convention: see 'kdigits lasso-probe --peers')");
    if (P->kind != KD_PROBLEM_P2 && P->kind != KD_PROBLEM_BP)
        return kd_error_set(KD_ERR_UNSUPPORTED, "no peer here solves %s (peers: P2 and BP)",
                            kd_problem_kind_name(P->kind));
    if ((st = round_mat(&R->Ad, P->A, "A")) != KD_OK || (st = round_mat(&R->yd, P->y, "y")) != KD_OK)
        return st;
    return P->kind == KD_PROBLEM_P2 ? solve_p2(R, P, timeout_s) : solve_bp(R, P, timeout_s);
}

json_t *
kd_peer_answers_json(const kd_peer_answers_t R)
{
    json_t * a = json_array();
    slong i;
    for (i = 0; a != NULL && i < R->n; i++)
    {
        const kd_peer_answer_struct * p = &R->a[i];
        json_array_append_new(a, json_pack("{ss ss ss so so}", "peer", p->name, "package", p->package,
                                           "state", p->state == KD_PEER_RAN ? "ran"
                                           : p->state == KD_PEER_SKIPPED ? "skipped" : "failed",
                                           "version", p->version ? json_string(p->version) : json_null(),
                                           "note", p->note ? json_string(p->note) : json_null()));
    }
    return a;
}

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits bp-probe: basis pursuit min ||x||_1 s.t. x1 + (1 + 2^-k) x2 = 1
   (or a given rational instance) solved exactly, and the real LP solvers
   (GLPK, QSopt_ex) run on the same exact LP file, each answer judged
   exactly against the truth and against the problem the solver read. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "../peers/spawn.h"
#include "kdigits/bpprobe.h"

#define PEER_TIMEOUT 30.0
#define ERR_PREC 128

static void
help(void)
{
    printf(
        "usage: kdigits bp-probe [--k K | --A A.mtx --y y.mtx] [--peers LIST]\n"
        "                        [--format text|json]\n"
        "\n"
        "Basis pursuit  min ||x||_1  subject to  x1 + (1 + 2^-k) x2 = 1  (m = 1, N = 2).\n"
        "Exact answer: x* = (0, 2^k/(2^k + 1)), all mass on the larger coefficient; the\n"
        "other vertex (1, 0) has objective 1, worse by only 1/(2^k + 1). kdigits solves\n"
        "the LP exactly (rational simplex, dual certificate and uniqueness checked\n"
        "exactly), compares with the closed form, then runs the real solvers that are\n"
        "installed on the same LP (x = u - v, u, v >= 0, CPLEX LP format, coefficient\n"
        "written as its exact decimal) and judges each answer exactly.\n"
        "\n"
        "Why a floating-point simplex stops at (1, 0) and says OPTIMAL: at the basis\n"
        "{x1} the reduced cost of u2 is 1 - (1 + 2^-k) = -2^-k, inside the optimality\n"
        "tolerance (GLPK's default tol_dj = 1e-7; from k = 24 on with GLPK 5.0), so the\n"
        "method declares the wrong vertex optimal. GLPK --exact runs a rational\n"
        "simplex, but on the doubles glpsol stored: for k >= 53, 1 + 2^-k rounds to 1\n"
        "in double and the problem read is x1 + x2 = 1, whose minimisers are the whole\n"
        "segment from (1, 0) to (0, 1); moreover glp_exact turns each double into a\n"
        "nearby fraction within relative 1e-9 (GLPK's set_d_eps), so from k = 33 on it\n"
        "sees 1 as well. QSopt_ex (esolver) reads decimals as exact rationals.\n"
        "\n"
        "Per peer: the status it claimed, the x it printed (read exactly as rationals),\n"
        "the certified error ||x - x*||_2 (distance to the solution set when that is\n"
        "not a point), and a verdict decided exactly: 'right vertex' (within\n"
        "tau = 2^-10 max(1, ||x*||_2) of the solution set), 'wrong vertex' (within tau\n"
        "of a basic solution that is not optimal), or 'other'. For GLPK the verdict is\n"
        "also given against the double-rounded problem it read ('on its input').\n"
        "A peer that is not installed is listed as skipped, with its Debian package.\n"
        "\n"
        "options:\n"
        "  --k K          the built-in instance, 1 <= K <= %d (default 40)\n"
        "  --A F --y F    a rational instance instead (Matrix Market, exact entries;\n"
        "                 for irrational data use kdigits solve --problem bp --certify)\n"
        "  --peers LIST   glpk-simplex,glpk-exact,glpk-interior,esolver (default all),\n"
        "                 or none; each run is limited to %g s\n"
        "  --format F     text (default) or json\n"
        "\n"
        "peers: glpsol (Debian glpk-utils): default primal simplex, --exact, --interior;\n"
        "       esolver (Debian qsopt-ex): QSopt_ex exact rational simplex.\n"
        "\n"
        "examples:\n"
        "  kdigits bp-probe --k 40\n"
        "  kdigits bp-probe --k 60 --peers glpk-exact --format json\n",
        KD_BP_PROBE_K_MAX, PEER_TIMEOUT);
}

/* ------------------------------------------------------------ peers */

enum { PEER_GLPK_SIMPLEX, PEER_GLPK_EXACT, PEER_GLPK_INTERIOR, PEER_ESOLVER, NPEERS };

static const struct
{
    const char * name, * program, * package, * option;
}
peer_info[NPEERS] = {
    {"glpk-simplex", "glpsol", "glpk-utils", NULL},
    {"glpk-exact", "glpsol", "glpk-utils", "--exact"},
    {"glpk-interior", "glpsol", "glpk-utils", "--interior"},
    {"esolver", "esolver", "qsopt-ex", NULL},
};

#define IS_GLPK(id) ((id) != PEER_ESOLVER)

typedef struct
{
    int id;
    int installed;
    int solved;             /* a solution x was read */
    char * status;          /* what the peer claimed, or what went wrong */
    char * message;         /* a failure's detail (NULL if none) */
    int claimed_optimal;
    fmpq_mat_t x;
    kd_bp_assess_t R;       /* against the exact problem */
    kd_bp_assess_t Rd;      /* GLPK: against the double-rounded problem read */
    int have_Rd;
}
peer_out;

static char *
dupstr(const char * s)
{
    char * t = malloc(strlen(s) + 1);
    if (t != NULL)
        strcpy(t, s);
    return t;
}

static void
peer_init(peer_out * p, int id, slong N)
{
    memset(p, 0, sizeof *p);
    p->id = id;
    fmpq_mat_init(p->x, N, 1);
    kd_bp_assess_init(p->R);
    kd_bp_assess_init(p->Rd);
}

static void
peer_clear(peer_out * p)
{
    free(p->status);
    free(p->message);
    fmpq_mat_clear(p->x);
    kd_bp_assess_clear(p->R);
    kd_bp_assess_clear(p->Rd);
}

static void
peer_fail(peer_out * p, const char * status, const char * msg)
{
    free(p->status);
    free(p->message);
    p->status = dupstr(status);
    p->message = msg ? dupstr(msg) : NULL;
    p->solved = 0;
}

static char *
slurp_file(const char * path)
{
    FILE * f = fopen(path, "rb");
    char * s;
    long n;
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
    {
        fclose(f);
        return NULL;
    }
    s = malloc((size_t) n + 1);
    if (s != NULL)
    {
        size_t r = fread(s, 1, (size_t) n, f);
        s[r] = '\0';
    }
    fclose(f);
    return s;
}

/* The decimal string s (as printed by a solver) exactly. */
static int
parse_decimal(fmpq_t q, const char * s)
{
    kd_real_t r;
    int ok;
    kd_real_init(r);
    ok = kd_real_set_decimal(r, s) == KD_OK && kd_real_get_fmpq(q, r);
    kd_real_clear(r);
    kd_error_clear();
    return ok;
}

/* The first line of out that starts with "path:" (glpsol's input errors),
   with path shown as its base name; else the last non-empty line. */
static char *
error_line(const char * out, const char * path)
{
    const char * base = strrchr(path, '/');
    const char * p, * line = NULL, * last = NULL;
    size_t plen = strlen(path), len;
    char * s;
    base = base ? base + 1 : path;
    for (p = out; *p; )
    {
        const char * e = strchr(p, '\n');
        size_t l = e ? (size_t) (e - p) : strlen(p);
        if (l > 0)
            last = p;
        if (line == NULL && strncmp(p, path, plen) == 0 && p[plen] == ':')
            line = p;
        p += l + (e != NULL);
    }
    if (line == NULL && last == NULL)
        return dupstr("no output");
    if (line == NULL)
    {
        const char * e = strchr(last, '\n');
        len = e ? (size_t) (e - last) : strlen(last);
        s = malloc(len + 1);
        memcpy(s, last, len);
        s[len] = '\0';
        return s;
    }
    {
        const char * rest = line + plen;
        const char * e = strchr(rest, '\n');
        len = e ? (size_t) (e - rest) : strlen(rest);
        s = malloc(strlen(base) + len + 1);
        strcpy(s, base);
        strncat(s, rest, len);
        return s;
    }
}

/* glpsol's solution file (GLPK 5 "-w" format): "c Status: ..." and
   "s bas|ipt ...", then "j COL [STAT] PRIM DUAL" per column. Columns are
   u1, v1, u2, v2, ... in that order (kd_bp_probe_write_lp). */
static void
read_glpk(peer_out * p, const char * text, slong N)
{
    const char * line;
    int kind = 0;   /* 1 bas, 2 ipt */
    slong got = 0, j;
    fmpq_t q;
    char tok[5][128];
    fmpq_init(q);
    fmpq_mat_zero(p->x);
    for (line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
    {
        if (strncmp(line, "c Status:", 9) == 0)
        {
            const char * a = line + 9, * e;
            size_t l;
            while (*a == ' ' || *a == '\t')
                a++;
            e = strchr(a, '\n');
            l = e ? (size_t) (e - a) : strlen(a);
            while (l > 0 && (a[l - 1] == ' ' || a[l - 1] == '\r'))
                l--;
            free(p->status);
            p->status = malloc(l + 1);
            memcpy(p->status, a, l);
            p->status[l] = '\0';
        }
        else if (strncmp(line, "s bas", 5) == 0)
            kind = 1;
        else if (strncmp(line, "s ipt", 5) == 0)
            kind = 2;
        else if (line[0] == 'j' && line[1] == ' ' && kind != 0)
        {
            long col;
            int n = sscanf(line, "%4s %127s %127s %127s %127s", tok[0], tok[1], tok[2], tok[3], tok[4]);
            const char * prim = kind == 1 ? tok[3] : tok[2];
            if (n < (kind == 1 ? 5 : 4) || sscanf(tok[1], "%ld", &col) != 1 || col < 1
                || col > 2 * N || !parse_decimal(q, prim))
            {
                peer_fail(p, "unreadable solution", "glpsol's solution file has an unexpected line");
                fmpq_clear(q);
                return;
            }
            j = (col - 1) / 2;
            if ((col - 1) % 2 == 0)
                fmpq_add(fmpq_mat_entry(p->x, j, 0), fmpq_mat_entry(p->x, j, 0), q);
            else
                fmpq_sub(fmpq_mat_entry(p->x, j, 0), fmpq_mat_entry(p->x, j, 0), q);
            got++;
        }
    }
    fmpq_clear(q);
    if (p->status == NULL)
        p->status = dupstr("(none)");
    if (got != 2 * N)
    {
        peer_fail(p, p->status, "glpsol's solution file does not list every column");
        return;
    }
    p->claimed_optimal = strcmp(p->status, "OPTIMAL") == 0;
    p->solved = 1;
}

/* Whether the line starting at s contains c. */
static int
line_has(const char * s, char c)
{
    for (; *s && *s != '\n'; s++)
        if (*s == c)
            return 1;
    return 0;
}

/* esolver's -O file: "status WORD", then "VARS:" with "name = p/q" lines
   for the non-zero variables, up to the next "WORD:" header. */
static void
read_esolver(peer_out * p, const char * text, slong N)
{
    const char * line;
    int invars = 0;
    fmpq_t q;
    fmpq_init(q);
    fmpq_mat_zero(p->x);
    for (line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
    {
        char name[64], val[8192], w[64];
        if (strncmp(line, "status ", 7) == 0 && line[7] != '=')
        {
            if (sscanf(line + 7, "%63s", w) == 1)
            {
                free(p->status);
                p->status = dupstr(w);
            }
        }
        else if (strncmp(line, "VARS:", 5) == 0)
            invars = 1;
        else if (invars && !line_has(line, '='))
            invars = 0;
        else if (invars)
        {
            long j;
            char uv;
            const char * eq = strchr(line, '=');
            const char * e = strchr(line, '\n');
            size_t vl;
            if (sscanf(line, "%63s", name) != 1 || sscanf(name, "%c%ld", &uv, &j) != 2
                || (uv != 'u' && uv != 'v') || j < 1 || j > N || eq == NULL)
            {
                peer_fail(p, "unreadable solution", "esolver's solution file has an unexpected line");
                fmpq_clear(q);
                return;
            }
            eq++;
            while (*eq == ' ')
                eq++;
            vl = e ? (size_t) (e - eq) : strlen(eq);
            if (vl >= sizeof val)
            {
                peer_fail(p, "unreadable solution", "esolver printed a value too long to read");
                fmpq_clear(q);
                return;
            }
            memcpy(val, eq, vl);
            val[vl] = '\0';
            while (vl > 0 && (val[vl - 1] == ' ' || val[vl - 1] == '\r'))
                val[--vl] = '\0';
            if (fmpq_set_str(q, val, 10) != 0)
            {
                peer_fail(p, "unreadable solution", "esolver printed a value that is not p/q");
                fmpq_clear(q);
                return;
            }
            fmpq_canonicalise(q);
            if (uv == 'u')
                fmpq_add(fmpq_mat_entry(p->x, j - 1, 0), fmpq_mat_entry(p->x, j - 1, 0), q);
            else
                fmpq_sub(fmpq_mat_entry(p->x, j - 1, 0), fmpq_mat_entry(p->x, j - 1, 0), q);
        }
    }
    fmpq_clear(q);
    if (p->status == NULL)
    {
        peer_fail(p, "unreadable solution", "esolver's solution file has no status line");
        return;
    }
    p->claimed_optimal = strcmp(p->status, "OPTIMAL") == 0;
    p->solved = p->claimed_optimal;
}

static void
run_peer(peer_out * p, const char * dir, const char * lpfile, slong N)
{
    char sol[4200], lp[4200], prog[32], opt[32];
    char * argv[8];
    int a = 0;
    kd_spawn_result r;
    char * text;

    p->installed = kd_spawn_which(peer_info[p->id].program);
    if (!p->installed)
    {
        char msg[128], stat[128];
        snprintf(msg, sizeof msg, "%s not found on PATH", peer_info[p->id].program);
        snprintf(stat, sizeof stat, "skipped (install %s)", peer_info[p->id].package);
        peer_fail(p, stat, msg);
        return;
    }
    snprintf(sol, sizeof sol, "%s/%s.sol", dir, peer_info[p->id].name);
    /* writable copies: exec takes char *const argv[] */
    snprintf(prog, sizeof prog, "%s", peer_info[p->id].program);
    snprintf(opt, sizeof opt, "%s", peer_info[p->id].option ? peer_info[p->id].option : "");
    snprintf(lp, sizeof lp, "%s", lpfile);
    argv[a++] = prog;
    if (IS_GLPK(p->id))
    {
        argv[a++] = "--lp";
        argv[a++] = lp;
        if (opt[0])
            argv[a++] = opt;
        argv[a++] = "-w";
        argv[a++] = sol;
    }
    else
    {
        argv[a++] = "-L";
        argv[a++] = "-O";
        argv[a++] = sol;
        argv[a++] = lp;
    }
    argv[a] = NULL;
    if (kd_spawn_run(&r, argv, PEER_TIMEOUT) != 0)
    {
        peer_fail(p, "could not start", r.err);
        kd_spawn_result_clear(&r);
        return;
    }
    if (r.timed_out)
    {
        char msg[64];
        snprintf(msg, sizeof msg, "killed after %g s", PEER_TIMEOUT);
        peer_fail(p, "timed out", msg);
        kd_spawn_result_clear(&r);
        unlink(sol);
        return;
    }
    text = slurp_file(sol);
    unlink(sol);
    if (text == NULL)
    {
        char * e = error_line(r.out[0] ? r.out : r.err, lpfile);
        peer_fail(p, r.exit_code == 0 ? "no solution written" : "failed", e);
        free(e);
    }
    else
    {
        if (IS_GLPK(p->id))
            read_glpk(p, text, N);
        else
            read_esolver(p, text, N);
        free(text);
    }
    kd_spawn_result_clear(&r);
}

/* ------------------------------------------------------------ input */

typedef struct
{
    const char * A, * y, * peers;
    slong k;
    int have_k;
}
bp_args;

static int
own(int c, const char * arg, void * data)
{
    bp_args * a = data;
    switch (c)
    {
        case 'k':
            a->have_k = 1;
            return kd_cli_parse_slong(&a->k, arg, "bp-probe", "--k", 1, KD_BP_PROBE_K_MAX) ? 1 : -1;
        case 'A': a->A = arg; break;
        case 'y': a->y = arg; break;
        case 'P': a->peers = arg; break;
        default: return 0;
    }
    return 1;
}

/* M (initialised) becomes the rational matrix in spec; KD_ERR_ARG (with a
   pointer to kdigits solve) when an entry is not rational. */
static kd_status
load_rational(fmpq_mat_t M, const char * spec, const char * opt)
{
    kd_mat_t E;
    kd_status st;
    slong i, j;
    kd_mat_init(E, 0, 0);
    st = kd_builtin_load(E, spec);
    if (st != KD_OK)
    {
        kd_error_prefix("%s", opt);
        kd_mat_clear(E);
        return st;
    }
    fmpq_mat_clear(M);
    fmpq_mat_init(M, kd_mat_nrows(E), kd_mat_ncols(E));
    for (i = 0; i < kd_mat_nrows(E) && st == KD_OK; i++)
        for (j = 0; j < kd_mat_ncols(E) && st == KD_OK; j++)
        {
            fmpq_t im;
            int ok;
            fmpq_init(im);
            ok = kd_real_get_fmpq(fmpq_mat_entry(M, i, j), kd_mat_entry_re(E, i, j))
                 && kd_real_get_fmpq(im, kd_mat_entry_im(E, i, j)) && fmpq_is_zero(im);
            fmpq_clear(im);
            if (!ok)
                st = kd_error_set(KD_ERR_ARG, "%s %s: entry (%ld, %ld) is not a real rational; "
                                  "bp-probe needs exact rational data (for other exact data use "
                                  "'kdigits solve --problem bp --certify')", opt, spec, i + 1, j + 1);
        }
    kd_mat_clear(E);
    return st;
}

static int
parse_peers(int * use, const char * list)
{
    char * buf = dupstr(list), * tok, * save;
    int i, ok = 1;
    for (i = 0; i < NPEERS; i++)
        use[i] = 0;
    if (strcmp(list, "none") == 0)
    {
        free(buf);
        return 1;
    }
    for (tok = strtok_r(buf, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save))
    {
        for (i = 0; i < NPEERS; i++)
            if (strcmp(tok, peer_info[i].name) == 0)
                break;
        if (i == NPEERS)
        {
            kd_cli_usage("bp-probe", "--peers: unknown peer '%s' (known: glpk-simplex, glpk-exact, "
                         "glpk-interior, esolver, none)", tok);
            ok = 0;
        }
        else
            use[i] = 1;
    }
    free(buf);
    return ok;
}

/* ------------------------------------------------------------ output */

static json_t *
json_vec(const fmpq_mat_t v)
{
    json_t * a = json_array();
    slong i;
    for (i = 0; i < fmpq_mat_nrows(v); i++)
        json_array_append_new(a, kd_json_fmpq(fmpq_mat_entry(v, i, 0)));
    return a;
}

static json_t *
json_vec_decimal(const fmpq_mat_t v, slong digits)
{
    json_t * a = json_array();
    slong i;
    for (i = 0; i < fmpq_mat_nrows(v); i++)
        json_array_append_new(a, kd_json_take_string(kd_fmpq_get_decimal(fmpq_mat_entry(v, i, 0),
                                                                          digits)));
    return a;
}

/* Exact "p/q" when short, else "~" and a 15-digit rounding. */
static char *
cell(const fmpq_t q, size_t width)
{
    char * s = kd_fmpq_get_str(q);
    char * d, * c;
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
    c = flint_malloc(strlen(d) + 2);
    c[0] = '~';
    strcpy(c + 1, d);
    flint_free(d);
    return c;
}

static char *
ball_str(const arb_t x, const fmpq_t exact2)
{
    char * mid, * rad, * s;
    size_t len;
    if (fmpq_is_zero(exact2))
    {
        s = flint_malloc(16);
        strcpy(s, "0 (exact)");
        return s;
    }
    kd_arb_get_decimal(&mid, &rad, x, 15);
    len = strlen(mid) + strlen(rad) + 8;
    s = flint_malloc(len);
    snprintf(s, len, "%s +/- %s", mid, rad);
    flint_free(mid);
    flint_free(rad);
    return s;
}

static void
print_vec_text(const fmpq_mat_t v)
{
    slong i;
    printf("(");
    for (i = 0; i < fmpq_mat_nrows(v); i++)
    {
        char * s = kd_fmpq_get_str(fmpq_mat_entry(v, i, 0));
        printf("%s%s", i ? ", " : "", s);
        flint_free(s);
    }
    printf(")");
}

/* Exact: decimals where finite, else p/q. */
static void
print_vec_exact(const fmpq_mat_t v)
{
    slong i;
    printf("(");
    for (i = 0; i < fmpq_mat_nrows(v); i++)
    {
        char * s = kd_bp_probe_decimal(fmpq_mat_entry(v, i, 0));
        if (s == NULL)
            s = kd_fmpq_get_str(fmpq_mat_entry(v, i, 0));
        printf("%s%s", i ? ", " : "", s);
        flint_free(s);
    }
    printf(")");
}

static void
print_vec_decimal(const fmpq_mat_t v, slong digits)
{
    slong i;
    printf("(");
    for (i = 0; i < fmpq_mat_nrows(v); i++)
    {
        char * s;
        if (fmpz_is_one(fmpq_mat_entry_den(v, i, 0)))
            s = kd_fmpq_get_str(fmpq_mat_entry(v, i, 0));
        else
            s = kd_fmpq_get_decimal(fmpq_mat_entry(v, i, 0), digits);
        printf("%s%s", i ? ", " : "", s);
        flint_free(s);
    }
    printf(")");
}

/* The verdict's name; "right" instead of "right vertex" when the solution
   set is not a single point. */
static const char *
verdict_str(const kd_bp_assess_t R, const kd_bp_probe_t P)
{
    if (R->verdict == KD_BP_VERDICT_RIGHT && P->bp.unique != KD_TRUE)
        return "right";
    return kd_bp_verdict_name(R->verdict);
}

static const char *
on_input(const peer_out * p, const kd_bp_probe_t Pd)
{
    if (!p->solved)
        return "-";
    if (!IS_GLPK(p->id))
        return "(reads exactly)";
    if (!p->have_Rd)
        return "n/a";
    return verdict_str(p->Rd, Pd);
}

static json_t *
json_assess(const kd_bp_assess_t R, const kd_bp_probe_t P)
{
    json_t * j = json_object();
    json_object_set_new(j, "verdict", json_string(verdict_str(R, P)));
    json_object_set_new(j, "error", kd_json_arb(&R->error, 15));
    json_object_set_new(j, "error_squared", kd_json_fmpq(&R->dist2));
    json_object_set_new(j, "objective", kd_json_fmpq(&R->objective));
    json_object_set_new(j, "objective_excess", kd_json_fmpq(&R->excess));
    json_object_set_new(j, "residual_max", kd_json_fmpq(&R->residual));
    if (R->verdict == KD_BP_VERDICT_WRONG_VERTEX)
    {
        json_object_set_new(j, "vertex", json_vec(&R->vertex));
        json_object_set_new(j, "vertex_excess", kd_json_fmpq(&R->vertex_excess));
    }
    return j;
}

/* ------------------------------------------------------------ the command */

int
kd_cmd_bp_probe(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"k", required_argument, NULL, 'k'},
        {"A", required_argument, NULL, 'A'},
        {"y", required_argument, NULL, 'y'},
        {"peers", required_argument, NULL, 'P'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    const char * cmd = "bp-probe";
    bp_args a = {NULL, NULL, NULL, 40, 0};
    kd_cli_opts o;
    int use[NPEERS], r, ret = 0, i, npeers = 0, same_double = 0, have_double = 0, anyglpk = 0;
    kd_bp_probe_t P, Pd;
    fmpq_mat_t A, y, As, ys, Ad, yd, wrong;
    kd_bp_assess_t Rw;
    peer_out peers[NPEERS];
    kd_status st = KD_OK;
    char dir[4096], lpfile[4200] = "", * double_msg = NULL;
    int have_dir = 0, rounded = 0;
    slong maxtok = 0, N, j;
    json_t * jroot = NULL;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (o.fmt != KD_FMT_TEXT && o.fmt != KD_FMT_JSON)
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage(cmd, "--format must be text or json");
    }
    if (o.levels != NULL || o.prec_cap != 0)
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage(cmd, "--n and --max-prec do not apply (the probe is exact)");
    }
    if ((a.A != NULL) != (a.y != NULL))
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage(cmd, "--A and --y go together");
    }
    if (a.A != NULL && a.have_k)
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage(cmd, "--k and --A/--y exclude each other");
    }
    if (!parse_peers(use, a.peers ? a.peers : "glpk-simplex,glpk-exact,glpk-interior,esolver"))
    {
        kd_cli_opts_clear(&o);
        return KD_EXIT_USAGE;
    }

    kd_bp_probe_init(P);
    kd_bp_probe_init(Pd);
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(y, 0, 1);
    fmpq_mat_init(As, 0, 0);
    fmpq_mat_init(ys, 0, 1);
    fmpq_mat_init(Ad, 0, 0);
    fmpq_mat_init(yd, 0, 1);
    fmpq_mat_init(wrong, 2, 1);
    kd_bp_assess_init(Rw);
    for (i = 0; i < NPEERS; i++)
        peer_init(&peers[i], i, 0);

    /* the instance and its exact solution */
    if (a.A != NULL)
    {
        if ((st = load_rational(A, a.A, "--A")) != KD_OK
            || (st = load_rational(y, a.y, "--y")) != KD_OK)
            goto fail;
        if (fmpq_mat_ncols(y) != 1 || fmpq_mat_nrows(y) != fmpq_mat_nrows(A))
        {
            st = kd_error_set(KD_ERR_SIZE, "y is %ld x %ld, A is %ld x %ld: y must be %ld x 1",
                              fmpq_mat_nrows(y), fmpq_mat_ncols(y), fmpq_mat_nrows(A),
                              fmpq_mat_ncols(A), fmpq_mat_nrows(A));
            goto fail;
        }
        if (fmpq_mat_ncols(A) == 0 || fmpq_mat_nrows(A) == 0)
        {
            st = kd_error_set(KD_ERR_SIZE, "A is %ld x %ld: it needs a row and a column",
                              fmpq_mat_nrows(A), fmpq_mat_ncols(A));
            goto fail;
        }
        if ((st = kd_bp_probe_set(P, A, y)) != KD_OK)
            goto fail;
    }
    else
    {
        if ((st = kd_bp_probe_set_k(P, a.k)) != KD_OK)
            goto fail;
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_mat_init_set(A, &P->A);
        fmpq_mat_init_set(y, &P->y);
        if (P->agrees != KD_TRUE)
        {
            st = kd_error_set(KD_ERR_INTERNAL, "internal error: the exact solution disagrees with "
                              "the closed form (0, 2^k/(2^k + 1))");
            goto fail;
        }
        /* the other vertex, judged like a peer's answer */
        fmpq_one(fmpq_mat_entry(wrong, 0, 0));
        fmpq_zero(fmpq_mat_entry(wrong, 1, 0));
        if ((st = kd_bp_probe_assess(Rw, P, wrong, ERR_PREC)) != KD_OK)
            goto fail;
    }
    N = fmpq_mat_ncols(A);

    /* the LP file and the double-rounded problem glpsol stores */
    for (i = 0; i < NPEERS; i++)
    {
        peer_clear(&peers[i]);
        peer_init(&peers[i], i, N);
        npeers += use[i];
        anyglpk |= use[i] && IS_GLPK(i);
    }
    {
        const char * tmp = getenv("TMPDIR");
        FILE * f;
        snprintf(dir, sizeof dir, "%s/kdigits-bp-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (mkdtemp(dir) == NULL)
        {
            st = kd_error_set(KD_ERR_IO, "cannot create a temporary directory in %s",
                              tmp && *tmp ? tmp : "/tmp");
            goto fail;
        }
        have_dir = 1;
        snprintf(lpfile, sizeof lpfile, "%s/bp.lp", dir);
        f = fopen(lpfile, "w");
        if (f == NULL)
        {
            st = kd_error_set(KD_ERR_IO, "cannot write %s", lpfile);
            goto fail;
        }
        st = kd_bp_probe_write_lp(f, As, ys, &maxtok, A, y);
        if (fclose(f) != 0 && st == KD_OK)
            st = kd_error_set(KD_ERR_IO, "cannot write %s", lpfile);
        if (st != KD_OK)
            goto fail;
    }
    st = kd_bp_probe_round_double(Ad, yd, As, ys);
    if (st == KD_OK)
    {
        rounded = 1;
        same_double = fmpq_mat_equal(Ad, As) && fmpq_mat_equal(yd, ys);
        st = kd_bp_probe_set(Pd, Ad, yd);
    }
    if (st == KD_OK)
        have_double = 1;
    else
    {
        char buf[512];
        snprintf(buf, sizeof buf, "%s%s", rounded ? "the double-rounded problem: " : "",
                 kd_error_message());
        double_msg = dupstr(buf);
        kd_error_clear();
        st = KD_OK;
    }

    /* the peers */
    for (i = 0; i < NPEERS; i++)
    {
        peer_out * p = &peers[i];
        if (!use[i])
            continue;
        run_peer(p, dir, lpfile, N);
        if (!p->solved)
            continue;
        if ((st = kd_bp_probe_assess(p->R, P, p->x, ERR_PREC)) != KD_OK)
            goto fail;
        if (IS_GLPK(i) && have_double)
        {
            if ((st = kd_bp_probe_assess(p->Rd, Pd, p->x, ERR_PREC)) != KD_OK)
                goto fail;
            p->have_Rd = 1;
        }
    }

    if (o.fmt == KD_FMT_JSON)
    {
        json_t * jinst = json_object(), * jex = json_object(), * jd = json_object();
        json_t * jp = json_array();
        jroot = json_object();
        json_object_set_new(jroot, "k", P->k ? json_integer(P->k) : json_null());
        json_object_set_new(jinst, "builtin", json_boolean(P->k != 0));
        if (P->k)
        {
            char desc[96];
            snprintf(desc, sizeof desc, "min ||x||_1 s.t. x1 + (1 + 2^-%ld) x2 = 1", P->k);
            json_object_set_new(jinst, "problem", json_string(desc));
        }
        else
        {
            json_object_set_new(jinst, "A_file", json_string(a.A));
            json_object_set_new(jinst, "y_file", json_string(a.y));
        }
        json_object_set_new(jinst, "A", kd_json_fmpq_mat(A));
        json_object_set_new(jinst, "y", json_vec(y));
        json_object_set_new(jroot, "instance", jinst);

        json_object_set_new(jex, "x", json_vec(&P->bp.x));
        json_object_set_new(jex, "x_decimal", json_vec_decimal(&P->bp.x, 30));
        json_object_set_new(jex, "value", kd_json_fmpq(&P->bp.value));
        json_object_set_new(jex, "dual_certificate", json_vec(&P->bp.v));
        json_object_set_new(jex, "unique", json_boolean(P->bp.unique == KD_TRUE));
        if (P->bp.unique != KD_TRUE)
            json_object_set_new(jex, "another_minimiser", json_vec(&P->bp.x2));
        if (P->k)
        {
            json_t * jw = json_object();
            json_object_set_new(jex, "closed_form", json_vec(&P->closed));
            json_object_set_new(jex, "agrees_with_closed_form", json_boolean(P->agrees == KD_TRUE));
            json_object_set_new(jw, "x", json_vec(wrong));
            json_object_set_new(jw, "objective", kd_json_fmpq(&Rw->objective));
            json_object_set_new(jw, "excess", kd_json_fmpq(&Rw->excess));
            json_object_set_new(jw, "error", kd_json_arb(&Rw->error, 15));
            json_object_set_new(jex, "wrong_vertex", jw);
        }
        json_object_set_new(jroot, "exact", jex);

        json_object_set_new(jd, "A", rounded ? kd_json_fmpq_mat(Ad) : json_null());
        json_object_set_new(jd, "y", rounded ? json_vec(yd) : json_null());
        json_object_set_new(jd, "same_problem", json_boolean(rounded && same_double));
        if (have_double)
        {
            json_object_set_new(jd, "x", json_vec(&Pd->bp.x));
            json_object_set_new(jd, "value", kd_json_fmpq(&Pd->bp.value));
            json_object_set_new(jd, "unique", json_boolean(Pd->bp.unique == KD_TRUE));
        }
        else
            json_object_set_new(jd, "error", json_string(double_msg));
        json_object_set_new(jroot, "double_input", jd);
        json_object_set_new(jroot, "lp_max_token_length", json_integer(maxtok));

        for (i = 0; i < NPEERS; i++)
        {
            peer_out * p = &peers[i];
            json_t * jq;
            if (!use[i])
                continue;
            jq = json_object();
            json_object_set_new(jq, "name", json_string(peer_info[i].name));
            json_object_set_new(jq, "program", json_string(peer_info[i].program));
            json_object_set_new(jq, "package", json_string(peer_info[i].package));
            json_object_set_new(jq, "installed", json_boolean(p->installed));
            json_object_set_new(jq, "input", json_string(IS_GLPK(i) ? "double" : "exact"));
            json_object_set_new(jq, "status", json_string(p->status ? p->status : "(none)"));
            if (!p->installed)
                json_object_set_new(jq, "skipped_reason", json_string(p->message));
            else if (p->message)
                json_object_set_new(jq, "message", json_string(p->message));
            json_object_set_new(jq, "claimed_optimal", json_boolean(p->claimed_optimal));
            if (p->solved)
            {
                json_object_set_new(jq, "x", json_vec(p->x));
                json_object_set_new(jq, "error", kd_json_arb(&p->R->error, 15));
                json_object_set_new(jq, "verdict", json_string(verdict_str(p->R, P)));
                json_object_set_new(jq, "assessment", json_assess(p->R, P));
                if (p->have_Rd)
                    json_object_set_new(jq, "on_its_input", json_assess(p->Rd, Pd));
            }
            else
                json_object_set_new(jq, "verdict", json_null());
            json_array_append_new(jp, jq);
        }
        json_object_set_new(jroot, "peers", jp);
        ret = kd_json_print(jroot);
        jroot = NULL;
    }
    else
    {
        char * s, * t;
        if (P->k)
        {
            s = kd_bp_probe_decimal(fmpq_mat_entry(A, 0, 1));
            printf("basis pursuit probe, k = %ld:  min |x1| + |x2|  subject to  x1 + (1 + 2^-%ld) x2 = 1\n",
                   P->k, P->k);
            printf("  coefficient 1 + 2^-%ld = %s (exact)\n", P->k, s);
            flint_free(s);
        }
        else
            printf("basis pursuit, A from %s (%ld x %ld), y from %s:  min ||x||_1  subject to  Ax = y\n",
                   a.A, fmpq_mat_nrows(A), N, a.y);
        printf("\nexact answer (rational simplex; dual certificate and uniqueness checked exactly):\n");
        printf("  x* = ");
        print_vec_text(&P->bp.x);
        printf("\n     ~ ");
        print_vec_decimal(&P->bp.x, 30);
        printf("  (decimals rounded)\n");
        s = kd_fmpq_get_str(&P->bp.value);
        printf("  min ||x||_1 = %s, dual certificate v = ", s);
        flint_free(s);
        print_vec_text(&P->bp.v);
        printf("\n  unique minimiser: %s (certified)", P->bp.unique == KD_TRUE ? "yes" : "no");
        if (P->bp.unique != KD_TRUE)
        {
            printf("; another one: ");
            print_vec_text(&P->bp.x2);
        }
        if (P->k)
        {
            printf("; equals the closed form (0, 2^k/(2^k + 1)): %s\n",
                   P->agrees == KD_TRUE ? "yes" : "no");
            s = kd_fmpq_get_str(&Rw->excess);
            t = kd_fmpq_get_decimal(&Rw->excess, 15);
            printf("  the other vertex (1, 0): ||x||_1 = 1, worse by exactly %s ~ %s\n", s, t);
            flint_free(s);
            flint_free(t);
        }
        else
            printf("\n");
        if (!have_double && !(rounded && same_double))
            printf("  IEEE double input: %s\n", double_msg);
        else if (same_double)
            printf("  IEEE double input: every number in the LP file is a double, so glpsol reads\n"
                   "    this same problem\n");
        else
        {
            if (P->k)
            {
                s = kd_fmpq_get_str(fmpq_mat_entry(Ad, 0, 1));
                printf("  IEEE double input: 1 + 2^-%ld rounds to %s in double: glpsol reads a different\n"
                       "    problem, x1 + %s%sx2 = 1, with minimisers ", P->k, s,
                       fmpq_is_one(fmpq_mat_entry(Ad, 0, 1)) ? "" : s,
                       fmpq_is_one(fmpq_mat_entry(Ad, 0, 1)) ? "" : " ");
                flint_free(s);
            }
            else
                printf("  IEEE double input: some numbers are not doubles: glpsol reads a different\n"
                       "    problem, with minimisers ");
            if (Pd->bp.unique == KD_TRUE)
            {
                printf("only ");
                print_vec_text(&Pd->bp.x);
            }
            else
            {
                print_vec_text(&Pd->bp.x);
                printf(", ");
                print_vec_text(&Pd->bp.x2);
                printf(" and more (not unique)");
            }
            printf("\n");
        }
        if (npeers > 0)
        {
            int showx = N <= 3;
            printf("\npeers (the same LP, x = u - v with u, v >= 0, CPLEX LP file, exact decimals; "
                   "%g s limit each):\n", PEER_TIMEOUT);
            printf("  %-14s %-10s", "solver", "claimed");
            if (showx)
                for (j = 0; j < N; j++)
                {
                    char h[16];
                    snprintf(h, sizeof h, "x%ld", j + 1);
                    printf(" %-22s", h);
                }
            printf(" %-36s %-13s %s\n", "certified ||x - x*||_2", "verdict", "on its input");
            for (i = 0; i < NPEERS; i++)
            {
                peer_out * p = &peers[i];
                if (!use[i])
                    continue;
                if (!p->installed)
                {
                    printf("  %-14s %s\n", peer_info[i].name, p->status);
                    continue;
                }
                if (!p->solved)
                {
                    printf("  %-14s %s%s%s\n", peer_info[i].name, p->status,
                           p->message ? ": " : "", p->message ? p->message : "");
                    continue;
                }
                printf("  %-14s %-10s", peer_info[i].name, p->status);
                if (showx)
                    for (j = 0; j < N; j++)
                    {
                        s = cell(fmpq_mat_entry(p->x, j, 0), 22);
                        printf(" %-22s", s);
                        flint_free(s);
                    }
                s = ball_str(&p->R->error, &p->R->dist2);
                printf(" %-36s %-13s %s\n", s, verdict_str(p->R, P), on_input(p, Pd));
                flint_free(s);
            }
            if (!showx)
            {
                printf("\n  returned x (exact values of the printed numbers):\n");
                for (i = 0; i < NPEERS; i++)
                    if (use[i] && peers[i].solved)
                    {
                        printf("  %-14s ", peer_info[i].name);
                        print_vec_exact(peers[i].x);
                        printf("\n");
                    }
            }
            if (anyglpk && maxtok > 255)
                printf("\n  note: the LP file has a number of %ld characters; glpsol's reader takes "
                       "at most 255\n", maxtok);
            if (use[PEER_GLPK_EXACT] && peers[PEER_GLPK_EXACT].solved)
                printf("\n  note: glpk-exact runs a rational simplex on glpsol's doubles, each turned "
                       "into a\n  nearby fraction (relative 1e-9); see --help.\n");
        }
    }
    goto out;
fail:
    ret = kd_cli_fail(cmd, st);
out:
    if (jroot)
        json_decref(jroot);
    if (have_dir)
    {
        if (lpfile[0])
            unlink(lpfile);
        rmdir(dir);
    }
    free(double_msg);
    for (i = 0; i < NPEERS; i++)
        peer_clear(&peers[i]);
    kd_bp_assess_clear(Rw);
    fmpq_mat_clear(wrong);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(As);
    fmpq_mat_clear(ys);
    fmpq_mat_clear(Ad);
    fmpq_mat_clear(yd);
    kd_bp_probe_clear(P);
    kd_bp_probe_clear(Pd);
    kd_cli_opts_clear(&o);
    return ret;
}

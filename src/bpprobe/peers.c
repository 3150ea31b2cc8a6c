/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The peers of the basis pursuit probe (kdigits/bpprobe.h): which solvers
   exist, and running one on the LP file with a time limit. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "../peers/spawn.h"

static const struct
{
    const char * name, * program, * package, * option;
}
peer_info[KD_BP_PEER_COUNT] = {
    {"glpk-simplex", "glpsol", "glpk-utils", NULL},
    {"glpk-exact", "glpsol", "glpk-utils", "--exact"},
    {"glpk-interior", "glpsol", "glpk-utils", "--interior"},
    {"esolver", "esolver", "qsopt-ex", NULL},
};

const char *
kd_bp_peer_name(kd_bp_peer p)
{
    return peer_info[p].name;
}

const char *
kd_bp_peer_program(kd_bp_peer p)
{
    return peer_info[p].program;
}

const char *
kd_bp_peer_package(kd_bp_peer p)
{
    return peer_info[p].package;
}

int
kd_bp_peer_reads_double(kd_bp_peer p)
{
    return p != KD_BP_PEER_ESOLVER;
}

int
kd_bp_peer_lookup(kd_bp_peer * p, const char * name)
{
    int i;
    for (i = 0; i < KD_BP_PEER_COUNT; i++)
        if (strcmp(name, peer_info[i].name) == 0)
        {
            *p = (kd_bp_peer) i;
            return 1;
        }
    return 0;
}

kd_status
kd_bp_peer_set_from_str(unsigned * set, const char * list)
{
    const char * t = list;
    *set = 0;
    if (strcmp(list, "none") == 0)
        return KD_OK;
    while (*t)
    {
        size_t len = strcspn(t, ",");
        char name[64];
        kd_bp_peer p;
        if (len > 0)
        {
            snprintf(name, sizeof name, "%.*s", (int) len, t);
            if (len >= sizeof name || !kd_bp_peer_lookup(&p, name))
                return kd_error_set(KD_ERR_ARG, "unknown peer '%.*s' (known: glpk-simplex, "
                                    "glpk-exact, glpk-interior, esolver, none)", (int) len, t);
            *set |= KD_BP_PEER_BIT(p);
        }
        t += len + (t[len] == ',');
    }
    return KD_OK;
}

char *
_kd_bp_strdup(const char * s)
{
    char * t;
    if (s == NULL)
        return NULL;
    t = malloc(strlen(s) + 1);
    if (t != NULL)
        strcpy(t, s);
    return t;
}

void
_kd_bp_peer_fail(kd_bp_peer_result_t r, const char * claim, const char * reason)
{
    char * c = _kd_bp_strdup(claim), * m = _kd_bp_strdup(reason);
    free(r->claim);
    free(r->reason);
    r->claim = c;
    r->reason = m;
    r->status = KD_BP_PEER_FAILED;
}

void
kd_bp_peer_result_init(kd_bp_peer_result_t r, kd_bp_peer p, slong N)
{
    r->peer = p;
    r->status = KD_BP_PEER_FAILED;
    r->claim = _kd_bp_strdup("(none)");
    r->reason = NULL;
    r->claimed_optimal = 0;
    fmpq_mat_init(&r->x, N, 1);
    kd_bp_assess_init(&r->R);
    r->on_input = 0;
    kd_bp_assess_init(&r->Rd);
}

void
kd_bp_peer_result_clear(kd_bp_peer_result_t r)
{
    free(r->claim);
    free(r->reason);
    fmpq_mat_clear(&r->x);
    kd_bp_assess_clear(&r->R);
    kd_bp_assess_clear(&r->Rd);
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
        size_t got = fread(s, 1, (size_t) n, f);
        s[got] = '\0';
    }
    fclose(f);
    return s;
}

/* The first line of out that starts with "path:" (glpsol's input errors),
   with path shown as its base name so that the temporary directory does
   not leak into reports; else the last non-empty line. */
static char *
error_line(const char * out, const char * path)
{
    const char * base = strrchr(path, '/');
    const char * p, * line = NULL, * last = NULL, * rest, * e;
    size_t plen = strlen(path), len;
    char * s;
    base = base ? base + 1 : path;
    for (p = out; *p; )
    {
        size_t l;
        e = strchr(p, '\n');
        l = e ? (size_t) (e - p) : strlen(p);
        if (l > 0)
            last = p;
        if (line == NULL && strncmp(p, path, plen) == 0 && p[plen] == ':')
            line = p;
        p += l + (e != NULL);
    }
    if (line == NULL && last == NULL)
        return _kd_bp_strdup("no output");
    if (line == NULL)
    {
        e = strchr(last, '\n');
        len = e ? (size_t) (e - last) : strlen(last);
        s = malloc(len + 1);
        if (s != NULL)
        {
            memcpy(s, last, len);
            s[len] = '\0';
        }
        return s;
    }
    rest = line + plen;
    e = strchr(rest, '\n');
    len = e ? (size_t) (e - rest) : strlen(rest);
    s = malloc(strlen(base) + len + 1);
    if (s != NULL)
    {
        strcpy(s, base);
        strncat(s, rest, len);
    }
    return s;
}

/* The command line for peer p; the buffers give exec writable strings. */
static void
peer_argv(char ** argv, kd_bp_peer p, char * prog, char * opt, char * lp, char * sol)
{
    int a = 0;
    argv[a++] = prog;
    if (kd_bp_peer_reads_double(p))
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
}

void
kd_bp_peer_run(kd_bp_peer_result_t r, kd_bp_peer p, const char * dir, const char * lpfile,
               slong N, double timeout_s)
{
    char sol[4200], lp[4200], prog[32], opt[32];
    char * argv[8];
    kd_spawn_result out;
    char * text;

    if (!kd_spawn_which(peer_info[p].program))
    {
        char msg[128], claim[128];
        snprintf(msg, sizeof msg, "%s not found on PATH", peer_info[p].program);
        snprintf(claim, sizeof claim, "skipped (install %s)", peer_info[p].package);
        _kd_bp_peer_fail(r, claim, msg);
        r->status = KD_BP_PEER_SKIPPED;
        return;
    }
    snprintf(sol, sizeof sol, "%s/%s.sol", dir, peer_info[p].name);
    snprintf(prog, sizeof prog, "%s", peer_info[p].program);
    snprintf(opt, sizeof opt, "%s", peer_info[p].option ? peer_info[p].option : "");
    snprintf(lp, sizeof lp, "%s", lpfile);
    peer_argv(argv, p, prog, opt, lp, sol);
    if (kd_spawn_run(&out, argv, timeout_s) != 0)
    {
        _kd_bp_peer_fail(r, "could not start", out.err);
        kd_spawn_result_clear(&out);
        return;
    }
    if (out.timed_out)
    {
        char msg[64];
        snprintf(msg, sizeof msg, "killed after %g s", timeout_s);
        _kd_bp_peer_fail(r, "timed out", msg);
        kd_spawn_result_clear(&out);
        unlink(sol);
        return;
    }
    text = slurp_file(sol);
    unlink(sol);
    if (text == NULL)
    {
        char * e = error_line(out.out[0] ? out.out : out.err, lpfile);
        _kd_bp_peer_fail(r, out.exit_code == 0 ? "no solution written" : "failed", e);
        free(e);
    }
    else
    {
        kd_bp_peer_parse(r, p, text, N);
        free(text);
    }
    kd_spawn_result_clear(&out);
}

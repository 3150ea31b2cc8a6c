/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Finding the real peers: the scripts' directory, and an interpreter (R or
   Debian's python3) that loads the module each script needs. Shared by the
   LASSO probe's peers and the peers on a user's problem. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "spawn.h"

/* How long loading a module may take before the peer counts as missing. */
#define KD_PEERS_PROBE_TIMEOUT 60.0

char *
_kd_peers_strdup_printf(const char * fmt, const char * a, const char * b)
{
    size_t len = strlen(fmt) + strlen(a) + (b ? strlen(b) : 0) + 1;
    char * s = malloc(len);
    if (s != NULL)
        snprintf(s, len, fmt, a, b ? b : "");
    return s;
}

static int
peers_is_dir(const char * p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* $KDIGITS_PEERS_DIR, else the installed directory, else the source tree. */
char *
_kd_peers_dir(void)
{
    const char * e = getenv("KDIGITS_PEERS_DIR");
    if (e != NULL && *e != '\0')
        return strdup(e);
#ifdef KD_PEERS_DIR
    if (peers_is_dir(KD_PEERS_DIR))
        return strdup(KD_PEERS_DIR);
#endif
#ifdef KD_PEERS_SRCDIR
    if (peers_is_dir(KD_PEERS_SRCDIR))
        return strdup(KD_PEERS_SRCDIR);
#endif
    return NULL;
}

/* 1 when interp runs and loads module (a tiny `-e library(..)` / `-c import ..`). */
static int
peers_probe(const char * interp, int is_r, const char * module)
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
    ok = kd_spawn_run(&r, argv, KD_PEERS_PROBE_TIMEOUT) == 0 && !r.timed_out && r.exit_code == 0;
    kd_spawn_result_clear(&r);
    return ok;
}

/* Finds the script and an interpreter that can load its module: fills
   *path (the script's path, NULL without a directory) and either *interp
   or *reason (*no_script when the script itself is missing). */
void
_kd_peers_locate(char ** path, char ** interp, char ** reason, int * no_script,
                 const _kd_peers_script * s, const char * dir)
{
    const char * cands[3];
    const char * e;
    int n = 0, i;

    if (dir == NULL)
    {
        *no_script = 1;
        *reason = strdup("the peer scripts were not found (set KDIGITS_PEERS_DIR)");
        return;
    }
    *path = _kd_peers_strdup_printf("%s/%s", dir, s->file);
    if (*path == NULL || access(*path, R_OK) != 0)
    {
        *no_script = 1;
        *reason = _kd_peers_strdup_printf("%s is missing (set KDIGITS_PEERS_DIR)",
                                   *path ? *path : s->file, NULL);
        return;
    }
    if (s->is_r)
    {
        if (!kd_spawn_which("Rscript"))
            *reason = strdup("Rscript is not on PATH");
        else if (!peers_probe("Rscript", 1, s->module))
            *reason = _kd_peers_strdup_printf("R cannot load the package %s%s", s->module, NULL);
        else
            *interp = strdup("Rscript");
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
        if (peers_probe(cands[i], 0, s->module))
        {
            *interp = strdup(cands[i]);
            return;
        }
    }
    if (n == 0)
        *reason = strdup("no python3 (neither KDIGITS_PYTHON nor python3 on PATH)");
    else
        *reason = _kd_peers_strdup_printf("no python3 tried can import %s%s", s->module, NULL);
}

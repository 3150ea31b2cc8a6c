/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Running an external program (the real peers: glmnet, scikit-learn,
   CVXOPT, GLPK, QSopt_ex) with a time limit, capturing its output. Internal
   to the experiments layer (the probes' peers); the core modules (numbers,
   oracles, problems, solvers, certificates) never start processes. */
#ifndef KD_PEERS_SPAWN_H
#define KD_PEERS_SPAWN_H

typedef struct
{
    int exit_code;  /* the program's exit status; -1 if killed or not run */
    int timed_out;  /* 1: killed after the time limit */
    char * out;     /* captured stdout (NUL-terminated, malloc'ed) */
    char * err;     /* captured stderr (NUL-terminated, malloc'ed) */
    double seconds; /* wall time of the run */
}
kd_spawn_result;

/* 1 when prog (a name without '/') is an executable file on $PATH, or
   prog (a path) is executable. */
int kd_spawn_which(const char * prog);

/* Runs argv[0] (looked up on $PATH) with arguments argv (NULL-terminated),
   stdin from /dev/null, in its own process group, killed after timeout_s
   seconds (<= 0: no limit). Returns 0 when the program ran (whatever its
   exit status), -1 when it could not be started (message in r->err). */
int kd_spawn_run(kd_spawn_result * r, char * const argv[], double timeout_s);

void kd_spawn_result_clear(kd_spawn_result * r);

/* ---- locating the peers (locate.c) ---- */

/* A peer script: its file name in the peers directory, whether R runs it
   (else Python), and the R package or Python module it needs. */
typedef struct
{
    const char * file;
    int is_r;
    const char * module;
}
_kd_peers_script;

/* $KDIGITS_PEERS_DIR, else the installed directory, else the source tree;
   NULL when none exists (malloc'ed). */
char * _kd_peers_dir(void);
/* Finds the script and an interpreter that can load its module: fills
   *path (the script's path, NULL without a directory) and either *interp
   or *reason (*no_script when the script itself is missing); malloc'ed. */
void _kd_peers_locate(char ** path, char ** interp, char ** reason, int * no_script,
                      const _kd_peers_script * s, const char * dir);
/* fmt with up to two %s (b may be NULL), malloc'ed. */
char * _kd_peers_strdup_printf(const char * fmt, const char * a, const char * b);

#endif

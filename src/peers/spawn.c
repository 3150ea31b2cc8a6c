/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Running external programs with a time limit (see spawn.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "spawn.h"

static int
is_exec(const char * path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, X_OK) == 0;
}

int
kd_spawn_which(const char * prog)
{
    const char * path = getenv("PATH");
    char * buf, * dir, * save;
    int found = 0;
    if (prog == NULL || *prog == '\0')
        return 0;
    if (strchr(prog, '/'))
        return is_exec(prog);
    if (path == NULL)
        path = "/usr/bin:/bin";
    buf = strdup(path);
    if (buf == NULL)
        return 0;
    for (dir = strtok_r(buf, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save))
    {
        size_t len = strlen(dir) + strlen(prog) + 2;
        char * full = malloc(len);
        if (full == NULL)
            break;
        snprintf(full, len, "%s/%s", *dir ? dir : ".", prog);
        found = is_exec(full);
        free(full);
    }
    free(buf);
    return found;
}

static char *
slurp(int fd)
{
    size_t cap = 4096, len = 0;
    char * s = malloc(cap);
    ssize_t k;
    if (s == NULL)
        return NULL;
    if (lseek(fd, 0, SEEK_SET) < 0)
    {
        s[0] = '\0';
        return s;
    }
    while ((k = read(fd, s + len, cap - len - 1)) > 0)
    {
        len += (size_t) k;
        if (cap - len < 2)
        {
            char * t = realloc(s, cap * 2);
            if (t == NULL)
                break;
            s = t;
            cap *= 2;
        }
    }
    s[len] = '\0';
    return s;
}

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int
tmpfile_fd(void)
{
    const char * dir = getenv("TMPDIR");
    char path[4096];
    int fd;
    snprintf(path, sizeof path, "%s/kdigits-spawn-XXXXXX", dir && *dir ? dir : "/tmp");
    fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    return fd;
}

int
kd_spawn_run(kd_spawn_result * r, char * const argv[], double timeout_s)
{
    int fo, fe, status = 0;
    pid_t pid;
    double t0;

    memset(r, 0, sizeof *r);
    r->exit_code = -1;
    if (argv == NULL || argv[0] == NULL || !kd_spawn_which(argv[0]))
    {
        r->out = strdup("");
        r->err = strdup("program not found on PATH");
        return -1;
    }
    fo = tmpfile_fd();
    fe = tmpfile_fd();
    if (fo < 0 || fe < 0)
    {
        if (fo >= 0)
            close(fo);
        if (fe >= 0)
            close(fe);
        r->out = strdup("");
        r->err = strdup("cannot create a temporary file");
        return -1;
    }
    fflush(NULL);
    t0 = now();
    pid = fork();
    if (pid < 0)
    {
        close(fo);
        close(fe);
        r->out = strdup("");
        r->err = strdup(strerror(errno));
        return -1;
    }
    if (pid == 0)
    {
        int fin = open("/dev/null", O_RDONLY);
        setpgid(0, 0);
        if (fin >= 0)
            dup2(fin, 0);
        dup2(fo, 1);
        dup2(fe, 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    setpgid(pid, pid);
    for (;;)
    {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR)
            break;
        if (timeout_s > 0 && now() - t0 > timeout_s)
        {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            r->timed_out = 1;
            break;
        }
        {
            struct timespec ts = {0, 5000000};
            nanosleep(&ts, NULL);
        }
    }
    r->seconds = now() - t0;
    if (!r->timed_out && WIFEXITED(status))
        r->exit_code = WEXITSTATUS(status);
    r->out = slurp(fo);
    r->err = slurp(fe);
    close(fo);
    close(fe);
    return 0;
}

void
kd_spawn_result_clear(kd_spawn_result * r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

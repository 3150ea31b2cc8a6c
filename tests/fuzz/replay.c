/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Runs each fuzz harness once over every file of its seed corpus and of its
   regressions folder, without libFuzzer, so that `make check` keeps every
   input that ever broke the library (tests/fuzz/README.md). */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* fuzz.h maps LLVMFuzzerTestOneInput to KD_FUZZ_ENTRY, expanded where each
   harness defines it. */
#define KD_FUZZ_ENTRY kd_fuzz_expr
#include "fuzz-expr.c"
#undef KD_FUZZ_ENTRY
#define KD_FUZZ_ENTRY kd_fuzz_mtx
#include "fuzz-mtx.c"
#undef KD_FUZZ_ENTRY
#define KD_FUZZ_ENTRY kd_fuzz_opts
#include "fuzz-opts.c"

typedef int (*entry_fn)(const uint8_t * data, size_t size);

static const struct
{
    const char * name;
    entry_fn run;
}
harnesses[] = {{"expr", kd_fuzz_expr}, {"mtx", kd_fuzz_mtx}, {"opts", kd_fuzz_opts}};

/* Reads a whole file; NULL when it cannot be read. */
static uint8_t *
read_all(const char * path, size_t * size)
{
    FILE * f = fopen(path, "rb");
    uint8_t * buf = NULL;
    size_t alloc = 0, len = 0, got;
    if (f == NULL)
        return NULL;
    do
    {
        if (len == alloc)
        {
            alloc = alloc ? 2 * alloc : 4096;
            buf = realloc(buf, alloc);
        }
        got = fread(buf + len, 1, alloc - len, f);
        len += got;
    }
    while (got > 0);
    fclose(f);
    *size = len;
    return buf;
}

/* Runs fn over the regular files of dir; a missing dir has no files. A
   failing input aborts the process (the harnesses abort on a broken
   contract), so the name goes to stderr first. */
static long
replay_dir(entry_fn fn, const char * dir, long * failed)
{
    DIR * d = opendir(dir);
    struct dirent * e;
    long n = 0;
    char path[4096];
    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL)
    {
        uint8_t * buf;
        size_t size = 0;
        if (e->d_name[0] == '.' || strcmp(e->d_name, "README") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        buf = read_all(path, &size);
        if (buf == NULL)
        {
            fprintf(stderr, "fuzz-replay: cannot read %s\n", path);
            (*failed)++;
            continue;
        }
        if (getenv("KD_FUZZ_VERBOSE") != NULL)
            fprintf(stderr, "fuzz-replay: %s\n", path);
        fn(buf, size);
        free(buf);
        n++;
    }
    closedir(d);
    return n;
}

int
main(int argc, char ** argv)
{
    const char * top = argc > 1 ? argv[1] : "tests/fuzz";
    char dir[4096];
    long passed = 0, failed = 0;
    size_t k;
    for (k = 0; k < sizeof harnesses / sizeof harnesses[0]; k++)
    {
        snprintf(dir, sizeof dir, "%s/corpus-%s", top, harnesses[k].name);
        passed += replay_dir(harnesses[k].run, dir, &failed);
        snprintf(dir, sizeof dir, "%s/regressions/%s", top, harnesses[k].name);
        passed += replay_dir(harnesses[k].run, dir, &failed);
    }
    flint_cleanup_master();
    printf("fuzz-replay: %ld passed, %ld failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}

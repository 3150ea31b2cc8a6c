/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Prints the --help texts of help-text.c, filling in their @NAME@ values. */
#include <string.h>
#include "cli.h"
#include "kdigits/bpprobe.h"
#include "kdigits/op.h"

/* The value of the placeholder name (len characters), or NULL if unknown. */
static const char *
lookup(const char * name, size_t len, char * buf, size_t size, const char * xname,
       const char * xvalue)
{
    int n = -1;
#define KD_IS(s) (len == sizeof(s) - 1 && memcmp(name, s, len) == 0)
    if (KD_IS("VERSION"))
        return kd_version();
    if (KD_IS("BUILTINS"))
        return kd_builtin_help;
    if (KD_IS("OPERATORS"))
        return kd_op_help;
    if (KD_IS("LEVEL_MAX"))
        n = KD_LEVEL_MAX;
    else if (KD_IS("PREC_CAP_DEFAULT"))
        n = KD_PREC_CAP_DEFAULT;
    else if (KD_IS("BP_PROBE_K_MAX"))
        n = KD_BP_PROBE_K_MAX;
    if (n >= 0)
    {
        snprintf(buf, size, "%d", n);
        return buf;
    }
    if (xname != NULL && strlen(xname) == len && memcmp(name, xname, len) == 0)
        return xvalue;
    return NULL;
#undef KD_IS
}

void
kd_cli_help(FILE * f, const char * text, const char * name, const char * value)
{
    const char * p = text, * at, * end, * v;
    char buf[32];
    while ((at = strchr(p, '@')) != NULL)
    {
        end = strchr(at + 1, '@');
        v = NULL;
        if (end != NULL)
            v = lookup(at + 1, (size_t) (end - at - 1), buf, sizeof buf, name, value);
        /* an '@' that starts no known name is printed as it is */
        fwrite(p, 1, (size_t) (at - p), f);
        if (v != NULL)
        {
            /* a value of whole lines stands alone on the line it replaces */
            fputs(v, f);
            p = end + 1;
            if (*v != '\0' && v[strlen(v) - 1] == '\n' && *p == '\n')
                p++;
        }
        else
        {
            fputc('@', f);
            p = at + 1;
        }
    }
    fputs(p, f);
}

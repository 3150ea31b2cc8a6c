/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Status names and the per-thread message of the last failure. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "kdigits/status.h"

#define KD_MSG_LEN 1024

static _Thread_local char kd_msg[KD_MSG_LEN];

const char *
kd_status_name(kd_status s)
{
    switch (s)
    {
        case KD_OK: return "ok";
        case KD_ERR_ARG: return "bad argument";
        case KD_ERR_PARSE: return "parse error";
        case KD_ERR_DOMAIN: return "domain error";
        case KD_ERR_UNDECIDED: return "undecided";
        case KD_ERR_SIZE: return "size mismatch";
        case KD_ERR_IO: return "i/o error";
        case KD_ERR_FORMAT: return "format error";
        case KD_ERR_NOMEM: return "out of memory";
        case KD_ERR_UNSUPPORTED: return "unsupported";
        case KD_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}

const char *
kd_truth_name(kd_truth t)
{
    return t == KD_TRUE ? "true" : t == KD_FALSE ? "false" : "unknown";
}

const char *
kd_error_message(void)
{
    return kd_msg;
}

kd_status
kd_error_set(kd_status s, const char * fmt, ...)
{
    char buf[KD_MSG_LEN];
    va_list ap;
    va_start(ap, fmt);
    /* format into a copy first: fmt's arguments may point into kd_msg */
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    memcpy(kd_msg, buf, sizeof buf);
    return s;
}

void
kd_error_prefix(const char * fmt, ...)
{
    char pre[KD_MSG_LEN], buf[2 * KD_MSG_LEN + 4];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pre, sizeof pre, fmt, ap);
    va_end(ap);
    snprintf(buf, sizeof buf, "%s: %s", pre, kd_msg);
    memcpy(kd_msg, buf, KD_MSG_LEN - 1);
    kd_msg[KD_MSG_LEN - 1] = '\0';
}

void
kd_error_clear(void)
{
    kd_msg[0] = '\0';
}

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* libFuzzer harness for the Matrix Market reader: the string and the stream
   readers must agree on every input, and a matrix read must write out to text
   that reads back to the same size. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kdigits/kdigits.h"
#include "fuzz.h"

static kd_status
mtx_read_stream_mem(kd_mat_t A, const char * s)
{
    kd_status st;
    FILE * f = fmemopen((void *) s, strlen(s), "r");
    if (f == NULL)
        return KD_ERR_IO;
    st = kd_mtx_read_stream(A, f, "<fuzz>");
    fclose(f);
    return st;
}

/* Writes A and reads the text back: the result must have A's shape. */
static void
mtx_round_trip(const kd_mat_t A)
{
    char * buf = NULL;
    size_t len = 0;
    kd_mat_t B;
    FILE * f = open_memstream(&buf, &len);
    if (f == NULL)
        return;
    if (kd_mtx_write_mat(f, A, "fuzz") != KD_OK)
    {
        fclose(f);
        free(buf);
        return;
    }
    fclose(f);
    kd_mat_init(B, 0, 0);
    if (kd_mtx_read_str(B, buf, "<written>") != KD_OK)
    {
        fprintf(stderr, "%s\n%s\n", kd_error_message(), buf);
        KD_FUZZ_FAIL("kd_mtx_write_mat output does not read back");
    }
    if (B->r != A->r || B->c != A->c)
        KD_FUZZ_FAIL("kd_mtx_write_mat output reads back with another size");
    kd_mat_clear(B);
    free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t * data, size_t size)
{
    char * s;
    kd_mat_t A, B;
    kd_status st1, st2;
    kd_fuzz_limits();
    s = kd_fuzz_cstr(data, size);
    kd_mat_init(A, 0, 0);
    kd_mat_init(B, 0, 0);
    st1 = kd_mtx_read_str(A, s, "<fuzz>");
    kd_error_clear();
    st2 = mtx_read_stream_mem(B, s);
    kd_error_clear();
    if (st1 != st2)
        KD_FUZZ_FAIL("kd_mtx_read_str and kd_mtx_read_stream disagree");
    if (st1 == KD_OK && (A->r != B->r || A->c != B->c))
        KD_FUZZ_FAIL("kd_mtx_read_str and kd_mtx_read_stream disagree on the size");
    if (st1 == KD_OK)
        mtx_round_trip(A);
    kd_error_clear();
    kd_mat_clear(B);
    kd_mat_clear(A);
    free(s);
    return 0;
}

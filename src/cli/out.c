/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Output helpers shared by the commands: printing the library's JSON
   (kdigits/json.h) as JSON or CSV. */
#include <string.h>
#include "cli.h"

/* a NULL document: the library ran out of memory building the output */
static int
no_document(const char * what)
{
    fprintf(stderr, "kdigits: out of memory building the %s\n", what);
    return KD_EXIT_FAIL;
}

int
kd_json_print(json_t * j)
{
    int r;
    if (j == NULL)
        return no_document("JSON output");
    r = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    fputc('\n', stdout);
    return r == 0 ? 0 : KD_EXIT_FAIL;
}

int
kd_csv_print_json(json_t * doc)
{
    kd_status st;
    if (doc == NULL)
        return no_document("output");
    st = kd_json_write_csv(stdout, doc);
    json_decref(doc);
    return st == KD_OK ? 0 : kd_cli_fail("csv", st);
}

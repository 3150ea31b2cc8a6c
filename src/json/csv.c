/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* CSV from any JSON document of a result (kd_json_write_csv): one header row, then one row
   per record. A record is each object of a top-level array, each top-level
   object, and (first) the top-level scalars together; nested objects are
   flattened to dotted columns (a ball gives x.mid and x.rad), arrays of
   scalars are joined with ';', and a field a record lacks is empty. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kdigits/json.h"
#include "kdigits/util.h"

typedef struct
{
    char ** keys;
    slong n, alloc;
}
keyset;

static slong
key_index(keyset * K, const char * k, int add)
{
    slong i;
    for (i = 0; i < K->n; i++)
        if (strcmp(K->keys[i], k) == 0)
            return i;
    if (!add)
        return -1;
    if (K->n == K->alloc)
    {
        K->alloc = 2 * K->alloc + 16;
        K->keys = flint_realloc(K->keys, K->alloc * sizeof(char *));
    }
    K->keys[K->n] = flint_malloc(strlen(k) + 1);
    strcpy(K->keys[K->n], k);
    return K->n++;
}

/* The text of a scalar (or of an array of scalars, joined with ';'; any
   other array as compact JSON); NULL for null. flint_free the result. */
static char *
cell_text(const json_t * v)
{
    char buf[64], * s;
    if (json_is_null(v))
        return NULL;
    if (json_is_string(v))
    {
        s = flint_malloc(strlen(json_string_value(v)) + 1);
        strcpy(s, json_string_value(v));
        return s;
    }
    if (json_is_integer(v))
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v))
        snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
    else if (json_is_boolean(v))
        snprintf(buf, sizeof buf, "%s", json_is_true(v) ? "true" : "false");
    else
    {
        char * d = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        size_t i, len = 0;
        int scalars = json_is_array(v);
        for (i = 0; scalars && i < json_array_size(v); i++)
            scalars = !json_is_object(json_array_get(v, i)) && !json_is_array(json_array_get(v, i));
        if (!scalars || d == NULL)
        {
            s = flint_malloc((d ? strlen(d) : 0) + 1);
            strcpy(s, d ? d : "");
            free(d);
            return s;
        }
        free(d);
        for (i = 0; i < json_array_size(v); i++)
        {
            char * c = cell_text(json_array_get(v, i));
            len += (c ? strlen(c) : 0) + 1;
            flint_free(c);
        }
        s = flint_malloc(len + 1);
        s[0] = '\0';
        for (i = 0; i < json_array_size(v); i++)
        {
            char * c = cell_text(json_array_get(v, i));
            if (i)
                strcat(s, ";");
            strcat(s, c ? c : "");
            flint_free(c);
        }
        return s;
    }
    s = flint_malloc(strlen(buf) + 1);
    strcpy(s, buf);
    return s;
}

/* Visits the flattened fields of object o under prefix: collects the keys
   (row == NULL) or stores the cells of one row. */
static void
flatten(keyset * K, char ** row, const json_t * o, const char * prefix)
{
    const char * k;
    json_t * v;
    json_object_foreach((json_t *) o, k, v)
    {
        size_t len = strlen(prefix) + strlen(k) + 2;
        char * name = flint_malloc(len);
        snprintf(name, len, "%s%s%s", prefix, *prefix ? "." : "", k);
        if (json_is_object(v))
            flatten(K, row, v, name);
        else if (row == NULL)
            key_index(K, name, 1);
        else
        {
            slong i = key_index(K, name, 0);
            if (i >= 0 && row[i] == NULL)
                row[i] = cell_text(v);
        }
        flint_free(name);
    }
}

/* Calls fn on every record of the document (see the file comment). */
static void
for_records(const json_t * doc, void (*fn)(const char *, slong, const json_t *, void *), void * d)
{
    const char * k;
    json_t * v, * scalars = json_object();
    size_t i;
    json_object_foreach((json_t *) doc, k, v)
        if (!json_is_object(v) && !(json_is_array(v) && json_array_size(v) > 0
                                     && json_is_object(json_array_get(v, 0))))
            json_object_set(scalars, k, v);
    if (json_object_size(scalars) > 0)
        fn("summary", -1, scalars, d);
    json_object_foreach((json_t *) doc, k, v)
    {
        if (json_is_object(v))
            fn(k, -1, v, d);
        else if (json_is_array(v) && json_array_size(v) > 0 && json_is_object(json_array_get(v, 0)))
            for (i = 0; i < json_array_size(v); i++)
                if (json_is_object(json_array_get(v, i)))
                    fn(k, (slong) i, json_array_get(v, i), d);
    }
    json_decref(scalars);
}

static void
collect(const char * table, slong index, const json_t * rec, void * d)
{
    (void) table;
    (void) index;
    flatten(d, NULL, rec, "");
}

typedef struct
{
    keyset * K;
    FILE * f;
}
emit_data;

static void
emit(const char * table, slong index, const json_t * rec, void * d)
{
    emit_data * E = d;
    char ** row = flint_calloc(E->K->n, sizeof(char *));
    slong i;
    flatten(E->K, row, rec, "");
    kd_csv_write_field(E->f, table);
    if (index >= 0)
        fprintf(E->f, ",%ld", (long) index + 1);
    else
        fprintf(E->f, ",");
    for (i = 0; i < E->K->n; i++)
    {
        fprintf(E->f, ",");
        if (row[i] != NULL)
            kd_csv_write_field(E->f, row[i]);
        flint_free(row[i]);
    }
    fprintf(E->f, "\n");
    flint_free(row);
}

kd_status
kd_json_write_csv(FILE * f, const json_t * doc)
{
    keyset K = {NULL, 0, 0};
    emit_data E;
    slong i;
    if (doc == NULL || !json_is_object(doc))
        return kd_error_set(KD_ERR_ARG, "CSV needs a JSON object");
    for_records(doc, collect, &K);
    fprintf(f, "table,index");
    for (i = 0; i < K.n; i++)
    {
        fprintf(f, ",");
        kd_csv_write_field(f, K.keys[i]);
    }
    fprintf(f, "\n");
    E.K = &K;
    E.f = f;
    for_records(doc, emit, &E);
    for (i = 0; i < K.n; i++)
        flint_free(K.keys[i]);
    flint_free(K.keys);
    return KD_OK;
}

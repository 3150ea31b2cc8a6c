/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Recursive-descent parser for the exact expression grammar (kdigits/expr.h). */
#include <ctype.h>
#include <string.h>
#include "kdigits/expr.h"
#include "../real/internal.h"

typedef struct
{
    const char * s;
    size_t pos;
    int depth;
}
parser;

static kd_status parse_expr(kd_complex_t z, parser * p);
static kd_status parse_unary(kd_complex_t z, parser * p);

/* The length of the well-formed UTF-8 sequence at s (1 to 4), 0 if there
   is none (a stray or invalid byte). */
static size_t
utf8_len(const unsigned char * s)
{
    size_t n, i;
    if (s[0] < 0x80)
        return 1;
    n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || (n == 2 && s[0] < 0xC2))
        return 0;
    for (i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Writes at most max input characters of s into out (size >= 4 max + 4)
   so that the message stays valid UTF-8 and printable: control characters
   and invalid bytes become \xNN. */
static void
quote_input(char * out, const char * s, size_t max)
{
    const unsigned char * u = (const unsigned char *) s;
    size_t i = 0, k = 0, n;
    while (u[i] != '\0' && k < max)
    {
        n = utf8_len(u + i);
        if (n == 1 && u[i] >= 0x20 && u[i] != 0x7F)
            *out++ = (char) u[i];
        else if (n > 1)
        {
            memcpy(out, u + i, n);
            out += n;
            i += n - 1;
        }
        else
            out += sprintf(out, "\\x%02X", u[i]);
        i++;
        k++;
    }
    if (u[i] != '\0')
        out += sprintf(out, "...");
    *out = '\0';
}

/* Records msg at the current column, quoting (a prefix of) the input. */
static kd_status
fail(parser * p, kd_status st, const char * msg)
{
    char q[4 * 60 + 8];
    quote_input(q, p->s, strlen(p->s) <= 60 ? 60 : 57);
    return kd_error_set(st, "%s at column %zu of \"%s\"", msg, p->pos + 1, q);
}

/* "found 'c'" for the character at s, as a user reads it. */
static void
found_msg(char * msg, size_t size, const char * what, const char * s)
{
    char q[8];
    size_t n = utf8_len((const unsigned char *) s);
    if (n > 1)
    {
        memcpy(q, s, n);
        q[n] = '\0';
        snprintf(msg, size, "%s but found '%s' (only ASCII names and operators are understood)",
                 what, q);
    }
    else if ((unsigned char) s[0] >= 0x20 && (unsigned char) s[0] < 0x7F)
        snprintf(msg, size, "%s but found '%c'", what, s[0]);
    else
        snprintf(msg, size, "%s but found '\\x%02X'", what, (unsigned char) s[0]);
}

/* Adds "at column c of ..." to a message set by a lower layer. */
static kd_status
located(parser * p, kd_status st, size_t col)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s", kd_error_message());
    p->pos = col;
    return fail(p, st, msg);
}

static void
skip_ws(parser * p)
{
    while (isspace((unsigned char) p->s[p->pos]))
        p->pos++;
}

static int
accept(parser * p, char c)
{
    skip_ws(p);
    if (p->s[p->pos] == c)
    {
        p->pos++;
        return 1;
    }
    return 0;
}

static kd_status
expect_close(parser * p)
{
    if (accept(p, ')'))
        return KD_OK;
    if (p->s[p->pos] == '\0')
        return fail(p, KD_ERR_PARSE, "expected ')' before the end");
    {
        char msg[160];
        found_msg(msg, sizeof msg, "expected ')'", p->s + p->pos);
        return fail(p, KD_ERR_PARSE, msg);
    }
}

/* The argument of cospi/sinpi/cispi must be a structurally rational real. */
static int
get_rational(fmpq_t q, const kd_complex_t z)
{
    return kd_complex_is_real(z) && kd_real_get_fmpq(q, &z->re);
}

static kd_status
apply_function(kd_complex_t z, const char * name, parser * p, size_t col)
{
    kd_status st = KD_OK;
    fmpq_t q;
    kd_complex_t arg;
    size_t argcol;

    skip_ws(p);
    argcol = p->pos;
    kd_complex_init(arg);
    fmpq_init(q);
    st = parse_expr(arg, p);
    if (st == KD_OK)
        st = expect_close(p);
    if (st != KD_OK)
        goto done;

    if (strcmp(name, "sqrt") == 0)
    {
        st = kd_complex_sqrt(z, arg);
        if (st != KD_OK)
            st = located(p, st, argcol);
    }
    else if (strcmp(name, "cospi") == 0 || strcmp(name, "sinpi") == 0
             || strcmp(name, "cispi") == 0)
    {
        if (!get_rational(q, arg))
        {
            char msg[128];
            snprintf(msg, sizeof msg, "%s needs an exact rational argument such as 3/7", name);
            p->pos = argcol;
            st = fail(p, KD_ERR_PARSE, msg);
        }
        else if (name[0] == 'c' && name[1] == 'o')
        {
            kd_real_cos_pi_fmpq(&z->re, q);
            kd_real_zero(&z->im);
        }
        else if (name[0] == 's')
        {
            kd_real_sin_pi_fmpq(&z->re, q);
            kd_real_zero(&z->im);
        }
        else
            kd_complex_exp_pi_i_fmpq(z, q);
    }
    else /* cos, sin */
    {
        if (!kd_complex_is_real(arg)
            || !(kd_real_get_pi_multiple(q, &arg->re) || kd_real_is_zero(&arg->re)))
        {
            char msg[128];
            snprintf(msg, sizeof msg,
                     "%s needs a rational multiple of pi such as 3*pi/7 (or use %spi(q))", name, name);
            p->pos = argcol;
            st = fail(p, KD_ERR_PARSE, msg);
        }
        else
        {
            if (kd_real_is_zero(&arg->re))
                fmpq_zero(q);
            if (name[0] == 'c')
                kd_real_cos_pi_fmpq(&z->re, q);
            else
                kd_real_sin_pi_fmpq(&z->re, q);
            kd_real_zero(&z->im);
        }
    }
    (void) col;
done:
    kd_complex_clear(arg);
    fmpq_clear(q);
    return st;
}

/* The named parameters (kd_expr_set_param): a small process-wide table. */
typedef struct
{
    char name[KD_EXPR_PARAM_NAME_MAX + 1];
    kd_complex_t value;
}
expr_param;

static expr_param params[KD_EXPR_PARAMS_MAX];
static slong nparams = 0;

static int
reserved_name(const char * name)
{
    static const char * const r[] = {"pi", "i", "sqrt", "cospi", "sinpi", "cispi", "cos", "sin"};
    size_t k;
    for (k = 0; k < sizeof r / sizeof r[0]; k++)
        if (strcmp(name, r[k]) == 0)
            return 1;
    return 0;
}

kd_status
kd_expr_set_param(const char * name, const kd_complex_t value)
{
    size_t len = strlen(name), k;
    slong j;
    if (len == 0 || len > KD_EXPR_PARAM_NAME_MAX || !(isalpha((unsigned char) name[0]) || name[0] == '_'))
        return kd_error_set(KD_ERR_ARG, "parameter name '%s' must be a letter or '_' followed by "
                            "at most %d letters, digits or '_'", name, KD_EXPR_PARAM_NAME_MAX - 1);
    for (k = 1; k < len; k++)
        if (!isalnum((unsigned char) name[k]) && name[k] != '_')
            return kd_error_set(KD_ERR_ARG, "parameter name '%s' may only hold letters, digits and '_'",
                                name);
    if (reserved_name(name))
        return kd_error_set(KD_ERR_ARG, "'%s' is a built-in name, not a parameter", name);
    for (j = 0; j < nparams; j++)
        if (strcmp(params[j].name, name) == 0)
        {
            kd_complex_set(params[j].value, value);
            return KD_OK;
        }
    if (nparams == KD_EXPR_PARAMS_MAX)
        return kd_error_set(KD_ERR_ARG, "at most %d parameters", KD_EXPR_PARAMS_MAX);
    memcpy(params[nparams].name, name, len + 1);
    kd_complex_init(params[nparams].value);
    kd_complex_set(params[nparams].value, value);
    nparams++;
    return KD_OK;
}

void
kd_expr_clear_params(void)
{
    slong j;
    for (j = 0; j < nparams; j++)
        kd_complex_clear(params[j].value);
    nparams = 0;
}

static const expr_param *
find_param(const char * name)
{
    slong j;
    for (j = 0; j < nparams; j++)
        if (strcmp(params[j].name, name) == 0)
            return &params[j];
    return NULL;
}

static kd_status
parse_primary(kd_complex_t z, parser * p)
{
    kd_status st;
    const char * s;
    size_t start;

    skip_ws(p);
    s = p->s + p->pos;
    start = p->pos;

    if (isdigit((unsigned char) s[0]) || (s[0] == '.' && isdigit((unsigned char) s[1])))
    {
        fmpq_t q;
        size_t len = 0;
        fmpq_init(q);
        if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
            st = _kd_scan_hexfloat(q, s, &len);
        else
            st = _kd_scan_decimal(q, s, &len);
        if (st == KD_OK)
        {
            kd_real_set_fmpq(&z->re, q);
            kd_real_zero(&z->im);
            p->pos += len;
            if (isalpha((unsigned char) p->s[p->pos]) || p->s[p->pos] == '_')
            {
                char msg[96];
                snprintf(msg, sizeof msg, "unexpected '%c' after a number (write 2*pi, not 2pi)",
                         p->s[p->pos]);
                st = fail(p, KD_ERR_PARSE, msg);
            }
        }
        else
            st = located(p, st, start + len);
        fmpq_clear(q);
        return st;
    }

    if (isalpha((unsigned char) s[0]) || s[0] == '_')
    {
        char name[32];
        size_t len = 0;
        while (isalnum((unsigned char) s[len]) || s[len] == '_')
            len++;
        if (len >= sizeof name)
            return fail(p, KD_ERR_PARSE, "name too long");
        memcpy(name, s, len);
        name[len] = '\0';
        p->pos += len;
        if (strcmp(name, "pi") == 0)
        {
            kd_real_pi(&z->re);
            kd_real_zero(&z->im);
            return KD_OK;
        }
        if (strcmp(name, "i") == 0)
        {
            kd_complex_onei(z);
            return KD_OK;
        }
        if (strcmp(name, "sqrt") == 0 || strcmp(name, "cospi") == 0 || strcmp(name, "sinpi") == 0
            || strcmp(name, "cispi") == 0 || strcmp(name, "cos") == 0 || strcmp(name, "sin") == 0)
        {
            if (!accept(p, '('))
            {
                char msg[64];
                snprintf(msg, sizeof msg, "expected '(' after %s", name);
                return fail(p, KD_ERR_PARSE, msg);
            }
            if (++p->depth > KD_EXPR_DEPTH_MAX)
                return fail(p, KD_ERR_PARSE, "expression nested too deeply");
            st = apply_function(z, name, p, start);
            p->depth--;
            return st;
        }
        {
            const expr_param * q = find_param(name);
            if (q != NULL)
            {
                kd_complex_set(z, q->value);
                return KD_OK;
            }
        }
        {
            char msg[160];
            p->pos = start;
            snprintf(msg, sizeof msg, "unknown name '%s' (known: pi, i, sqrt, cos, sin, cospi, sinpi, cispi%s)",
                     name, nparams > 0 ? ", and the parameters set" : "");
            return fail(p, KD_ERR_PARSE, msg);
        }
    }

    if (s[0] == '(')
    {
        p->pos++;
        if (++p->depth > KD_EXPR_DEPTH_MAX)
            return fail(p, KD_ERR_PARSE, "expression nested too deeply");
        st = parse_expr(z, p);
        if (st == KD_OK)
            st = expect_close(p);
        p->depth--;
        return st;
    }

    if (s[0] == '\0')
        return fail(p, KD_ERR_PARSE, "expected a number, a name or '(' before the end");
    {
        char msg[160];
        found_msg(msg, sizeof msg, "expected a number, a name or '('", s);
        return fail(p, KD_ERR_PARSE, msg);
    }
}

static kd_status
parse_power(kd_complex_t z, parser * p)
{
    kd_status st = parse_primary(z, p);
    size_t col;
    kd_complex_t e;
    fmpq_t q;

    if (st != KD_OK)
        return st;
    skip_ws(p);
    col = p->pos;
    if (!accept(p, '^'))
        return KD_OK;
    kd_complex_init(e);
    fmpq_init(q);
    if (++p->depth > KD_EXPR_DEPTH_MAX)
        st = fail(p, KD_ERR_PARSE, "expression nested too deeply");
    else
        st = parse_unary(e, p);
    p->depth--;
    if (st == KD_OK)
    {
        if (!get_rational(q, e) || !fmpz_is_one(fmpq_denref(q)))
        {
            p->pos = col + 1;
            st = fail(p, KD_ERR_PARSE, "the exponent must be an exact integer");
        }
        else if (fmpz_bits(fmpq_numref(q)) > 30 || fmpz_get_si(fmpq_numref(q)) > KD_EXPR_POW_MAX
                 || fmpz_get_si(fmpq_numref(q)) < -KD_EXPR_POW_MAX)
        {
            char msg[96];
            p->pos = col + 1;
            snprintf(msg, sizeof msg, "exponent too large (|e| at most %d)", KD_EXPR_POW_MAX);
            st = fail(p, KD_ERR_ARG, msg);
        }
        else
        {
            st = kd_complex_pow_si(z, z, fmpz_get_si(fmpq_numref(q)));
            if (st != KD_OK)
                st = located(p, st, col);
        }
    }
    kd_complex_clear(e);
    fmpq_clear(q);
    return st;
}

static kd_status
parse_unary(kd_complex_t z, parser * p)
{
    kd_status st;
    skip_ws(p);
    if (p->s[p->pos] == '-' || p->s[p->pos] == '+')
    {
        int neg = p->s[p->pos] == '-';
        p->pos++;
        if (++p->depth > KD_EXPR_DEPTH_MAX)
            return fail(p, KD_ERR_PARSE, "expression nested too deeply");
        st = parse_unary(z, p);
        p->depth--;
        if (st == KD_OK && neg)
            kd_complex_neg(z, z);
        return st;
    }
    return parse_power(z, p);
}

static kd_status
parse_term(kd_complex_t z, parser * p)
{
    kd_status st = parse_unary(z, p);
    kd_complex_t t;

    if (st != KD_OK)
        return st;
    kd_complex_init(t);
    for (;;)
    {
        size_t col;
        char op;
        skip_ws(p);
        col = p->pos;
        op = p->s[p->pos];
        if (op != '*' && op != '/')
            break;
        p->pos++;
        st = parse_unary(t, p);
        if (st != KD_OK)
            break;
        if (op == '*')
            kd_complex_mul(z, z, t);
        else if ((st = kd_complex_div(z, z, t)) != KD_OK)
        {
            st = located(p, st, col);
            break;
        }
    }
    kd_complex_clear(t);
    return st;
}

static kd_status
parse_expr(kd_complex_t z, parser * p)
{
    kd_status st = parse_term(z, p);
    kd_complex_t t;

    if (st != KD_OK)
        return st;
    kd_complex_init(t);
    for (;;)
    {
        char op;
        skip_ws(p);
        op = p->s[p->pos];
        if (op != '+' && op != '-')
            break;
        p->pos++;
        st = parse_term(t, p);
        if (st != KD_OK)
            break;
        if (op == '+')
            kd_complex_add(z, z, t);
        else
            kd_complex_sub(z, z, t);
    }
    kd_complex_clear(t);
    return st;
}

kd_status
kd_complex_parse(kd_complex_t z, const char * s)
{
    parser p;
    kd_status st;
    kd_complex_t r;

    p.s = s;
    p.pos = 0;
    p.depth = 0;
    if (strlen(s) > KD_EXPR_LEN_MAX)
        return kd_error_set(KD_ERR_ARG, "expression longer than %d characters", KD_EXPR_LEN_MAX);
    kd_complex_init(r);
    st = parse_expr(r, &p);
    if (st == KD_OK)
    {
        skip_ws(&p);
        if (p.s[p.pos] == ')')
            st = fail(&p, KD_ERR_PARSE, "unbalanced ')'");
        else if (p.s[p.pos] != '\0')
        {
            char msg[64];
            snprintf(msg, sizeof msg, "unexpected '%c'", p.s[p.pos]);
            st = fail(&p, KD_ERR_PARSE, msg);
        }
    }
    if (st == KD_OK)
        kd_complex_swap(z, r);
    kd_complex_clear(r);
    return st;
}

kd_status
kd_real_parse(kd_real_t x, const char * s)
{
    kd_complex_t z;
    kd_status st;
    kd_complex_init(z);
    st = kd_complex_parse(z, s);
    if (st == KD_OK && !kd_complex_is_real(z))
        st = kd_error_set(KD_ERR_PARSE, "expected a real value but \"%s\" has an imaginary part", s);
    if (st == KD_OK)
        kd_real_set(x, &z->re);
    kd_complex_clear(z);
    return st;
}

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The exact expression grammar used on the command line and in .mtx files.

     expr    := term   (('+' | '-') term)*
     term    := unary  (('*' | '/') unary)*
     unary   := ('+' | '-') unary | power
     power   := primary ('^' unary)?          exponent: an integer constant
     primary := NUMBER | HEXNUM | 'pi' | 'i' | NAME '(' expr ')' | PARAM | '(' expr ')'
     NUMBER  := digits ['.' [digits]] [('e'|'E') ['+'|'-'] digits]   exact decimal
                (also '.' digits: ".5" = 1/2; "5." = 5)
     HEXNUM  := ('0x'|'0X') hexdigits ['.' [hexdigits]] [('p'|'P') ['+'|'-'] digits]
                exact binary floating literal, as C's %a and Python's float.hex()
                write: 0x1.8p-3 = 3/16, -0x1p+4 = -16 (the sign is unary minus)
     NAME    := sqrt | cospi | sinpi | cos | sin | cispi
     PARAM   := a name set by kd_expr_set_param (below)

   cospi(q), sinpi(q), cispi(q) = cos(pi q), sin(pi q), exp(i pi q) take a
   rational q; cos(x) and sin(x) take x = rational * pi (e.g. cos(3*pi/7)).
   So -2^2 = -(2^2), 2^-30 = 1/2^30, 2^3^2 = 2^9. Spaces are allowed anywhere
   between tokens. Anything else (nan, inf, 1e, 0x, 0x1p, unbalanced parentheses)
   is KD_ERR_PARSE with a message naming the column. */
#ifndef KDIGITS_EXPR_H
#define KDIGITS_EXPR_H

#include "kdigits/complex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest exponent accepted in x^e (|e|); larger is KD_ERR_ARG. */
#define KD_EXPR_POW_MAX 1000000
/* Longest accepted expression text, and deepest nesting. */
#define KD_EXPR_LEN_MAX 1000000
#define KD_EXPR_DEPTH_MAX 1000

/* Named parameters: a NAME that is not built in stands for the value given
   to kd_expr_set_param, so one Matrix Market file can describe a family of
   problems (an entry "1 + d" with d = 2^-k). Process-wide and not
   thread-safe: set them before parsing, from one thread. A name is a letter
   or '_' then letters, digits or '_' (at most KD_EXPR_PARAM_NAME_MAX
   characters) and not a built-in name; setting it again replaces the value.
   KD_ERR_ARG for a bad name or more than KD_EXPR_PARAMS_MAX names. */
#define KD_EXPR_PARAMS_MAX 8
#define KD_EXPR_PARAM_NAME_MAX 16
kd_status kd_expr_set_param(const char * name, const kd_complex_t value);
/* Forgets every parameter (and frees their values). */
void kd_expr_clear_params(void);

/* Binds the parameter of "NAME=EXPR" (as --param gives it) to the exact
   value of EXPR; the message of an error starts with "--param". */
kd_status kd_expr_set_param_str(const char * assignment);
/* Binds name to the integer value. */
kd_status kd_expr_set_param_si(const char * name, slong value);

#ifdef __cplusplus
}
#endif
#endif

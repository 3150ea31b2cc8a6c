/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact real numbers as oracles: a kd_real_t is an exact expression (a shared,
   reference-counted DAG over exact rationals, pi, sqrt, cos(pi q), sin(pi q),
   + - * / and integer powers) that can be asked for a dyadic rational within
   2^-n of its value, for any n, with a proof (proofs-notes/oracle.md §1). */
#ifndef KDIGITS_REAL_H
#define KDIGITS_REAL_H

#include "kdigits/deps.h"
#include "kdigits/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest level n accepted by the approximation functions: 2^-n with
   n <= 10^6 is already 301,030 decimal digits. */
#define KD_LEVEL_MAX 1000000
/* Default cap on the working precision (bits) of the adaptive evaluation;
   beyond it a question such as "is this divisor non-zero?" is reported as
   KD_ERR_UNDECIDED rather than looping for ever. */
#define KD_PREC_CAP_DEFAULT 4000000
/* Smallest and largest caps a caller may ask for. */
#define KD_PREC_CAP_MIN 64
#define KD_PREC_CAP_MAX 100000000

typedef struct kd_node_struct kd_node;

typedef struct
{
    kd_node * node;
}
kd_real_struct;

typedef kd_real_struct kd_real_t[1];
typedef kd_real_struct * kd_real_ptr;
typedef const kd_real_struct * kd_real_srcptr;

/* Memory management. kd_real_init sets x = 0. Values share their DAG nodes,
   so kd_real_set is O(1). kd_real_t is not thread-safe: do not use one value
   (or values sharing nodes) from two threads at once. */
void kd_real_init(kd_real_t x);
void kd_real_clear(kd_real_t x);
void kd_real_set(kd_real_t y, const kd_real_t x);
void kd_real_swap(kd_real_t x, kd_real_t y);

/* Exact constants. */
void kd_real_zero(kd_real_t x);
void kd_real_one(kd_real_t x);
void kd_real_set_si(kd_real_t x, slong c);
void kd_real_set_fmpz(kd_real_t x, const fmpz_t c);
void kd_real_set_fmpq(kd_real_t x, const fmpq_t c);
/* x = p / q exactly; q must be non-zero (KD_ERR_DOMAIN otherwise). */
kd_status kd_real_set_si_si(kd_real_t x, slong p, slong q);
/* x = 2^e exactly. */
void kd_real_set_2exp(kd_real_t x, slong e);
/* Exact decimal literal: "0.1" is 1/10, "-2.5e-3" is -1/400; never via a
   double. Returns KD_ERR_PARSE if s is not entirely such a literal and
   KD_ERR_ARG if its decimal exponent exceeds 10^6 in absolute value. */
kd_status kd_real_set_decimal(kd_real_t x, const char * s);
void kd_real_pi(kd_real_t x);
/* cos(pi q) and sin(pi q) for rational q (folded to exact rationals when
   q has denominator 1, 2 or 3, or when sin/cos is rational, i.e. 0, ±1/2, ±1). */
void kd_real_cos_pi_fmpq(kd_real_t x, const fmpq_t q);
void kd_real_sin_pi_fmpq(kd_real_t x, const fmpq_t q);

/* Arithmetic. Results that are exact rationals are folded to rationals, so
   rational input never loses exactness. Division by an exactly zero rational,
   0^e with e < 0 and the square root of a negative rational are KD_ERR_DOMAIN
   at once; a divisor or radicand whose sign needs evaluation is decided
   lazily by kd_real_eval_arb / kd_real_approx. */
void kd_real_neg(kd_real_t y, const kd_real_t x);
void kd_real_add(kd_real_t z, const kd_real_t x, const kd_real_t y);
void kd_real_sub(kd_real_t z, const kd_real_t x, const kd_real_t y);
void kd_real_mul(kd_real_t z, const kd_real_t x, const kd_real_t y);
kd_status kd_real_div(kd_real_t z, const kd_real_t x, const kd_real_t y);
kd_status kd_real_pow_si(kd_real_t y, const kd_real_t x, slong e);

/* The size bound of exact arithmetic: a rational result of + - * / or an
   integer power is kept exact (folded) only while its numerator and
   denominator together stay within this many bits. A power whose exact value
   would exceed it is refused (kd_real_pow_si: KD_ERR_ARG naming the size and
   the limit) rather than computed; a sum or product beyond it stays a
   symbolic node, evaluated in ball arithmetic when asked. Process-wide;
   default KD_MAX_BITS_DEFAULT (64 Mbit, 8 MB a number). */
#define KD_MAX_BITS_DEFAULT (WORD(1) << 26)
#define KD_MAX_BITS_MIN 64
#define KD_MAX_BITS_MAX (WORD(1) << 36)
kd_status kd_set_max_bits(slong bits);
slong kd_get_max_bits(void);
kd_status kd_real_sqrt(kd_real_t y, const kd_real_t x);
void kd_real_mul_fmpq(kd_real_t z, const kd_real_t x, const fmpq_t c);

/* Structural predicates (no evaluation, never wrong, may say "no" for a
   value that happens to be rational). */
int kd_real_is_fmpq(const kd_real_t x);
/* If x is structurally an exact rational, sets q and returns 1. */
int kd_real_get_fmpq(fmpq_t q, const kd_real_t x);
int kd_real_is_zero(const kd_real_t x);
/* x is an exact rational whose denominator is a power of two. */
int kd_real_is_dyadic(const kd_real_t x);
/* If x is structurally r*pi with r rational (pi, r*pi, pi*r, pi/r, -(...)),
   sets r and returns 1. Used to accept cos(3*pi/7). */
int kd_real_get_pi_multiple(fmpq_t r, const kd_real_t x);

/* Ball evaluation at working precision prec. KD_OK: res contains x.
   KD_ERR_UNDECIDED: a sign needed on the way (a divisor, a radicand) was not
   decided at this precision (retry higher). KD_ERR_DOMAIN: proved invalid
   (e.g. the radicand is proved negative). The message says which. */
kd_status kd_real_eval_arb(arb_t res, const kd_real_t x, slong prec);

/* The oracle: sets q to a dyadic rational and err to an upper bound with
   |q - x| <= err <= 2^-n, proved (proofs-notes/oracle.md §1). Exact dyadic
   rationals are returned exactly (err = 0); otherwise q is a multiple of
   2^-(n+1). The working precision starts near n and doubles up to prec_cap
   (0 means KD_PREC_CAP_DEFAULT); q depends only on (x, n), not on what was
   asked before. Errors: KD_ERR_ARG (n < 0, n > KD_LEVEL_MAX, bad cap),
   KD_ERR_DOMAIN, KD_ERR_UNDECIDED ("could not decide at N bits"). */
kd_status kd_real_approx(fmpq_t q, mag_t err, const kd_real_t x, slong n,
                         slong prec_cap);

/* The sign of x, proved: *sgn = -1, 0 or 1. 0 is only reported for values
   that are structurally zero (a non-structural zero cannot be recognised
   from approximations: KD_ERR_UNDECIDED at the cap, "could not decide the
   sign ... at N bits"). */
kd_status kd_real_sign(int * sgn, const kd_real_t x, slong prec_cap);

/* q = the p-bit binary floating-point number nearest to x, ties to even
   (p = 53: the IEEE double a correctly rounding reader stores, without
   exponent limits), decided from balls of x refined until both ends round
   alike. KD_ERR_UNDECIDED when x lies on (or too near for 65536 extra bits
   to separate from) a rounding boundary; KD_ERR_ARG unless
   2 <= p <= KD_PREC_CAP_MAX; the errors of kd_real_eval_arb. */
kd_status kd_real_round_prec(fmpq_t q, const kd_real_t x, slong p);
/* A certified ball of radius at most 2^-n around x (same contract). */
kd_status kd_real_enclose(arb_t res, const kd_real_t x, slong n, slong prec_cap);

/* A readable expression string in the parser's grammar (flint_free it).
   Parsing it back gives the same value whenever the string is within the
   parser's limits (KD_EXPR_LEN_MAX characters, exponents up to
   KD_EXPR_POW_MAX): shared subexpressions are printed in full each time, so
   a DAG with much sharing can print far longer than its node count. */
char * kd_real_get_str(const kd_real_t x);
/* The same, refused (KD_ERR_ARG, *s = NULL) once the text would exceed
   max_len characters, at a cost proportional to max_len: use it on values
   built from untrusted input, whose text can be exponentially long (a
   complex power such as (pi + i)^-488 shares its parts). */
kd_status kd_real_get_str_max(char ** s, const kd_real_t x, slong max_len);

/* Parses an exact real expression (grammar in kdigits/expr.h). */
kd_status kd_real_parse(kd_real_t x, const char * s);

/* Validates a level and a precision cap; returns KD_OK or KD_ERR_ARG with a
   message. prec_cap 0 means the default. */
kd_status kd_check_level(slong n);

/* The working precision (bits) for computing with data of level n: 2n + 64
   bits on top of the extra bits the computation itself needs. Data within
   2^-n enter products and their squares with 2n bits of dynamic range; the
   64 bits absorb the rounding of a few hundred operations. The one rule
   every module uses to go from a level to a precision. */
slong kd_level_prec(slong n, slong extra);
kd_status kd_check_prec_cap(slong prec_cap);

#ifdef __cplusplus
}
#endif
#endif

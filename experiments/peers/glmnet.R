# SPDX-License-Identifier: LGPL-3.0-or-later
# R's glmnet as a real peer of `kdigits lasso-probe --peers`.
#
# Usage: Rscript glmnet.R [--plain] INPUT
#
# Reads the input file written by kdigits (see README.md: m, N, the m x N
# matrix A row by row, y, Lambda in MATLAB's convention; '#' starts a
# comment) and fits glmnet(A, y, lambda = Lambda, standardize = TRUE,
# intercept = TRUE), every other argument at its default. glmnet's
# objective (1/(2n)) RSS + lambda ||b||_1 on the columns standardised with
# the population standard deviation is MATLAB's with lambda = Lambda, and
# glmnet reports the coefficients on the original scale. Prints one JSON
# object; warnings raised by glmnet are recorded, not printed.
# With --plain (a user's P2): standardize = FALSE, intercept = FALSE, and
# Lambda is glmnet's lambda in (1/(2n)) RSS + lambda ||b||_1 on A itself.

args <- commandArgs(trailingOnly = TRUE)
plain <- "--plain" %in% args
args <- args[args != "--plain"]
if (length(args) != 1) {
    cat("usage: Rscript glmnet.R [--plain] INPUT\n", file = stderr())
    quit(status = 2)
}
if (!suppressPackageStartupMessages(requireNamespace("glmnet", quietly = TRUE))) {
    cat("glmnet.R: the R package glmnet is not installed (install r-cran-glmnet)\n",
        file = stderr())
    quit(status = 3)
}

tok <- scan(args[1], what = character(), comment.char = "#", quiet = TRUE)
m <- as.integer(tok[1])
n <- as.integer(tok[2])
if (length(tok) != 2 + m * n + m + 1) {
    cat(sprintf("glmnet.R: expected %d numbers after m N, found %d\n",
                m * n + m + 1, length(tok) - 2), file = stderr())
    quit(status = 2)
}
vals <- as.numeric(tok[-(1:2)])
# R's own decimal reader is not guaranteed to round correctly: make sure
# every number was read as the double that was written (%.17g is injective).
bad <- which(sprintf("%.17g", vals) != tok[-(1:2)])
if (length(bad) > 0) {
    cat(sprintf("glmnet.R: '%s' was not read back exactly\n", tok[2 + bad[1]]),
        file = stderr())
    quit(status = 2)
}
A <- matrix(vals[1:(m * n)], nrow = m, ncol = n, byrow = TRUE)
y <- vals[(m * n + 1):(m * n + m)]
Lambda <- vals[m * n + m + 1]

msgs <- character(0)
fit <- withCallingHandlers(
    glmnet::glmnet(A, y, family = "gaussian", alpha = 1, lambda = Lambda,
                   standardize = !plain, intercept = !plain),
    warning = function(w) {
        msgs <<- c(msgs, gsub("[[:space:]]+", " ", conditionMessage(w)))
        invokeRestart("muffleWarning")
    })

num <- function(x) if (is.finite(x)) sprintf("%.17g", x) else "null"
str <- function(s) {
    s <- gsub("\\\\", "\\\\\\\\", s)
    s <- gsub("\"", "\\\\\"", s)
    gsub("[[:cntrl:]]", " ", s)
}
B <- as.numeric(as.matrix(fit$beta)[, 1])
a0 <- as.numeric(fit$a0[1])
cat(sprintf(paste0("{\"peer\": \"glmnet\", \"version\": \"%s\", \"B\": [%s], ",
                   "\"intercept\": %s, \"warned\": %s, \"warning\": \"%s\", ",
                   "\"iterations\": %d, \"status\": %d}\n"),
            str(utils::packageDescription("glmnet")$Version),
            paste(vapply(B, num, ""), collapse = ", "), num(a0),
            if (length(msgs) > 0) "true" else "false", str(paste(msgs, collapse = "; ")),
            as.integer(fit$npasses), as.integer(fit$jerr)))

/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
int main(void) { return 0; }

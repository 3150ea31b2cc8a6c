#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Keeps the citations of docs/theory.md honest. Every citation of the form
# "theory.md", a section sign and a number (N or N.M; also lists such as
# "§4, §6", ranges such as "§3-§5" or "§3–§6", "section N", and a citation
# broken across two lines of a comment) found in src/, include/, README.md,
# docs/, experiments/, tests/ and proofs-notes/ must name a heading of
# docs/theory.md: "§N" for a citation of N, "§N.M" for one of N.M (any
# heading level, e.g. "## §4 ..." or "### §4.2 ..."). Headings must also be
# unique.
#
# Prints one line per unresolved citation, FILE:LINE: ..., and exits 1;
# exits 0 (with a one-line summary) when every citation resolves; exits 2
# when docs/theory.md is missing. Needs only perl (perl-base on Debian).
#
# usage: docs/check-theory-refs.sh [SRCDIR]   (default: this script's tree)
set -eu
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top"
if [ ! -f docs/theory.md ]; then
    echo "check-theory-refs.sh: no docs/theory.md under $top" >&2
    exit 2
fi
exec perl -e '
use strict;
use warnings;

my $theory = "docs/theory.md";
my $self = "docs/check-theory-refs.sh";
my $sect = "\xc2\xa7";                    # the section sign, UTF-8 bytes
my $dash = "(?:-|\xe2\x80\x93|\xe2\x80\x94)";   # - en dash em dash
my $item = "(?:$sect|section[ \\t]+)(\\d+(?:\\.\\d+)?)";
my $cite = qr{theory\.md[ \t]*(?:\n[ \t]*(?:[*#%]+|//)?[ \t]*)?
              ($item(?:[ \t]*(?:,|$dash|and|to)[ \t]*$item)*)}x;

# headings of theory.md
my (%have, $bad);
open my $th, "<", $theory or die "$theory: $!\n";
while (my $l = <$th>) {
    next unless $l =~ /^#{1,6}[ \t]+$sect(\d+(?:\.\d+)?)(?=[ \t]|$)/;
    if ($have{$1}++) {
        print "$theory:$.: duplicate heading $sect$1\n";
        $bad++;
    }
}
close $th;

# files to scan: text files under the named paths, this script excepted
my @todo = grep { -e } qw(src include README.md docs experiments tests proofs-notes);
my @files;
while (@todo) {
    my $p = shift @todo;
    next if -l $p;
    if (-d $p) {
        opendir my $d, $p or die "$p: $!\n";
        push @todo, map { "$p/$_" } sort grep { !/^\.\.?$/ } readdir $d;
        closedir $d;
    } elsif (-f $p && $p ne $self) {
        push @files, $p;
    }
}

my ($n, $nfiles) = (0, 0);
for my $f (@files) {
    open my $in, "<", $f or die "$f: $!\n";
    local $/;
    my $text = <$in>;
    close $in;
    next if index(substr($text, 0, 8192), "\0") >= 0;   # binary
    my $found = 0;
    while ($text =~ /$cite/g) {
        my ($at, $list) = ($-[0], $1);
        my $line = 1 + (substr($text, 0, $at) =~ tr/\n//);
        my @nums;
        my $prev;
        while ($list =~ /($dash)?[ \t]*$item/g) {
            my ($range, $num) = ($1, $2);
            if ($range && defined $prev && $prev =~ /^\d+$/ && $num =~ /^\d+$/) {
                push @nums, $prev + 1 .. $num;   # a range: every section in it
            } else {
                push @nums, $num;
            }
            $prev = $num;
        }
        (my $shown = $list) =~ s/\s+/ /g;
        for my $num (@nums) {
            $n++;
            $found = 1;
            next if $have{$num};
            print "$f:$line: theory.md $shown: no heading $sect$num in $theory\n";
            $bad++;
        }
    }
    $nfiles += $found;
}
if ($bad) {
    exit 1;
}
print "check-theory-refs.sh: $n citations of theory.md in $nfiles files, all resolve\n";
exit 0;
'

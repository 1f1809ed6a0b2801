#!/usr/bin/env bash
# Writes the installable g_assistant_connector module for one Odoo series:
#
#   odoo-addon/package.sh 17.0|18.0|19.0 OUTDIR    ->  OUTDIR/g_assistant_connector
#
# g_assistant_connector/ beside this script is the one source, written for the newest series
# (19.0). What differs between series in Python is decided at run time where the code meets it
# (models.Constraint, the cron's numbercall, test helpers); what Odoo reads as data before any
# code runs is rewritten here:
#   - the manifest version starts with the series (Odoo refuses another series' version);
#   - 17.0 names list views <tree> and the view mode "tree" (18.0 renamed them <list> and
#     refuses <tree>);
#   - 17.0's kanban cards are a "kanban-box" template whose root element opens the record
#     (18.0 has the "card" template, 19.0 only that): the source closes each card template
#     with the comment <!-- end of card --> so its end can be found here.
set -euo pipefail

usage() { echo "usage: $0 17.0|18.0|19.0 OUTDIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
series=$1
out=$2
case "$series" in 17.0|18.0|19.0) ;; *) usage ;; esac

source_dir="$(cd "$(dirname "$0")" && pwd)/g_assistant_connector"
module="$out/g_assistant_connector"
rm -rf "$module"
mkdir -p "$module"
tar -C "$source_dir" --exclude=__pycache__ --exclude='*.pyc' -cf - . | tar -C "$module" -xf -

manifest="$module/__manifest__.py"
sed -i -E "s/^(\s*\"version\": \")19\.0\./\1$series./" "$manifest"
grep -qE "^\s*\"version\": \"$series\.[0-9]+\.[0-9]+\.[0-9]+\"," "$manifest" \
  || { echo "$0: could not set the $series version in $manifest" >&2; exit 1; }

if [ "$series" = 17.0 ]; then
  for view in "$module"/views/*.xml "$module"/wizards/*.xml; do
    sed -i -E 's/<list([ >])/<tree\1/g; s#</list>#</tree>#g; s#(<field name="view_mode">)list([,<])#\1tree\2#g' "$view"
    sed -i -E 's#<t t-name="card">#<t t-name="kanban-box"><div class="oe_kanban_global_click">#; s#</t><!-- end of card -->#</div></t>#' "$view"
  done
fi

echo "$module"

#!/usr/bin/env bash
# The layers of ARCHITECTURE.md, checked in the source: each lib/ module
# includes only the modules it links (directly or through them), SQLite
# stays inside lib/store, nothing above lib/store names a SQLite type, and
# no layer reaches another through a dynamic_cast (the backend seam is
# interfaces only: lib/store/backend.hpp).
src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
source "$(dirname "$0")/lib.sh" # changes to a temporary directory
[ -d "$src/lib/store" ] || { echo "no sources at '$src'" >&2; exit 1; }

# Module -> the modules its sources may include (the transitive closure of
# target_link_libraries in lib/<module>/CMakeLists.txt).
declare -A allowed=(
  [util]="util"
  [model]="model util"
  [sla]="sla model util"
  [config]="config sla model util"
  [io]="io model util"
  [store]="store model util"
  [report]="report store model util"
  [mail]="mail util"
  [ops]="ops store config io mail sla model util"
  [hooks]="hooks ops store config io mail sla model util"
)
for module in "${!allowed[@]}"; do
  used=$(grep -rhoE '#include "lib/[a-z_]+/' "$src/lib/$module" | sed -E 's|#include "lib/||; s|/$||' | sort -u)
  for dep in $used; do
    case " ${allowed[$module]} " in
      *" $dep "*) ;;
      *) fail "lib/$module includes lib/$dep, which it does not link (ARCHITECTURE.md, The layers)" ;;
    esac
  done
done

# A new lib/ folder needs a row above (and in ARCHITECTURE.md).
for dir in "$src"/lib/*/; do
  module=$(basename "$dir")
  [ -n "${allowed[$module]:-}" ] || fail "lib/$module is not in the layer table of tests/cli/layers.sh"
done

found=$(grep -rln 'dynamic_cast' "$src/lib" "$src/cmd")
expect_eq "$found" "" "files in lib/ or cmd/ with a dynamic_cast"

found=$(grep -rlE '#include <sqlite3\.h>' "$src/lib" "$src/cmd" | grep -v "^$src/lib/store/")
expect_eq "$found" "" "files outside lib/store that include sqlite3.h"

# Above lib/store, a store is reached through the interfaces only.
found=$(grep -rlE '#include "lib/store/(sqlite_[a-z_]+|database|statement|schema|writer_queue)\.hpp"' \
          "$src/lib" "$src/cmd" | grep -v "^$src/lib/store/")
expect_eq "$found" "" "files outside lib/store that include a SQLite backend header"

finish

#pragma once

// The built-in defaults: the first configuration layer, shown with the
// origin "(default)". Every file layer overrides it key by key, except that
// a file defining [groups.*] (or [agents.*]) replaces these groups as a
// whole; so does a file defining [sla.policies.*] for the built-in SLA
// policy. The table itself is in defaults.cpp. Keep docs/config.md and
// examples/config.toml in step.

#include "lib/config/layer.hpp"

namespace sdesk::config::detail {

// The defaults as the tree a parsed TOML layer gives (parse_layer): keys,
// dotted paths, types and "(default)" origins, tables sorted by key. Built
// from C++ values rather than parsed from TOML text, because parsing and
// converting that text cost every command about 0.3M instructions (a tenth
// of `sdesk open`; bench/README.md). tests/unit/config/defaults_test.cpp
// checks that the tree is what its TOML rendering parses to.
Value defaults();

} // namespace sdesk::config::detail

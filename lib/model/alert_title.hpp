#pragma once

// Title templates of monitoring events ([events.sources.NAME] title):
// "{{labels.alertname}} on {{labels.instance}}". Placeholders:
// {{labels.NAME}}, {{annotations.NAME}}, {{source}}, {{key}}, {{severity}},
// {{summary}}; a label or annotation the alert lacks renders empty.

#include "lib/model/alert.hpp"

#include <string>
#include <string_view>

namespace sdesk::model {

// Checks that `text` is a template: every "{{" closed by "}}" around a known
// placeholder. Throws Error(usage) "unknown placeholder '{{x}}' (accepted:
// ...)" or "unclosed '{{'" otherwise.
void check_title_template(std::string_view text);

// `text` with its placeholders replaced by `alert`'s values, on one line
// (line breaks in values become spaces), surrounding blanks trimmed. Throws
// as check_title_template.
std::string render_title(std::string_view text, const Alert& alert);

} // namespace sdesk::model

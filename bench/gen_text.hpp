#pragma once

// Word pools for the benchmark store generator: who works and asks, what
// tickets are about, and what people write. Names match the default config
// (groups service-desk, second-line, third-line; any agent, category and
// service are accepted while the config lists none).

#include <array>
#include <string_view>

namespace sdesk::bench::text {

using std::string_view_literals::operator""sv;

inline constexpr std::array k_groups{"service-desk"sv, "second-line"sv, "third-line"sv};

// 20 agents: the first 10 work the service desk, the next 6 second line,
// the last 4 third line.
inline constexpr std::array k_agents{
  "amara"sv, "bruno"sv, "chen"sv,  "dana"sv,  "elif"sv,   "farid"sv, "grace"sv,
  "hiro"sv,  "ines"sv,  "jonas"sv, "kofi"sv,  "lena"sv,   "mateo"sv, "nadia"sv,
  "omar"sv,  "priya"sv, "quinn"sv, "rosa"sv,  "sven"sv,   "tariq"sv,
};
inline constexpr std::array<std::size_t, 4> k_group_first_agent{0, 10, 16, 20};

// Requesters are first.last from these (50 x 60 = 3,000 people).
inline constexpr std::array k_first_names{
  "anna"sv,   "ben"sv,    "carla"sv, "david"sv,  "emma"sv,   "felix"sv, "gina"sv,   "hugo"sv,
  "ida"sv,    "jan"sv,    "karin"sv, "luis"sv,   "maria"sv,  "nils"sv,  "olga"sv,   "paul"sv,
  "rita"sv,   "sam"sv,    "tina"sv,  "uwe"sv,    "vera"sv,   "will"sv,  "xenia"sv,  "yusuf"sv,
  "zoe"sv,    "adam"sv,   "beth"sv,  "carl"sv,   "diana"sv,  "erik"sv,  "fatima"sv, "georg"sv,
  "hanna"sv,  "igor"sv,   "julia"sv, "kai"sv,    "laura"sv,  "marc"sv,  "nora"sv,   "oscar"sv,
  "petra"sv,  "raj"sv,    "sofia"sv, "tom"sv,    "ulla"sv,   "victor"sv, "wanda"sv, "yara"sv,
  "aiko"sv,   "bilal"sv,
};
inline constexpr std::array k_last_names{
  "meyer"sv,  "garcia"sv, "smith"sv,  "novak"sv,  "rossi"sv,   "kim"sv,    "nguyen"sv, "silva"sv,
  "jansen"sv, "dubois"sv, "schmidt"sv, "lopez"sv, "kowalski"sv, "berg"sv,  "ivanova"sv, "khan"sv,
  "tanaka"sv, "murphy"sv, "weber"sv,  "costa"sv,  "moreau"sv,  "fischer"sv, "ali"sv,   "wagner"sv,
  "becker"sv, "hoffmann"sv, "santos"sv, "patel"sv, "olsen"sv,  "brown"sv,  "lee"sv,    "martin"sv,
  "keller"sv, "bauer"sv,  "koch"sv,   "richter"sv, "klein"sv,  "wolf"sv,   "neumann"sv, "schwarz"sv,
  "zimmer"sv, "braun"sv,  "hartmann"sv, "lange"sv, "werner"sv, "krause"sv, "lehmann"sv, "kaiser"sv,
  "fuchs"sv,  "peters"sv, "scholz"sv, "moller"sv, "weiss"sv,  "jung"sv,   "hahn"sv,   "vogel"sv,
  "friedrich"sv, "roth"sv, "beck"sv,  "lorenz"sv,
};

// 30 categories, each with the service it usually concerns (index into
// k_services) and what a title calls the thing.
struct Category {
  std::string_view name;
  std::size_t service;
  std::string_view subject;
};
inline constexpr std::array k_services{
  "email"sv,    "vpn"sv,      "erp"sv,      "crm"sv,    "intranet"sv, "file-storage"sv,
  "telephony"sv, "identity"sv, "printing"sv, "wifi"sv,   "hr-portal"sv, "website"sv,
  "backup"sv,   "database"sv, "workstation"sv,
};
inline constexpr std::array k_categories{
  Category{"password-reset", 7, "Password"},       Category{"account-lockout", 7, "Account"},
  Category{"access-request", 7, "Access rights"},  Category{"email", 0, "Outlook"},
  Category{"calendar", 0, "Shared calendar"},      Category{"mailing-list", 0, "Distribution list"},
  Category{"vpn", 1, "VPN connection"},            Category{"wifi", 9, "Wi-Fi"},
  Category{"network", 9, "Network drive"},         Category{"printer", 8, "Printer"},
  Category{"scanner", 8, "Scanner"},               Category{"laptop", 14, "Laptop"},
  Category{"desktop", 14, "Desktop PC"},           Category{"monitor", 14, "Monitor"},
  Category{"phone", 6, "Desk phone"},              Category{"mobile-device", 6, "Mobile phone"},
  Category{"software-install", 14, "Software"},    Category{"software-license", 14, "Licence"},
  Category{"os-update", 14, "Windows update"},     Category{"antivirus", 14, "Antivirus"},
  Category{"security-incident", 7, "Suspicious email"}, Category{"file-share", 5, "File share"},
  Category{"backup-restore", 12, "Restore"},       Category{"database", 13, "Database"},
  Category{"erp", 2, "ERP"},                       Category{"crm", 3, "CRM"},
  Category{"website", 11, "Website"},              Category{"intranet", 4, "Intranet"},
  Category{"onboarding", 10, "New starter"},       Category{"offboarding", 10, "Leaver"},
};

inline constexpr std::array k_symptoms{
  "not working"sv,          "very slow"sv,           "keeps disconnecting"sv, "shows an error"sv,
  "cannot log in"sv,        "stopped after update"sv, "intermittent failures"sv, "missing"sv,
  "not syncing"sv,          "times out"sv,           "access denied"sv,       "crashes on start"sv,
};
inline constexpr std::array k_request_phrases{
  "please set up"sv, "needed for new starter"sv, "access request"sv, "please replace"sv,
  "need a second one"sv, "please extend"sv, "install request"sv, "please remove"sv,
};
inline constexpr std::array k_places{
  "room 2.14"sv, "floor 3"sv, "Berlin office"sv, "Lyon office"sv, "Austin office"sv,
  "home office"sv, "meeting room Orion"sv, "reception"sv, "warehouse"sv, "lab 1"sv,
};

inline constexpr std::array k_descriptions{
  "Started this morning, colleagues in the same team see it too."sv,
  "I restarted twice, it did not help."sv,
  "Error message: \"The operation could not be completed (0x80070005)\"."sv,
  "It worked yesterday. Nothing was changed on my side as far as I know."sv,
  "Please call me on my mobile, I am not at my desk today."sv,
  "This blocks the month-end closing, please treat as soon as possible."sv,
  "Screenshot attached to the original email."sv,
  "Only happens when connected from home."sv,
  "Manager approval: yes (see email thread)."sv,
  "Happens about once an hour, for a few minutes each time."sv,
};

inline constexpr std::array k_agent_comments{
  "Called the user, reproduced the issue."sv,
  "Checked the logs, nothing obvious yet."sv,
  "Remote session done, collecting more details."sv,
  "Asked the user for a screenshot of the error."sv,
  "Known issue, applying the documented workaround."sv,
  "Cleared the local cache and re-synced the profile."sv,
  "Waiting for the maintenance window tonight."sv,
  "Spoke with the team lead, priority confirmed."sv,
  "Replaced the cable, monitoring."sv,
  "Permissions updated, please try again."sv,
};
inline constexpr std::array k_requester_comments{
  "Still happening, please have a look."sv,
  "Thanks, I will try that."sv,
  "Any update on this?"sv,
  "It works again on my side."sv,
  "Here is the screenshot you asked for."sv,
  "I will be out of office until Monday."sv,
};
inline constexpr std::array k_pending_reasons{
  "waiting for the user's reply"sv, "waiting for the vendor"sv, "waiting for a spare part"sv,
  "waiting for manager approval"sv, "appointment scheduled with the user"sv,
};
inline constexpr std::array k_escalation_reasons{
  "needs server access"sv, "beyond first-line scope"sv, "affects several users"sv,
  "needs a code change"sv, "vendor ticket required"sv,
};
inline constexpr std::array k_reopen_reasons{
  "the problem came back"sv, "fix did not work for me"sv, "only partially solved"sv,
};

// resolution codes from the default config, with how often each is used
inline constexpr std::array k_resolution_codes{
  "fixed"sv, "workaround"sv, "duplicate"sv, "no-fault"sv, "user-error"sv, "cancelled"sv,
};
inline constexpr std::array k_resolution_weights{55.0, 15.0, 5.0, 8.0, 12.0, 5.0};
inline constexpr std::array k_resolution_notes{
  "Reset the password and confirmed login."sv, "Reinstalled the client."sv,
  "Driver updated."sv, "Hardware replaced under warranty."sv, "Access granted."sv,
  "Restarted the service."sv, "Configuration corrected."sv, "Explained the procedure to the user."sv,
  "Restored from last night's backup."sv, "Vendor patch applied."sv,
};

inline constexpr std::array k_tags{
  "vip"sv,      "outage"sv,   "security"sv, "hardware"sv,  "software"sv,   "onboarding"sv,
  "remote"sv,   "berlin"sv,   "lyon"sv,     "austin"sv,    "recurring"sv,  "known-error"sv,
  "vendor"sv,   "major-incident"sv, "audit"sv, "gdpr"sv,     "training"sv,   "warranty"sv,
  "mobile"sv,   "after-hours"sv,
};

} // namespace sdesk::bench::text

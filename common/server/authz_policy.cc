#include "common/server/authz_policy.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace huiwu::server {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

absl::Status Invalid(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("authorization policy: ", what));
}

// A list of strings at `key` of `object` (missing: empty).
absl::StatusOr<std::vector<std::string>> Strings(const Struct& object, const std::string& key,
                                                 absl::string_view where) {
  std::vector<std::string> out;
  const auto it = object.fields().find(key);
  if (it == object.fields().end()) return out;
  if (!it->second.has_list_value()) return Invalid(absl::StrCat(where, ".", key, " is not a list"));
  for (const Value& value : it->second.list_value().values()) {
    if (!value.has_string_value() || value.string_value().empty()) {
      return Invalid(absl::StrCat(where, ".", key, " holds a value that is not a string"));
    }
    out.push_back(value.string_value());
  }
  return out;
}

}  // namespace

bool MatchesPolicyPattern(absl::string_view pattern, absl::string_view value) {
  if (pattern == "*") return !value.empty();
  if (pattern.size() > 1 && pattern.back() == '*') {
    return absl::StartsWith(value, pattern.substr(0, pattern.size() - 1));
  }
  if (pattern.size() > 1 && pattern.front() == '*') {
    return absl::EndsWith(value, pattern.substr(1));
  }
  return pattern == value;
}

absl::StatusOr<AuthzPolicy> AuthzPolicy::Parse(absl::string_view json) {
  Struct root;
  const auto parsed = google::protobuf::util::JsonStringToMessage(std::string(json), &root);
  if (!parsed.ok()) return Invalid(absl::StrCat("not JSON: ", parsed.message().as_string()));
  AuthzPolicy policy;
  const auto name = root.fields().find("name");
  if (name == root.fields().end() || !name->second.has_string_value() ||
      name->second.string_value().empty()) {
    return Invalid("\"name\" is missing");
  }
  policy.name_ = name->second.string_value();
  for (const auto& [key, _] : root.fields()) {
    if (key != "name" && key != "deny_rules" && key != "allow_rules") {
      return Invalid(absl::StrCat("unknown field \"", key, "\""));
    }
  }
  for (const char* list : {"deny_rules", "allow_rules"}) {
    const auto rules = root.fields().find(list);
    if (rules == root.fields().end()) continue;
    if (!rules->second.has_list_value()) return Invalid(absl::StrCat(list, " is not a list"));
    int index = 0;
    for (const Value& value : rules->second.list_value().values()) {
      const std::string where = absl::StrCat(list, "[", index++, "]");
      if (!value.has_struct_value()) return Invalid(absl::StrCat(where, " is not an object"));
      const Struct& object = value.struct_value();
      Rule rule;
      const auto rule_name = object.fields().find("name");
      if (rule_name == object.fields().end() || !rule_name->second.has_string_value()) {
        return Invalid(absl::StrCat(where, " has no name"));
      }
      rule.name = rule_name->second.string_value();
      for (const auto& [key, field] : object.fields()) {
        if (key == "name") continue;
        if (key != "source" && key != "request") {
          return Invalid(absl::StrCat(where, ": unknown field \"", key, "\""));
        }
        if (!field.has_struct_value())
          return Invalid(absl::StrCat(where, ".", key, " is not an object"));
        for (const auto& [inner, _] : field.struct_value().fields()) {
          if (key == "source" && inner != "principals") {
            return Invalid(absl::StrCat(where, ".source: unknown field \"", inner, "\""));
          }
          if (key == "request" && inner != "paths") {
            // headers included: applying a rule without its header condition would
            // admit more than the policy says.
            return Invalid(absl::StrCat(where, ".request.", inner, " is not supported"));
          }
        }
      }
      if (const auto source = object.fields().find("source"); source != object.fields().end()) {
        auto principals = Strings(source->second.struct_value(), "principals", where + ".source");
        if (!principals.ok()) return principals.status();
        rule.principals = *std::move(principals);
      }
      if (const auto request = object.fields().find("request"); request != object.fields().end()) {
        auto paths = Strings(request->second.struct_value(), "paths", where + ".request");
        if (!paths.ok()) return paths.status();
        rule.paths = *std::move(paths);
      }
      (absl::string_view(list) == "deny_rules" ? policy.deny_ : policy.allow_)
          .push_back(std::move(rule));
    }
  }
  if (policy.allow_.empty()) return Invalid("no allow_rules: every call would be refused");
  return policy;
}

bool AuthzPolicy::Matches(const Rule& rule, absl::string_view principal, absl::string_view path) {
  const auto any_of = [](const std::vector<std::string>& patterns, absl::string_view value) {
    return patterns.empty() ||
           std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return MatchesPolicyPattern(p, value); });
  };
  return any_of(rule.principals, principal) && any_of(rule.paths, path);
}

AuthzDecision AuthzPolicy::Evaluate(absl::string_view principal, absl::string_view path) const {
  AuthzDecision decision;
  for (const Rule& rule : deny_) {
    if (Matches(rule, principal, path)) {
      decision.rule = rule.name;
      return decision;
    }
  }
  for (const Rule& rule : allow_) {
    const bool path_matches =
        rule.paths.empty() ||
        std::any_of(rule.paths.begin(), rule.paths.end(),
                    [&](const std::string& p) { return MatchesPolicyPattern(p, path); });
    if (!path_matches) continue;
    if (!decision.allowed && Matches(rule, principal, path)) {
      decision.allowed = true;
      decision.rule = rule.name;
    }
    for (const std::string& p : rule.principals) {
      if (std::find(decision.allowed_principals.begin(), decision.allowed_principals.end(), p) ==
          decision.allowed_principals.end()) {
        decision.allowed_principals.push_back(p);
      }
    }
  }
  return decision;
}

}  // namespace huiwu::server

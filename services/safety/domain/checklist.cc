#include "services/safety/domain/checklist.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace huiwu::safety {
namespace {

const char* KindName(ItemKind kind) {
  switch (kind) {
    case ItemKind::kPassFail:
      return "passed";
    case ItemKind::kNumber:
      return "number";
    case ItemKind::kText:
      return "text";
    case ItemKind::kPhoto:
      return "photo_uri";
  }
  return "a value";
}

}  // namespace

bool SameContent(const ChecklistTemplate& a, const ChecklistTemplate& b) {
  return a.display_name == b.display_name && a.description == b.description && a.items == b.items;
}

bool CanFail(ItemKind kind) { return kind == ItemKind::kPassFail || kind == ItemKind::kNumber; }

absl::Status CheckAnswers(const ChecklistTemplate& revision, const std::vector<Answer>& answers) {
  std::map<std::string, const ChecklistItem*> items;
  for (const ChecklistItem& item : revision.items) items[item.item_id] = &item;
  std::map<std::string, int> seen;
  std::vector<FieldViolation> violations;
  for (size_t i = 0; i < answers.size(); ++i) {
    const std::string field = absl::StrCat("inspection.answers[", i, "]");
    const Answer& answer = answers[i];
    auto item = items.find(answer.item_id);
    if (item == items.end()) {
      violations.push_back(
          {field + ".item_id", absl::StrCat("\"", answer.item_id, "\" is not an item of revision ",
                                            revision.revision, " of the template")});
      continue;
    }
    if (!seen.emplace(answer.item_id, static_cast<int>(i)).second) {
      violations.push_back({field + ".item_id", "answered twice; answer each item once"});
      continue;
    }
    if (answer.kind != item->second->kind) {
      violations.push_back({field, absl::StrCat("item \"", answer.item_id, "\" takes ",
                                                KindName(item->second->kind))});
    }
  }
  for (const ChecklistItem& item : revision.items) {
    if (!seen.contains(item.item_id)) {
      violations.push_back(
          {"inspection.answers", absl::StrCat("item \"", item.item_id, "\" (", item.title,
                                              ") is not answered; answer every item")});
    }
  }
  if (violations.empty()) return absl::OkStatus();
  return InvalidFieldsError(violations);
}

bool Fails(const ChecklistItem& item, const Answer& answer) {
  switch (item.kind) {
    case ItemKind::kPassFail:
      return !answer.passed;
    case ItemKind::kNumber:
      return answer.number < item.min_value || answer.number > item.max_value;
    case ItemKind::kText:
    case ItemKind::kPhoto:
      return false;
  }
  return false;
}

std::vector<FailedItem> FailedItems(const ChecklistTemplate& revision,
                                    const std::vector<Answer>& answers, const Place& place,
                                    const std::string& inspector) {
  std::map<std::string, const Answer*> by_item;
  for (const Answer& answer : answers) by_item[answer.item_id] = &answer;
  std::vector<FailedItem> failed;
  for (const ChecklistItem& item : revision.items) {
    auto answer = by_item.find(item.item_id);
    if (answer == by_item.end() || !Fails(item, *answer->second)) continue;
    FailedItem f;
    f.item_id = item.item_id;
    f.hazard.kind = item.failure_hazard_kind;
    f.hazard.severity = item.failure_severity;
    f.hazard.place = place;
    f.hazard.reporter = inspector;
    f.hazard.description =
        item.kind == ItemKind::kNumber
            ? absl::StrCat(item.title, ": ", answer->second->number, item.unit, " outside ",
                           item.min_value, "–", item.max_value, item.unit)
            : absl::StrCat(item.title, ": failed");
    failed.push_back(std::move(f));
  }
  return failed;
}

}  // namespace huiwu::safety

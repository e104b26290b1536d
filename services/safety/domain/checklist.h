// Checklists (检查表) and inspections: what a template asks, how an answer is judged,
// and which failed item opens which hazard. Values match the proto enums.
#ifndef HUIWU_SERVICES_SAFETY_DOMAIN_CHECKLIST_H_
#define HUIWU_SERVICES_SAFETY_DOMAIN_CHECKLIST_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/safety/domain/hazard.h"
#include "services/safety/domain/place.h"

namespace huiwu::safety {

enum class ItemKind { kPassFail = 1, kNumber, kText, kPhoto };

struct ChecklistItem {
  std::string item_id;
  std::string title;
  ItemKind kind = ItemKind::kPassFail;
  double min_value = 0;  // kNumber
  double max_value = 0;
  std::string unit;
  Severity failure_severity = Severity::kLow;  // kPassFail, kNumber
  HazardKind failure_hazard_kind = HazardKind::kFire;

  bool operator==(const ChecklistItem&) const = default;
};

// A revision of a template. A change of content makes a new revision; past inspections
// keep the revision they answered.
struct ChecklistTemplate {
  std::string id;
  std::string display_name;
  std::string description;
  std::vector<ChecklistItem> items;
  int revision = 0;
  absl::Time create_time;
};

// Whether two templates ask the same (names, texts and items); revision and time aside.
bool SameContent(const ChecklistTemplate& a, const ChecklistTemplate& b);

// Whether items of this kind can fail (and so open a hazard).
bool CanFail(ItemKind kind);

struct Answer {
  std::string item_id;
  ItemKind kind = ItemKind::kPassFail;  // the kind of value given
  bool passed = false;
  double number = 0;
  std::string text;  // kText, kPhoto (the URI)
};

// A failed item of an inspection and the hazard it opens.
struct FailedItem {
  std::string item_id;
  Hazard hazard;  // kind, severity, place, description and reporter set
};

struct Inspection {
  std::string id;
  std::string template_id;
  int template_revision = 0;
  Place place;
  std::string task_id;  // empty: not for a task
  std::string inspector;
  std::string supervisor;
  std::vector<Answer> answers;  // in template order once judged
  std::vector<std::string> failed_items;
  std::vector<std::string> hazard_ids;
  int submission = 0;
  absl::Time submit_time;
};

// Checks `answers` against the revision: one per item, of the item's kind, no
// unknown or duplicate item. INVALID_ARGUMENT naming each bad `answers[i]`.
absl::Status CheckAnswers(const ChecklistTemplate& revision, const std::vector<Answer>& answers);

// Whether the answer fails its item: a PASS_FAIL answered failed, or a NUMBER outside
// [min_value, max_value].
bool Fails(const ChecklistItem& item, const Answer& answer);

// The failed items of checked answers, each with the hazard it opens at `place`,
// reported by the inspector, in template order.
std::vector<FailedItem> FailedItems(const ChecklistTemplate& revision,
                                    const std::vector<Answer>& answers, const Place& place,
                                    const std::string& inspector);

}  // namespace huiwu::safety

#endif  // HUIWU_SERVICES_SAFETY_DOMAIN_CHECKLIST_H_

// The safety demo data the run command loads (huiwuctl seed-safety): the built-in
// checklist templates, and an emergency plan per building.
#ifndef HUIWU_TOOLS_HUIWUCTL_SAFETY_SEED_H_
#define HUIWU_TOOLS_HUIWUCTL_SAFETY_SEED_H_

#include <string>
#include <vector>

#include "huiwu/safety/v1/safety_service.pb.h"

namespace huiwu::ctl {

struct TemplateSeed {
  std::string template_id;
  safety::v1::ChecklistTemplate checklist_template;
};

// The daily fire patrol, the pre- and post-meeting checks, the quarterly fire
// inspection and the disinfection record (一会一消毒).
std::vector<TemplateSeed> SeedTemplates();

// The buildings of the catalog (tools/huiwuctl/catalog_seed.cc), by id.
std::vector<std::string> SeedBuildingIds();

}  // namespace huiwu::ctl

#endif  // HUIWU_TOOLS_HUIWUCTL_SAFETY_SEED_H_

// Domain values back into API resources (domain → proto).
#ifndef HUIWU_SERVICES_INVENTORY_API_RESOURCES_H_
#define HUIWU_SERVICES_INVENTORY_API_RESOURCES_H_

#include "absl/time/time.h"
#include "huiwu/inventory/v1/inventory.pb.h"
#include "services/inventory/domain/types.h"

namespace huiwu::inventory {

void ToProto(const Item& item, v1::Item* out);
void ToProto(const Balance& balance, v1::Balance* out);
void ToProto(const Movement& movement, v1::Movement* out);
void ToProto(const KitTemplate& kit_template, v1::KitTemplate* out);
void ToProto(const Kit& kit, v1::Kit* out);
void ToProto(const Stocktake& stocktake, v1::Stocktake* out);
void ToProto(const ReplenishmentRequest& request, v1::ReplenishmentRequest* out);
// `now` decides whether the key is overdue.
void ToProto(const RoomKey& key, absl::Time now, v1::RoomKey* out);

}  // namespace huiwu::inventory

#endif  // HUIWU_SERVICES_INVENTORY_API_RESOURCES_H_

// Numbered material copies (保密文件编号发放、回收): requests validated into store
// commands, and the store's answers back into responses.
#ifndef HUIWU_SERVICES_BOOKING_API_MATERIAL_COPY_REQUESTS_H_
#define HUIWU_SERVICES_BOOKING_API_MATERIAL_COPY_REQUESTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "huiwu/booking/v1/material_copies.pb.h"
#include "services/booking/domain/material_copies.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

struct IssueMaterialCopyCommand {
  MaterialCopy copy;  // meeting_id, number, holder, holder_unit
  std::string request_id;
};

// A recovery or write-off of one copy.
struct CloseMaterialCopyCommand {
  std::string meeting_id;
  std::string number;
  std::string reason;  // write-off only
};

absl::StatusOr<IssueMaterialCopyCommand> ParseIssueMaterialCopy(
    const v1::IssueMaterialCopyRequest& request);
absl::StatusOr<CloseMaterialCopyCommand> ParseRecoverMaterialCopy(
    const v1::RecoverMaterialCopyRequest& request);
absl::StatusOr<CloseMaterialCopyCommand> ParseWriteOffMaterialCopy(
    const v1::WriteOffMaterialCopyRequest& request);
// The meeting id.
absl::StatusOr<std::string> ParseListMaterialCopies(const v1::ListMaterialCopiesRequest& request);

void ToProto(const MaterialCopy& copy, v1::MaterialCopy* out);
void ToProto(const MaterialCopyList& list, v1::ListMaterialCopiesResponse* out);

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_API_MATERIAL_COPY_REQUESTS_H_

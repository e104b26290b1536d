// The gRPC handlers of huiwu.booking.v1.BookingService: validate, call the store,
// map the result. The center's rules live in domain/, all SQL in store/.
#ifndef HUIWU_SERVICES_BOOKING_BOOKING_SERVICE_H_
#define HUIWU_SERVICES_BOOKING_BOOKING_SERVICE_H_

#include "common/time/clock.h"
#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "services/booking/store/booking_store.h"

namespace huiwu::booking {

inline constexpr char kErrorDomain[] = "booking.huiwu";

class BookingService final : public v1::BookingService::Service {
 public:
  BookingService(db::ConnectionPool& pool, const Clock& clock) : store_(pool), clock_(clock) {}

  grpc::Status CreateBuilding(grpc::ServerContext* context, const v1::CreateBuildingRequest* request,
                              v1::CreateBuildingResponse* response) override;
  grpc::Status GetBuilding(grpc::ServerContext* context, const v1::GetBuildingRequest* request,
                           v1::GetBuildingResponse* response) override;
  grpc::Status ListBuildings(grpc::ServerContext* context, const v1::ListBuildingsRequest* request,
                             v1::ListBuildingsResponse* response) override;
  grpc::Status CreateRoom(grpc::ServerContext* context, const v1::CreateRoomRequest* request,
                          v1::CreateRoomResponse* response) override;
  grpc::Status GetRoom(grpc::ServerContext* context, const v1::GetRoomRequest* request,
                       v1::GetRoomResponse* response) override;
  grpc::Status ListRooms(grpc::ServerContext* context, const v1::ListRoomsRequest* request,
                         v1::ListRoomsResponse* response) override;
  grpc::Status UpdateRoom(grpc::ServerContext* context, const v1::UpdateRoomRequest* request,
                          v1::UpdateRoomResponse* response) override;
  grpc::Status DeleteRoom(grpc::ServerContext* context, const v1::DeleteRoomRequest* request,
                          v1::DeleteRoomResponse* response) override;

 private:
  BookingStore store_;
  const Clock& clock_;
};

}  // namespace huiwu::booking

#endif  // HUIWU_SERVICES_BOOKING_BOOKING_SERVICE_H_

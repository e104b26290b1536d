// Building blocks of catalog requests for the booking tests.
#ifndef HUIWU_TESTS_BOOKING_CATALOG_TEST_UTIL_H_
#define HUIWU_TESTS_BOOKING_CATALOG_TEST_UTIL_H_

#include <string>

#include "huiwu/booking/v1/booking_service.grpc.pb.h"
#include "tests/support/booking_fixture.h"

namespace huiwu::testing {

inline booking::v1::Room SampleRoom(const std::string& display_name, int capacity) {
  booking::v1::Room room;
  room.set_display_name(display_name);
  room.set_floor(3);
  room.set_capacity(capacity);
  room.add_seating_layouts(booking::v1::SEATING_LAYOUT_BOARDROOM);
  room.add_equipment(booking::v1::EQUIPMENT_PROJECTOR);
  room.add_equipment(booking::v1::EQUIPMENT_MICROPHONES);
  room.set_default_setup_minutes(30);
  room.set_default_cleanup_minutes(30);
  return room;
}

inline grpc::Status CreateBuilding(booking::v1::BookingService::Stub& stub, const std::string& id,
                                   const std::string& display_name) {
  booking::v1::CreateBuildingRequest request;
  request.set_building_id(id);
  request.mutable_building()->set_display_name(display_name);
  booking::v1::CreateBuildingResponse response;
  return stub.CreateBuilding(CallContext().get(), request, &response);
}

inline grpc::Status CreateRoom(booking::v1::BookingService::Stub& stub, const std::string& building,
                               const std::string& room_id, const booking::v1::Room& room,
                               booking::v1::Room* created = nullptr,
                               const std::string& request_id = "") {
  booking::v1::CreateRoomRequest request;
  request.set_parent("buildings/" + building);
  request.set_room_id(room_id);
  *request.mutable_room() = room;
  request.set_request_id(request_id);
  booking::v1::CreateRoomResponse response;
  grpc::Status status = stub.CreateRoom(CallContext().get(), request, &response);
  if (created != nullptr) *created = response.room();
  return status;
}

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_BOOKING_CATALOG_TEST_UTIL_H_

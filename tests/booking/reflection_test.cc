// Server reflection answers, so grpcurl and other generic clients need no proto files.
// The request and reply are read as raw protobuf wire data (Debian ships no reflection
// headers), which is also what a generic client does.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "tests/support/booking_fixture.h"

namespace huiwu::testing {
namespace {

using ::google::protobuf::UnknownFieldSet;
using ::testing::IsSupersetOf;

// ServerReflectionRequest field numbers (grpc/reflection/v1alpha/reflection.proto).
constexpr int kFileContainingSymbol = 4;
constexpr int kListServices = 7;
// ServerReflectionResponse.
constexpr int kFileDescriptorResponse = 4;
constexpr int kListServicesResponse = 6;

// A length-delimited field: tag, length, bytes (lengths here stay below 128).
std::string LengthDelimited(int field, const std::string& value) {
  return std::string(1, static_cast<char>(field << 3 | 2)) +
         std::string(1, static_cast<char>(value.size())) + value;
}

// Sends one request on a ServerReflectionInfo stream and returns the one reply.
std::string Reflect(const std::shared_ptr<grpc::Channel>& channel, const std::string& request) {
  grpc::CompletionQueue queue;
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &queue);
  auto step = [&](intptr_t expected) {
    void* tag = nullptr;
    bool ok = false;
    EXPECT_TRUE(queue.Next(&tag, &ok));
    EXPECT_EQ(reinterpret_cast<intptr_t>(tag), expected);
    return ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  EXPECT_TRUE(step(1));
  grpc::Slice slice(request);
  grpc::ByteBuffer out(&slice, 1);
  call->Write(out, reinterpret_cast<void*>(2));
  EXPECT_TRUE(step(2));
  grpc::ByteBuffer in;
  call->Read(&in, reinterpret_cast<void*>(3));
  EXPECT_TRUE(step(3));
  call->WritesDone(reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step(5);
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::vector<grpc::Slice> slices;
  EXPECT_TRUE(in.Dump(&slices).ok());
  std::string reply;
  for (const auto& s : slices) reply.append(reinterpret_cast<const char*>(s.begin()), s.size());
  queue.Shutdown();
  void* tag;
  bool ok;
  while (queue.Next(&tag, &ok)) {
  }
  return reply;
}

// The values of every length-delimited field `number` of `message`.
std::vector<std::string> Strings(const UnknownFieldSet& message, int number) {
  std::vector<std::string> values;
  for (int i = 0; i < message.field_count(); ++i) {
    if (message.field(i).number() == number &&
        message.field(i).type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      values.push_back(message.field(i).length_delimited());
    }
  }
  return values;
}

class ReflectionTest : public BookingFixture {};

TEST_F(ReflectionTest, ListsTheServicesAndDescribesTheApi) {
  auto channel = grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());

  UnknownFieldSet listed;
  ASSERT_TRUE(listed.ParseFromString(Reflect(channel, LengthDelimited(kListServices, "*"))));
  std::vector<std::string> names;
  for (const std::string& list : Strings(listed, kListServicesResponse)) {
    UnknownFieldSet services;
    ASSERT_TRUE(services.ParseFromString(list));
    for (const std::string& service : Strings(services, 1)) {
      UnknownFieldSet entry;
      ASSERT_TRUE(entry.ParseFromString(service));
      for (const std::string& name : Strings(entry, 1)) names.push_back(name);
    }
  }
  EXPECT_THAT(names, IsSupersetOf({"huiwu.booking.v1.BookingService", "grpc.health.v1.Health"}));

  UnknownFieldSet described;
  ASSERT_TRUE(described.ParseFromString(
      Reflect(channel, LengthDelimited(kFileContainingSymbol, "huiwu.booking.v1.BookingService"))));
  const std::vector<std::string> files = Strings(described, kFileDescriptorResponse);
  ASSERT_EQ(files.size(), 1u) << "a file descriptor, not an error";
  EXPECT_NE(files[0].find("huiwu/booking/v1/booking_service.proto"), std::string::npos);
}

}  // namespace
}  // namespace huiwu::testing
